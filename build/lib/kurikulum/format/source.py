"""Reading a content file's text: one tolerant reader for every file kind.

Careless but honest input is accepted and gives the same text: a UTF-8 byte-order mark
is dropped, Windows (CRLF) and old Mac (CR) line ends become LF. Input that cannot be
content is refused with a reason the loader turns into a finding: a folder where a file
belongs, a file that cannot be read, a file too large to be a module text, bytes that are
not UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A module text is a few thousand words; a megabyte is a pasted PDF or an attack, not a session plan.
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Unreadable(Exception):
    """Why a file cannot be read as text: ``rule`` is the finding, ``line`` where, ``params`` its details."""

    rule: str
    line: int = 1
    params: tuple[tuple[str, object], ...] = ()


def normalise(text: str) -> str:
    """The text as every rule and renderer sees it: no BOM, LF line ends."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, normalised; raises :class:`Unreadable`."""
    if path.is_dir():
        raise Unreadable("not-a-file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable("file-too-large", params=(("size", size // 1024), ("limit", max_bytes // 1024)))
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable("unreadable-file", params=(("reason", error.strerror or type(error).__name__),)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Unreadable("not-utf8", line) from None
    return normalise(text)
