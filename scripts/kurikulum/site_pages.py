"""The site's generated Markdown pages, derived from the curriculum model.

``pages(curriculum)`` returns every page as ``{path under docs/: Markdown}`` together
with the source file each page should be edited from; ``write_pages`` writes them,
touching only files whose text changed (so a live-reloading server does not loop)
and removing pages of modules that no longer exist.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from kurikulum import paths
from kurikulum.handouts import HandoutRun, read_manifest
from kurikulum.handouts.links import download_section, print_page
from kurikulum.handouts.words import HANDOUT_UI
from kurikulum.markdown_source import strip_comments
from kurikulum.model import Curriculum, HelpService, LegalBasis, Module, Term, Topic
from kurikulum.schedule import timetable
from kurikulum.status import module_status
from kurikulum.translation import State
from kurikulum.vocabulary import AUDIENCES, LANGUAGES, PANEL_SECTIONS, UI, human_date


@dataclass
class Page:
    markdown: str
    edit_source: str | None = None  # path relative to the repository root


def t(key: str, lang: str) -> str:
    return UI[key][lang]


def link(from_folder: str, to_folder: str) -> str:
    """A relative link between two generated page folders, to the index.md MkDocs resolves."""
    return posixpath.relpath(f"{to_folder}/index.md", from_folder)


def front(title: str) -> str:
    escaped = title.replace('"', '\\"')
    return f'---\ntitle: "{escaped}"\n---\n\n'


# -- shared fragments -------------------------------------------------------------


def review_badge(module: Module, lang: str) -> str:
    if module.review.is_reviewed:
        note = UI["reviewed_note"][lang].format(reviewer=module.review.reviewer, date=human_date(module.review.date, lang))
        return f'<p class="rh-badge rh-badge--reviewed" markdown>**{t("reviewed", lang)}** · {note}</p>\n\n'
    return f'<p class="rh-badge rh-badge--draft" markdown>**{t("draft", lang)}** · {t("draft_note", lang)}</p>\n\n'


def translation_notice(state: State, lang: str) -> str:
    if state is State.STALE:
        return f'!!! warning "{t("translation", lang)}"\n\n    {t("stale_note", lang)}\n\n'
    if state is State.MISSING:
        return f'!!! note "{t("translation", lang)}"\n\n    {t("missing_note", lang)}\n\n'
    return ""


def legal_entry(entry: LegalBasis, lang: str) -> str:
    article = f", {entry.article}" if entry.article else ""
    text = (
        f"- **{entry.key}** {t('about_law', lang)} {entry.title}{article}. "
        f"{t('checked_on', lang)} {human_date(entry.checked, lang)} "
        f"({t('source', lang)}: {source_link(entry.source)})."
    )
    if lang in entry.note:
        text += f" *{entry.note[lang]}*"
    return text


def source_link(source: str) -> str:
    return f"<{source}>" if source.startswith(("http://", "https://")) else source


def help_entry(service: HelpService, lang: str) -> str:
    parts = []
    if service.phones:
        parts.append(f"{t('phone', lang)} {', '.join(f'**{number}**' for number in service.phones)}")
    if service.whatsapp:
        parts.append(f"{t('whatsapp', lang)} {', '.join(f'**{number}**' for number in service.whatsapp)}")
    text = f"- **{service.name}**: {service.purpose.get(lang, '')} {'; '.join(parts)}."
    if lang in service.note:
        text += f" {service.note[lang]}"
    text += f" *({t('checked_on', lang)} {human_date(service.checked, lang)}; {t('source', lang)}: {service.source})*"
    return text


def help_section(module: Module, curriculum: Curriculum, lang: str) -> str:
    services = [curriculum.help[s] for s in module.help if s in curriculum.help]
    if not services:
        return ""
    return f"## {t('help', lang)}\n\n" + "\n".join(help_entry(s, lang) for s in services) + "\n\n"


def terms_section(module: Module, curriculum: Curriculum, lang: str, here: str) -> str:
    terms = [curriculum.terms[name] for name in module.terms if name in curriculum.terms]
    if not terms:
        return ""
    glossary = link(here, paths.REFERENCE_PAGES["glossary"])
    lines = [f"- [**{term.term}**]({glossary}#{term.anchor}): {term_meaning(term, lang)}" for term in terms]
    return f"## {t('terms', lang)}\n\n" + "\n".join(lines) + "\n\n"


def term_meaning(term: Term, lang: str) -> str:
    expansion = f"{term.expansion}. " if term.expansion else ""
    return expansion + term.meaning[lang]


def abbreviations(module: Module, curriculum: Curriculum, lang: str) -> str:
    """Markdown ``abbr`` definitions: every use of a glossary term gets its meaning on hover."""
    lines = []
    for name in module.terms:
        term = curriculum.terms.get(name)
        if term is not None:
            title = (term.expansion or term.meaning[lang]).replace("\n", " ")
            lines.append(f"*[{term.term}]: {title}")
    return ("\n" + "\n".join(lines) + "\n") if lines else ""


def audience_text(module: Module, lang: str) -> str:
    return ", ".join(AUDIENCES[key][lang] for key in module.audience)


def text_in(module: Module, kind: str, lang: str):
    """The text to show for ``lang``: its own, or the Indonesian when the translation is missing."""
    texts = getattr(module, kind)
    return texts.get(lang) or texts.get("id")


# -- pages --------------------------------------------------------------------------


def trainer_page(module: Module, curriculum: Curriculum, lang: str, downloads: dict | None = None) -> Page:
    here = paths.trainer_dir(module.id)
    text = text_in(module, "trainer", lang)
    state = module_status(module).translation[lang]
    topic = curriculum.topic(module.topic)
    out = [front(text.title), f"# {text.title}\n\n"]
    out.append(f"[← {topic.title[lang]}]({link(here, paths.topic_dir(topic.id))}) · ")
    out.append(f"[{t('participant_page', lang)} →]({link(here, paths.participant_dir(module.id))})\n\n")
    out.append(review_badge(module, lang))
    out.append(download_section(downloads, here, lang))
    out.append(translation_notice(state, lang))
    out.append(f'<div class="rh-panel" markdown>\n\n## {t("at_a_glance", lang)}\n\n')
    out.append(f"| | |\n|---|---|\n| {t('duration', lang)} | {module.duration} {t('minutes', lang)} |\n")
    out.append(f"| {t('audience', lang)} | {audience_text(module, lang)} |\n")
    out.append(f"| {t('group_size', lang)} | {module.group_min}–{module.group_max} {t('people', lang)} |\n\n")
    for key in PANEL_SECTIONS:
        if key in text.sections:
            section = text.sections[key]
            out.append(f"### {section.heading}\n\n{strip_comments(section.body).strip()}\n\n")
    out.append(f"### {t('schedule', lang)}\n\n| {t('start', lang)} | {t('step', lang)} | {t('minutes', lang)} |\n|---|---|---|\n")
    for start, step in timetable(text.steps):
        out.append(f"| {start} | {step.title} | {step.minutes} |\n")
    out.append("\n")
    if module.legal_basis:
        out.append(f"### {t('legal_basis', lang)}\n\n" + "\n".join(legal_entry(e, lang) for e in module.legal_basis) + "\n\n")
    out.append("</div>\n\n")
    for key in text.section_order:
        if key in PANEL_SECTIONS:
            continue
        section = text.sections[key]
        out.append(f"## {section.heading}\n\n")
        if key == "steps":
            for start, step in timetable(text.steps):
                out.append(
                    f"### {start} · {step.title} ({step.minutes} {t('minutes', lang)})\n\n{strip_comments(step.body).strip()}\n\n"
                )
        else:
            out.append(strip_comments(section.body).strip() + "\n\n")
    out.append(help_section(module, curriculum, lang))
    out.append(terms_section(module, curriculum, lang, here))
    out.append(abbreviations(module, curriculum, lang))
    return Page("".join(out), edit_source=_repo_path(text.path, curriculum))


def participant_page(module: Module, curriculum: Curriculum, lang: str, downloads: dict | None = None) -> Page:
    here = paths.participant_dir(module.id)
    handout = text_in(module, "handout", lang)
    state = module_status(module).translation[lang]
    title = module.title(lang)
    out = [front(f"{title} — {t('participant_page', lang)}"), f"# {title}\n\n"]
    out.append(f"*{t('participant_page', lang)}* · [{t('trainer_page', lang)}]({link(here, paths.trainer_dir(module.id))})\n\n")
    out.append(review_badge(module, lang))
    out.append(download_section(downloads, here, lang))
    out.append(translation_notice(state, lang))
    out.append(strip_comments(handout.body).strip() + "\n\n")
    out.append(help_section(module, curriculum, lang))
    out.append(terms_section(module, curriculum, lang, here))
    checked = module.checked_on()
    if checked:
        out.append(f"*{t('checked_on', lang)} {human_date(checked, lang)}.*\n")
    out.append(abbreviations(module, curriculum, lang))
    return Page("".join(out), edit_source=_repo_path(handout.path, curriculum))


def topic_page(topic: Topic, lang: str) -> Page:
    here = paths.topic_dir(topic.id)
    out = [front(topic.title[lang]), f"# {topic.title[lang]}\n\n{topic.description[lang]}\n\n"]
    out.append(
        f"| {t('module', lang)} | {t('duration', lang)} | {t('audience', lang)} | {t('review', lang)} |\n|---|---|---|---|\n"
    )
    for module in topic.modules:
        status = t("reviewed", lang) if module.review.is_reviewed else t("draft", lang)
        out.append(
            f"| [{module.title(lang)}]({link(here, paths.trainer_dir(module.id))})<br>{module.summary(lang)} "
            f"([{t('participant_page', lang).lower()}]({link(here, paths.participant_dir(module.id))})) "
            f"| {module.duration} {t('minutes', lang)} | {audience_text(module, lang)} | {status} |\n"
        )
    return Page("".join(out) + "\n", edit_source=f"modules/{topic.id}/topik.yml")


def glossary_page(curriculum: Curriculum, lang: str) -> Page:
    here = paths.REFERENCE_PAGES["glossary"]
    users: dict[str, list[Module]] = {}
    for module in curriculum.modules:
        for name in module.terms:
            users.setdefault(name, []).append(module)
    out = [front(t("glossary", lang)), f"# {t('glossary', lang)}\n\n"]
    for term in sorted(curriculum.terms.values(), key=lambda term: term.term.casefold()):
        out.append(f"## {term.term} {{#{term.anchor}}}\n\n")
        if term.expansion:
            out.append(f"**{term.expansion}**\n\n")
        out.append(term.meaning[lang] + "\n\n")
        modules = users.get(term.term, [])
        if modules:
            refs = ", ".join(f"[{m.title(lang)}]({link(here, paths.trainer_dir(m.id))})" for m in modules)
            out.append(f"{t('used_in', lang)}: {refs}\n\n")
    return Page("".join(out))


def legal_index_page(curriculum: Curriculum, lang: str) -> Page:
    here = paths.REFERENCE_PAGES["legal_index"]
    cited: dict[str, tuple[LegalBasis, list[Module]]] = {}
    for module in curriculum.modules:
        for entry in module.legal_basis:
            _, modules = cited.setdefault(entry.key, (entry, []))
            if module not in modules:
                modules.append(module)
    out = [front(t("legal_index", lang)), f"# {t('legal_index', lang)}\n\n"]
    for key in sorted(cited, key=lambda k: (cited[k][0].kind, cited[k][0].year, k)):
        entry, modules = cited[key]
        out.append(f"## {key} {{#{_anchor(key)}}}\n\n*{entry.title}*\n\n{t('cited_by', lang)}:\n\n")
        for module in modules:
            articles = "; ".join(e.article for e in module.legal_basis if e.key == key and e.article)
            suffix = f" ({articles})" if articles else ""
            out.append(f"- [{module.title(lang)}]({link(here, paths.trainer_dir(module.id))}){suffix}\n")
        out.append("\n")
    return Page("".join(out))


def status_page(curriculum: Curriculum, lang: str) -> Page:
    here = paths.REFERENCE_PAGES["status"]
    out = [front(t("status_page", lang)), f"# {t('status_page', lang)}\n\n"]
    out.append(
        f"| {t('module', lang)} | {t('translation', lang)} (en) | {t('review', lang)} | "
        f"{t('checked_on', lang)} | {t('last_checked_age', lang)} |\n|---|---|---|---|---|\n"
    )
    for module in curriculum.modules:
        status = module_status(module)
        review = t("reviewed", lang) if module.review.is_reviewed else t("draft", lang)
        checked = module.checked_on()
        age = f"{status.legal_check_age_days} {t('days', lang)}" if status.legal_check_age_days is not None else "–"
        out.append(
            f"| [{module.title(lang)}]({link(here, paths.trainer_dir(module.id))}) "
            f"| {t('state_' + status.translation['en'].value, lang)} | {review} "
            f"| {human_date(checked, lang) if checked else '–'} | {age} |\n"
        )
    return Page("".join(out) + "\n")


def _anchor(key: str) -> str:
    from kurikulum.model import slug

    return slug(key)


def _repo_path(path: Path, curriculum: Curriculum) -> str:
    return path.resolve().relative_to(curriculum.root.resolve().parent).as_posix()


def print_list_page(curriculum: Curriculum, lang: str, handouts: HandoutRun | None) -> Page:
    """'Cetak / Print': every handout and print pack, for the photocopy shop."""
    here = paths.REFERENCE_PAGES["print"]
    title = HANDOUT_UI["print_page"][lang]
    body = print_page(curriculum, handouts.files, handouts.packs, here, lang) if handouts else ""
    return Page(front(title) + f"# {title}\n\n" + body)


def pages(curriculum: Curriculum, handouts: HandoutRun | None = None) -> dict[str, Page]:
    files = handouts.files if handouts else {}
    result: dict[str, Page] = {}
    for lang in LANGUAGES:
        for topic in curriculum.topics:
            result[paths.source_file(paths.topic_dir(topic.id), lang)] = topic_page(topic, lang)
            for module in topic.modules:
                downloads = files.get(module.id)
                result[paths.source_file(paths.trainer_dir(module.id), lang)] = trainer_page(module, curriculum, lang, downloads)
                result[paths.source_file(paths.participant_dir(module.id), lang)] = participant_page(
                    module, curriculum, lang, downloads
                )
        result[paths.source_file(paths.REFERENCE_PAGES["glossary"], lang)] = glossary_page(curriculum, lang)
        result[paths.source_file(paths.REFERENCE_PAGES["legal_index"], lang)] = legal_index_page(curriculum, lang)
        result[paths.source_file(paths.REFERENCE_PAGES["status"], lang)] = status_page(curriculum, lang)
        result[paths.source_file(paths.REFERENCE_PAGES["print"], lang)] = print_list_page(curriculum, lang, handouts)
    return result


def write_pages(curriculum: Curriculum, root: Path) -> dict[str, Page]:
    """Write the generated pages under ``docs/``; return them."""
    docs = root / "docs"
    generated = pages(curriculum, read_manifest(root))
    for relative_path, page in generated.items():
        target = docs / relative_path
        if not target.exists() or target.read_text(encoding="utf-8") != page.markdown:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    for folder in paths.GENERATED_ROOTS:
        for stale in sorted((docs / folder).rglob("*.md")) if (docs / folder).exists() else []:
            if stale.relative_to(docs).as_posix() not in generated:
                stale.unlink()
    return generated


def navigation(curriculum: Curriculum, configured: list | None) -> list:
    """The site navigation from mkdocs.yml, with the generated folders expanded.

    A nav entry whose value is a generated folder (``Topik: topik``, ``Rujukan: rujukan``)
    becomes the list of that folder's pages, in curriculum order.

    Module pages stay out of the navigation on purpose: every page carries the whole
    navigation, so listing hundreds of modules would make every page heavy.
    """
    folders = {
        "topik": [paths.source_file(paths.topic_dir(topic.id), "id") for topic in curriculum.topics],
        "rujukan": [paths.source_file(folder, "id") for folder in paths.REFERENCE_PAGES.values()],
    }
    result = []
    for item in configured or []:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, str) and value.strip("/") in folders:
                item = {title: folders[value.strip("/")]}
        result.append(item)
    return result


def home_cards(curriculum: Curriculum, lang: str, page_src: str) -> str:
    """Material grid cards for the topics, placed on the home page."""
    here = posixpath.dirname(page_src)
    out = ['<div class="grid cards" markdown>\n\n']
    for topic in curriculum.topics:
        target = posixpath.relpath(paths.source_file(paths.topic_dir(topic.id), "id"), here or ".")
        count = len(topic.modules)
        noun = {"id": "modul", "en": "modules" if count != 1 else "module"}[lang]
        out.append(
            f"-   **[{topic.title[lang]}]({target})**\n\n    ---\n\n    {topic.description[lang]}\n\n    *{count} {noun}*\n\n"
        )
    out.append("</div>\n")
    return "".join(out)
