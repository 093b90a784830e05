"""Every command in the code blocks of README.md and CONTRIBUTING.md runs as written, in order, in a fresh clone.

A volunteer copies these lines one by one. Each block runs in a clone of the work tree (the
``git clone`` of the walkthrough clones a local copy instead of GitHub, the only change made
to any line), with the venv ``make setup`` would have made. Commands that only read or that
change only the clone run for real (``make new``, ``make check``, ``git commit``, ``git push``
to the local origin...); the long ones (``make serve``, ``make build``, ``make test``...) run
in make's dry form (``make -n``), and a ``.venv/bin/kurikulum`` command that writes runs with
``--help``. A check that finds mistakes works when its last line is the summary.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from .make_repo import REPO, code_blocks, commands, copy_work_tree, git_env, ready, work_tree_files

DOCS = ("README.md", "CONTRIBUTING.md")
COMMAND = re.compile(r"^\s*(\$ )?(make|git|cd|\.venv/|python|pip|kurikulum)\b")
DRY_TARGETS = {"serve", "build", "offline", "test", "bench", "bench-search", "check-handouts", "lint"}
WRITING = {"new", "translated", "reviewed", "add-language", "docs", "build", "serve"}
SUMMARY = re.compile(r"^\d+ (galat|errors), \d+ (peringatan|warnings)\.$")


@pytest.mark.parametrize("doc", DOCS)
def test_commands_are_only_in_shell_blocks(doc: str):
    """A command in an unmarked block would escape the test below."""
    hidden = [
        (start + offset, line)
        for info, start, lines in code_blocks(REPO / doc)
        if info not in ("sh", "bash", "console")
        for offset, line in enumerate(lines)
        if COMMAND.match(line)
    ]
    assert hidden == []
    assert commands(REPO / doc)


def test_the_docs_show_the_walkthrough_and_the_make_targets():
    shown = {" ".join(argv[:2]) for doc in DOCS for _, argv in commands(REPO / doc)}
    for expected in ("make setup", "make check", "git clone", "git push", "make reviewed", "make status"):
        assert expected in shown
    assert any(
        argv[:2] == ["make", "new"] and any(a.startswith("ID=") for a in argv) for _, argv in commands(REPO / "CONTRIBUTING.md")
    )


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare repository holding the work tree as it is (uncommitted changes too): the volunteer's fork."""
    base = tmp_path_factory.mktemp("origin")
    source = copy_work_tree(base / "source")
    env = git_env(base)
    files = work_tree_files()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=source, check=True, env=env)
    for start in range(0, len(files), 200):
        subprocess.run(["git", "add", "--", *files[start : start + 200]], cwd=source, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "fork"], cwd=source, check=True, env=env)
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(base / "origin.git")], check=True, env=env)
    return base / "origin.git"


def run_line(
    argv: list[str], cwd: Path, origin: Path, env: dict[str, str]
) -> tuple[Path, subprocess.CompletedProcess[str] | None]:
    """Run one documented command (or its dry form) in ``cwd``; return the folder the next one runs in."""
    if argv[0] == "cd":
        target = cwd / argv[1]
        assert target.is_dir(), argv
        return target, None
    if argv[:2] == ["git", "clone"]:
        assert argv[2].startswith("https://github.com/"), argv
        name = argv[3] if len(argv) > 3 else argv[2].rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
        result = subprocess.run(["git", "clone", "-q", str(origin), name], cwd=cwd, capture_output=True, text=True, env=env)
        ready(cwd / name)
        return cwd, result
    if not (cwd / "Makefile").exists():  # a block that assumes the repository: the clone it would be in
        if not (cwd / "ruang-hak").exists():
            subprocess.run(["git", "clone", "-q", str(origin), "ruang-hak"], cwd=cwd, check=True, env=env)
            ready(cwd / "ruang-hak")
        cwd = cwd / "ruang-hak"
    if argv[0] == "make":
        target = next((a for a in argv[1:] if "=" not in a and not a.startswith("-")), "")
        argv = ["make", "-n", *argv[1:]] if target in DRY_TARGETS else argv
    elif argv[0].startswith(".venv/bin/"):
        command = next((a for a in argv[1:] if not a.startswith("-")), "")
        argv = [*argv, "--help"] if command in WRITING else argv
    else:
        assert argv[0] == "git", f"no way to test {argv}: add one to {__file__}"
    return cwd, subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env)


@pytest.mark.parametrize("doc", DOCS)
def test_every_documented_command_runs_as_written(doc: str, origin: Path, tmp_path: Path):
    env = git_env(tmp_path)
    cwd = tmp_path
    ran = 0
    for line, argv in commands(REPO / doc):
        cwd, result = run_line(argv, cwd, origin, env)
        if result is None:
            continue
        ran += 1
        output = result.stdout + result.stderr
        where = f"{doc}:{line}: {shlex.join(argv)}\n{output[-2000:]}"
        assert "Traceback" not in output and "command not found" not in output and "No rule to make target" not in output, where
        if result.returncode != 0:  # only a check may fail, by finding mistakes, and then it says how many
            assert argv[0] == "make" and "check" in argv, where
            assert SUMMARY.match(result.stdout.rstrip("\n").splitlines()[-1]), where
    assert ran >= 3
