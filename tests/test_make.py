"""``make`` as a volunteer types it: values passed through as typed, the summary as the last line, no English noise."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .make_repo import REPO, commands, copy_work_tree, git_env


def make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=root, capture_output=True, text=True, env=git_env(root.parent)
    )


def last_line_of_golden(lang: str) -> str:
    """The summary the checker's golden report of the broken fixture ends with (one count to keep)."""
    return (Path(__file__).parent / "golden" / f"report.{lang}.txt").read_text(encoding="utf-8").rstrip("\n").splitlines()[-1]


@pytest.fixture(scope="module")
def broken_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_work_tree(tmp_path_factory.mktemp("broken") / "repo", FIXTURES / "broken" / "modules")


def test_a_failing_check_ends_with_the_summary_in_her_language_and_fails(broken_repo: Path):
    result = make(broken_repo, "check")
    # -13 here, 141 in a shell: make ended quietly by SIGPIPE, still a failure for CI and for `make check && ...`
    assert result.returncode == -13, result
    output = (result.stdout + result.stderr).rstrip("\n").splitlines()
    assert output[-1] == last_line_of_golden("id")
    assert not [line for line in output if line.startswith("make")], output[-3:]
    assert "Traceback" not in result.stdout + result.stderr


def test_check_in_english_on_request(broken_repo: Path):
    result = make(broken_repo, "check", "BAHASA=en")
    assert result.stdout.rstrip("\n").splitlines()[-1] == last_line_of_golden("en")


def test_a_clean_check_succeeds(tmp_path: Path):
    root = copy_work_tree(tmp_path / "repo", FIXTURES / "good" / "modules")
    result = make(root, "check")
    assert result.returncode == 0, result
    assert result.stdout.rstrip("\n").splitlines()[-1] == "0 galat, 0 peringatan."


def test_setup_says_it_is_ready_without_make_noise(broken_repo: Path):
    result = make(broken_repo, "setup")
    assert (result.returncode, result.stdout, result.stderr) == (0, "Siap / Ready: .venv/\n", "")


def test_new_takes_the_title_as_typed(tmp_path: Path):
    root = copy_work_tree(tmp_path / "repo", FIXTURES / "good" / "modules")
    title = 'Menabung: "bersama" $HOME & 100%'
    result = make(root, "new", "TOPIK=hukum", f"JUDUL={title}", "ID=hukum-menabung")
    assert result.returncode == 0, result
    trainer = root / "modules/hukum/hukum-menabung/pelatih.id.md"
    assert '"Menabung: \\"bersama\\" $HOME & 100%"' in trainer.read_text(encoding="utf-8")


def test_the_documented_new_module_checks_with_errors_only_in_her_files_and_the_summary_last(tmp_path: Path):
    """The walkthrough of CONTRIBUTING.md on the real curriculum: make new as documented, then make check."""
    documented = next(argv for _, argv in commands(REPO / "CONTRIBUTING.md") if argv[:2] == ["make", "new"])
    root = copy_work_tree(tmp_path / "repo")
    assert make(root, "check").returncode == 0  # the curriculum as it is: clean
    result = make(root, *documented[1:])
    assert result.returncode == 0, result
    module = next(a for a in documented if a.startswith("ID=")).removeprefix("ID=")
    check = make(root, "check")
    lines = check.stdout.splitlines()
    findings = [line for line in lines if line.startswith("modules/")]
    assert findings and all(f"/{module}" in line for line in findings)
    errors = [line for line in findings if "] galat:" in line]
    warnings = [line for line in findings if "] peringatan:" in line]
    assert errors and all(line.split(":", 1)[0].endswith((".id.md", "modul.yml")) for line in errors)
    assert warnings and all("[missing-translation]" in line for line in warnings)  # the English files: warnings only
    assert findings == errors + warnings  # her own mistakes first
    assert lines[-1] == f"{len(errors)} galat, {len(warnings)} peringatan."
    assert not check.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new",), "Sebutkan topik dan judul modul barunya"),
        (("new", "TOPIK=topik-a", "JUDUL=Judul", "ID=Bukan Kode"), "Kode modul 'Bukan Kode' tidak bisa dipakai"),
        (("translated",), "Sebutkan kode modul yang sudah diterjemahkan"),
        (("reviewed", "MODUL=bantuan-hukum"), "Tulis nama peninjau dan perannya"),
    ],
)
def test_an_incomplete_command_says_what_is_missing_in_indonesian(broken_repo: Path, args: tuple[str, ...], message: str):
    result = make(broken_repo, *args)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(("make", "usage:"))]


def test_a_mistyped_option_is_answered_in_indonesian(broken_repo: Path):
    result = subprocess.run(
        [str(broken_repo / ".venv/bin/kurikulum"), "check", "--bahasa", "en"], cwd=broken_repo, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Perintah 'kurikulum check' tidak mengenal '--bahasa en'.")
    assert "'.venv/bin/kurikulum check --help'" in result.stderr


def test_every_make_command_the_checker_and_the_tools_suggest_exists():
    """The hints and messages name make targets and variables that the Makefile has, in every language."""
    import re

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))
    variables = set(re.search(r"^VALUES := (.+)$", makefile, re.MULTILINE).group(1).split())
    suggested = []
    for path in sorted((REPO / "scripts/kurikulum/words").glob("*.yml")):
        for match in re.finditer(r"\bmake ([a-z-]+)((?: [A-Z]+=(?:\"[^\"]*\"|\S+))*)", path.read_text(encoding="utf-8")):
            suggested.append(match.group(1))
            assert match.group(1) in targets, (path.name, match.group(0))
            assert set(re.findall(r" ([A-Z]+)=", match.group(2))) <= variables, (path.name, match.group(0))
    assert {"check", "translated", "reviewed", "new"} <= set(suggested)
