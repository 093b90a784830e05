"""The printed documents besides the participant handout, rendered as job kinds of the handout run.

Per module and language:

- ``trainer-plan``: the session plan on paper (:mod:`.plan`), ``unduh/<id>/<id>-<lang>-rencana-a4.pdf``;
- ``activity-cards``: the activity cards to cut out (:mod:`.cards`), for modules that have cards,
  ``unduh/<id>/<id>-<lang>-kartu-a4.pdf``;
- ``discreet``: the discreet service card of a sensitive module (:mod:`.discreet`), an A4 PDF and
  its page image under ``unduh/lembar/``.

Per topic and language, every session plan joined in one PDF: ``unduh/paket/<topic>-<lang>-rencana-a4.pdf``.

Each document is cached like a handout (``.cache/handouts/dokumen/``, keyed on its HTML, the images
it shows, the template and fonts, and the library versions), rendered by the run's worker pool
and published by the run's manifest. The kinds are rendered one after the other, so the run can
report what each costs (``HandoutRun.timings``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from pypdf import PdfReader, PdfWriter

from kurikulum import paths
from kurikulum.handouts.booklet import set_document_info, to_bytes
from kurikulum.handouts.cache import Cache, handout_key, pack_key, write_entry, write_file
from kurikulum.handouts.cards import cards_html
from kurikulum.handouts.discreet import discreet_html, discreet_stem
from kurikulum.handouts.document import Shared
from kurikulum.handouts.images import page_images
from kurikulum.handouts.jobs import pdf_date
from kurikulum.handouts.manifest import HandoutRun
from kurikulum.handouts.packs import A4
from kurikulum.handouts.pdf import render_pdf
from kurikulum.handouts.plan import cards_name, plan_html, plan_name
from kurikulum.handouts.revision import epoch_environment
from kurikulum.model import Curriculum
from kurikulum.view.module import ModuleView

PLAN = "trainer-plan"
CARDS = "activity-cards"
DISCREET = "discreet"
PLAN_PACKS = "plan-packs"
KINDS = (PLAN, CARDS, DISCREET)
FORMATS = {PLAN: "a4-plan", CARDS: "a4-cards", DISCREET: "a4"}
CACHE_FOLDER = "dokumen"

DISCREET_IMAGE_WIDTH = 1080  # the discreet card as one image to forward on WhatsApp, A4 proportions


@dataclass(frozen=True)
class DocumentJob:
    """One document to render: plain data, so it travels to a worker process."""

    kind: str
    module_id: str
    lang: str
    html: str
    files: dict[str, str]  # images it shows: name -> sha256 (in the key)
    allowed: tuple[str, ...]  # the folders the renderer may read
    site_folder: str  # where it is published: unduh/<id> or unduh/lembar
    name: str  # the PDF's file name
    image: str | None  # the page image's file name (discreet only)
    key: str
    base_url: str
    epoch: int
    entry: Path  # the cache entry to write


@dataclass(frozen=True)
class DocumentResult:
    job: DocumentJob
    meta: dict


def run_document(job: DocumentJob) -> DocumentResult:
    """Render one document into its cache entry; what a worker process runs."""
    from kurikulum.handouts.jobs import HandoutRenderError

    try:
        with epoch_environment(job.epoch):
            pdf = render_pdf(job.html, job.base_url, job.allowed)
            images = page_images(pdf.data, DISCREET_IMAGE_WIDTH) if job.image else []
    except Exception as error:
        raise HandoutRenderError(f"{job.module_id} ({job.lang}, {job.kind}): {type(error).__name__}: {error}") from None
    files = {job.name: pdf.data}
    if job.image:
        files[job.image] = images[0]
    meta = {
        "kind": job.kind,
        "module": job.module_id,
        "lang": job.lang,
        "key": job.key,
        "pages": pdf.pages,
        "variant": pdf.variant,
    }
    write_entry(job.entry, files, meta)
    return DocumentResult(job, {**meta, "files": list(files)})


@dataclass(frozen=True)
class PlanPackJob:
    topic_id: str
    lang: str
    title: str
    plans: list[Path]
    created_pdf: str | None
    epoch: int
    target: Path
    author: str


def plan_pack_name(topic_id: str, lang: str) -> str:
    return f"{topic_id}-{lang}-rencana-a4.pdf"


def run_plan_pack(job: PlanPackJob) -> PlanPackJob:
    """Every plan of a topic in one PDF, each padded to an even page count so it starts on a new sheet."""
    writer = PdfWriter()
    for plan in job.plans:
        writer.append(PdfReader(plan))  # the plan's bookmarks (its title, then its headings) come along
        while len(writer.pages) % 2:
            writer.add_blank_page(*A4)
    set_document_info(writer, job.title, job.lang, job.created_pdf, job.author)
    with epoch_environment(job.epoch):
        data = to_bytes(writer)
    write_file(job.target, data)
    return job


def _jobs(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    shared: Shared,
    env: jinja2.Environment,
    assets: str,
    base_url: str,
    cache: Cache,
) -> list[DocumentJob]:
    """Every document of the curriculum (rendered or not): its HTML, key and cache entry."""
    settings = shared.settings
    epoch = shared.revision.epoch
    jobs = []

    def add(
        kind: str,
        view: ModuleView,
        made: tuple[str, dict[str, str], tuple[str, ...]],
        folder: str,
        name: str,
        image: str | None = None,
    ) -> None:
        html, files, allowed = made
        key = handout_key(assets, {kind: html}, files, epoch)
        entry = cache.entry(view.id, f"{kind}-{view.lang}", key)
        jobs.append(DocumentJob(kind, view.id, view.lang, html, files, allowed, folder, name, image, key, base_url, epoch, entry))

    for module in curriculum.modules:
        titles = [views[module.id, lang].title for lang in settings.languages]
        summaries = [views[module.id, lang].summary for lang in settings.languages]
        for lang in settings.languages:
            view = views[module.id, lang]
            if not view.steps:  # no session plan at all: the checker has already said so
                continue
            folder = paths.module_downloads(module.id)
            add(PLAN, view, plan_html(view, module.folder, shared, env), folder, plan_name(module.id, lang))
            if view.cards:
                add(CARDS, view, cards_html(view, module.folder, shared, env), folder, cards_name(module.id, lang))
            if view.sensitive:
                stem = discreet_stem(module.id, lang)
                add(
                    DISCREET,
                    view,
                    discreet_html(view, titles, summaries, shared, env),
                    paths.DISCREET,
                    f"{stem}.pdf",
                    f"{stem}.png",
                )
    return jobs


def render_documents(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    run: HandoutRun,
    shared: Shared,
    env: jinja2.Environment,
    assets: str,
    base_url: str,
    cache_folder: Path,
    workers: int,
    parallel: Callable,
) -> None:
    """Render (or reuse) every session plan, card sheet and discreet card, then the topics' plan PDFs, into ``run``.

    ``parallel(function, jobs, workers)`` is the run's worker pool.
    """
    cache = Cache(cache_folder / CACHE_FOLDER)
    jobs = _jobs(curriculum, views, shared, env, assets, base_url, cache)
    metas: dict[tuple[str, str, str], dict] = {}  # (kind, module id, lang) -> meta
    for kind in KINDS:
        started = time.perf_counter()
        todo = []
        for job in (j for j in jobs if j.kind == kind):
            meta = cache.load(job.entry)
            if meta is None:
                todo.append(job)
            else:
                metas[job.kind, job.module_id, job.lang] = meta
                run.documents_reused.append(f"{kind}/{job.module_id}/{job.lang}")
        for result in parallel(run_document, todo, workers):
            metas[result.job.kind, result.job.module_id, result.job.lang] = result.meta
            run.documents_rendered.append(f"{kind}/{result.job.module_id}/{result.job.lang}")
        run.timings[kind] = round(time.perf_counter() - started, 3)
    for job in jobs:
        meta = metas[job.kind, job.module_id, job.lang]
        run.documents.setdefault(job.module_id, {}).setdefault(job.lang, {})[job.kind] = _entries(job, meta, run)
    started = time.perf_counter()
    _plan_packs(curriculum, views, run, shared, assets, cache, jobs, workers, parallel)
    run.timings[PLAN_PACKS] = round(time.perf_counter() - started, 3)
    keep: dict[str, set[str]] = {}
    for job in jobs:
        keep.setdefault(job.module_id, set()).add(job.entry.name)
    cache.prune(keep)


def _entries(job: DocumentJob, meta: dict, run: HandoutRun) -> dict | list[dict]:
    """What catalog.json and the pages say about one document (a list for the discreet card: PDF and image)."""
    pdf_path = f"{job.site_folder}/{job.name}"
    run.sources[pdf_path] = job.entry / job.name
    pdf: dict[str, object] = {"format": FORMATS[job.kind], "path": pdf_path, "pages": meta["pages"]}
    if job.kind == CARDS:
        pdf["cards"] = job.html.count('<div class="card">')
    pdf["bytes"] = (job.entry / job.name).stat().st_size
    pdf["media_type"] = "application/pdf"
    if not job.image:
        return pdf
    image_path = f"{job.site_folder}/{job.image}"
    run.sources[image_path] = job.entry / job.image
    image = {
        "format": "image",
        "path": image_path,
        "page": 1,
        "width": DISCREET_IMAGE_WIDTH,
        "bytes": (job.entry / job.image).stat().st_size,
        "media_type": "image/png",
    }
    return [pdf, image]


def _plan_packs(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    run: HandoutRun,
    shared: Shared,
    assets: str,
    cache: Cache,
    jobs: list[DocumentJob],
    workers: int,
    parallel: Callable,
) -> None:
    settings = shared.settings
    plans = {(job.module_id, job.lang): job for job in jobs if job.kind == PLAN}
    cache.packs.mkdir(parents=True, exist_ok=True)
    keep, todo, made = set(), [], []
    for topic in curriculum.topics:
        for lang in settings.languages:
            chosen = [plans[module.id, lang] for module in topic.modules if (module.id, lang) in plans]
            if not chosen:
                continue
            words = settings.words(lang)
            title = f"{words.ui('plan_pack')}: {settings.text(topic.title, lang)}"
            key = pack_key(assets, [title, [job.key for job in chosen]])
            target = cache.packs / f"{key}-{plan_pack_name(topic.id, lang)}"
            keep.add(target.name)
            made.append((topic.id, lang, target, [job.module_id for job in chosen]))
            if not target.is_file():
                todo.append(
                    PlanPackJob(
                        topic.id,
                        lang,
                        title,
                        [job.entry / job.name for job in chosen],
                        pdf_date(shared.revision.epoch),
                        shared.revision.epoch,
                        target,
                        settings.name,
                    )
                )
    for job in parallel(run_plan_pack, todo, workers):
        run.documents_rendered.append(f"{PLAN_PACKS}/{job.topic_id}/{job.lang}")
    for topic_id, lang, target, module_ids in made:
        site_path = f"{paths.PACKS}/{plan_pack_name(topic_id, lang)}"
        run.sources[site_path] = target
        run.plan_packs.setdefault(topic_id, {})[lang] = {
            "format": "a4-plan-pack",
            "path": site_path,
            "pages": len(PdfReader(target).pages),
            "bytes": target.stat().st_size,
            "media_type": "application/pdf",
            "modules": module_ids,
        }
    cache.prune_packs(keep)
