"""A throwaway copy of the repository in which ``make`` targets run as a volunteer runs them, and the docs' commands.

The copy shares the work tree's ``.venv`` (a link) and its ``pyproject.toml`` is dated before
the venv's install stamp, so ``make setup`` finds everything installed, as it would after the
volunteer's own ``make setup``, without installing anything again.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAMP = REPO / ".venv" / ".installed-stamp"
FENCE = re.compile(r"^```(\w*)\s*$")


def work_tree_files() -> list[str]:
    """Every file of the work tree that git would commit (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


def copy_work_tree(target: Path, modules: Path | None = None) -> Path:
    """The work tree's files (``modules/`` from ``modules`` instead, when given) with the shared venv."""
    for name in work_tree_files():
        if modules is not None and name.startswith("modules/"):
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)
    if modules is not None:
        shutil.copytree(modules, target / "modules")
    return ready(target)


def ready(target: Path) -> Path:
    """Link the installed venv into a copy or clone and date its pyproject.toml before the install."""
    if not (target / ".venv").exists():
        (target / ".venv").symlink_to(REPO / ".venv")
    before = STAMP.stat().st_mtime - 60
    os.utime(target / "pyproject.toml", (before, before))
    return target


def git_env(home: Path) -> dict[str, str]:
    """An environment in which git commits without the machine's configuration, and no CI annotations."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "MAKE"))}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Relawan",
        GIT_AUTHOR_EMAIL="relawan@example.org",
        GIT_COMMITTER_NAME="Relawan",
        GIT_COMMITTER_EMAIL="relawan@example.org",
    )
    return env


def code_blocks(path: Path) -> list[tuple[str, int, list[str]]]:
    """``(info string, first line number, lines)`` of every fenced block of a Markdown file."""
    blocks, current, info, start = [], None, "", 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fence = FENCE.match(line)
        if fence and current is None:
            current, info, start = [], fence.group(1), number + 1
        elif line.startswith("```") and current is not None:
            blocks.append((info, start, current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def commands(path: Path) -> list[tuple[int, list[str]]]:
    """Each command of the shell blocks, as argv, with its line (comments and blank lines left out)."""
    found = []
    for info, start, lines in code_blocks(path):
        if info not in ("sh", "bash", "console"):
            continue
        for offset, line in enumerate(lines):
            argv = shlex.split(line.removeprefix("$ "), comments=True)
            if argv:
                found.append((start + offset, argv))
    return found
