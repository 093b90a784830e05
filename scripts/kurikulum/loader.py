"""Load ``modules/`` into a :class:`Curriculum` through the declared format, collecting findings instead of raising.

Every file is read by one tolerant reader (:mod:`kurikulum.format.source`) and, for YAML,
one bounded parser; each file kind is read through its table in
:mod:`kurikulum.format.fields`. A problem in one file never stops the others from being
checked, and an unexpected error in one file still ends as a finding naming that file.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kurikulum.check.findings import Excerpt, Finding, Phrase, relative
from kurikulum.format import fields
from kurikulum.format.kinds import SLUG
from kurikulum.format.markdown_source import (
    Block,
    FrontMatterError,
    MarkdownSource,
    has_content,
    list_blocks,
    list_items,
    read_markdown,
)
from kurikulum.format.reader import Reader, suggest
from kurikulum.format.source import Unreadable, read_text
from kurikulum.format.yaml_source import YamlDocument, YamlError, parse_yaml
from kurikulum.model import (
    CardSet,
    Curriculum,
    HandoutText,
    HelpService,
    LegalBasis,
    Material,
    Module,
    Review,
    Section,
    Step,
    Term,
    Topic,
    TrainerText,
)
from kurikulum.settings import Settings, read_settings
from kurikulum.translation import fingerprint

T = TypeVar("T")


def yaml_finding(path: str, error: YamlError) -> Finding:
    """A ``yaml-syntax`` finding: the problem and its advice worded in the reader's language, the line quoted with a caret."""
    params = {"problem": Phrase("yaml_problems", error.problem), "advice": Phrase("yaml_advice", error.problem)}
    return Finding(path, error.line, "yaml-syntax", params, Excerpt(error.excerpt, error.column))


