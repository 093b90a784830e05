"""The curriculum as plain data: topics, modules, their texts, glossary and help directory.

Nothing here knows about an output: the module view (:mod:`kurikulum.view`) derives what
every output shows, once. The YAML key of each field is in :mod:`kurikulum.format.fields`
(and in CONTRIBUTING.md's table); the values here are as loaded and checked.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kurikulum.settings import Settings


@dataclass
class Step:
    """A timed step of a session (``### Title (15 menit)``)."""

    title: str
    minutes: int
    line: int  #: line of its heading in the source file
    body: str  #: Markdown below the heading
    is_break: bool = False  #: a break (``### Istirahat (10 menit)``): in the timetable, not taught


@dataclass
class Section:
    """A ``##`` section of a Markdown file."""

    key: str  #: format key (``objectives``, ``materials`` …), the same in every language
    heading: str  #: the heading as written, in the file's language
    line: int  #: line of the heading
    body: str  #: Markdown below the heading (with its ``###`` children)


@dataclass
class Material:
    """One item of a session's materials: ``- Spidol: 2 per kelompok``."""

    what: str
    count: int
    unit: str  #: optional word after the number ("lembar", "set"), as written
    per: str  #: ``person``, ``group`` or ``session``
    note: str  #: optional note in brackets after it
    line: int


@dataclass
class CardSet:
    """A set of activity cards: a ``###`` under ``## Kartu kegiatan``; one card, or one per top-level list item."""

    title: str
    cards: list[str]  #: Markdown of each card
    line: int


@dataclass
class TrainerText:
    """A session plan in one language (``pelatih.<lang>.md``)."""

    path: Path
    lang: str
    title: str
    summary: str
    sections: dict[str, Section]
    section_order: list[str]
    steps: list[Step]
    short_session: list[Step] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    cards: list[CardSet] = field(default_factory=list)
    translated_from: str | None = None  #: fingerprint of the source text this translation was made from
    fingerprint: str = ""  #: of this file's own text: what a translation of it records
    text: str = ""  #: the whole file, normalised (the text rules read it)


@dataclass
class HandoutText:
    """A participant handout in one language (``peserta.<lang>.md``)."""

    path: Path
    lang: str
    body: str  #: Markdown without the front matter
    sections: dict[str, Section] = field(default_factory=dict)  #: the known ``##`` sections found
    translated_from: str | None = None
    fingerprint: str = ""
    text: str = ""


@dataclass
class LegalBasis:
    """A regulation a module relies on."""

    kind: str  #: "UU", "PP", "Permenaker" …
    number: str
    year: int
    title: str
    checked: datetime.date  #: when its content was last matched with its source
    sources: list[str]  #: one or more sources: addresses or names with dates
    article: str = ""
    note: dict[str, str] = field(default_factory=dict)  #: a caution for trainers, per language
    line: int = 1

    @property
    def key(self) -> str:
        """'UU 18/2017': how the regulation is cited and grouped in the index."""
        return f"{self.kind} {self.number}/{self.year}"


@dataclass
class Review:
    """A recorded review of a module (``kurikulum reviewed``): who read which text, when.

    ``fingerprint`` is that of the source text and legal basis the reviewer read; when the text
    changes, the review no longer vouches for it ("changed since review").
    """

    role: str  #: ``hukum`` (legal) or ``isi`` (content)
    reviewer: str
    date: datetime.date
    fingerprint: str
    line: int = 1  #: line of the record in modul.yml


@dataclass
class Module:
    """One session: its shared data (``modul.yml``) and its texts in each language."""

    id: str
    topic: str  #: the topic folder's name
    order: int  #: position in the topic
    duration: int  #: minutes; the steps add up to it
    audience: list[str]  #: audience ids, labelled in organisasi.yml
    group_min: int
    group_max: int
    sensitive: bool  #: violence, trafficking, abuse: needs a safety note
    reviews: dict[str, Review]  #: by role; a module is a draft until a current legal review is recorded
    legal_basis: list[LegalBasis]
    terms: list[str]  #: glossary terms it uses
    help: list[str]  #: help-directory ids it lists
    folder: Path
    trainer: dict[str, TrainerText] = field(default_factory=dict)  #: by language
    handout: dict[str, HandoutText] = field(default_factory=dict)  #: by language
    meta_lines: dict[tuple[object, ...], int] = field(default_factory=dict)  #: key path in modul.yml -> line
    fingerprint: str = ""  #: of the source-language texts and the legal basis: what a review vouches for

    def review_state(self, role: str) -> str:
        """``none``, ``current`` or ``changed`` (the text changed after the review was recorded)."""
        review = self.reviews.get(role)
        if review is None:
            return "none"
        return "current" if review.fingerprint == self.fingerprint else "changed"

    @property
    def is_reviewed(self) -> bool:
        """Vouched for by a legal reviewer, for the text as it is now."""
        return self.review_state("hukum") == "current"


@dataclass
class Topic:
    id: str  #: the folder's name
    order: int
    title: dict[str, str]  #: per language
    description: dict[str, str]
    folder: Path
    modules: list[Module] = field(default_factory=list)


@dataclass
class Term:
    """A glossary entry (``istilah.yml``)."""

    term: str
    meaning: dict[str, str]  #: per language
    expansion: str = ""  #: what an abbreviation stands for
    synonyms: list[str] = field(default_factory=list)  #: other names readers search for
    source_path: Path | None = None
    line: int = 1

    @property
    def anchor(self) -> str:
        return slug(self.term)


@dataclass
class HelpService:
    """An entry of the help directory (``bantuan.yml``)."""

    id: str
    name: str
    purpose: dict[str, str]
    scope: str  #: ``nasional``, ``provinsi`` or ``kabupaten``
    sources: list[str]
    checked: datetime.date  #: when the entry was matched with its sources (not a test call)
    confidence: str  #: ``teks``, ``sekunder`` or ``belum`` (not verified: trainer pages only)
    region: str = ""
    phones: list[str] = field(default_factory=list)
    whatsapp: list[str] = field(default_factory=list)
    website: str = ""
    note: dict[str, str] = field(default_factory=dict)  #: printed for everyone
    trainer_note: dict[str, str] = field(default_factory=dict)  #: trainer pages only

    @property
    def verified(self) -> bool:
        """Printed for participants only when the fact sheet verifies it."""
        return self.confidence != "belum"


@dataclass
class Curriculum:
    modules_dir: Path
    settings: Settings
    topics: list[Topic] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    help: dict[str, HelpService] = field(default_factory=dict)
    allowed_data: set[str] = field(default_factory=set)
    # Modules whose modul.yml cannot be read, with the texts that could: the checker still checks
    # those (one broken file must not hide a module's other mistakes); no output ever shows them.
    unreadable: list[Module] = field(default_factory=list)

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
