"""Translation state: each translation records a fingerprint of the Indonesian text it was made from."""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from pathlib import Path

from kurikulum.markdown_source import read_source

FINGERPRINT_KEY = "terjemahan_dari"
FINGERPRINT_LINE = re.compile(rf"^{FINGERPRINT_KEY}:.*$", re.MULTILINE)


class State(StrEnum):
    SOURCE = "source"
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"


def fingerprint(text: str) -> str:
    """A short hash of the source text, insensitive to line endings and trailing spaces."""
    normalised = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def worst(states: list[State]) -> State:
    for state in (State.MISSING, State.STALE):
        if state in states:
            return state
    return State.CURRENT


def record_fingerprint(source: Path, translation: Path) -> bool:
    """Write the source's fingerprint into the translation's front matter; True if it changed."""
    value = fingerprint(read_source(source))
    text = read_source(translation)
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
