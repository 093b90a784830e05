"""Render every handout of the curriculum from the module views, reusing what did not change, on several cores.

:func:`render_all` is the entry point for ``kurikulum build`` / ``check --handouts``: it
renders into the cache (``.cache/handouts/``), writes the manifest of the run and, given
an ``out_dir`` (a site folder), publishes the files under ``unduh/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jinja2
from pypdf import PdfReader

from kurikulum import paths
from kurikulum.assets import print_theme
from kurikulum.check.findings import Finding, relative
from kurikulum.handouts.cache import Cache, folder_digest, handout_key, pack_key, shared_key
from kurikulum.handouts.document import Shared, environment, handout_source
from kurikulum.handouts.documents import render_documents
from kurikulum.handouts.jobs import Job, file_names, iso_time, pdf_date, run_job
from kurikulum.handouts.manifest import CARD_FORMAT, WHOLE, HandoutRun, publish, write_manifest
from kurikulum.handouts.native import load_weasyprint
from kurikulum.handouts.packs import Cover, PackItem, PackJob, cover_html, pack_name, run_pack
from kurikulum.handouts.revision import source_revision
from kurikulum.handouts.whatsapp_cards import CARDS_VERSION, GEOMETRY, card_source
from kurikulum.handouts.whatsapp_job import CARDS_ENTRY, CardJob, run_card_job
from kurikulum.model import Curriculum, Module
from kurikulum.view.module import ModuleView
from kurikulum.workers import default_workers, forked_map

A4_PAGE_BUDGET = 2
MEDIA_TYPES = {".pdf": "application/pdf", ".png": "image/png"}
T = TypeVar("T")
R = TypeVar("R")


def render_all(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    out_dir: Path | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> HandoutRun:
    """Render (or reuse) the A4 PDF, A5 booklet and WhatsApp cards of every module in every language, and the print packs.

    Raises :class:`~kurikulum.handouts.native.RendererMissing` when WeasyPrint cannot be loaded.
    Page-budget problems are returned as ``handout-pages`` findings, not raised.
    """
    started = time.perf_counter()
    settings = curriculum.settings
    root = settings.root
    overrides = print_theme(root)
    cache = Cache(cache_dir or root / ".cache" / "handouts")
    shared = Shared(overrides / "handout", settings, source_revision(root))
    env = environment(shared.template_dir)
    base_url = shared.template_dir.resolve().as_uri() + "/"
    assets = shared_key(folder_digest(overrides / "handout", overrides / "fonts"))
    epoch = shared.revision.epoch

    run = HandoutRun()
    metas: dict[tuple[str, str], dict] = {}
    sources: dict[tuple[str, str], Path] = {}
    jobs: list[Job] = []
    for module in curriculum.modules:
        for lang in settings.languages:
            handout = module.handout.get(lang) or module.handout.get(settings.languages.default)
            if handout is None:  # no participant text at all: the checker has already said so
                continue
            source = handout_source(views[module.id, lang], handout.path, module.folder, shared, env)
            sources[module.id, lang] = source.source_path
            key = handout_key(assets, source.html, source.files, epoch)
            entry = cache.entry(module.id, lang, key)
            meta = cache.load(entry)
            if meta is not None:
                metas[module.id, lang] = {**meta, "entry": entry}
                run.reused.append(f"{module.id}/{lang}")
            else:
                jobs.append(
                    Job(module.id, lang, source.title, key, source.html, base_url, epoch, entry, source.allowed, settings.name)
                )

    workers = workers or default_workers()
    for result in _parallel(run_job, jobs, workers):
        metas[result.module_id, result.lang] = {**result.meta, "entry": result.entry}
        run.rendered.append(f"{result.module_id}/{result.lang}")
    run.rendered.sort()

    for module in curriculum.modules:
        for lang in settings.languages:
            meta = metas.get((module.id, lang))
            if meta is None:
                continue
            run.files.setdefault(module.id, {})[lang] = _file_entries(module.id, lang, meta, run.sources)
            if meta["a4_pages"] > A4_PAGE_BUDGET:
                params = {"format": "A4", "lang": lang, "pages": meta["a4_pages"], "budget": A4_PAGE_BUDGET}
                run.findings.append(Finding(relative(sources[module.id, lang], root), 1, "handout-pages", params))

    _packs(curriculum, views, run, metas, cache, env, base_url, assets, shared, workers)
    # Session plans, activity cards and discreet cards: job kinds of their own, on the same pool.
    render_documents(curriculum, views, run, shared, env, assets, base_url, cache.folder, workers, _parallel)
    keep: dict[str, set[str]] = {}
    for (module_id, _), meta in metas.items():
        keep.setdefault(module_id, set()).add(meta["entry"].name)
    for module_id, names in _whatsapp_cards(curriculum, views, run, cache, shared, workers).items():
        keep.setdefault(module_id, set()).update(names)
    cache.prune(keep)
    run.seconds = time.perf_counter() - started
    write_manifest(cache.folder, run)
    if out_dir is not None:
        publish(run, out_dir)
    return run


def _parallel(function: Callable[[T], R], jobs: list[T], workers: int) -> list[R]:
    """``function`` over ``jobs`` on up to ``workers`` processes, results in the order of ``jobs``."""
    if jobs:
        load_weasyprint()  # in this process, so a missing library is reported once, with what to install
    return forked_map(function, jobs, workers)


def _file_entries(module_id: str, lang: str, meta: dict, sources: dict[str, Path]) -> list[dict]:
    names = file_names(module_id, lang)
    entries = []
    for kind, name in names.items():
        path = meta["entry"] / name
        site_path = f"{paths.DOWNLOADS}/{module_id}/{name}"
        sources[site_path] = path
        entry: dict[str, object] = {"format": kind, "path": site_path}
        if kind == "a4":
            entry["pages"] = meta["a4_pages"]
        elif kind == "a5-booklet":
            entry["pages"] = meta["booklet_pages"]
            entry["sheets"] = meta["booklet_pages"] // 4
        entry["bytes"] = path.stat().st_size
        entry["media_type"] = MEDIA_TYPES[path.suffix]
        entries.append(entry)
    return entries


def _packs(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    run: HandoutRun,
    metas: dict,
    cache: Cache,
    env: jinja2.Environment,
    base_url: str,
    assets: str,
    shared: Shared,
    workers: int,
) -> None:
    settings = shared.settings
    groups: list[tuple[str, dict[str, str] | None, list[Module]]] = [
        (topic.id, topic.title, topic.modules) for topic in curriculum.topics if topic.modules
    ]
    groups.append((WHOLE, None, curriculum.modules))
    keep = set()
    cache.packs.mkdir(parents=True, exist_ok=True)
    made: list[tuple[str, str, Path, list[str]]] = []
    jobs: list[PackJob] = []
    allowed = (str(shared.template_dir.resolve()), str((shared.template_dir.parent / "fonts").resolve()))
    epoch = shared.revision.epoch
    for pack_id, titles, modules in groups:
        for lang in settings.languages:
            words = settings.words(lang)
            chosen = [(module, metas[module.id, lang]) for module in modules if (module.id, lang) in metas]
            if not chosen:
                continue
            items = [
                PackItem(
                    views[module.id, lang].title,
                    meta["entry"] / file_names(module.id, lang)["a4"],
                    meta["a4_pages"],
                    views[module.id, lang].status.reviewed,
                    views[module.id, lang].status.label,
                )
                for module, meta in chosen
            ]
            name = settings.text(titles, lang) if titles else words.ui("whole_curriculum")
            title = f"{words.ui('pack')}: {name}"
            cover = Cover(
                title,
                settings.name,
                settings.languages.name(lang),
                shared.revision.short or words.ui("no_revision"),
                (settings.site_url or "").split("://", 1)[-1] or None,
                iso_time(epoch),
            )
            html = cover_html(env, cover, words, items)
            key = pack_key(assets, [html, [meta["key"] for _, meta in chosen]])
            cached = cache.packs / f"{key}-{pack_name(pack_id, lang)}"
            keep.add(cached.name)
            made.append((pack_id, lang, cached, [module.id for module, _ in chosen]))
            if not cached.is_file():
                jobs.append(
                    PackJob(pack_id, lang, title, html, base_url, items, pdf_date(epoch), epoch, cached, allowed, settings.name)
                )
    for job in _parallel(run_pack, jobs, workers):
        run.packs_rendered.append(f"{job.pack_id}/{job.lang}")
    for pack_id, lang, cached, module_ids in made:
        site_path = f"{paths.PACKS}/{pack_name(pack_id, lang)}"
        run.sources[site_path] = cached
        run.packs.setdefault(pack_id, {})[lang] = {
            "format": "a4-pack",
            "path": site_path,
            "pages": len(PdfReader(cached).pages),
            "bytes": cached.stat().st_size,
            "media_type": "application/pdf",
            "modules": module_ids,
        }
    cache.prune_packs(keep)


def _whatsapp_cards(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    run: HandoutRun,
    cache: Cache,
    shared: Shared,
    workers: int,
) -> dict[str, set[str]]:
    """Render (or reuse) the WhatsApp cards of every handout and list them after its files; returns the cache entries used.

    Cached like the handouts: the key is the HTML the cards are cut from (which holds every
    input), the images the text shows, the card template and fonts, and the library versions.
    """
    started = time.perf_counter()
    settings = curriculum.settings
    root = settings.root
    overrides = print_theme(root)
    template_dir = overrides / "whatsapp"
    env = environment(template_dir)
    card_shared = Shared(template_dir, settings, shared.revision)
    assets = shared_key(folder_digest(template_dir, overrides / "fonts") + CARDS_VERSION)
    base_url = template_dir.resolve().as_uri() + "/"
    epoch = shared.revision.epoch
    metas: dict[tuple[str, str], dict] = {}
    jobs: list[CardJob] = []
    for module in curriculum.modules:
        for lang in settings.languages:
            if lang not in run.files.get(module.id, {}):  # no handout, no cards
                continue
            source = card_source(views[module.id, lang], card_shared, env)
            key = handout_key(assets, {"cards": source.measure_html, "geometry": repr(GEOMETRY)}, source.files, epoch)
            entry = cache.entry(module.id, f"{lang}-{CARDS_ENTRY}", key)
            meta = cache.load(entry)
            if meta is not None:
                metas[module.id, lang] = {**meta, "entry": entry}
                run.cards_reused.append(f"{module.id}/{lang}")
                continue
            allowed = (str(module.folder.resolve()), str(template_dir.resolve()), str((overrides / "fonts").resolve()))
            words = settings.words(lang)
            jobs.append(
                CardJob(
                    module.id,
                    lang,
                    key,
                    source.page,
                    source.sections,
                    source.measure_html,
                    words,
                    template_dir,
                    base_url,
                    epoch,
                    entry,
                    allowed,
                )
            )
    for result in _parallel(run_card_job, jobs, workers):
        metas[result.module_id, result.lang] = {**result.meta, "entry": result.entry}
        run.cards_rendered.append(f"{result.module_id}/{result.lang}")
    run.cards_rendered.sort()
    keep: dict[str, set[str]] = {}
    for (module_id, lang), meta in metas.items():
        keep.setdefault(module_id, set()).add(meta["entry"].name)
        entries = run.files[module_id][lang]
        for order, (name, card) in enumerate(zip(meta["files"], meta["cards"], strict=True), 1):
            path = meta["entry"] / name
            site_path = f"{paths.DOWNLOADS}/{module_id}/{name}"
            run.sources[site_path] = path
            entries.append(
                {
                    "format": CARD_FORMAT,
                    "path": site_path,
                    "order": order,
                    "of": len(meta["files"]),
                    **card,
                    "width": GEOMETRY.width,
                    "height": GEOMETRY.height,
                    "bytes": path.stat().st_size,
                    "media_type": MEDIA_TYPES[path.suffix],
                }
            )
    run.cards_seconds = time.perf_counter() - started
    return keep
