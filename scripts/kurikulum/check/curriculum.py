"""Rules that look across files of a module or of the curriculum, each a small function yielding findings.

Structural problems (YAML, fields, types) are found while loading; these rules run on
the loaded curriculum with a shared :class:`Context` whose derived sets are computed once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kurikulum import paths
from kurikulum.check.findings import Finding, Phrase, relative
from kurikulum.check.language_share import wrong_language
from kurikulum.check.text import TEXT_RULES, TextContext, digits, page_folders
from kurikulum.format import fields
from kurikulum.format.markdown_source import FrontMatterError, has_content, headings, list_items, split_front_matter
from kurikulum.format.reader import suggest
from kurikulum.format.yaml_source import YamlDocument
from kurikulum.language import function_words
from kurikulum.model import Curriculum, HandoutText, Module, TrainerText
from kurikulum.safety import safe_url, unsafe_html
from kurikulum.status import translation_states
from kurikulum.translation import FINGERPRINT_LINE, State

LEGAL_CHECK_MAX_AGE = datetime.timedelta(days=365)


@dataclass
class Context:
    """What every rule may look at; the derived sets are computed once per check, not per module."""

    curriculum: Curriculum
    root: Path
    today: datetime.date
    documents: dict[str, YamlDocument]

    @property
    def languages(self):
        return self.curriculum.settings.languages

    @cached_property
    def help_numbers(self) -> set[str]:
        return {digits(number) for service in self.curriculum.help.values() for number in [*service.phones, *service.whatsapp]}

    @cached_property
    def function_words(self) -> dict[str, frozenset[str]]:
        """Each configured language's function words, for the languages whose words file lists them."""
        lists = {code: function_words(code, self.root) for code in self.languages}
        return {code: words for code, words in lists.items() if words}

    @cached_property
    def site_pages(self) -> set[str]:
        docs = self.root / "docs"
        hand_written = {p.name.split(".")[0] for p in docs.glob("*.md")} if docs.is_dir() else set()
        hand_written = {"" if name == "index" else name for name in hand_written}
        modules = {module.id for module in self.curriculum.modules}
        return page_folders(modules, {topic.id for topic in self.curriculum.topics}, hand_written)

    def rel(self, path: Path) -> str:
        return relative(path, self.root)


# -- whole-curriculum rules ---------------------------------------------------------


def duplicate_module_ids(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, Module] = {}
    for module in ctx.curriculum.modules:
        meta = module.folder / fields.MODULE_FILE
        if module.id in seen:
            other = ctx.rel(seen[module.id].folder / fields.MODULE_FILE)
            yield Finding(ctx.rel(meta), 1, "duplicate-id", {"value": module.id, "other": other})
        else:
            seen[module.id] = module


def markup_in_yaml(ctx: Context) -> Iterator[Finding]:
    """Every text value of every YAML file, scanned for markup outside the allow-list (shown as text, but reported)."""
    for path, document in sorted(ctx.documents.items()):
        # Kept on the document: ``kurikulum serve`` checks again after every edit, and reuses the unchanged files' documents.
        known = document.__dict__.get("_markup")
        if known is None or known[0] != path:
            known = (path, list(_markup_in(path, document)))
            document.__dict__["_markup"] = known
        yield from known[1]


def _markup_in(path: str, document: YamlDocument) -> Iterator[Finding]:
    for key, line, value in _strings(document.data, (), document):
        for _, _, what in unsafe_html(value):
            yield Finding(path, line, "unsafe-markup", {"value": what})
        if _is_address_field(key) and not safe_url(value.split(" ", 1)[0]):
            yield Finding(path, line, "unsafe-markup", {"value": value[:60]})


def _is_address_field(key: tuple[object, ...]) -> bool:
    """Source, website and repository fields: an address there must not run code (a source may also be plain text)."""
    names = [part for part in key if isinstance(part, str)]
    return bool(names) and names[-1] in ("sumber", "situs", "repositori")


