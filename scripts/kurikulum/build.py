"""``kurikulum build`` and ``kurikulum serve``: check once, render the handouts, build the whole site atomically.

The curriculum is loaded and checked once; its views, handouts and pages are handed to the
site engine adapter (:mod:`kurikulum_mkdocs`), which runs in this process. The site is
built into a folder beside ``site/`` and swapped in only when every step succeeded, so a
failed build leaves the previous ``site/`` untouched.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum.check import check
from kurikulum.check.findings import has_errors, report
from kurikulum.handouts.manifest import HandoutRun, publish
from kurikulum.handouts.revision import epoch_environment, source_revision
from kurikulum.language import Words
from kurikulum.model import Curriculum
from kurikulum.site.agenda import write_agenda_data
from kurikulum.site.bundle import SiteBundle, bundle
from kurikulum.site.catalog import build_catalog, write_catalog
from kurikulum.site.pages import page_text
from kurikulum.site.search import Document, SearchIndex, write_search_indexes
from kurikulum.view.module import ModuleView, build_views

OFFLINE_ZIP = "{slug}-offline.zip"  # the organisation's name as a file name (Settings.slug)
ENGINE_ADAPTER = "kurikulum_mkdocs"  # the one package that knows the site engine


@contextmanager
def source_date(root: Path) -> Iterator[None]:
    """Sitemap dates and gzip headers come from the commit time, so two builds of a commit are identical."""
    with epoch_environment(source_revision(root).epoch, outer_wins=True):
        yield


def swap_in(built: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    built.rename(site)
    if old.exists():
        shutil.rmtree(old)


def render_handouts(
    curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], words: Words, workers: int | None
) -> HandoutRun | None:
    """Render the handouts into .cache/handouts; None when they cannot be made (the reason is printed)."""
    from kurikulum.handouts.jobs import HandoutRenderError
    from kurikulum.handouts.native import RendererMissing
    from kurikulum.handouts.render import render_all

    try:
        run = render_all(curriculum, views, workers=workers)
    except (RendererMissing, HandoutRenderError) as error:
        print(error, file=sys.stderr)
        return None
    print(run.summary(words))
    return run


@dataclass
class Kept:
    """What a long-running process (``kurikulum serve``) keeps from one build to the next, to redo only what changed."""

    search: dict[str, SearchIndex] = field(default_factory=dict)  #: per language
    catalog: dict[str, tuple[dict, str]] = field(default_factory=dict)  #: module id -> its entry and its text


def finish(
    site_bundle: SiteBundle,
    site: Path,
    engine_documents: list[Document],
    offline: bool = False,
    files: bool = True,
    kept: Kept | None = None,
) -> list[Document]:
    """What every build writes besides the engine's pages: handout files, module images, catalog.json, search, agenda data.

    The preview passes ``files=False`` when neither the handouts nor the images changed (they are not
    copied again) and what it ``kept`` from the previous edit. Returns the pages the search index holds.
    """
    indexes = kept.search if kept is not None else None  # a build's indexes are made on a core per language
    kept = kept or Kept()
    if site_bundle.run is not None and files:
        publish(site_bundle.run, site)
    for site_path, file in sorted(site_bundle.media.items()) if files else []:
        target = site / site_path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target)
    write_catalog(build_catalog(site_bundle.curriculum, site_bundle.views, site_bundle.run), site, kept.catalog)
    write_agenda_data(site, site_bundle.curriculum, site_bundle.views, site_bundle.run)
    documents = searchable(engine_documents, site_bundle)
    write_search_indexes(site, documents, site_bundle.curriculum, indexes)
    if not offline:  # over file:// and inside a ZIM there is no service worker
        from kurikulum.offline.installable import write_installable

        write_installable(site, site_bundle.settings)
    return documents


def searchable(documents: list[Document], site_bundle: SiteBundle) -> list[Document]:
    """The pages the search index holds: not the 404 page, nor the generated pages marked unsearchable."""
    unsearchable = {page.folder for page in site_bundle.pages if not page.searchable}
    default = site_bundle.settings.languages.default

    def wanted(document: Document) -> bool:
        if document.path.endswith("404.html"):
            return False
        folder = document.path.removesuffix("/index.html").removesuffix("index.html").strip("/")
        if document.lang != default:
            folder = folder.removeprefix(f"{document.lang}/").removeprefix(document.lang)
        return folder not in unsearchable

    return [document for document in documents if wanted(document)]


def build_into(site_bundle: SiteBundle, target: Path, offline: bool, engine: str) -> list[Document]:
    """Build the whole site into ``target`` (created afresh); return every page's text (the Kiwix files index it)."""
    if target.exists():
        shutil.rmtree(target)
    adapter = importlib.import_module(ENGINE_ADAPTER)
    with source_date(site_bundle.settings.root):
        documents = adapter.build_site(site_bundle, target, offline, engine)
    return finish(site_bundle, target, documents, offline)