class Loader:
    def __init__(self, root: Path, today: datetime.date | None = None, settings: Settings | None = None) -> None:
        self.root = root
        self.modules_dir = root / "modules"
        self.today = today or datetime.date.today()
        self.findings: list[Finding] = []
        self.documents: dict[str, YamlDocument] = {}  #: every YAML document read, by repository path
        self._current = root  # the trainer file being read (materials findings name it)
        self.unreadable: list[Module] = []  #: the texts of modules whose modul.yml cannot be read
        if settings is None:
            settings, found = read_settings(root, self.today, self.documents)
            self.findings.extend(found)
        self.settings = settings
        self.languages = settings.languages

    # -- helpers -------------------------------------------------------------

    def rel(self, path: Path) -> str:
        return relative(path, self.root)

    def report(self, path: Path, line: int, rule: str, **params: object) -> None:
        self.findings.append(Finding(self.rel(path), line, rule, params))

    def guarded(self, path: Path, action: Callable[[], T], fallback: T) -> T:
        """Run ``action`` on one file; an unexpected error becomes an ``internal-error`` finding naming it."""
        try:
            return action()
        except (MemoryError, RecursionError, Exception) as error:  # noqa: BLE001 - a volunteer never sees a traceback
            self.report(path, 1, "internal-error", error=type(error).__name__)
            return fallback

    def read(self, path: Path) -> str | None:
        try:
            return read_text(path)
        except Unreadable as error:
            self.report(path, error.line, error.rule, **dict(error.params))
            return None

    def reader(self, path: Path, document: YamlDocument) -> Reader:
        shown = self.rel(path)
        self.documents.setdefault(shown, document)
        return Reader(document, shown, self.findings, self.languages, self.today)

    def read_yaml(self, path: Path) -> Reader | None:
        text = self.read(path)
        if text is None:
            return None
        try:
            document = parse_yaml(text)
        except YamlError as error:
            self.findings.append(yaml_finding(self.rel(path), error))
            return None
        return self.reader(path, document)

    def read_markdown(self, path: Path) -> MarkdownSource | None:
        text = self.read(path)
        if text is None:
            return None
        try:
            return read_markdown(text)
        except FrontMatterError as error:
            opening = Excerpt(((error.line, text.split("\n", 1)[0]),), 0)
            self.findings.append(Finding(self.rel(path), error.line, "front-matter", {}, opening))
        except YamlError as error:
            self.findings.append(yaml_finding(self.rel(path), error))
        return None

    def read_list(self, path: Path, record: fields.Record) -> list[tuple[Reader, int, dict[str, Any]]]:
        """Each item of a YAML file that is a list of records, with its reader and index."""
        reader = self.read_yaml(path)
        if reader is None or reader.document.data is None:
            return []
        if not isinstance(reader.document.data, list):
            reader.report(1, "not-a-list")
            return []
        items = []
        for index in range(len(reader.document.data)):
            values = reader.record(record, (index,))
            if values is not None:
                items.append((reader, index, values))
        return items

    # -- the whole curriculum --------------------------------------------------

    def load(self) -> Curriculum:
        curriculum = Curriculum(self.modules_dir, self.settings)
        help_path = self.settings.help_path
        if help_path.exists():
            curriculum.help = self.guarded(help_path, lambda: self.load_help(help_path), {})
        allow_path = self.modules_dir / fields.ALLOW_FILE
        if allow_path.exists():
            curriculum.allowed_data = self.guarded(allow_path, lambda: self.load_allowed(allow_path), set())
        folders = sorted(p for p in self.modules_dir.iterdir() if _published(p)) if self.modules_dir.is_dir() else []
        for folder in folders:
            if not folder.is_dir():
                continue
            topic = self.guarded(folder, lambda folder=folder: self.load_topic(folder), None)
            if topic is None:
                continue
            curriculum.topics.append(topic)
            terms_path = folder / fields.TERMS_FILE
            if terms_path.exists():
                for term in self.guarded(terms_path, lambda terms_path=terms_path: self.load_terms(terms_path), []):
                    if term.term in curriculum.terms:
                        other = curriculum.terms[term.term].source_path
                        self.report(
                            terms_path, term.line, "duplicate-id", value=term.term, other=self.rel(other) if other else "?"
                        )
                    else:
                        curriculum.terms[term.term] = term
        curriculum.topics.sort(key=lambda topic: (topic.order, topic.id))
        curriculum.unreadable = self.unreadable
        return curriculum

    def load_topic(self, folder: Path) -> Topic | None:
        path = folder / fields.TOPIC_FILE
        if not path.exists():
            if any((child / fields.MODULE_FILE).exists() for child in folder.iterdir() if child.is_dir()):
                self.report(folder, 1, "unknown-topic", value=folder.name)
            return None
        reader = self.read_yaml(path)
        values = reader.record(fields.TOPIC) if reader else None
        if values is None:
            return None
        topic = Topic(folder.name, values["order"] or 99, values["title"] or {}, values["description"] or {}, folder)
        for child in sorted(p for p in folder.iterdir() if p.is_dir() and _published(p)):
            module = self.guarded(child, lambda child=child: self.load_module(child, topic.id), None)
            if module is not None:
                topic.modules.append(module)
        topic.modules.sort(key=lambda module: (module.order, module.id))
        return topic

    # -- one module -------------------------------------------------------------

    def load_module(self, folder: Path, topic_id: str) -> Module | None:
        meta_path = folder / fields.MODULE_FILE
        if not meta_path.exists():
            self.report(folder, 1, "missing-file", file=fields.MODULE_FILE)
            return None
        reader = self.read_yaml(meta_path)
        values = reader.record(fields.MODULE) if reader else None
        module = None
        if values is not None and reader is not None:
            module = self.module_from(values, reader, folder, topic_id)
        # The texts are checked even when modul.yml is broken: one mistake must not hide the others.
        texts = module or Module(folder.name, topic_id, 999, 0, [], 0, 0, False, {}, [], [], [], folder)
        for lang in self.languages:
            trainer_path = folder / fields.TRAINER_FILE.format(lang=lang)
            handout_path = folder / fields.HANDOUT_FILE.format(lang=lang)
            if trainer_path.exists():
                trainer = self.load_trainer(trainer_path, lang)
                if trainer is not None:
                    texts.trainer[lang] = trainer
            elif lang == self.languages.default:
                self.report(folder, 1, "missing-file", file=trainer_path.name)
            if handout_path.exists():
                handout = self.load_handout(handout_path, lang)
                if handout is not None:
                    texts.handout[lang] = handout
            elif lang == self.languages.default:
                self.report(folder, 1, "missing-file", file=handout_path.name)
        if module is not None and reader is not None:
            module.fingerprint = review_fingerprint(module, reader.value("dasar_hukum"), self.languages.default)
        elif texts.trainer or texts.handout:
            self.unreadable.append(texts)
        return module

    def module_from(self, values: dict[str, Any], reader: Reader, folder: Path, topic_id: str) -> Module:
        module_id = values["id"] or folder.name
        if folder.name != module_id or not SLUG.match(folder.name):
            reader.report(reader.line("id"), "folder-name", folder=folder.name, id=module_id)
        group = values["group_size"] or {}
        review = values["review"] or {}
        audience = []
        for index, value in enumerate(values["audience"] or []):
            if value in self.settings.audiences or not self.settings.audiences:  # unknown when organisasi.yml is broken
                audience.append(value)
            else:
                choices = ", ".join(self.settings.audiences) or "-"
                reader.report(
                    reader.line("peserta", index), "bad-choice", field=f"peserta[{index + 1}]", value=value, choices=choices
                )
        return Module(
            id=module_id,
            topic=topic_id,
            order=values["order"] or 999,
            duration=values["duration"] or 0,
            audience=audience,
            group_min=group.get("low") or 0,
            group_max=group.get("high") or 0,
            sensitive=bool(values["sensitive"]),
            reviews={
                role: Review(role, entry["reviewer"], entry["date"], entry["fingerprint"], reader.line("tinjauan", role))
                for role, key in (("hukum", "legal"), ("isi", "content"))
                if (entry := review.get(key)) and all(entry.get(k) for k in ("reviewer", "date", "fingerprint"))
            },
            legal_basis=self.legal_basis(values["legal_basis"] or [], reader),
            terms=values["terms"] or [],
            help=values["help"] or [],
            folder=folder,
            meta_lines=dict(reader.document.lines),
        )

    def legal_basis(self, entries: list[dict[str, Any]], reader: Reader) -> list[LegalBasis]:
        result = []
        for index, entry in enumerate(entries):
            required = ("kind", "number", "year", "title", "checked", "sources")
            if any(entry.get(key) is None for key in required):
                continue
            result.append(
                LegalBasis(
                    kind=entry["kind"],
                    number=entry["number"],
                    year=entry["year"],
                    title=entry["title"],
                    checked=entry["checked"],
                    sources=entry["sources"],
                    article=entry["article"] or "",
                    note=entry["note"] or {},
                    line=reader.line("dasar_hukum", index),
                )
            )
        return result

    def front(self, source: MarkdownSource, path: Path) -> Reader | None:
        return self.reader(path, source.front_matter) if source.front_matter is not None else None

    def headings_of(self, lang: str, sections: tuple[fields.Section, ...], group: str) -> dict[str, str]:
        words = self.settings.words(lang)
        return {str(words.get(group, spec.key)): spec.key for spec in sections}

    def load_trainer(self, path: Path, lang: str) -> TrainerText | None:
        self._current = path
        source = self.read_markdown(path)
        if source is None:
            return None
        reader = self.front(source, path)
        values = reader.record(fields.TRAINER_FRONT) if reader else None
        if reader is None:
            self.report(path, 1, "required-field", field="judul")
        if values is None:
            values = {"title": "", "summary": "", "translated_from": None}
        if lang == self.languages.default and values.get("translated_from") is not None and reader is not None:
            reader.report(
                reader.line(fields.FINGERPRINT_KEY),
                "unknown-field",
                field=fields.FINGERPRINT_KEY,
                suggestion="judul",
                known="judul, ringkasan",
            )
        text = TrainerText(
            path,
            lang,
            values["title"] or "",
            values["summary"] or "",
            {},
            [],
            [],
            translated_from=values.get("translated_from"),
            fingerprint=fingerprint(source.text),
            text=source.text,
        )
        headings = self.headings_of(lang, fields.TRAINER_SECTIONS, "sections")
        specs = {spec.key: spec for spec in fields.TRAINER_SECTIONS}
        for block in source.sections:
            key = headings.get(block.heading.text)
            if key is None:
                self.report(
                    path,
                    block.heading.line,
                    "unknown-section",
                    heading=block.heading.text,
                    suggestion=suggest(block.heading.text, headings) or next(iter(headings)),
                    known=", ".join(headings),
                )
                continue
            if key in text.sections:
                self.report(path, block.heading.line, "duplicate-section", section=block.heading.text)
                continue
            text.sections[key] = Section(key, block.heading.text, block.heading.line, block.body)
            text.section_order.append(key)
            if specs[key].steps:
                steps = self.steps(path, block, lang)
                if key == "steps":
                    text.steps = steps
                else:
                    text.short_session = steps
            elif not has_content(block.body):
                self.report(path, block.heading.line, "empty-section", section=block.heading.text)
            elif key == "materials":
                text.materials = self.materials(block, lang)
            elif key == "cards":
                text.cards = [CardSet(child.heading.text, self.cards(child), child.heading.line) for child in block.children]
        return text

    def steps(self, path: Path, block: Block, lang: str) -> list[Step]:
        words = self.settings.words(lang)
        minute_words = [re.escape(str(w)) for w in words.get("format", "minutes")]
        pattern = re.compile(
            r"^(?P<title>.*?)\s*\(\s*(?P<minutes>\d{1,4})\s*(?:" + "|".join(minute_words) + r")\s*\)$", re.IGNORECASE
        )
        break_word = str(words.get("format", "break")).casefold()
        result = []
        for child in block.children:
            match = pattern.match(child.heading.text[:300])
            if not match:
                self.report(path, child.heading.line, "step-minutes", step=child.heading.text[:80])
                continue
            title = match.group("title")
            is_break = title.casefold() == break_word or title.casefold().startswith((break_word + ":", break_word + " —"))
            result.append(Step(title, int(match.group("minutes")), child.heading.line, child.body, is_break))
        if not block.children:
            self.report(path, block.heading.line, "no-steps")
        return result

    def materials(self, block: Block, lang: str) -> list[Material]:
        """The items of ``## Bahan`` that follow the format ``- what: N [unit] per basis [(note)]``."""
        words = self.settings.words(lang)
        bases = {str(word).casefold(): key for key, word in words.get("format", "bases").items()}
        per = str(words.get("format", "per")).casefold()
        result = []
        for line, item in list_items(block.body, block.heading.line + 1):
            parsed = parse_material(item, per, bases)
            if parsed is None:
                example = f"- {item.split(':')[0].strip()[:40] or '…'}: 1 {per} {next(iter(bases))}"
                self.findings.append(
                    Finding(
                        self.rel(self._current),
                        line,
                        "materials-item",
                        {"item": item[:60], "example": example, "bases": ", ".join(bases)},
                    )
                )
            else:
                result.append(Material(*parsed, line=line))
        if not result and not list_items(block.body):
            self.findings.append(
                Finding(
                    self.rel(self._current),
                    block.heading.line,
                    "materials-item",
                    {"item": "", "example": f"- …: 1 {per} {next(iter(bases))}", "bases": ", ".join(bases)},
                )
            )
        return result

    def cards(self, block: Block) -> list[str]:
        items = list_blocks(block.body)
        return items if items else ([block.body.strip()] if has_content(block.body) else [])

    def load_handout(self, path: Path, lang: str) -> HandoutText | None:
        source = self.read_markdown(path)
        if source is None:
            return None
        reader = self.front(source, path)
        values = reader.record(fields.HANDOUT_FRONT) if reader else None
        handout = HandoutText(
            path,
            lang,
            source.body,
            translated_from=(values or {}).get("translated_from"),
            fingerprint=fingerprint(source.text),
            text=source.text,
        )
        headings = self.headings_of(lang, fields.HANDOUT_SECTIONS, "handout_sections")
        for block in source.sections:
            if not has_content(block.body):
                self.report(path, block.heading.line, "empty-section", section=block.heading.text)
            key = headings.get(block.heading.text)
            if key is not None and key not in handout.sections:
                handout.sections[key] = Section(key, block.heading.text, block.heading.line, block.body)
        return handout

    # -- shared data --------------------------------------------------------------

    def load_terms(self, path: Path) -> list[Term]:
        result = []
        seen: set[str] = set()
        for reader, index, values in self.read_list(path, fields.TERM):
            if not (values["term"] and values["meaning"]):
                continue
            line = reader.line(index)
            if values["term"] in seen:
                reader.report(line, "duplicate-id", value=values["term"], other=self.rel(path))
                continue
            seen.add(values["term"])
            result.append(
                Term(
                    values["term"],
                    values["meaning"],
                    values["expansion"] or "",
                    values["synonyms"] or [],
                    source_path=path,
                    line=line,
                )
            )
        return result

    def load_help(self, path: Path) -> dict[str, HelpService]:
        result: dict[str, HelpService] = {}
        for reader, index, values in self.read_list(path, fields.HELP):
            required = ("id", "name", "purpose", "scope", "sources", "checked", "confidence")
            if any(values.get(key) is None for key in required):
                continue
            if values["id"] in result:
                reader.report(reader.line(index, "id"), "duplicate-id", value=values["id"], other=self.rel(path))
                continue
            result[values["id"]] = HelpService(
                id=values["id"],
                name=values["name"],
                purpose=values["purpose"],
                scope=values["scope"],
                sources=values["sources"],
                checked=values["checked"],
                confidence=values["confidence"],
                region=values["region"] or "",
                phones=values["phones"] or [],
                whatsapp=values["whatsapp"] or [],
                website=values["website"] or "",
                note=values["note"] or {},
                trainer_note=values["trainer_note"] or {},
            )
        return result

    def load_allowed(self, path: Path) -> set[str]:
        """The reviewed allow-list of values the personal-data rule must not flag."""
        return {values["value"] for _, _, values in self.read_list(path, fields.ALLOWED_VALUE) if values["value"]}