def _strings(data: object, path: tuple[object, ...], document: YamlDocument) -> Iterator[tuple[tuple[object, ...], int, str]]:
    if isinstance(data, str):
        yield path, document.line(*path), data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key), document)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index), document)


CURRICULUM_RULES = (duplicate_module_ids, markup_in_yaml)


# -- per-module rules ----------------------------------------------------------------


def _meta(module: Module, ctx: Context) -> str:
    return ctx.rel(module.folder / fields.MODULE_FILE)


def _meta_line(module: Module, *path: object) -> int:
    while path:
        if path in module.meta_lines:
            return module.meta_lines[path]
        path = path[:-1]
    return 1


def minutes_add_up(module: Module, ctx: Context) -> Iterator[Finding]:
    text = module.trainer.get(ctx.languages.default)
    if text is None or not module.duration:
        return
    if text.steps:
        total = sum(step.minutes for step in text.steps)
        if total != module.duration:
            line = text.sections["steps"].line
            yield Finding(ctx.rel(text.path), line, "minutes-sum", {"total": total, "duration": module.duration})
    spec = next(s for s in fields.TRAINER_SECTIONS if s.key == "short_session")
    if text.short_session:
        total = sum(step.minutes for step in text.short_session)
        if total != spec.minutes:
            line = text.sections["short_session"].line
            yield Finding(ctx.rel(text.path), line, "short-session-minutes", {"total": total, "minutes": spec.minutes})


def long_sessions_have_a_break(module: Module, ctx: Context) -> Iterator[Finding]:
    text = module.trainer.get(ctx.languages.default)
    if text is None or "steps" not in text.sections or module.duration < fields.BREAK_AFTER_MINUTES:
        return
    if not any(step.is_break for step in text.steps):
        words = ctx.curriculum.settings.words(text.lang)
        yield Finding(
            ctx.rel(text.path),
            text.sections["steps"].line,
            "break-missing",
            {"duration": module.duration, "limit": fields.BREAK_AFTER_MINUTES, "word": words.get("format", "break")},
        )


def steps_agree(module: Module, ctx: Context) -> Iterator[Finding]:
    source = module.trainer.get(ctx.languages.default)
    for lang in ctx.languages.translations:
        translation = module.trainer.get(lang)
        if source is None or translation is None:
            continue
        for key, ours_list, theirs_list in (
            ("steps", source.steps, translation.steps),
            ("short_session", source.short_session, translation.short_session),
        ):
            if key not in translation.sections or key not in source.sections:
                continue
            path = ctx.rel(translation.path)
            if len(ours_list) != len(theirs_list):
                detail = Phrase("details", "step_count", {"theirs": len(theirs_list), "ours": len(ours_list)})
                yield Finding(path, translation.sections[key].line, "steps-mismatch", {"detail": detail})
                continue
            for number, (ours, theirs) in enumerate(zip(ours_list, theirs_list, strict=True), 1):
                if ours.minutes != theirs.minutes or ours.is_break != theirs.is_break:
                    detail = Phrase("details", "step_minutes", {"number": number, "theirs": theirs.minutes, "ours": ours.minutes})
                    yield Finding(path, theirs.line, "steps-mismatch", {"detail": detail})


def _second_level_headings(text: str) -> list[int]:
    """The lines of every ``##`` heading of a module text, known or not (front matter and code skipped)."""
    try:
        _, _, body, body_line = split_front_matter(text)
    except FrontMatterError:
        return []
    return [h.line for h in headings(body, body_line) if h.level == 2]


