"""Every rule the checker knows, with its severity.

The rule name is the finding's label and the anchor of its explanation in CONTRIBUTING.md;
its message and hint, in every language, are in the words files (``rules.<name>``).
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


E, W = Level.ERROR, Level.WARNING

RULES: dict[str, Level] = {
    # reading files
    "yaml-syntax": E,
    "front-matter": E,
    "not-a-file": E,
    "unreadable-file": E,
    "file-too-large": E,
    "not-utf8": E,
    "not-a-mapping": E,
    "not-a-list": E,
    "bad-language": E,
    # fields
    "required-field": E,
    "unknown-field": E,
    "duplicate-key": E,
    "not-indented": E,
    "wrong-type": E,
    "out-of-range": E,
    "bad-choice": E,
    "bad-date": E,
    "duplicate-id": E,
    "folder-name": E,
    # files and sections
    "missing-file": E,
    "missing-organisation-file": E,
    "missing-section": E,
    "unknown-section": E,
    "duplicate-section": E,
    "step-minutes": E,
    "no-steps": E,
    "minutes-sum": E,
    "short-session-minutes": E,
    "steps-mismatch": E,
    "objectives-count": E,
    "materials-item": E,
    "break-missing": E,
    "empty-section": E,
    "safety-note": E,
    # references
    "unknown-term": E,
    "unknown-help": E,
    "unknown-topic": E,
    # translations and freshness
    "missing-translation": W,
    "stale-translation": W,
    "wrong-language": W,
    "legal-basis-old": W,
    "review-outdated": W,
    "outdated-term": W,
    # the text itself
    "placeholder": E,
    "unsafe-markup": E,
    "personal-data": E,
    "image-alt": E,
    "image-missing": E,
    "image-size": E,
    "outside-module": E,
    "broken-link": E,
    # rendering
    "handout-pages": E,
    "internal-error": E,
}
