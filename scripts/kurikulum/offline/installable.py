"""The installable served site: a service worker, the list of files it may keep, web app manifests and icons.

A trainer opens the public site once with data; afterwards the pages she read, the home
and topic pages of her language, and every topic she saved with "Simpan untuk offline"
open without a signal. Only the served build gets these files (``site/``): over
``file://`` and inside a ZIM there is no service worker to register.

``luring/berkas.json`` lists every file of the build with a short hash of its bytes and its
size, the shell of each language and the files of each topic (the module pages, the
handouts catalog.json lists, the module images, the topic's print pack). The service
worker keeps only bytes whose hash matches the list of its own build, and its name carries
the hash of that list: a new build is a new worker with a new cache, filled before it takes
over (files whose hash did not change are copied from the old cache, not downloaded again),
so a reader never gets a mix of two builds.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from kurikulum import paths
from kurikulum.offline.icon import colours, icon_png
from kurikulum.settings import Settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "offline"
ICON_SIZES = (192, 512)
HASH_LENGTH = 16  # hex digits of SHA-256: enough to tell two builds of a file apart
NOT_LISTED = re.compile(r"(\.map|^sitemap\.xml(\.gz)?)$")  # for crawlers and debuggers, not readers
# Scripts the search box loads only when used: kept with the shell so that search works offline.
LAZY_SCRIPTS = "assets/javascripts/vendor/"
LOADED = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src)="([^"#?]+)[^"]*\"""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')#?]+)""")


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:HASH_LENGTH]


# (device, inode, size, modification time in ns) -> hash: ``kurikulum serve`` lists the site again
# after every edit, and most files did not change.
_DIGESTS: dict[tuple[int, int, int, int], str] = {}


def _files_under(folder: str) -> Iterator[os.DirEntry]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path)
            elif entry.is_file():
                yield entry


def listed_files(site: Path) -> dict[str, list]:
    """Every file a reader may fetch: path -> [hash, bytes]."""
    unlisted = {paths.SERVICE_WORKER, paths.OFFLINE_FILES}
    found = {}
    start = len(str(site)) + 1
    for entry in _files_under(str(site)):
        relative = entry.path[start:].replace(os.sep, "/")
        if relative not in unlisted and not NOT_LISTED.search(relative):
            status = entry.stat()
            # The same file (its inode) unchanged since it was read: also when its folder was renamed
            # (the preview builds aside and swaps; the search index's version folder is renamed).
            key = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
            if key not in _DIGESTS:
                _DIGESTS[key] = digest(Path(entry.path).read_bytes())
            found[relative] = [_DIGESTS[key], status.st_size]
    return dict(sorted(found.items()))


def loaded_by(site: Path, page: str, files: dict[str, list]) -> set[str]:
    """The stylesheets, scripts, icons and manifest a page loads, and the fonts its stylesheets load."""
    found = set()
    html = (site / page).read_text(encoding="utf-8")
    for target in LOADED.findall(html):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if resolved in files:
            found.add(resolved)
    for stylesheet in [f for f in found if f.endswith(".css")]:
        for target in CSS_URL.findall((site / stylesheet).read_text(encoding="utf-8")):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(stylesheet), target))
            if resolved in files:
                found.add(resolved)
    return found


def shell(site: Path, catalog: dict, settings: Settings, files: dict[str, list]) -> dict[str, list[str]]:
    """What the first visit keeps, per language: the home and topic pages, all they load, the search."""
    default = settings.languages.default
    result = {}
    for lang in settings.languages:
        pages = [paths.site_file("", lang, default), *(topic["pages"][lang] for topic in catalog["topics"])]
        wanted = {page for page in pages if page in files}
        for page in list(wanted):
            wanted |= loaded_by(site, page, files)
        wanted |= {path for path in files if path.startswith(LAZY_SCRIPTS) and path.endswith(".js")}
        wanted |= {path for path in (f"{paths.SEARCH}/{lang}.js", paths.web_manifest(lang), *map(paths.app_icon, ICON_SIZES))}
        result[lang] = sorted(path for path in wanted if path in files)
    return result