def _where_missing(text: str, present: dict[str, int], order: list[str], key: str) -> tuple[int, str | None, str]:
    """Where a missing section belongs: ``(line, neighbour key, "after" | "before" | "here")``.

    After the section that comes before it in the declared order (at the heading that ends
    that section, or the file's last line); when none of those is there, before the first
    section that follows it; in an empty file, at its end.
    """
    last = max(len(text.splitlines()), 1)
    position = order.index(key)
    earlier = [k for k in order[:position] if k in present]
    if earlier:
        previous = earlier[-1]
        following = [line for line in _second_level_headings(text) if line > present[previous]]
        return (following[0] if following else last), previous, "after"
    later = [k for k in order[position + 1 :] if k in present]
    if later:
        first = min(later, key=lambda k: present[k])
        return present[first], first, "before"
    return last, None, "here"


def _missing_finding(
    path: str,
    text: str,
    present: dict[str, int],
    order: list[str],
    key: str,
    name: Callable[[str], str],
    expected: str,
    rule: str,
) -> Finding:
    """A ``missing-section`` (or ``safety-note``) finding at the line where the section belongs, saying where that is."""
    line, neighbour, how = _where_missing(text, present, order, key)
    place = Phrase("places", how, {"section": name(neighbour)} if neighbour else {})
    params = {"section": name(key), "order": expected, "place": place} if rule == "missing-section" else {"place": place}
    return Finding(path, line, rule, params)


def required_sections(module: Module, ctx: Context) -> Iterator[Finding]:
    settings = ctx.curriculum.settings
    for lang, text in module.trainer.items():
        words = settings.words(lang)
        path = ctx.rel(text.path)
        order = [spec.key for spec in fields.TRAINER_SECTIONS]
        present = {key: section.line for key, section in text.sections.items()}
        expected = ", ".join(words.section(key) for key in order if _required(key, module))
        for spec in fields.TRAINER_SECTIONS:
            if spec.key in text.sections:
                continue
            if spec.required:
                yield _missing_finding(path, text.text, present, order, spec.key, words.section, expected, "missing-section")
            elif spec.when_sensitive and module.sensitive:
                yield _missing_finding(path, text.text, present, order, spec.key, words.section, expected, "safety-note")
        for spec in fields.TRAINER_SECTIONS:
            if spec.items and spec.key in text.sections:
                section = text.sections[spec.key]
                count = len(list_items(section.body))
                low, high = spec.items
                if has_content(section.body) and not low <= count <= high:
                    yield Finding(path, section.line, "objectives-count", {"count": count})
    for lang, handout in module.handout.items():
        yield from _handout_sections(handout, ctx, lang)


def _required(key: str, module: Module) -> bool:
    spec = next(s for s in fields.TRAINER_SECTIONS if s.key == key)
    return spec.required or (spec.when_sensitive and module.sensitive)


def _handout_sections(handout: HandoutText, ctx: Context, lang: str) -> Iterator[Finding]:
    words = ctx.curriculum.settings.words(lang)
    order = [spec.key for spec in fields.HANDOUT_SECTIONS]
    present = {key: section.line for key, section in handout.sections.items()}
    expected = ", ".join(words.handout_section(key) for key in order)
    path = ctx.rel(handout.path)
    for spec in fields.HANDOUT_SECTIONS:
        if spec.required and spec.key not in handout.sections:
            yield _missing_finding(
                path, handout.text, present, order, spec.key, words.handout_section, expected, "missing-section"
            )


def known_terms_and_help(module: Module, ctx: Context) -> Iterator[Finding]:
    curriculum = ctx.curriculum
    path = _meta(module, ctx)
    for index, term in enumerate(module.terms):
        if term not in curriculum.terms:
            close = suggest(term, curriculum.terms)
            yield Finding(
                path,
                _meta_line(module, "istilah", index),
                "unknown-term",
                {"value": term, "suggestion": f" ('{close}'?)" if close else ""},
            )
    for index, service in enumerate(module.help):
        if service not in curriculum.help:
            yield Finding(
                path,
                _meta_line(module, "bantuan", index),
                "unknown-help",
                {"value": service, "choices": ", ".join(curriculum.help) or "-"},
            )


