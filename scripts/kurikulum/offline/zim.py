"""One Kiwix (ZIM) file per language, written with libzim from the built offline site.

Phones since Android 11 cannot open a local HTML file, so the zip reaches laptops only;
Kiwix (Android from F-Droid, ``kiwix-serve`` on a laptop or a hotspot) reads one ZIM file,
searches it in full text and passes it on over WhatsApp or Bluetooth. A ZIM holds the
offline site's files under the same paths (the offline site has no directory URLs, so every
relative link names a file), limited to one language: its pages, its handouts (as
catalog.json lists them), and the files every language shares (CSS, scripts, fonts,
module images). A link to a page of another language, such as the language switcher, goes
to a short page saying which ZIM file holds that language.

The full text is indexed in the ZIM's language (ISO 639-3 from the words files: Xapian then
stems Indonesian, "dilindungi" finds "pelindungan"), from the same page texts as the site's
own search, so navigation words repeated on every page do not match every page.
Everything written comes from the site folder, the settings and the commit time, in sorted
order: two builds of one commit hold the same entries with the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import os
import posixpath
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from kurikulum import paths
from kurikulum.offline.icon import icon_png
from kurikulum.settings import Settings
from kurikulum.site.search import Document

# Fixed, not mimetypes.guess_type: that reads /etc/mime.types, which differs between machines.
MEDIA_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain",
    ".xml": "application/xml",
}
# Compressed already: a second compression only costs time.
STORED = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz"}
# Not for readers: source maps, the sitemap (for web crawlers), the catalog (every language, for tools).
SKIPPED = re.compile(r"(\.map|^sitemap\.xml(\.gz)?|^catalog\.json)$")
HTML_LANG = re.compile(rb"<html[^>]*\blang=\"([A-Za-z-]+)\"")
LINK = re.compile(r"""(?:href|src)="([^"#?]+)[^"]*\"""")
TAGS = "_category:other;_ftindex:yes;_pictures:yes;_videos:no;_details:yes;education;human rights"
NOTICE_FOLDER = "bahasa-lain"  # where a ZIM keeps its "this language is in another file" pages
MAX_TITLE, MAX_DESCRIPTION = 30, 80  # Kiwix's limits, in characters
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "offline"


@functools.cache
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class ZimFile:
    lang: str
    path: Path
    entries: int  #: files of the site it holds (pages, handouts, assets), without redirects and metadata
    pages: int  #: HTML pages among them
    handouts: int  #: handout files (catalog.json) among them
    redirects: int  #: links to other languages, sent to the notice page
    seconds: float  #: time to write it


def build_date(root: Path) -> datetime.date:
    """The commit's date (SOURCE_DATE_EPOCH when set): the same for every build of one commit."""
    from kurikulum.handouts.revision import source_revision

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else source_revision(root).epoch
    if not seconds:
        return datetime.date.today()  # no history: a sketch outside git
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).date()


def short_name(settings: Settings) -> str:
    """The organisation's name as a file name (see :attr:`Settings.slug`)."""
    return settings.slug


def zim_name(settings: Settings, lang: str) -> str:
    return f"{short_name(settings)}_{lang}.zim"


def catalog_files(catalog: dict, languages: Iterable[str]) -> dict[str, set[str]]:
    """Every file path catalog.json names under a language key, by language (handouts, print packs, pages)."""
    codes = set(languages)
    found: dict[str, set[str]] = {code: set() for code in codes}

    def walk(value: object, lang: str | None) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in codes else lang)
        elif isinstance(value, list):
            for item in value:
                walk(item, lang)
        elif isinstance(value, str) and lang and "/" in value and "." in value.rsplit("/", 1)[-1]:
            found[lang].add(value)

    walk(catalog, None)
    return found


def page_language(file: Path) -> str | None:
    match = HTML_LANG.search(file.read_bytes()[:4096])
    return match.group(1).decode("ascii").split("-")[0].lower() if match else None


def site_files(site: Path) -> Iterator[tuple[str, Path]]:
    for file in sorted(site.rglob("*")):
        relative = file.relative_to(site).as_posix()
        if file.is_file() and not SKIPPED.search(relative):
            yield relative, file


