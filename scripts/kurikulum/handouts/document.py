"""The handout as an HTML document, from the module view.

Everything printed comes from the :class:`~kurikulum.view.ModuleView` (title, status,
translation notice, checked-on date, the help a participant may be given, glossary terms,
the participant text already rendered and sanitised); ``theme/handout/handout.html``
lays it out with the running header and footer that print on every page. The HTML is
pure data: the same HTML always gives the same PDF, which is what the render cache relies on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from kurikulum.handouts.jobs import iso_time
from kurikulum.handouts.qr import qr_svg
from kurikulum.handouts.revision import Revision
from kurikulum.settings import Settings
from kurikulum.view.module import ModuleView

PAPERS = ("a4", "a5")
TEMPLATE_NAME = "handout.html"
ROOT_REFERENCE = re.compile(r'(href|src)="(/[^"]*)"')
BARE_LINK = re.compile(r'<a href="([^"]+)">\1</a>')


@dataclass(frozen=True)
class Shared:
    """What every handout of one run shares."""

    template_dir: Path  # theme/handout (kurikulum.assets.print_theme)
    settings: Settings
    revision: Revision


@dataclass(frozen=True)
class HandoutSource:
    title: str
    html: dict[str, str]  # paper -> HTML
    source_path: Path  # the peserta.<lang>.md file the text came from
    files: dict[str, str]  # images it shows: name -> sha256 (part of the cache key)
    allowed: tuple[str, ...]  # what the renderer may read: the module folder and the template's assets


def environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def paper_html(view: ModuleView, site_url: str | None) -> tuple[str, dict[str, str]]:
    """The participant text for paper: site links as full addresses, images as files of the module folder.

    A link whose text is its own address is marked ``bare`` so print CSS does not repeat it.
    Returns the HTML and the images it shows (file name -> sha256) for the cache key.
    """
    files: dict[str, str] = {}
    return to_paper(view.participant_html, view, site_url, files), files


def to_paper(html: str, view: ModuleView, site_url: str | None, files: dict[str, str]) -> str:
    """Any HTML of ``view`` (participant text, a trainer section, a step, a card) made ready for paper.

    Site links become full addresses, images become files of the module folder; the images
    shown are added to ``files`` (name -> sha256), which goes into the cache key.
    """

    def absolute(match: re.Match[str]) -> str:
        attribute, target = match.group(1), match.group(2)
        if attribute == "src":
            file = view.media.get(target)
            if file is None:
                return 'src=""'
            files[target] = hashlib.sha256(file.read_bytes()).hexdigest()
            return f'src="{escape(file.as_uri())}"'
        return f'href="{escape(site_url + target.lstrip("/"))}"' if site_url else f'href="{escape(target)}"'

    html = ROOT_REFERENCE.sub(absolute, html)
    return BARE_LINK.sub(lambda m: f'<a class="bare" href="{m.group(1)}">{m.group(1)}</a>', html)


def common_context(lang: str, shared: Shared) -> dict[str, object]:
    """What every printed document's template needs besides its content: words, organisation, revision, time."""
    settings = shared.settings
    words = settings.words(lang)
    return {
        "lang": lang,
        "words": words,
        "organisation": settings.name,
        "language_name": settings.languages.name(lang),
        "revision": shared.revision.short or words.ui("no_revision"),
        "created": iso_time(shared.revision.epoch),
    }


def allowed_folders(shared: Shared, module_folder: Path | None) -> tuple[str, ...]:
    """What the renderer may read for one document: the module's folder (if it shows its images) and the assets."""
    folders = [module_folder] if module_folder is not None else []
    folders += [shared.template_dir, shared.template_dir.parent / "fonts"]
    return tuple(str(folder.resolve()) for folder in folders)


def handout_source(
    view: ModuleView, source_path: Path, module_folder: Path, shared: Shared, env: jinja2.Environment
) -> HandoutSource:
    """The handout of one module in one language as HTML for each paper size."""
    settings = shared.settings
    words = settings.words(view.lang)
    body, files = paper_html(view, settings.site_url)
    context = {
        "lang": view.lang,
        "view": view,
        "words": words,
        "organisation": settings.name,
        "language_name": settings.languages.name(view.lang),
        "body": Markup(body),  # rendered by the module view and sanitised there
        "qr": Markup(qr_svg(view.address, f"QR: {view.address}")) if view.address else None,
        "revision": shared.revision.short or words.ui("no_revision"),
        "created": iso_time(shared.revision.epoch),
    }
    template = env.get_template(TEMPLATE_NAME)
    html = {paper: template.render(paper=paper, **context) for paper in PAPERS}
    allowed = (
        str(module_folder.resolve()),
        str(shared.template_dir.resolve()),
        str((shared.template_dir.parent / "fonts").resolve()),
    )
    return HandoutSource(view.title, html, source_path, files, allowed)
