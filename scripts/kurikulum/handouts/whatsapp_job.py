"""One handout's WhatsApp cards (a module in one language): measure, cut, render, make images, into a cache entry.

:func:`run_card_job` is what a worker process runs. It lays the sections out once on one
tall page to learn where every block starts and ends, cuts each section into cards
(:func:`~.whatsapp_cards.partition`), lays the cards out as 1080 x 1350 px pages and checks
that each card stayed on its page; a card that did not (the measure is close, not exact) is
cut once more and the cards laid out again. Only a single block taller than a whole card may
run onto a second image. What every card repeats (title, QR code, language, date, status,
licence) is laid out once, as a "frame" page, and each card is drawn over it: laying the
header and footer out on every page cost more than the cards' own text. The pages are
written as PDFs and drawn as PNGs by PDFium (:func:`~.images.page_images`); the PDFs are a
step on the way, never published, so they are written untagged: the images are what people get.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kurikulum.handouts.cache import write_entry
from kurikulum.handouts.document import environment
from kurikulum.handouts.images import page_images
from kurikulum.handouts.jobs import HandoutRenderError
from kurikulum.handouts.native import load_weasyprint
from kurikulum.handouts.pdf import _fetcher, _font_config
from kurikulum.handouts.revision import epoch_environment
from kurikulum.handouts.whatsapp_cards import (
    FOOTER_ANCHOR,
    GEOMETRY,
    HEADER_ANCHOR,
    CardPage,
    CardPart,
    Section,
    assemble,
    document,
    measure_anchor,
    partition,
)
from kurikulum.language import Words

MAX_BYTES = 200_000
CARDS_ENTRY = "kartu-wa"  # cache entries: modules/<id>/<lang>-kartu-wa-<key>/
ATTEMPTS = 4  # layouts of the cards before a block too tall for any card is let run on


@dataclass(frozen=True)
class CardJob:
    module_id: str
    lang: str
    key: str
    page: CardPage
    sections: tuple[Section, ...]
    measure_html: str
    words: Words
    template_dir: Path
    base_url: str  # the template folder, as a file URL ending in /
    epoch: int  # SOURCE_DATE_EPOCH
    entry: Path  # the cache entry to write
    allowed: tuple[str, ...]  # the folders the renderer may read: the module's, the template's, the fonts


@dataclass(frozen=True)
class CardJobResult:
    module_id: str
    lang: str
    entry: Path
    meta: dict


def card_file_name(module_id: str, lang: str, number: int) -> str:
    """``<id>-<lang>-kartu-wa-01.png``: numbered in reading order, so a folder listing sorts them right."""
    return f"{module_id}-{lang}-kartu-wa-{number:02d}.png"


def layout(html: str, base_url: str, allowed: tuple[str, ...]) -> Any:
    """The laid-out WeasyPrint document, reading files under ``allowed`` only."""
    weasyprint = load_weasyprint()
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher(allowed)).render(font_config=_font_config())


def boxes(rendered: Any) -> dict[str, tuple[int, float, float]]:
    """Element id -> (page, top, bottom) of its first box, in CSS px from the top of its page."""
    found: dict[str, tuple[int, float, float]] = {}
    for number, page in enumerate(rendered.pages):
        for name, (_, top, _, bottom) in page.anchors.items():
            found.setdefault(name, (number, top, bottom))
    return found


def cut(
    sections: tuple[Section, ...], measured: dict[str, tuple[int, float, float]], capacity: int, more: dict[int, int]
) -> list[tuple[int, int, int]]:
    """``(section, first block, stop)`` of every card; ``more`` asks some sections for more cards than fit."""
    cards = []
    for number, section in enumerate(sections):
        _, top, heading_bottom = measured[measure_anchor(number)]
        places = [measured[measure_anchor(number, index)] for index in range(len(section.blocks))]
        tops = [place[1] - top for place in places]
        bottoms = [place[2] - top for place in places]
        head = tops[0] if tops else heading_bottom - top
        glue = [block.glue for block in section.blocks]
        groups = partition(tops, bottoms, head, capacity, glue, more.get(number))
        cards += [(number, first, stop) for first, stop in groups]
    return cards


def card_parts(sections: tuple[Section, ...], cards: list[tuple[int, int, int]]) -> list[CardPart]:
    totals = [sum(1 for card in cards if card[0] == number) for number in range(len(sections))]
    parts, seen = [], [0] * len(sections)
    for index, (number, first, stop) in enumerate(cards, 1):
        seen[number] += 1
        section = sections[number]
        body = assemble(section.blocks[first:stop])
        parts.append(CardPart(f"kartu-{index}", section.kind, section.heading, seen[number], totals[number], body))
    return parts


def owners(rendered: Any, parts: list[CardPart]) -> list[int]:
    """The card each page shows (a card that ran on owns the pages after its first)."""
    starts = boxes(rendered)
    first_pages = [starts[part.anchor][0] for part in parts]
    return [max(card for card, first in enumerate(first_pages) if first <= page) for page in range(len(rendered.pages))]


def render_cards(job: CardJob) -> tuple[list[bytes], list[dict]]:
    """The PNG of every card and what each shows (kind, title, part, parts), in reading order."""
    measured = boxes(layout(job.measure_html, job.base_url, job.allowed))
    header, footer = (measured[name][2] - measured[name][1] for name in (HEADER_ANCHOR, FOOTER_ANCHOR))
    margins = GEOMETRY.margins(header, footer)
    capacity = GEOMETRY.capacity(*margins)
    env = environment(job.template_dir)
    more: dict[int, int] = {}
    for _ in range(ATTEMPTS):
        cards = cut(job.sections, measured, capacity, more)
        parts = card_parts(job.sections, cards)
        rendered = layout(document(env, job.page, job.words, parts, margins), job.base_url, job.allowed)
        shown = owners(rendered, parts)
        tall = sorted({cards[card][0] for card in shown if shown.count(card) > 1})
        now = {number: sum(1 for card in cards if card[0] == number) for number in tall}
        growable = [n for n in tall if now[n] < len(job.sections[n].blocks)]
        if not growable:
            break
        for number in growable:
            more[number] = now[number] + 1
    frame = layout(document(env, job.page, job.words, [], margins, mode="frame"), job.base_url, job.allowed)
    images = page_images(rendered.write_pdf(), GEOMETRY.width, GEOMETRY.height, MAX_BYTES, underlay=frame.write_pdf())
    # what each image shows; a card that ran onto a second image is a further part of its section
    sections = [cards[card][0] for card in shown]
    described = []
    for index, number in enumerate(sections):
        section = job.sections[number]
        part = sections[: index + 1].count(number)
        described.append({"kind": section.kind, "title": section.title, "part": part, "parts": sections.count(number)})
    return images, described


def run_card_job(job: CardJob) -> CardJobResult:
    try:
        with epoch_environment(job.epoch):
            images, described = render_cards(job)
    except Exception as error:
        raise HandoutRenderError(f"{job.module_id} ({job.lang}) WhatsApp cards: {type(error).__name__}: {error}") from None
    files = {card_file_name(job.module_id, job.lang, number): data for number, data in enumerate(images, 1)}
    meta = {"module": job.module_id, "lang": job.lang, "key": job.key, "cards": described}
    write_entry(job.entry, files, meta)
    return CardJobResult(job.module_id, job.lang, job.entry, {**meta, "files": list(files)})
