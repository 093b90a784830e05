"""One handout render (a module in one language): A4 PDF, A5 booklet, page images, into a cache entry.

:func:`run_job` is what a worker process runs; everything it needs travels in the
:class:`Job` (plain data, so it pickles), and everything it makes goes to disk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kurikulum.handouts.booklet import impose
from kurikulum.handouts.cache import write_entry
from kurikulum.handouts.images import page_images
from kurikulum.handouts.pdf import render_pdf


@dataclass(frozen=True)
class Job:
    module_id: str
    lang: str
    title: str
    key: str
    html: dict[str, str]  # paper -> HTML
    base_url: str  # the template folder, as a file URL ending in /
    epoch: int  # SOURCE_DATE_EPOCH
    entry: Path  # the cache entry to write


@dataclass(frozen=True)
class JobResult:
    module_id: str
    lang: str
    entry: Path
    meta: dict
    seconds: float


def file_names(module_id: str, lang: str, images: int) -> dict[str, str]:
    """Output kind -> file name. Images are named ``-hal1.png``, ``-hal2.png`` ..."""
    stem = f"{module_id}-{lang}"
    names = {"a4": f"{stem}-a4.pdf", "a5-booklet": f"{stem}-a5-buklet.pdf"}
    names.update({f"image-{page}": f"{stem}-hal{page}.png" for page in range(1, images + 1)})
    return names


def pdf_date(epoch: int) -> str | None:
    if epoch <= 0:
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))


@contextmanager
def source_date_epoch(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH for the libraries that read it (font subsetting), then restore it."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def run_job(job: Job) -> JobResult:
    started = time.perf_counter()
    try:
        with source_date_epoch(job.epoch):
            a4 = render_pdf(job.html["a4"], job.base_url)
            a5 = render_pdf(job.html["a5"], job.base_url)
            booklet, booklet_pages = impose(a5.data, job.title, job.lang, pdf_date(job.epoch))
            images = page_images(a4.data)
    except Exception as error:
        raise RuntimeError(f"{job.module_id} ({job.lang}): {type(error).__name__}: {error}") from None
    names = file_names(job.module_id, job.lang, len(images))
    files = {names["a4"]: a4.data, names["a5-booklet"]: booklet}
    files.update({names[f"image-{page}"]: data for page, data in enumerate(images, 1)})
    meta = {
        "module": job.module_id,
        "lang": job.lang,
        "key": job.key,
        "a4_pages": a4.pages,
        "a5_pages": a5.pages,
        "booklet_pages": booklet_pages,
        "images": len(images),
        "variant": a4.variant,
    }
    write_entry(job.entry, files, meta)
    return JobResult(job.module_id, job.lang, job.entry, {**meta, "files": list(files)}, time.perf_counter() - started)
