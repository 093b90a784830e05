"""The curriculum as plain data: topics, modules, their texts, glossary and help directory.

Nothing here knows about MkDocs; the site, the handouts and the catalog are all
derived from these objects.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Step:
    title: str
    minutes: int
    line: int
    body: str


@dataclass
class Section:
    key: str
    heading: str
    line: int
    body: str


@dataclass
class TrainerText:
    path: Path
    title: str
    summary: str
    sections: dict[str, Section]
    section_order: list[str]
    steps: list[Step]
    translated_from: str | None = None
    fingerprint: str = ""  # of this file's own text: what a translation of it records


@dataclass
class HandoutText:
    path: Path
    body: str
    translated_from: str | None = None
    fingerprint: str = ""


@dataclass
class LegalBasis:
    kind: str
    number: str
    year: int
    title: str
    checked: datetime.date
    source: str
    article: str = ""
    note: dict[str, str] = field(default_factory=dict)
    line: int = 1

    @property
    def key(self) -> str:
        """'UU 18/2017': how the regulation is cited and grouped in the index."""
        return f"{self.kind} {self.number}/{self.year}"


@dataclass
class Review:
    status: str = "draf"
    reviewer: str = ""
    date: datetime.date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.status == "ditinjau"


@dataclass
class Module:
    id: str
    topic: str
    order: int
    duration: int
    audience: list[str]
    group_min: int
    group_max: int
    sensitive: bool
    review: Review
    legal_basis: list[LegalBasis]
    terms: list[str]
    help: list[str]
    folder: Path
    trainer: dict[str, TrainerText] = field(default_factory=dict)
    handout: dict[str, HandoutText] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        text = self.trainer.get(lang) or self.trainer.get("id")
        return text.title if text else self.id

    def summary(self, lang: str) -> str:
        text = self.trainer.get(lang) or self.trainer.get("id")
        return text.summary if text else ""

    def checked_on(self) -> datetime.date | None:
        """The oldest legal-basis check: what a handout may honestly call 'checked on'."""
        dates = [entry.checked for entry in self.legal_basis]
        return min(dates) if dates else None


@dataclass
class Topic:
    id: str
    order: int
    title: dict[str, str]
    description: dict[str, str]
    folder: Path
    modules: list[Module] = field(default_factory=list)


@dataclass
class Term:
    term: str
    meaning: dict[str, str]
    expansion: str = ""
    synonyms: list[str] = field(default_factory=list)
    source_path: Path | None = None

    @property
    def anchor(self) -> str:
        return slug(self.term)


@dataclass
class HelpService:
    id: str
    name: str
    purpose: dict[str, str]
    phones: list[str]
    whatsapp: list[str]
    source: str
    checked: datetime.date
    note: dict[str, str] = field(default_factory=dict)


@dataclass
class Curriculum:
    root: Path
    topics: list[Topic] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    help: dict[str, HelpService] = field(default_factory=dict)
    allowed_data: set[str] = field(default_factory=set)

    @property
    def modules(self) -> list[Module]:
        return [module for topic in self.topics for module in topic.modules]

    def module(self, module_id: str) -> Module:
        return next(module for module in self.modules if module.id == module_id)

    def topic(self, topic_id: str) -> Topic:
        return next(topic for topic in self.topics if topic.id == topic_id)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
