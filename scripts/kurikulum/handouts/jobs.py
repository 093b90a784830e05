"""One handout render (a module in one language): A4 PDF and A5 booklet, into a cache entry.

:func:`run_job` is what a worker process runs; everything it needs travels in the
:class:`Job` (plain data, so it pickles), and everything it makes goes to disk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kurikulum.handouts.booklet import impose
from kurikulum.handouts.cache import write_entry
from kurikulum.handouts.pdf import render_pdf
from kurikulum.handouts.revision import epoch_environment


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
    allowed: tuple[str, ...]  # the folders the renderer may read: the module's and the template's
    author: str  # the organisation, in the PDF's metadata


@dataclass(frozen=True)
class JobResult:
    module_id: str
    lang: str
    entry: Path
    meta: dict


def file_names(module_id: str, lang: str) -> dict[str, str]:
    """Output kind -> file name.

    The A4 pages are no longer made into images: shrunk to a phone their text is unreadable;
    the WhatsApp cards (:mod:`.whatsapp_job`) are made for a phone instead.
    """
    stem = f"{module_id}-{lang}"
    return {"a4": f"{stem}-a4.pdf", "a5-booklet": f"{stem}-a5-buklet.pdf"}


def pdf_date(epoch: int) -> str | None:
    """The PDF form of the commit time (``D:20260228100000Z``), or None outside git."""
    if epoch <= 0:
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))


def iso_time(epoch: int) -> str | None:
    """The HTML form of the commit time (``2026-02-28T10:00:00Z``), or None outside git."""
    if epoch <= 0:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class HandoutRenderError(RuntimeError):
    """A handout could not be rendered; the message names the module and language."""


def run_job(job: Job) -> JobResult:
    try:
        with epoch_environment(job.epoch):
            a4 = render_pdf(job.html["a4"], job.base_url, job.allowed)
            a5 = render_pdf(job.html["a5"], job.base_url, job.allowed)
            booklet, booklet_pages = impose(a5.data, job.title, job.lang, job.author, pdf_date(job.epoch))
    except Exception as error:
        raise HandoutRenderError(f"{job.module_id} ({job.lang}): {type(error).__name__}: {error}") from None
    names = file_names(job.module_id, job.lang)
    files = {names["a4"]: a4.data, names["a5-booklet"]: booklet}
    meta = {
        "module": job.module_id,
        "lang": job.lang,
        "key": job.key,
        "a4_pages": a4.pages,
        "a5_pages": a5.pages,
        "booklet_pages": booklet_pages,
        "variant": a4.variant,
    }
    write_entry(job.entry, files, meta)
    return JobResult(job.module_id, job.lang, job.entry, {**meta, "files": list(files)})
