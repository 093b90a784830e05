"""The source revision printed on every handout page, and the time used for reproducible output.

Both come from the last commit: its short hash is printed on the page, and its commit
time becomes ``SOURCE_DATE_EPOCH`` so that two builds of one commit give identical bytes.
Outside git (a tarball, a test folder) the revision is ``None`` and the epoch is 0.
A working tree with uncommitted changes under ``modules/`` or ``overrides/`` gets a
``+`` after the hash: the page then honestly says it was not made from that commit alone.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Revision:
    short: str | None
    epoch: int


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def source_revision(root: Path) -> Revision:
    line = _git(root, "log", "-1", "--format=%h %ct", "--abbrev=7")
    if not line:
        return Revision(None, 0)
    short, _, epoch = line.partition(" ")
    dirty = _git(root, "status", "--porcelain", "--", "modules", "overrides")
    return Revision(short + ("+" if dirty else ""), int(epoch) if epoch.isdigit() else 0)
