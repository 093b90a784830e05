"""The source revision printed on every handout page, and the time used for reproducible output.

Both come from the last commit: its short hash is printed on the page, and its commit
time becomes ``SOURCE_DATE_EPOCH`` so that two builds of one commit give identical bytes.
Outside git (a tarball, a test folder) the revision is ``None`` and the epoch is 0.
A working tree with uncommitted changes under ``modules/`` or ``overrides/`` gets a
``+`` after the hash: the page then honestly says it was not made from that commit alone.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


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


_epoch_lock = threading.Lock()
_epoch_holders: list[str] = []  #: the values set by the contexts now open, oldest first
_epoch_before: list[str | None] = [None]  #: the variable as it was before the first of them


@contextmanager
def epoch_environment(epoch: int, outer_wins: bool = False) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set for the libraries that read it (MkDocs' sitemap, font subsetting), then restored.

    The preview renders handouts on a thread while the site is built on another, and both set
    the variable: the contexts open at a time are kept together, so the variable holds the
    newest one's value while any is open and goes back to what it was once all are closed
    (restoring a saved value on exit left one build's date behind for every later build).
    With ``outer_wins`` a value already set (by the caller's environment or an open context) is kept.
    """
    with _epoch_lock:
        current = os.environ.get(EPOCH_VARIABLE)
        if not _epoch_holders:
            _epoch_before[0] = current
        value = current if outer_wins and current is not None else str(epoch)
        _epoch_holders.append(value)
        os.environ[EPOCH_VARIABLE] = value
    try:
        yield
    finally:
        with _epoch_lock:
            _epoch_holders.remove(value)
            if _epoch_holders:
                os.environ[EPOCH_VARIABLE] = _epoch_holders[-1]
            elif _epoch_before[0] is None:
                os.environ.pop(EPOCH_VARIABLE, None)
            else:
                os.environ[EPOCH_VARIABLE] = _epoch_before[0]