def files_by_language(site: Path, catalog: dict, settings: Settings) -> dict[str, list[str]]:
    """The site files each language's ZIM holds: its own, and those no language claims."""
    languages = list(settings.languages)
    listed = catalog_files(catalog, languages)
    owners: dict[str, str | None] = {}
    for relative, file in site_files(site):
        first = relative.split("/", 1)[0]
        stem = relative.rsplit("/", 1)[-1].split(".", 1)[0]
        if file.suffix == ".html":
            owner = page_language(file)
        elif first in languages and first != settings.languages.default and "/" in relative:
            owner = first
        else:
            claimed = [lang for lang in languages if relative in listed[lang]]
            owner = claimed[0] if len(claimed) == 1 else (stem if stem in languages else None)
        owners[relative] = owner
    return {lang: [path for path, owner in owners.items() if owner in (lang, None)] for lang in languages}


def links(page: str, html: str) -> set[str]:
    """The site files a page links to or loads (relative links only), as paths from the site root."""
    found = set()
    for target in LINK.findall(html):
        if target.startswith(("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")) or not target:
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if not resolved.startswith(".."):
            found.add(resolved)
    return found


def clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def metadata(settings: Settings, lang: str, date: datetime.date, modules: int, topics: int) -> dict[str, str]:
    """The metadata Kiwix requires and recommends (openZIM's metadata page), all from the settings and words."""
    words = settings.words(lang)
    name = settings.name
    titled = f"{name} ({settings.languages.name(lang)})"
    description = settings.text(settings.description, lang) or name
    values = {
        "Name": f"{short_name(settings)}_{lang}",
        "Title": titled if len(titled) <= MAX_TITLE else clip(name, MAX_TITLE),
        "Language": str(words.get("language", "iso639_3")),
        "Creator": name,
        "Publisher": name,
        "Date": date.isoformat(),
        "Description": clip(description, MAX_DESCRIPTION),
        "LongDescription": words.get("offline", "zim_long_description").format(
            description=description, modules=modules, topics=topics
        ),
        "Tags": TAGS,
        "Scraper": "kurikulum (libzim)",
    }
    if settings.licence:
        values["License"] = settings.licence
    if settings.repository or settings.site_url:
        values["Source"] = settings.repository or settings.site_url or ""
    return values


STYLESHEET = "assets/stylesheets/kurikulum.css"  # the site's own styles (the theme), when the ZIM holds them
ICON = "assets/images/favicon.png"


def notice_page(settings: Settings, lang: str, other: str, path: str, held: set[str]) -> str:
    """The page a link to ``other``'s pages lands on inside ``lang``'s ZIM: which file to open instead."""
    default = settings.languages.default
    words = settings.words(lang)
    return (
        templates()
        .get_template("other_language.html")
        .render(
            lang=lang,
            title=words.get("offline", "other_language_title").format(language=settings.languages.name(other)),
            text=words.get("offline", "other_language_text").format(
                language=settings.languages.name(other), file=zim_name(settings, other)
            ),
            home_word=words.ui("home"),
            home=paths.relative(paths.site_url("", lang, default), path, directory_urls=False),
            stylesheet=posixpath.relpath(STYLESHEET, posixpath.dirname(path)) if STYLESHEET in held else None,
            icon=posixpath.relpath(ICON, posixpath.dirname(path)) if ICON in held else None,
        )
    )