def topic_files(catalog: dict, settings: Settings, files: dict[str, list]) -> dict[str, dict[str, list[str]]]:
    """Per language and topic, what "Simpan untuk offline" keeps: its pages, handouts, images and print pack."""
    modules = {module["id"]: module for module in catalog["modules"]}
    listed = sorted(files)

    def images(module_id: str) -> set[str]:
        folder = paths.media_dir(module_id) + "/"
        start = end = bisect.bisect_left(listed, folder)
        while end < len(listed) and listed[end].startswith(folder):
            end += 1
        return set(listed[start:end])

    media = {module_id: images(module_id) for module_id in modules}
    result: dict[str, dict[str, list[str]]] = {}
    for lang in settings.languages:
        result[lang] = {}
        for topic in catalog["topics"]:
            wanted = {topic["pages"][lang]}
            pack = topic.get("print_pack", {}).get(lang)
            if pack:
                wanted.add(pack["path"])
            for module_id in topic["modules"]:
                module = modules[module_id]
                wanted |= set(module["pages"][lang].values())
                wanted |= {handout["path"] for handout in module["handouts"][lang]}
                wanted |= media[module_id]
            result[lang][topic["id"]] = sorted(path for path in wanted if path in files)
    return result


def web_manifest(settings: Settings, lang: str) -> dict:
    """The web app manifest of one language; its paths are relative to the manifest (``luring/``)."""
    default = settings.languages.default
    to_root = posixpath.relpath(".", paths.OFFLINE) + "/"
    start = to_root + paths.site_url("", lang, default).lstrip("/")
    theme, background = colours(settings)
    return {
        "id": start,
        "name": settings.name,
        "short_name": settings.short_name,
        "description": settings.text(settings.description, lang),
        "lang": lang,
        "dir": "ltr",
        "start_url": start,
        "scope": to_root,
        "display": "standalone",
        "theme_color": theme,
        "background_color": background,
        "icons": [
            {"src": posixpath.basename(paths.app_icon(size)), "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for size in ICON_SIZES
        ]
        + [{"src": posixpath.basename(paths.app_icon(512)), "sizes": "512x512", "type": "image/png", "purpose": "maskable"}],
    }


def write(site: Path, relative: str, content: bytes) -> None:
    target = site / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


_ICONS: dict[tuple[object, ...], bytes] = {}


def _icon(settings: Settings, size: int) -> bytes:
    """The icon, drawn once per name, colours and size in a process."""
    key = (settings.name, tuple(sorted(settings.colours.items())), str(settings.root), size)
    if key not in _ICONS:
        _ICONS[key] = icon_png(settings, size)
    return _ICONS[key]


def write_installable(site: Path, settings: Settings) -> str:
    """Write the service worker and what it needs into the built ``site``; return the build's version."""
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    for size in ICON_SIZES:
        write(site, paths.app_icon(size), _icon(settings, size))
    for lang in settings.languages:
        manifest = json.dumps(web_manifest(settings, lang), ensure_ascii=False, indent=1, sort_keys=True)
        write(site, paths.web_manifest(lang), manifest.encode("utf-8") + b"\n")
    write(site, paths.OFFLINE_SCRIPT, (TEMPLATES / "luring.js").read_bytes())
    files = listed_files(site)
    version = digest(json.dumps(files, sort_keys=True).encode("utf-8"))
    listing = {
        "version": version,
        "default_language": settings.languages.default,
        "languages": list(settings.languages),
        "shell": shell(site, catalog, settings, files),
        "topics": topic_files(catalog, settings, files),
        "files": files,
    }
    write(
        site, paths.OFFLINE_FILES, json.dumps(listing, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    )
    worker = (TEMPLATES / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace('"__VERSION__"', json.dumps(version)).replace('"__FILES__"', json.dumps(paths.OFFLINE_FILES))
    worker = worker.replace('"__PREFIX__"', json.dumps(f"{settings.slug}-"))
    write(site, paths.SERVICE_WORKER, worker.encode("utf-8"))
    return version
