"""Translation state: each translation records a fingerprint of the source text it was made from."""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from pathlib import Path

from kurikulum.format.fields import FINGERPRINT_KEY
from kurikulum.format.source import read_text

FINGERPRINT_LINE = re.compile(rf"^{FINGERPRINT_KEY}:.*$", re.MULTILINE)


class State(StrEnum):
    SOURCE = "source"
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"


def fingerprint(text: str) -> str:
    """A short hash of the source text, insensitive to line endings, a BOM and trailing spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    normalised = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def worst(states: list[State]) -> State:
    for state in (State.MISSING, State.STALE):
        if state in states:
            return state
    return State.CURRENT


def record_fingerprint(source: Path, translation: Path) -> bool:
    """Write the source's fingerprint into the translation's front matter; True if it changed."""
    value = fingerprint(read_text(source))
    text = read_text(translation)
    line = f"{FINGERPRINT_KEY}: {value}"
    if FINGERPRINT_LINE.search(text):
        updated = FINGERPRINT_LINE.sub(line, text, count=1)
    elif text.startswith("---\n"):
        updated = text.replace("---\n", f"---\n{line}\n", 1)
    else:
        updated = f"---\n{line}\n---\n\n{text}"
    if updated != text:
        translation.write_text(updated, encoding="utf-8")
    return updated != text
