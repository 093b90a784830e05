"""The public address contract: where every page and file of the built site lives.

Every page is a folder with an ``index.html``, so the same path works with directory
URLs (the served site) and without them (the offline kit over file://). The default
language lives at the site root, every other language under ``<code>/``. Downloads and
module images are shared by all languages. catalog.json, QR codes, links between pages
and the search index all take their paths from here.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath

DOWNLOADS = "unduh"  # every handout file
PACKS = f"{DOWNLOADS}/paket"
# Discreet variants of sensitive handouts: a folder and file names that say nothing of the topic.
DISCREET = f"{DOWNLOADS}/lembar"
SEARCH = "search"
AGENDA_DATA = "agenda"  # agenda/<lang>.js: what the agenda page computes from (see kurikulum.site.agenda)
# The installable served site (kurikulum.offline.installable): the service worker must sit at the
# site root to serve every page; the rest of it lives in one folder.
SERVICE_WORKER = "sw.js"
OFFLINE = "luring"
OFFLINE_FILES = f"{OFFLINE}/berkas.json"  # every file with its hash and size, the shell, each topic's files
OFFLINE_SCRIPT = f"{OFFLINE}/luring.js"  # registers the service worker, runs the "save for offline" button


def web_manifest(lang: str) -> str:
    """The web app manifest of one language (its start page is that language's home page)."""
    return f"{OFFLINE}/manifest.{lang}.webmanifest"


def app_icon(size: int) -> str:
    return f"{OFFLINE}/ikon-{size}.png"


def topic_dir(topic_id: str) -> str:
    return f"topik/{topic_id}"


def trainer_dir(module_id: str) -> str:
    return f"modul/{module_id}"


def participant_dir(module_id: str) -> str:
    return f"modul/{module_id}/peserta"


def module_downloads(module_id: str) -> str:
    """The folder of a module's printable files (handouts, session plans, activity cards)."""
    return f"{DOWNLOADS}/{module_id}"


def media_dir(module_id: str) -> str:
    """Images a module's texts show, published once for every language."""
    return f"modul/{module_id}/gambar"


REFERENCE_PAGES = {
    "glossary": "rujukan/glosarium",
    "legal_index": "rujukan/dasar-hukum",
    "status": "rujukan/status",
    "print": "rujukan/cetak",
    "agenda": "rujukan/agenda",
}
# The page folders made from the curriculum (the rest are hand-written pages under docs/).
GENERATED_ROOTS = ("topik", "modul", "rujukan")


def page_folder(folder: str, lang: str, default: str) -> str:
    """The folder of a page in ``lang`` under the site root (``modul/x`` or ``en/modul/x``)."""
    if lang == default:
        return folder
    return f"{lang}/{folder}" if folder else lang


def site_file(folder: str, lang: str, default: str) -> str:
    """The HTML file of a page (relative to the site root)."""
    return posixpath.join(page_folder(folder, lang, default), "index.html")


def site_url(folder: str, lang: str, default: str) -> str:
    """A page's address from the site root, as links inside content are written (``/en/modul/x/``)."""
    located = page_folder(folder, lang, default)
    return f"/{located}/" if located else "/"


def relative(target: str, from_file: str, directory_urls: bool) -> str:
    """A link from the page file ``from_file`` to the site path ``target`` (``/modul/x/``, ``/unduh/a.pdf#p``).

    With directory URLs a page is linked as its folder (``../x/``); without them, as its
    ``index.html`` file, which is what works over file://.
    """
    path, mark, anchor = target.partition("#")
    is_page = path.endswith("/") or not path
    path = path.strip("/")
    here = posixpath.dirname(from_file) or "."
    if is_page and directory_urls:
        link = posixpath.relpath(path or ".", here)
        link = "./" if link == "." else link + "/"
    elif is_page:
        link = posixpath.relpath(posixpath.join(path, "index.html") if path else "index.html", here)
    else:
        link = posixpath.relpath(path, here)
    return link + (mark + anchor if mark else "")


def page_of(target: str, page: str) -> str | None:
    """The site folder a link lands on from ``page`` (``modul/x``), or None when it climbs out of the site."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        parts: list[str] = []
        pieces = path.strip("/").split("/")
    else:
        parts = [part for part in page.split("/") if part]
        pieces = path.split("/")
    for piece in pieces:
        if piece in ("", "."):
            continue
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        elif piece == "index.html":
            continue
        else:
            parts.append(piece)
    return str(PurePosixPath(*parts)) if parts else ""
