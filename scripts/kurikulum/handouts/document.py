"""The handout as an HTML document, assembled from the curriculum model.

The participant Markdown is rendered with the ``markdown`` library (the one MkDocs
uses, but without MkDocs), then wrapped by ``overrides/handout/handout.html`` with the
help services, glossary terms, the checked-on date, the review status and the running
header and footer that print on every page. The HTML is pure data: the same HTML
always gives the same PDF, which is what the render cache relies on.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from kurikulum.handouts.address import PageAddress, participant_address
from kurikulum.handouts.qr import qr_svg
from kurikulum.handouts.revision import Revision
from kurikulum.handouts.words import HANDOUT_UI, word
from kurikulum.markdown_source import strip_comments
from kurikulum.model import Curriculum, Module
from kurikulum.status import module_status
from kurikulum.translation import State
from kurikulum.vocabulary import UI, human_date

PAPERS = ("a4", "a5")
TEMPLATE_NAME = "handout.html"
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "def_list", "admonition", "md_in_html", "sane_lists"]
ROOT_LINK = re.compile(r'(href|src)="/(?!/)')
LOCAL_SOURCE = re.compile(r'src="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]+)"')
BARE_LINK = re.compile(r'<a href="([^"]+)">\1</a>')


@dataclass(frozen=True)
class Settings:
    """What every handout of one build shares."""

    template_dir: Path  # overrides/handout
    base_url: str | None  # site_url from mkdocs.yml
    revision: Revision


@dataclass(frozen=True)
class HandoutSource:
    module_id: str
    lang: str
    title: str
    address: PageAddress
    html: dict[str, str]  # paper -> HTML
    source_path: Path  # the peserta.<lang>.md file the text came from
    files: dict[str, str]  # images it shows: name -> sha256 (part of the cache key)


def template_dir(root: Path) -> Path:
    return root / "overrides" / "handout"


def environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def body_html(text: str, base_url: str | None, folder: Path) -> tuple[str, dict[str, str]]:
    """The participant text as HTML, and the local files it shows (path -> sha256) for the cache key.

    Images are files in the module folder; links written from the site root
    ('/modul/x/') get the site address, since a printed relative link means nothing.
    A link whose text is its own address is marked ``bare`` so print CSS does not repeat it.
    """
    html = markdown.markdown(strip_comments(text).strip(), extensions=MARKDOWN_EXTENSIONS, output_format="html")
    if base_url:
        html = ROOT_LINK.sub(lambda m: f'{m.group(1)}="{base_url}', html)
    html = BARE_LINK.sub(lambda m: f'<a class="bare" href="{m.group(1)}">{m.group(1)}</a>', html)
    files: dict[str, str] = {}

    def local(match: re.Match[str]) -> str:
        path = (folder / unescape(match.group(1))).resolve()
        if not path.is_file():
            return match.group(0)  # the checker reports missing images
        files[match.group(1)] = hashlib.sha256(path.read_bytes()).hexdigest()
        return f'src="{escape(path.as_uri())}"'

    return LOCAL_SOURCE.sub(local, html), files


def checked_on(module: Module, curriculum: Curriculum) -> datetime.date | None:
    """The legal-basis check date; without legal basis, the oldest check of the help services it lists."""
    date = module.checked_on()
    if date is None:
        dates = [curriculum.help[s].checked for s in module.help if s in curriculum.help]
        date = min(dates) if dates else None
    return date


def status_words(module: Module, lang: str) -> dict[str, str | bool]:
    if module.review.is_reviewed:
        detail = HANDOUT_UI["reviewed_short"][lang].format(
            reviewer=module.review.reviewer, date=human_date(module.review.date, lang)
        )
        return {"reviewed": True, "label": UI["reviewed"][lang], "detail": detail, "box": ""}
    return {"reviewed": False, "label": UI["draft"][lang], "detail": word("draft_short", lang), "box": word("draft_box", lang)}


def translation_note(module: Module, lang: str) -> str:
    state = module_status(module).translation.get(lang, State.SOURCE)
    if state is State.STALE:
        return UI["stale_note"][lang]
    if state is State.MISSING:
        return UI["missing_note"][lang]
    return ""


def help_items(module: Module, curriculum: Curriculum, lang: str) -> list[dict[str, object]]:
    items = []
    for service_id in module.help:
        service = curriculum.help.get(service_id)
        if service is None:
            continue
        items.append(
            {
                "name": service.name,
                "purpose": service.purpose.get(lang, ""),
                "phones": service.phones,
                "whatsapp": service.whatsapp,
                "note": service.note.get(lang, ""),
                "checked": human_date(service.checked, lang),
            }
        )
    return items


def term_items(module: Module, curriculum: Curriculum, lang: str) -> list[dict[str, str]]:
    items = []
    for name in module.terms:
        term = curriculum.terms.get(name)
        if term is not None:
            items.append({"term": term.term, "expansion": term.expansion, "meaning": term.meaning.get(lang, "")})
    return items


def iso_time(epoch: int) -> str | None:
    if epoch <= 0:
        return None
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def handout_source(
    module: Module, curriculum: Curriculum, lang: str, settings: Settings, env: jinja2.Environment
) -> HandoutSource | None:
    """The handout of ``module`` in ``lang`` as HTML for each paper size (the Indonesian text when not translated)."""
    handout = module.handout.get(lang) or module.handout.get("id")
    if handout is None:
        return None
    title = module.title(lang)
    address = participant_address(settings.base_url, module.id, lang)
    date = checked_on(module, curriculum)
    body, files = body_html(handout.body, settings.base_url, module.folder)
    revision = settings.revision.short or word("no_revision", lang)
    words = {
        key: word(key, lang) for key in (*HANDOUT_UI, "checked_on", "help", "terms", "phone", "whatsapp", "participant_page")
    }
    context = {
        "lang": lang,
        "title": title,
        "words": words,
        "status": status_words(module, lang),
        "translation_note": translation_note(module, lang),
        "body": Markup(body),
        "help": help_items(module, curriculum, lang),
        "terms": term_items(module, curriculum, lang),
        "checked_on": human_date(date, lang) if date else word("not_checked", lang),
        "address": address,
        "qr": Markup(qr_svg(address.url, f"QR: {address.url}")) if address.url else None,
        "revision": revision,
        "created": iso_time(settings.revision.epoch),
        "description": module.summary(lang),
    }
    template = env.get_template(TEMPLATE_NAME)
    html = {paper: template.render(paper=paper, **context) for paper in PAPERS}
    return HandoutSource(module.id, lang, title, address, html, handout.path, files)