def write_zims(
    site: Path, target: Path, settings: Settings, documents: list[Document], date: datetime.date, workers: int = 2
) -> list[ZimFile]:
    """Write ``<short name>_<lang>.zim`` for every language into ``target``; the built site is only read."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    by_language = files_by_language(site, catalog, settings)
    texts = {document.path: document for document in documents}
    listed = catalog_files(catalog, settings.languages)
    illustration = icon_png(settings, 48)
    shared = set.intersection(*(set(files) for files in by_language.values()))
    written = []
    for lang in settings.languages:
        others = {
            path: other for other in settings.languages if other != lang for path in by_language[other] if path not in shared
        }
        written.append(
            write_zim(
                site, target / zim_name(settings, lang), settings, lang, by_language[lang], texts, listed[lang], others,
                metadata(settings, lang, date, len(catalog["modules"]), len(catalog["topics"])), illustration, workers,
            )
        )  # fmt: skip
    return written


def write_zim(
    site: Path,
    destination: Path,
    settings: Settings,
    lang: str,
    files: list[str],
    texts: dict[str, Document],
    handouts: set[str],
    owner_of: dict[str, str],
    values: dict[str, str],
    illustration: bytes,
    workers: int,
) -> ZimFile:
    from libzim.writer import Creator, Hint

    started = time.perf_counter()
    default = settings.languages.default
    main = paths.site_file("", lang, default)
    held = set(files)
    notice_base = paths.page_folder(NOTICE_FOLDER, lang, default)
    elsewhere: dict[str, str] = {}  # a linked file of another language -> the notice page of that language
    partial = destination.with_suffix(".zim.part")
    partial.unlink(missing_ok=True)
    pages = 0
    creator = Creator(str(partial)).config_indexing(True, values["Language"]).config_nbworkers(workers).config_verbose(False)
    with _quiet_stdout(), creator:
        creator.set_mainpath(main)
        for name, value in values.items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, illustration)
        for path in files:
            content = (site / path).read_bytes()
            is_page = path.endswith(".html")
            if is_page:
                pages += 1
                for target in sorted(links(path, content.decode("utf-8", "replace")) - held):
                    if target in owner_of:
                        elsewhere[target] = f"{notice_base}/{owner_of[target]}.html"
            title = _title(path, content, texts, settings) if is_page else ""
            creator.add_item(_item(path, content, title, texts.get(path) if is_page else None, is_page and path != "404.html"))
        for other in sorted(set(elsewhere.values())):
            code = other.rsplit("/", 1)[-1].removesuffix(".html")
            body = notice_page(settings, lang, code, other, held).encode("utf-8")
            creator.add_item(_item(other, body, "", None, front=False))
        for source, notice in sorted(elsewhere.items()):
            creator.add_redirection(source, "", notice, {Hint.FRONT_ARTICLE: False})
    partial.replace(destination)
    return ZimFile(lang, destination, len(files), pages, len(held & handouts), len(elsewhere), time.perf_counter() - started)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """libzim prints its closing steps ("ZIM file is ready!") on standard output even when not verbose."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


HTML_TITLE = re.compile(rb"<title>([^<]*)</title>")


def _title(path: str, content: bytes, texts: dict[str, Document], settings: Settings) -> str:
    """A page's title for Kiwix's title search: the search index's, or the page's own without the site's name."""
    if path in texts:
        return texts[path].title
    match = HTML_TITLE.search(content)
    if not match:
        return ""
    import html

    return html.unescape(match.group(1).decode("utf-8")).removesuffix(f" - {settings.name}").strip()


def _item(path: str, content: bytes, title: str, document: Document | None, front: bool):
    """A libzim item: the file's bytes, its media type, its title, and the text to index (searchable pages only)."""
    from libzim.writer import Hint, IndexData, Item, StringProvider

    suffix = posixpath.splitext(path)[1].lower()
    media_type = MEDIA_TYPES.get(suffix, "application/octet-stream")

    class Index(IndexData):
        def has_indexdata(self) -> bool:
            return document is not None

        def get_title(self) -> str:
            return document.title if document else ""

        def get_content(self) -> str:
            return document.text if document else ""

        def get_keywords(self) -> str:
            return ""

        def get_wordcount(self) -> int:
            return len(document.text.split()) if document else 0

        def get_geoposition(self):
            return None

    class File(Item):
        def get_path(self) -> str:
            return path

        def get_title(self) -> str:
            return title

        def get_mimetype(self) -> str:
            return media_type

        def get_contentprovider(self):
            return StringProvider(content)

        def get_hints(self) -> dict:
            return {Hint.FRONT_ARTICLE: front, Hint.COMPRESS: suffix not in STORED}

        def get_indexdata(self):
            return Index()

    return File()