def translations(module: Module, ctx: Context) -> Iterator[Finding]:
    default = ctx.languages.default
    for lang in ctx.languages.translations:
        for kind, state in translation_states(module, lang, default).items():
            texts: dict[str, TrainerText] | dict[str, HandoutText] = getattr(module, kind)
            target = module.folder / (fields.TRAINER_FILE if kind == "trainer" else fields.HANDOUT_FILE).format(lang=lang)
            if default not in texts:
                continue  # the source file itself is missing or broken: that is reported already
            if state is State.MISSING and not target.exists():
                yield Finding(ctx.rel(module.folder), 1, "missing-translation", {"file": target.name, "module": module.id})
            elif state is State.STALE:
                text = texts[lang].text
                match = FINGERPRINT_LINE.search(text)
                line = text[: match.start()].count("\n") + 1 if match else 1
                yield Finding(ctx.rel(target), line, "stale-translation", {"module": module.id})


def texts_in_their_language(module: Module, ctx: Context) -> Iterator[Finding]:
    """A text mostly in another language than its file name says (the source pasted into a translation)."""
    names = {code: ctx.languages.name(code) for code in ctx.languages}
    texts: list[TrainerText | HandoutText] = [*module.trainer.values(), *module.handout.values()]
    for text in texts:
        finding = wrong_language(ctx.rel(text.path), text.text, text.lang, ctx.function_words, names, module.id)
        if finding is not None:
            yield finding


def legal_basis_age(module: Module, ctx: Context) -> Iterator[Finding]:
    for entry in module.legal_basis:
        if ctx.today - entry.checked > LEGAL_CHECK_MAX_AGE:
            yield Finding(
                _meta(module, ctx), entry.line, "legal-basis-old", {"law": entry.key, "date": entry.checked.isoformat()}
            )


def reviews_still_hold(module: Module, ctx: Context) -> Iterator[Finding]:
    for role, review in sorted(module.reviews.items()):
        if module.review_state(role) == "changed":
            params = {"role": role, "reviewer": review.reviewer, "date": review.date.isoformat(), "module": module.id}
            yield Finding(_meta(module, ctx), review.line, "review-outdated", params)


def text_rules(module: Module, ctx: Context) -> Iterator[Finding]:
    curriculum = ctx.curriculum
    pages = [(text, paths.trainer_dir(module.id)) for text in module.trainer.values()]
    pages += [(text, paths.participant_dir(module.id)) for text in module.handout.values()]
    for text, page in pages:
        context = TextContext(
            path=text.path,
            text=text.text,
            page=page,
            module_folder=module.folder,
            help_numbers=ctx.help_numbers,
            allowed=curriculum.allowed_data,
            site_pages=ctx.site_pages,
        )
        for rule in TEXT_RULES:
            for line, name, params in rule(context):
                yield Finding(ctx.rel(text.path), line, name, params)


def materials_agree(module: Module, ctx: Context) -> Iterator[Finding]:
    """A translation lists the same materials, with the same numbers, as the source."""
    source = module.trainer.get(ctx.languages.default)
    for lang in ctx.languages.translations:
        translation = module.trainer.get(lang)
        if source is None or translation is None or "materials" not in translation.sections:
            continue
        ours = [(m.count, m.per) for m in source.materials]
        theirs = [(m.count, m.per) for m in translation.materials]
        if ours != theirs:
            detail = Phrase("details", "materials", {"theirs": len(theirs), "ours": len(ours)})
            yield Finding(ctx.rel(translation.path), translation.sections["materials"].line, "steps-mismatch", {"detail": detail})


MODULE_RULES = (
    minutes_add_up,
    long_sessions_have_a_break,
    materials_agree,
    steps_agree,
    required_sections,
    known_terms_and_help,
    translations,
    texts_in_their_language,
    legal_basis_age,
    reviews_still_hold,
    text_rules,
)