def build(
    root: Path,
    lang: str | None = None,
    offline: bool = False,
    workers: int | None = None,
    handouts: bool = True,
    engine: str = "mkdocs",
    site_name: str | None = None,
) -> int:
    curriculum, findings = check(root)
    settings = curriculum.settings
    words = settings.words(lang or settings.languages.default)
    run = None
    views = None
    if not has_errors(findings):
        views = build_views(curriculum)
        if handouts:
            run = render_handouts(curriculum, views, words, workers)
            if run is None:
                return 1
            findings = [*findings, *run.findings]
    if findings:
        print(report(findings, words), file=sys.stderr)
    if has_errors(findings) or views is None:
        print(words.message("not_built"), file=sys.stderr)
        return 1
    name = site_name or ("site-offline" if offline else "site")
    site = root / name
    staging = root / f"{name}.building"
    try:
        documents = build_into(bundle(curriculum, run, views), staging, offline, engine)
    except Exception as error:  # noqa: BLE001 - the engine's failure is reported in one line, the old site kept
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{words.message('engine_failed')} ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    swap_in(staging, site)
    if offline:
        kit = OFFLINE_ZIP.format(slug=settings.slug)
        size = write_zip(site, root / kit, settings.slug)
        print(words.message("offline_kit", file=kit, size=f"{size / 1e6:.1f}"))
        write_kiwix_files(root, site, settings, documents, words)
    print(words.message("site_built", folder=name, modules=len(curriculum.modules)))
    return 0


def write_zip(site: Path, target: Path, folder: str) -> int:
    """Zip the offline site under one folder, byte-identical for identical input."""
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    temporary.replace(target)
    return target.stat().st_size


def write_kiwix_files(root: Path, site: Path, settings, documents: list[Document], words: Words) -> None:
    """One ZIM per language beside the zip, from the offline site (:mod:`kurikulum.offline.zim`)."""
    from kurikulum.offline.zim import build_date, write_zims

    for book in write_zims(site, root, settings, documents, build_date(root)):
        size = f"{book.path.stat().st_size / 1e6:.1f}"
        seconds = f"{book.seconds:.1f}"
        print(
            words.message("zim_written", file=book.path.name, size=size, entries=book.entries, pages=book.pages, seconds=seconds)
        )


def serve(root: Path, lang: str | None, address: str, port: int, workers: int | None) -> int:
    """Build, serve on ``address:port`` under the site's path, and follow every change (see :mod:`kurikulum.preview`)."""
    from kurikulum.preview import Preview

    served = root / ".cache" / "serve" / "site"
    served.parent.mkdir(parents=True, exist_ok=True)
    preview = Preview(root, served, lang, workers)

    def rebuild() -> None:
        if preview.update() != 0:
            print("", file=sys.stderr)

    rebuild()
    if not served.exists():
        return 1
    site_url = preview.bundle.settings.site_url if preview.bundle else None
    mount = site_url.split("://", 1)[-1].split("/", 1)[-1] if site_url else ""
    adapter = importlib.import_module(ENGINE_ADAPTER)

    def register(wake) -> None:
        preview.on_handouts = wake

    adapter.serve(rebuild, served, root, address, port, mount, register)
    return 0


__all__ = ["build", "serve", "write_zip", "page_text"]
