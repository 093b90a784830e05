"""Module text to HTML: one Markdown configuration for every output, and the sanitizer after it.

Links and images in the rendered HTML are rewritten into site paths from the root:
``/modul/<id>/`` written by a volunteer becomes ``/en/modul/<id>/`` on an English page, and
an image beside the text becomes ``/modul/<id>/gambar/<file>`` (published with the site).
Each output then turns those root paths into what it needs: page-relative links on the
site and in the offline forms, full addresses on paper.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from kurikulum import paths
from kurikulum.format.markdown_source import normalise_lists, strip_comments
from kurikulum.safety import sanitise, url_scheme

EXTENSIONS = ["tables", "attr_list", "def_list", "admonition", "md_in_html", "sane_lists", "abbr", "toc"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}, "toc": {"permalink": False}}
REFERENCE = re.compile(r'(href|src)="([^"]*)"')


@dataclass
class Rendered:
    html: str
    media: dict[str, Path] = field(default_factory=dict)  #: site path of each image shown -> its file in the module folder


@dataclass(frozen=True)
class Place:
    """Where a text is rendered for: its language, the module it belongs to, and the site's default language."""

    lang: str
    default: str
    module_id: str = ""
    folder: Path | None = None  # the module folder (images are looked up there, and nowhere else)
    page: str = ""  # the language-neutral folder of the page the text is shown on (relative links resolve from it)


def to_html(text: str, place: Place, glossary: dict[str, str] | None = None) -> Rendered:
    """Markdown (a module body, a section, a card, an inline phrase) as sanitised HTML with root paths."""
    source = normalise_lists(strip_comments(text).strip())
    html = sanitise(_converter(tuple(sorted((glossary or {}).items()))).reset().convert(source))
    rendered = Rendered("")
    rendered.html = REFERENCE.sub(lambda m: f'{m.group(1)}="{_rewrite(m.group(1), m.group(2), place, rendered)}"', html)
    return rendered


@functools.lru_cache(maxsize=64)
def _converter(glossary: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    """One converter per glossary, reused (building one costs more than converting a section); reset before each use."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={**EXTENSION_CONFIGS, "abbr": {"glossary": dict(glossary)}})


def inline_html(text: str, place: Place) -> str:
    """One phrase (a material, a step title) as HTML without the paragraph around it."""
    html = to_html(text, place).html
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html


def _rewrite(attribute: str, value: str, place: Place, rendered: Rendered) -> str:
    if attribute == "src" and (url_scheme(value) is not None or value.startswith("//")):
        return ""  # an image shows a file of the module or nothing: never a request to another host
    if not value or value.startswith("#") or url_scheme(value) is not None or value.startswith("//"):
        return value
    if value.startswith("/"):
        # A site path as a volunteer writes it: language-neutral, made language-specific here.
        path, mark, anchor = value.partition("#")
        is_page = path.endswith("/") or not path.strip("/")
        located = paths.site_url(path.strip("/"), place.lang, place.default) if is_page else path
        return located + (mark + anchor if mark else "")
    if attribute == "href":
        path, mark, anchor = value.partition("#")
        landing = paths.page_of(path, place.page)
        if landing is None:
            return ""
        return _rewrite(attribute, f"/{landing}/" if landing else "/", place, rendered) + (mark + anchor if mark else "")
    if attribute == "src" and place.folder is not None:
        file = (place.folder / value).resolve()
        folder = place.folder.resolve()
        if folder in file.parents and file.is_file():
            site_path = f"/{paths.media_dir(place.module_id)}/{file.relative_to(folder).as_posix()}"
            rendered.media[site_path] = file
            return site_path
        return ""  # outside the module, or missing: the checker says so; nothing is loaded
    return value
