"""Render every handout of the curriculum, reusing what did not change, on several cores.

:func:`render_all` is the entry point for ``kurikulum build`` / ``check``: it renders
into the cache (``.cache/handouts/``), writes the manifest of the run and, given an
``out_dir`` (a site folder), publishes the files under ``unduh/``. The MkDocs hook
can publish the last run with :func:`publish_manifest` without rendering anything.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2
from pypdf import PdfReader

from kurikulum.findings import Finding, relative
from kurikulum.handouts.address import site_url
from kurikulum.handouts.cache import Cache, folder_digest, handout_key, pack_key, shared_key
from kurikulum.handouts.document import Settings, environment, handout_source, iso_time
from kurikulum.handouts.images import TARGET_WIDTH
from kurikulum.handouts.jobs import Job, file_names, pdf_date, run_job
from kurikulum.handouts.native import load_weasyprint
from kurikulum.handouts.packs import WHOLE, PackItem, PackJob, cover_html, pack_name, run_pack
from kurikulum.handouts.revision import source_revision
from kurikulum.handouts.words import word
from kurikulum.model import Curriculum, Module
from kurikulum.vocabulary import LANGUAGES, UI

DOWNLOADS = "unduh"  # folder of the site that holds every handout file
PACKS = f"{DOWNLOADS}/paket"
A4_PAGE_BUDGET = 2
MANIFEST_VERSION = 1
MEDIA_TYPES = {".pdf": "application/pdf", ".png": "image/png"}
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class HandoutRun:
    """What a run made, ready for catalog.json, the site pages and the build report."""

    files: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # module id -> lang -> files
    packs: dict[str, dict[str, dict]] = field(default_factory=dict)  # topic id or "semua-topik" -> lang -> file
    findings: list[Finding] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # "module-id/lang" rendered in this run
    reused: list[str] = field(default_factory=list)  # "module-id/lang" taken from the cache
    packs_rendered: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sources: dict[str, Path] = field(default_factory=dict)  # site path -> cached file

    def summary(self, lang: str = "id") -> str:
        made, kept = len(self.rendered), len(self.reused)
        return {
            "id": f"Lembar peserta: {made} dibuat, {kept} dipakai ulang dari cache, {len(self.packs_rendered)} paket dibuat ({self.seconds:.1f} detik).",
            "en": f"Handouts: {made} rendered, {kept} reused from the cache, {len(self.packs_rendered)} packs made ({self.seconds:.1f} s).",
        }[lang]


def default_workers() -> int:
    """``KURIKULUM_WORKERS`` if set, else every core this process may use."""
    configured = os.environ.get("KURIKULUM_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def render_all(
    curriculum: Curriculum,
    root: Path,
    out_dir: Path | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> HandoutRun:
    """Render (or reuse) the A4 PDF, A5 booklet and page images of every module in every language, and the print packs.

    Raises :class:`~kurikulum.handouts.native.RendererMissing` when WeasyPrint cannot be loaded.
    Page-budget problems are returned as ``handout-pages`` findings, not raised.
    """
    started = time.perf_counter()
    overrides = root / "overrides"
    cache = Cache(cache_dir or root / ".cache" / "handouts")
    settings = Settings(overrides / "handout", site_url(root), source_revision(root))
    env = environment(settings.template_dir)
    base_url = settings.template_dir.resolve().as_uri() + "/"
    shared = shared_key(folder_digest(overrides / "handout", overrides / "fonts"))
    epoch = settings.revision.epoch

    run = HandoutRun()
    metas: dict[tuple[str, str], dict] = {}
    sources: dict[tuple[str, str], Path] = {}
    jobs: list[Job] = []
    for module in curriculum.modules:
        for lang in LANGUAGES:
            source = handout_source(module, curriculum, lang, settings, env)
            if source is None:  # no participant text at all: the checker has already said so
                continue
            sources[module.id, lang] = source.source_path
            key = handout_key(shared, source.html, source.files, epoch)
            entry = cache.entry(module.id, lang, key)
            meta = cache.load(entry)
            if meta is not None:
                metas[module.id, lang] = {**meta, "entry": entry}
                run.reused.append(f"{module.id}/{lang}")
            else:
                jobs.append(Job(module.id, lang, source.title, key, source.html, base_url, epoch, entry))

    workers = workers or default_workers()
    for result in _parallel(run_job, jobs, workers):
        metas[result.module_id, result.lang] = {**result.meta, "entry": result.entry}
        run.rendered.append(f"{result.module_id}/{result.lang}")
    run.rendered.sort()

    for module in curriculum.modules:
        for lang in LANGUAGES:
            meta = metas.get((module.id, lang))
            if meta is None:
                continue
            run.files.setdefault(module.id, {})[lang] = _file_entries(module.id, lang, meta, run.sources)
            if meta["a4_pages"] > A4_PAGE_BUDGET:
                params = {"format": "A4", "lang": lang, "pages": meta["a4_pages"], "budget": A4_PAGE_BUDGET}
                run.findings.append(Finding(relative(sources[module.id, lang], root), 1, "handout-pages", params))

    _packs(curriculum, run, metas, cache, env, base_url, shared, settings, workers)
    keep: dict[str, set[str]] = {}
    for (module_id, _), meta in metas.items():
        keep.setdefault(module_id, set()).add(meta["entry"].name)
    cache.prune(keep)
    run.seconds = time.perf_counter() - started
    write_manifest(cache, run)
    if out_dir is not None:
        publish(run, out_dir)
    return run


# -- rendering -------------------------------------------------------------------------------


def _parallel(function: Callable[[T], R], jobs: list[T], workers: int) -> list[R]:
    """``function`` over ``jobs`` on up to ``workers`` processes, results in the order of ``jobs``."""
    if not jobs:
        return []
    load_weasyprint()  # in this process, so a missing library is reported once, with what to install
    if workers <= 1 or len(jobs) == 1:
        return [function(job) for job in jobs]
    # fork: workers start at once and share the already imported libraries (no threads run here yet).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(function, jobs))


def _file_entries(module_id: str, lang: str, meta: dict, sources: dict[str, Path]) -> list[dict]:
    names = file_names(module_id, lang, meta["images"])
    entries = []
    for kind, name in names.items():
        path = meta["entry"] / name
        site_path = f"{DOWNLOADS}/{module_id}/{name}"
        sources[site_path] = path
        entry: dict[str, object] = {"format": kind.split("-")[0] if kind.startswith("image") else kind, "path": site_path}
        if kind == "a4":
            entry["pages"] = meta["a4_pages"]
        elif kind == "a5-booklet":
            entry["pages"] = meta["booklet_pages"]
            entry["sheets"] = meta["booklet_pages"] // 4
        else:
            entry["page"] = int(kind.split("-")[1])
            entry["width"] = TARGET_WIDTH
        entry["bytes"] = path.stat().st_size
        entry["media_type"] = MEDIA_TYPES[path.suffix]
        entries.append(entry)
    return entries


def _status(module: Module, lang: str) -> tuple[bool, str]:
    return module.review.is_reviewed, UI["reviewed" if module.review.is_reviewed else "draft"][lang]


def _packs(
    curriculum: Curriculum,
    run: HandoutRun,
    metas: dict,
    cache: Cache,
    env: jinja2.Environment,
    base_url: str,
    shared: str,
    settings: Settings,
    workers: int,
) -> None:
    groups: list[tuple[str, dict[str, str], list[Module]]] = [
        (topic.id, topic.title, topic.modules) for topic in curriculum.topics if topic.modules
    ]
    groups.append((WHOLE, {lang: word("whole_curriculum", lang) for lang in LANGUAGES}, curriculum.modules))
    keep = set()
    cache.packs.mkdir(parents=True, exist_ok=True)
    made: list[tuple[str, str, Path, list[str]]] = []
    jobs: list[PackJob] = []
    for pack_id, titles, modules in groups:
        for lang in LANGUAGES:
            chosen = [(module, metas[module.id, lang]) for module in modules if (module.id, lang) in metas]
            if not chosen:
                continue
            items = [
                PackItem(
                    module.title(lang),
                    meta["entry"] / file_names(module.id, lang, 0)["a4"],
                    meta["a4_pages"],
                    *_status(module, lang),
                )
                for module, meta in chosen
            ]
            title = f"{word('pack', lang)}: {titles[lang]}"
            revision = settings.revision.short or word("no_revision", lang)
            address = (settings.base_url or "").split("://", 1)[-1] or None
            cover = cover_html(env, title, lang, items, revision, address, iso_time(settings.revision.epoch))
            key = pack_key(shared, [cover, [meta["key"] for _, meta in chosen]])
            cached = cache.packs / f"{key}-{pack_name(pack_id, lang)}"
            keep.add(cached.name)
            made.append((pack_id, lang, cached, [module.id for module, _ in chosen]))
            if not cached.is_file():
                epoch = settings.revision.epoch
                jobs.append(PackJob(pack_id, lang, title, cover, base_url, items, pdf_date(epoch), epoch, cached))
    for job in _parallel(run_pack, jobs, workers):
        run.packs_rendered.append(f"{job.pack_id}/{job.lang}")
    for pack_id, lang, cached, module_ids in made:
        site_path = f"{PACKS}/{pack_name(pack_id, lang)}"
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


# -- manifest and publishing ------------------------------------------------------------------


def write_manifest(cache: Cache, run: HandoutRun) -> None:
    data = {
        "manifest_version": MANIFEST_VERSION,
        "files": run.files,
        "packs": run.packs,
        "sources": {
            site: path.resolve().relative_to(cache.folder.resolve()).as_posix() for site, path in sorted(run.sources.items())
        },
        "rendered": run.rendered,
        "reused": run.reused,
        "seconds": round(run.seconds, 3),
    }
    cache.folder.mkdir(parents=True, exist_ok=True)
    cache.manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_manifest(root: Path, cache_dir: Path | None = None) -> HandoutRun | None:
    """The last run, as written by :func:`render_all`; None when there is none (or it is from another version)."""
    cache = Cache(cache_dir or root / ".cache" / "handouts")
    try:
        data = json.loads(cache.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("manifest_version") != MANIFEST_VERSION:
        return None
    run = HandoutRun(
        files=data["files"], packs=data["packs"], rendered=data["rendered"], reused=data["reused"], seconds=data["seconds"]
    )
    run.sources = {site: cache.folder / path for site, path in data["sources"].items()}
    return run


def publish(run: HandoutRun, out_dir: Path) -> None:
    """Copy the run's files into ``out_dir/unduh/`` and remove files there that are no longer made."""
    target_root = out_dir / DOWNLOADS
    for site_path, source in sorted(run.sources.items()):
        target = out_dir / site_path
        if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    wanted = {(out_dir / site_path).resolve() for site_path in run.sources}
    if target_root.is_dir():
        for path in sorted(target_root.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def publish_manifest(root: Path, out_dir: Path, cache_dir: Path | None = None) -> HandoutRun | None:
    """Publish the last run into ``out_dir`` (for the MkDocs hook); None when handouts were never rendered."""
    run = read_manifest(root, cache_dir)
    if run is None or not all(path.is_file() for path in run.sources.values()):
        return None
    publish(run, out_dir)
    return run
