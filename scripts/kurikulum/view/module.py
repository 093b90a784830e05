"""One view per module and language: everything any output shows, computed once.

Site pages, handouts, the trainer's plan, catalog.json and the search index all read a
:class:`ModuleView`; none of them derives a fact on its own. Text values are plain text
(templates escape them); ``*_html`` values are rendered and sanitised Markdown whose
links are site paths from the root (see :mod:`kurikulum.view.markdown`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kurikulum import paths
from kurikulum.language import Words
from kurikulum.model import Curriculum, HelpService, LegalBasis, Module, Step, Term
from kurikulum.safety import safe_url
from kurikulum.schedule import timetable
from kurikulum.settings import Settings
from kurikulum.status import checked_on, translation_states
from kurikulum.translation import State
from kurikulum.view.markdown import Place, inline_html, to_html
from kurikulum.workers import default_workers, forked_map, shared


@dataclass(frozen=True)
class SourceView:
    """One source of a legal basis or a help entry: its address as a link when it starts with one, then the rest as text."""

    text: str  #: the whole source as written
    url: str | None  #: the address it starts with, if any
    rest: str  #: what follows the address ("(Wamen P2MI, 10 April 2025)"), or the whole text when there is no address
    brief: str = ""  #: a short name for paper: the host of the address, or the text before its first "(" or ","


@dataclass(frozen=True)
class StepView:
    number: int  #: counted over the steps that are not breaks
    start: str  #: "01:10": minutes from the start of the session
    title: str
    minutes: int
    is_break: bool
    html: str
    anchor: str


@dataclass(frozen=True)
class SectionView:
    key: str
    heading: str
    html: str


@dataclass(frozen=True)
class MaterialView:
    what_html: str
    what: str
    count: int
    unit: str
    per: str  #: person, group or session
    per_label: str  #: "kelompok", "group"
    note: str


@dataclass(frozen=True)
class CardSetView:
    title: str
    cards: list[str]  #: HTML of each card


@dataclass(frozen=True)
class HelpView:
    id: str
    name: str
    purpose: str
    phones: list[str]
    whatsapp: list[str]
    website: str
    note: str
    trainer_note: str
    scope: str
    region: str
    checked: str
    sources: list[SourceView]
    verified: bool  #: only verified entries reach participants
    confidence: str = ""  #: the fact sheet's mark: teks, sekunder or belum


@dataclass(frozen=True)
class TermView:
    term: str
    expansion: str
    meaning: str
    anchor: str


@dataclass(frozen=True)
class LegalView:
    key: str
    title: str
    article: str
    checked: str
    checked_iso: str
    sources: list[SourceView]
    note: str


@dataclass(frozen=True)
class StatusView:
    reviewed: bool  #: a legal review vouches for the text as it is now
    state: str  #: ``draft``, ``reviewed`` or ``changed`` (changed since the legal review)
    label: str  #: DRAF / DITINJAU / BERUBAH SEJAK DITINJAU
    note: str  #: the sentence on a page
    detail: str  #: the short form on a handout's footer
    box: str  #: the warning printed on a handout ("" when reviewed)
    content: str  #: the content review, in a sentence ("" when none is recorded)


@dataclass(frozen=True)
class ModuleView:
    """What every output shows of one module in one language."""

    id: str
    lang: str
    topic_id: str
    topic_title: str
    title: str
    summary: str
    duration: int
    audience: list[str]  #: labels
    group_min: int
    group_max: int
    sensitive: bool
    status: StatusView
    translation: dict[str, State]  #: trainer / handout
    trainer_notice: str  #: "" when the plan is in its own language and current
    participant_notice: str
    checked_on: datetime.date | None  #: the oldest legal-basis check: the one rule for "checked on"
    checked_on_text: str
    sections: list[SectionView]  #: the plan's prose sections in their order (not steps, cards, short session)
    steps: list[StepView]
    short_session: list[StepView]
    materials: list[MaterialView]
    cards: list[CardSetView]
    help: list[HelpView]
    terms: list[TermView]
    legal_basis: list[LegalView]
    participant_html: str
    trainer_page: str  #: site folder of the trainer page in this language
    participant_page: str
    address: str | None  #: full address of the participant page (QR code); None before publishing
    address_short: str
    trainer_address: str | None  #: full address of the trainer page (the session plan's QR code); None before publishing
    trainer_address_short: str
    trainer_source: str  #: repository path of the text shown (edit links)
    participant_source: str
    media: dict[str, Path] = field(default_factory=dict)  #: images shown: site path -> file

    def section(self, key: str) -> SectionView | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def participant_help(self) -> list[HelpView]:
        """Help entries a participant may be given: the verified ones."""
        return [entry for entry in self.help if entry.verified]

    @property
    def taught_steps(self) -> list[StepView]:
        return [step for step in self.steps if not step.is_break]


BRIEF_END = re.compile(r"\s*[(,;]")
BRIEF_LENGTH = 40


def brief_source(text: str, url: str | None) -> str:
    """What a handout prints of a source: "tirto.id" for an address, "Harian Jogja" for "Harian Jogja (21 Maret 2024)"."""
    if url:
        host = urlsplit(url).hostname or url
        return host.removeprefix("www.")
    short = BRIEF_END.split(text, maxsplit=1)[0].strip() or text.strip()
    if len(short) > BRIEF_LENGTH:
        short = short[:BRIEF_LENGTH].rsplit(" ", 1)[0] + " …"
    return short


def source_views(sources: list[str]) -> list[SourceView]:
    views = []
    for text in sources:
        first, _, rest = text.partition(" ")
        if first.startswith(("http://", "https://")) and safe_url(first):
            url = first.rstrip(".,;")
            views.append(SourceView(text, url, rest.strip(), brief_source(text, url)))
        else:
            views.append(SourceView(text, None, text, brief_source(text, None)))
    return views


def status_view(module: Module, words: Words) -> StatusView:
    content = ""
    if (review := module.reviews.get("isi")) is not None:
        key = "content_reviewed" if module.review_state("isi") == "current" else "content_changed"
        content = words.ui(key, reviewer=review.reviewer, date=words.date(review.date))
    legal = module.reviews.get("hukum")
    if legal is None:
        return StatusView(
            False, "draft", words.ui("draft"), words.ui("draft_note"), words.ui("draft_short"), words.ui("draft_box"), content
        )
    who = {"reviewer": legal.reviewer, "date": words.date(legal.date)}
    if module.review_state("hukum") == "changed":
        return StatusView(
            False,
            "changed",
            words.ui("changed"),
            words.ui("changed_note", **who),
            words.ui("changed_short", **who),
            words.ui("changed_box", **who),
            content,
        )
    return StatusView(
        True, "reviewed", words.ui("reviewed"), words.ui("reviewed_note", **who), words.ui("reviewed_short", **who), "", content
    )


def notice(state: State, words: Words, settings: Settings) -> str:
    source = settings.languages.name(settings.languages.default)
    if state is State.STALE:
        return words.ui("stale_note", source=source)
    if state is State.MISSING:
        return words.ui("missing_note", language=settings.languages.name(words.code), source=source)
    return ""


def step_views(steps: list[Step], place: Place, prefix: str) -> list[StepView]:
    views, number = [], 0
    for start, step in timetable(steps):
        if not step.is_break:
            number += 1
        anchor = f"{prefix}-{number}" if not step.is_break else f"{prefix}-{number}-break"
        views.append(StepView(number, start, step.title, step.minutes, step.is_break, to_html(step.body, place).html, anchor))
    return views


def help_view(service: HelpService, words: Words, settings: Settings) -> HelpView:
    lang = words.code
    return HelpView(
        service.id,
        service.name,
        settings.text(service.purpose, lang),
        service.phones,
        service.whatsapp,
        service.website,
        settings.text(service.note, lang),
        settings.text(service.trainer_note, lang),
        service.scope,
        service.region,
        words.date(service.checked),
        source_views(service.sources),
        service.verified,
        service.confidence,
    )


def term_view(term: Term, lang: str, settings: Settings) -> TermView:
    return TermView(term.term, term.expansion, settings.text(term.meaning, lang), term.anchor)


def legal_view(entry: LegalBasis, words: Words, settings: Settings) -> LegalView:
    return LegalView(
        entry.key,
        entry.title,
        entry.article,
        words.date(entry.checked),
        entry.checked.isoformat(),
        source_views(entry.sources),
        settings.text(entry.note, words.code),
    )


def module_view(module: Module, curriculum: Curriculum, lang: str) -> ModuleView:
    settings = curriculum.settings
    default = settings.languages.default
    words = settings.words(lang)
    trainer = module.trainer.get(lang) or module.trainer.get(default)
    handout = module.handout.get(lang) or module.handout.get(default)
    states = translation_states(module, lang, default)
    terms = [curriculum.terms[name] for name in module.terms if name in curriculum.terms]
    glossary = {term.term: (term.expansion or settings.text(term.meaning, lang)).replace("\n", " ") for term in terms}
    root = settings.root
    trainer_place = Place(lang, default, module.id, module.folder, paths.trainer_dir(module.id))
    participant_place = Place(lang, default, module.id, module.folder, paths.participant_dir(module.id))
    media: dict[str, Path] = {}

    sections = []
    if trainer is not None:
        for key in trainer.section_order:
            if key in ("steps", "cards", "short_session"):
                continue
            rendered = to_html(trainer.sections[key].body, trainer_place, glossary)
            media.update(rendered.media)
            sections.append(SectionView(key, trainer.sections[key].heading, rendered.html))
    body = to_html(handout.body, participant_place, glossary) if handout is not None else None
    if body is not None:
        media.update(body.media)
    date = checked_on(module)
    topic = curriculum.topic(module.topic)
    participant_folder = paths.page_folder(paths.participant_dir(module.id), lang, default)
    address = f"{settings.site_url}{participant_folder}/" if settings.site_url else None
    trainer_folder = paths.page_folder(paths.trainer_dir(module.id), lang, default)
    trainer_address = f"{settings.site_url}{trainer_folder}/" if settings.site_url else None
    per_labels = words.get("format", "bases")
    return ModuleView(
        id=module.id,
        lang=lang,
        topic_id=topic.id,
        topic_title=settings.text(topic.title, lang),
        title=trainer.title if trainer else module.id,
        summary=trainer.summary if trainer else "",
        duration=module.duration,
        audience=[settings.audience_label(key, lang) for key in module.audience],
        group_min=module.group_min,
        group_max=module.group_max,
        sensitive=module.sensitive,
        status=status_view(module, words),
        translation=states,
        trainer_notice=notice(states["trainer"], words, settings),
        participant_notice=notice(states["handout"], words, settings),
        checked_on=date,
        checked_on_text=words.date(date) if date else words.ui("not_checked"),
        sections=sections,
        steps=step_views(trainer.steps, trainer_place, "step") if trainer else [],
        short_session=step_views(trainer.short_session, trainer_place, "short-session") if trainer else [],
        materials=[
            MaterialView(inline_html(m.what, trainer_place), m.what, m.count, m.unit, m.per, str(per_labels[m.per]), m.note)
            for m in (trainer.materials if trainer else [])
        ],
        cards=[
            CardSetView(c.title, [to_html(card, trainer_place).html for card in c.cards])
            for c in (trainer.cards if trainer else [])
        ],
        help=[help_view(curriculum.help[s], words, settings) for s in module.help if s in curriculum.help],
        terms=[term_view(term, lang, settings) for term in terms],
        legal_basis=[legal_view(entry, words, settings) for entry in module.legal_basis],
        participant_html=body.html if body else "",
        trainer_page=trainer_folder,
        participant_page=participant_folder,
        address=address,
        address_short=(address or f"{participant_folder}/").split("://", 1)[-1],
        trainer_address=trainer_address,
        trainer_address_short=(trainer_address or f"{trainer_folder}/").split("://", 1)[-1],
        trainer_source=_repo_path(trainer.path, root) if trainer else "",
        participant_source=_repo_path(handout.path, root) if handout else "",
        media=media,
    )


def _repo_path(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def build_views(curriculum: Curriculum, workers: int | None = None) -> dict[tuple[str, str], ModuleView]:
    """Every module in every language, keyed by (module id, language); on ``workers`` processes (default: every core).

    Rendering the texts' Markdown is most of a build's time before the engine runs; views are
    plain data, so they come back from the worker processes as they are.
    """
    workers = workers or default_workers()
    jobs = [(number, lang) for number in range(len(curriculum.modules)) for lang in curriculum.settings.languages]
    chunks = [jobs[start::workers] for start in range(workers)] if workers > 1 and len(jobs) > 1 else [jobs]
    made = forked_map(_views_of, chunks, workers, curriculum)
    views = {
        (curriculum.modules[number].id, lang): view
        for chunk, found in zip(chunks, made, strict=True)
        for (number, lang), view in zip(chunk, found, strict=True)
    }
    return {(module.id, lang): views[module.id, lang] for module in curriculum.modules for lang in curriculum.settings.languages}


def _views_of(jobs: list[tuple[int, str]]) -> list[ModuleView]:
    curriculum = shared()
    return [module_view(curriculum.modules[number], curriculum, lang) for number, lang in jobs]