def parse_material(item: str, per: str, bases: dict[str, str]) -> tuple[str, int, str, str, str] | None:
    """``("Spidol", 2, "", "group", "")`` from ``Spidol: 2 per kelompok``; None if it does not follow the format."""
    what, colon, rest = item.strip().rstrip(".").rpartition(": ")
    if not colon or not what.strip():
        return None
    rest, note = rest.strip(), ""
    if rest.endswith(")") and "(" in rest:
        rest, note = rest[: rest.rindex("(")].strip(), rest[rest.rindex("(") + 1 : -1].strip()
    words = rest.split()
    if len(words) < 3 or not words[0].isdigit() or len(words[0]) > 5 or words[-2].casefold() != per:
        return None
    if words[-1].casefold() not in bases:
        return None
    return what.strip(), int(words[0]), " ".join(words[1:-2]), bases[words[-1].casefold()], note


def review_fingerprint(module: Module, legal_basis: object, default: str) -> str:
    """What a review vouches for: the source-language session plan and handout, and the legal basis as written."""
    parts = [
        module.trainer[default].fingerprint if default in module.trainer else "",
        module.handout[default].fingerprint if default in module.handout else "",
        json.dumps(legal_basis, sort_keys=True, default=str, ensure_ascii=False),
    ]
    return fingerprint("\n".join(parts))


def _published(path: Path) -> bool:
    return not path.name.startswith(("_", "."))
