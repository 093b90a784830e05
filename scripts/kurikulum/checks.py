"""Rules that look across files or at the text itself, each a small function yielding findings.

Structural problems (YAML, fields, types) are found while loading; these rules run
on the loaded curriculum. :func:`check` runs everything and returns the curriculum
with the sorted list of findings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kurikulum import paths
from kurikulum.findings import Finding, relative
from kurikulum.loader import Loader
from kurikulum.markdown_source import has_content, list_items, read_source
from kurikulum.model import Curriculum, Module
from kurikulum.schema import suggest
from kurikulum.status import translation_states
from kurikulum.text_rules import TEXT_RULES, TextContext, digits
from kurikulum.translation import FINGERPRINT_LINE, State
from kurikulum.vocabulary import FILES, REQUIRED_SECTIONS, TRAINER_SECTIONS

LEGAL_CHECK_MAX_AGE = datetime.timedelta(days=365)


@dataclass
class Context:
    """What every rule may look at; the derived sets are computed once per check, not per module."""

    curriculum: Curriculum
    root: Path
    today: datetime.date

    @cached_property
    def module_ids(self) -> set[str]:
        return {module.id for module in self.curriculum.modules}

    @cached_property
    def topic_ids(self) -> set[str]:
        return {topic.id for topic in self.curriculum.topics}

    @cached_property
    def help_numbers(self) -> set[str]:
        return {digits(number) for service in self.curriculum.help.values() for number in [*service.phones, *service.whatsapp]}

    @cached_property
    def site_pages(self) -> set[str]:
        docs = self.root / "docs"
        hand_written = {p.name.split(".")[0] for p in docs.glob("*.md")} if docs.is_dir() else set()
        return set(paths.REFERENCE_PAGES.values()) | hand_written


def check(root: Path, today: datetime.date | None = None) -> tuple[Curriculum, list[Finding]]:
    loader = Loader(root, today)
    curriculum = loader.load()
    findings = list(loader.findings)
    context = Context(curriculum, root, loader.today)
    for rule in CURRICULUM_RULES:
        findings.extend(rule(context))
    for module in curriculum.modules:
        for rule in MODULE_RULES:
            findings.extend(rule(module, context))
    unique = {(f.path, f.line, f.rule, f.message("en")): f for f in findings}
    return curriculum, sorted(unique.values(), key=Finding.sort_key)


# -- whole-curriculum rules ---------------------------------------------------------


def duplicate_module_ids(ctx: Context) -> Iterator[Finding]:
    curriculum, root = ctx.curriculum, ctx.root
    seen: dict[str, Module] = {}
    for module in curriculum.modules:
        meta = module.folder / FILES["meta"]
        if module.id in seen:
            other = relative(seen[module.id].folder / FILES["meta"], root)
            yield Finding(relative(meta, root), 1, "duplicate-id", {"value": module.id, "other": other})
        else:
            seen[module.id] = module


CURRICULUM_RULES = (duplicate_module_ids,)


# -- per-module rules ----------------------------------------------------------------


def _meta_path(module: Module, root: Path) -> str:
    return relative(module.folder / FILES["meta"], root)


def _meta_line(module: Module, key: str, value: str | None = None) -> int:
    """Line of ``key`` (or of ``value`` in its list) in modul.yml, found by reading the file."""
    lines = read_source(module.folder / FILES["meta"]).split("\n")
    key_line = next((i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)
    if value is None:
        return key_line
    for index in range(key_line - 1, len(lines)):
        if index > key_line - 1 and lines[index] and not lines[index].startswith((" ", "-", "\t")):
            break
        if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", lines[index]):
            return index + 1
    return key_line


def minutes_add_up(module: Module, ctx: Context) -> Iterator[Finding]:
    root = ctx.root
    text = module.trainer.get("id")
    if text is None or not text.steps or not module.duration:
        return
    total = sum(step.minutes for step in text.steps)
    if total != module.duration:
        line = text.sections["steps"].line
        yield Finding(relative(text.path, root), line, "minutes-sum", {"total": total, "duration": module.duration})


def steps_agree(module: Module, ctx: Context) -> Iterator[Finding]:
    root = ctx.root
    source, translation = module.trainer.get("id"), module.trainer.get("en")
    if source is None or translation is None or "steps" not in translation.sections:
        return
    path = relative(translation.path, root)
    if len(source.steps) != len(translation.steps):
        yield Finding(
            path,
            translation.sections["steps"].line,
            "steps-mismatch",
            {
                "detail": f"{len(translation.steps)} langkah, bahasa Indonesia {len(source.steps)}",
                "detail_en": f"{len(translation.steps)} steps, the Indonesian has {len(source.steps)}",
            },
        )
        return
    for number, (ours, theirs) in enumerate(zip(source.steps, translation.steps, strict=True), 1):
        if ours.minutes != theirs.minutes:
            yield Finding(
                path,
                theirs.line,
                "steps-mismatch",
                {
                    "detail": f"langkah {number} {theirs.minutes} menit, bahasa Indonesia {ours.minutes} menit",
                    "detail_en": f"step {number} is {theirs.minutes} min, the Indonesian is {ours.minutes} min",
                },
            )


def required_sections(module: Module, ctx: Context) -> Iterator[Finding]:
    root = ctx.root
    for lang, text in module.trainer.items():
        path = relative(text.path, root)
        for key in REQUIRED_SECTIONS:
            if key not in text.sections:
                yield Finding(path, 1, "missing-section", {"section": TRAINER_SECTIONS[key][lang]})
        if module.sensitive and "safety" not in text.sections:
            yield Finding(path, 1, "safety-note", {})
        if "objectives" in text.sections:
            section = text.sections["objectives"]
            count = len(list_items(section.body))
            if has_content(section.body) and not 2 <= count <= 4:
                yield Finding(path, section.line, "objectives-count", {"count": count})


def known_terms_and_help(module: Module, ctx: Context) -> Iterator[Finding]:
    curriculum, root = ctx.curriculum, ctx.root
    path = _meta_path(module, root)
    for term in module.terms:
        if term not in curriculum.terms:
            close = suggest(term, curriculum.terms)
            yield Finding(
                path,
                _meta_line(module, "istilah", term),
                "unknown-term",
                {
                    "value": term,
                    "suggestion": f" ('{close}'?)" if close else "",
                },
            )
    for service in module.help:
        if service not in curriculum.help:
            yield Finding(
                path,
                _meta_line(module, "bantuan", service),
                "unknown-help",
                {
                    "value": service,
                    "choices": ", ".join(curriculum.help) or "-",
                },
            )


def translations(module: Module, ctx: Context) -> Iterator[Finding]:
    root = ctx.root
    for kind, state in translation_states(module, "en").items():
        target = module.folder / FILES[kind].format(lang="en")
        if "id" not in getattr(module, kind):
            continue  # the Indonesian file itself is missing or broken: that is reported already
        if state is State.MISSING and not target.exists():
            yield Finding(relative(module.folder, root), 1, "missing-translation", {"file": target.name, "module": module.id})
        elif state is State.STALE:
            yield Finding(relative(target, root), _fingerprint_line(target), "stale-translation", {"module": module.id})


def _fingerprint_line(path: Path) -> int:
    text = read_source(path)
    match = FINGERPRINT_LINE.search(text)
    return text[: match.start()].count("\n") + 1 if match else 1


def legal_basis_age(module: Module, ctx: Context) -> Iterator[Finding]:
    root, today = ctx.root, ctx.today
    for entry in module.legal_basis:
        if today - entry.checked > LEGAL_CHECK_MAX_AGE:
            yield Finding(
                _meta_path(module, root), entry.line, "legal-basis-old", {"law": entry.key, "date": entry.checked.isoformat()}
            )


def text_rules(module: Module, ctx: Context) -> Iterator[Finding]:
    curriculum, root = ctx.curriculum, ctx.root
    for text in [*module.trainer.values(), *module.handout.values()]:
        context = TextContext(
            path=text.path,
            text=read_source(text.path),
            help_numbers=ctx.help_numbers,
            allowed=curriculum.allowed_data,
            module_ids=ctx.module_ids,
            topic_ids=ctx.topic_ids,
            site_pages=ctx.site_pages,
        )
        for rule in TEXT_RULES:
            for line, name, params in rule(context):
                yield Finding(relative(text.path, root), line, name, params)


MODULE_RULES = (
    minutes_add_up,
    steps_agree,
    required_sections,
    known_terms_and_help,
    translations,
    legal_basis_age,
    text_rules,
)
