"""Print packs ("paket cetak"): every A4 handout of a topic, or of the whole curriculum, in one PDF per language.

A pack opens with a cover (title, language, contents, how to print) and its blank
back; every handout is then padded to an even number of pages, so that printed
double-sided each handout starts on the front of a new sheet and can be handed out
on its own. The bookmarks of each handout (its headings) are kept.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import jinja2

from kurikulum.handouts.booklet import A4_LANDSCAPE, set_document_info, to_bytes
from kurikulum.handouts.cache import write_file
from kurikulum.handouts.pdf import render_pdf
from kurikulum.handouts.revision import epoch_environment
from kurikulum.language import Words

A4 = (A4_LANDSCAPE[1], A4_LANDSCAPE[0])
TEMPLATE_NAME = "pack.html"


@dataclass(frozen=True)
class PackItem:
    title: str
    pdf: Path
    pages: int
    reviewed: bool
    status: str


def pack_name(pack_id: str, lang: str) -> str:
    return f"{pack_id}-{lang}-a4.pdf"


def even(pages: int) -> int:
    return pages + pages % 2


def sheets(items: list[PackItem]) -> int:
    return 1 + sum(even(item.pages) for item in items) // 2


@dataclass(frozen=True)
class Cover:
    """What a pack's cover shows besides its items."""

    title: str
    organisation: str
    language_name: str
    revision: str
    address: str | None
    created: str | None


def cover_html(env: jinja2.Environment, cover: Cover, words: Words, items: list[PackItem]) -> str:
    return env.get_template(TEMPLATE_NAME).render(
        lang=words.code,
        title=cover.title,
        words=words,
        organisation=cover.organisation,
        language_name=cover.language_name,
        items=items,
        sheets=sheets(items),
        revision=cover.revision,
        address=cover.address,
        created=cover.created,
    )


@dataclass(frozen=True)
class PackJob:
    pack_id: str
    lang: str
    title: str
    cover: str  # the cover's HTML
    base_url: str
    items: list[PackItem]
    created_pdf: str | None
    epoch: int
    target: Path  # the cache file to write
    allowed: tuple[str, ...]  # the template's folders: a cover reads nothing else
    author: str  # the organisation, in the PDF's metadata


def run_pack(job: PackJob) -> PackJob:
    """Build one pack into its cache file (atomically); what a worker process runs."""
    with epoch_environment(job.epoch):
        data = build_pack(job)
    write_file(job.target, data)
    return job


def build_pack(job: PackJob) -> bytes:
    """The pack as PDF bytes."""
    from pypdf import PdfReader, PdfWriter  # only when a pack is made: a site build without handouts never needs it

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(render_pdf(job.cover, job.base_url, job.allowed).data)), import_outline=False)
    while len(writer.pages) % 2:
        writer.add_blank_page(*A4)
    for item in job.items:
        writer.append(PdfReader(item.pdf))
        while len(writer.pages) % 2:
            writer.add_blank_page(*A4)
    set_document_info(writer, job.title, job.lang, job.created_pdf, job.author)
    return to_bytes(writer)
