"""WhatsApp cards: what each card says, in which order, and how a long section is split over cards.

A handout shrunk to a phone is unreadable (its body text becomes about 7 px), so the
participant text is set again as portrait cards of 1080 x 1350 px, one idea per card,
with type large enough for a 360 px screen. Everything on them comes from the
:class:`~kurikulum.view.ModuleView` the handout is made from:

- the sections of the participant text are ``view.participant_html`` split at its ``<h2>``
  elements (the Markdown is not read again); the key messages and what to do come first,
  then where to get help (``view.participant_help``: verified services only, always a card),
  then the other sections in the order written, then the glossary terms (``view.terms``);
- every section is a list of blocks: top-level elements, and the items of top-level lists
  one by one, so a long list can continue on the next card (an ``<ol>`` keeps its numbers).

How many cards a section needs is measured, not guessed: the job lays all sections out once
on one tall page (:func:`document` in ``measure`` mode), reads where each block starts, and
:func:`partition` cuts each section into the fewest cards that fit, balanced so the last card
is not a lone line. This module makes HTML only; :mod:`.whatsapp_job` renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import jinja2
from markupsafe import Markup

from kurikulum.format.fields import HANDOUT_SECTIONS
from kurikulum.handouts.document import Shared, paper_html
from kurikulum.handouts.jobs import iso_time
from kurikulum.handouts.qr import qr_svg
from kurikulum.view.module import ModuleView

TEMPLATE_NAME = "cards.html"
BLOCKS_NAME = "blocks.html"
# Bump when this package changes what the cards look like without the HTML showing it (the splitter).
CARDS_VERSION = "1"
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
HEADINGS = frozenset(("h3", "h4", "h5", "h6"))
FIRST_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Geometry:
    """The card in CSS px (WeasyPrint's 96 per inch); the template sets ``@page`` from these numbers.

    The header (the module's title, as many lines as it takes) and the footer (QR code,
    language, checked-on date, status, licence; longer in some languages) are measured with
    the sections, and the page's top and bottom margins made to fit them: what is left is the
    card's room for its heading and blocks.
    """

    width: int = 1080
    height: int = 1350
    side: int = 64
    header_rule: int = 14 + 3  # padding and rule under the header (cards.css)
    footer_rule: int = 18 + 3  # rule and padding above the footer (cards.css)
    gap: int = 20  # between the rules and the card's text
    slack: int = 4  # rounding: the measure and the cards are laid out by the same engine
    measure_height: int = 200_000  # one page tall enough for every section of a handout

    def margins(self, header: float, footer: float) -> tuple[int, int]:
        """Top and bottom page margins for a header and a footer of these heights."""
        return round(header) + self.header_rule + self.gap, round(footer) + self.footer_rule + self.gap

    def capacity(self, top: int, bottom: int) -> int:
        """Height left for a card's heading and blocks."""
        return self.height - top - bottom - self.slack


GEOMETRY = Geometry()


@dataclass(frozen=True)
class Block:
    """One piece of a card: a top-level element, or one item of a top-level list."""

    html: str
    list_id: int | None = None  # items of one list share it
    list_tag: str = ""  # "ul" or "ol"
    number: int = 0  # the number an item of an ordered list shows
    glue: bool = False  # a sub-heading: never the last block of a card


@dataclass(frozen=True)
class Section:
    kind: str  # "intro", "key_messages", "what_to_do", "help", "section" or "terms"
    heading: str  # HTML of the heading (sanitised by the view, or escaped here)
    title: str  # the heading as plain text (catalog.json, link texts)
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CardPart:
    """One card of a section as the template shows it."""

    anchor: str
    kind: str
    heading: str
    part: int
    parts: int
    body: str


@dataclass(frozen=True)
class CardPage:
    """What every card of one handout shows besides its own content (plain, picklable data)."""

    lang: str
    title: str
    organisation: str
    language_name: str
    checked: str
    status_label: str
    status_detail: str
    reviewed: bool
    qr: str  # inline SVG, or ""
    created: str | None


@dataclass(frozen=True)
class CardSource:
    page: CardPage
    sections: tuple[Section, ...]
    measure_html: str  # the cache key: it holds every input of every card
    files: dict[str, str]  # images the text shows: name -> sha256


# -- the participant text, split at its <h2> elements -------------------------------------------


class _Element:
    def __init__(self, tag: str, start: int, inner_start: int, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.start = start
        self.inner_start = inner_start
        self.inner_end = inner_start
        self.end = inner_start
        self.attrs = attrs
        self.text: list[str] = []
        self.items: list[list[int]] = []  # [start, end] of each <li> of a top-level list


class _TopLevel(HTMLParser):
    """The top-level elements of an HTML fragment, with their offsets, and the items of top-level lists.

    Offsets, not a re-serialised tree: each block is an exact slice of the sanitised HTML.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.depth = 0
        self.elements: list[_Element] = []
        self.current: _Element | None = None
        self.loose: int | None = None  # start of text outside any element

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _flush_loose(self, end: int) -> None:
        if self.loose is not None:
            element = _Element("#text", self.loose, self.loose, {})
            element.inner_end = element.end = end
            self.elements.append(element)
            self.loose = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        tag_end = start + len(self.get_starttag_text() or "")
        if self.depth == 0:
            self._flush_loose(start)
            self.current = _Element(tag, start, tag_end, dict(attrs))
            self.elements.append(self.current)
            if tag in VOID:
                self.current.inner_end = self.current.end = tag_end
                self.current = None
                return
        elif self.depth == 1 and tag == "li" and self.current is not None and self.current.tag in ("ul", "ol"):
            self.current.items.append([start, tag_end])
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            self._flush_loose(start)
            element = _Element(tag, start, start + len(self.get_starttag_text() or ""), dict(attrs))
            self.elements.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or self.depth == 0:
            return
        start = self._offset()
        end = self.html.find(">", start) + 1 or len(self.html)
        self.depth -= 1
        current = self.current
        if current is None:
            return
        if self.depth == 1 and tag == "li" and current.items:
            current.items[-1][1] = end
        elif self.depth == 0:
            current.inner_end, current.end = start, end
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.text.append(data)
        elif self.depth == 0 and data.strip() and self.loose is None:
            self.loose = self._offset()


def _plain(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def split_sections(html: str) -> list[tuple[str, str, list[Block]]]:
    """``(heading HTML, heading text, blocks)`` per ``<h2>`` of ``html``; text before the first one has no heading."""
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    parser._flush_loose(len(html))
    sections: list[tuple[str, str, list[Block]]] = [("", "", [])]
    lists = 0
    for element in parser.elements:
        blocks = sections[-1][2]
        if element.tag == "h2":
            sections.append((html[element.inner_start : element.inner_end].strip(), _plain(element.text), []))
        elif element.tag in ("ul", "ol") and element.items:
            lists += 1
            first = int(element.attrs.get("start") or 1) if str(element.attrs.get("start") or "1").isdigit() else 1
            for index, (start, end) in enumerate(element.items):
                blocks.append(Block(html[start:end], lists, element.tag, first + index))
        elif element.tag == "#text":
            blocks.append(Block(f"<p>{html[element.start : element.end].strip()}</p>"))
        else:
            blocks.append(Block(html[element.start : element.end], glue=element.tag in HEADINGS))
    if not sections[0][2]:
        sections.pop(0)
    return sections


def with_id(html: str, anchor: str) -> str:
    """``html`` with ``id`` on its first element (before any id it has: the first attribute wins)."""
    match = FIRST_TAG.match(html)
    if match is None:
        return f'<div id="{anchor}">{html}</div>'
    return f'{html[: match.end()]} id="{anchor}"{html[match.end() :]}'


def assemble(blocks: tuple[Block, ...] | list[Block], anchors: list[str] | None = None) -> str:
    """The HTML of a run of blocks; list items are wrapped in their list again, an ``<ol>`` from its item's number."""
    out: list[str] = []
    open_list: int | None = None
    tag = ""
    highest = {block.list_id: block.number for block in blocks}  # the last number each list shows here
    for index, block in enumerate(blocks):
        if block.list_id != open_list:
            if open_list is not None:
                out.append(f"</{tag}>")
            if block.list_id is not None:
                tag = block.list_tag
                attributes = ' class="long"' if tag == "ol" and highest[block.list_id] >= 10 else ""
                if tag == "ol" and block.number != 1:  # WeasyPrint ignores start: the list-item counter says it
                    attributes += f' start="{block.number}" style="counter-reset: list-item {block.number - 1}"'
                out.append(f"<{tag}{attributes}>")
            open_list = block.list_id
        out.append(with_id(block.html, anchors[index]) if anchors else block.html)
    if open_list is not None:
        out.append(f"</{tag}>")
    return "\n".join(out)


# -- which cards, in which order -----------------------------------------------------------------


def section_kinds(shared: Shared) -> dict[str, str]:
    """Heading text (case-folded) -> section key, in every language: a text not yet translated keeps its headings."""
    settings = shared.settings
    return {
        settings.words(lang).handout_section(section.key).casefold(): section.key
        for lang in settings.languages
        for section in HANDOUT_SECTIONS
    }


def card_sections(view: ModuleView, shared: Shared, env: jinja2.Environment) -> tuple[list[Section], dict[str, str]]:
    """The sections of a handout's cards, in card order, and the images the text shows (for the cache key)."""
    words = shared.settings.words(view.lang)
    kinds = section_kinds(shared)
    body, files = paper_html(view, shared.settings.site_url)
    text: list[Section] = []
    for heading, title, blocks in split_sections(body):
        kind = kinds.get(title.casefold(), "section") if heading else "intro"
        text.append(Section(kind, heading, title or view.title, tuple(blocks)))
    macros = env.get_template(BLOCKS_NAME).module
    services = [Block(str(macros.service(service, words))) for service in view.participant_help]
    if not services:
        services = [Block(str(macros.no_help(words)))]
    help_card = Section("help", str(Markup.escape(words.ui("help"))), words.ui("help"), tuple(services))
    terms = [Block(str(macros.term(term))) for term in view.terms]

    ordered = [s for s in text if s.kind == "intro"]
    ordered += [s for s in text if s.kind == "key_messages"]
    ordered += [s for s in text if s.kind == "what_to_do"]
    ordered.append(help_card)
    ordered += [s for s in text if s.kind == "section"]
    if terms:
        ordered.append(Section("terms", str(Markup.escape(words.ui("terms"))), words.ui("terms"), tuple(terms)))
    if view.participant_notice:  # the translation notice opens the first card
        first = ordered[0]
        notice = Block(str(macros.notice(view.participant_notice)), glue=True)
        ordered[0] = Section(first.kind, first.heading, first.title, (notice, *first.blocks))
    return ordered, files


def card_page(view: ModuleView, shared: Shared) -> CardPage:
    settings = shared.settings
    return CardPage(
        lang=view.lang,
        title=view.title,
        organisation=settings.name,
        language_name=settings.languages.name(view.lang),
        checked=view.checked_on_text,
        status_label=view.status.label,
        status_detail=view.status.detail,
        reviewed=view.status.reviewed,
        qr=qr_svg(view.address, f"QR: {view.address}") if view.address else "",
        created=iso_time(shared.revision.epoch),
    )


def measure_anchor(section: int, block: int | None = None) -> str:
    return f"s{section}" if block is None else f"s{section}-b{block}"


def measure_parts(sections: list[Section] | tuple[Section, ...]) -> list[CardPart]:
    """Every section whole, each block marked, headings with the widest part label they may get."""
    return [
        CardPart(
            measure_anchor(number),
            section.kind,
            section.heading,
            9,
            9,
            assemble(section.blocks, [measure_anchor(number, index) for index in range(len(section.blocks))]),
        )
        for number, section in enumerate(sections)
    ]


def card_source(view: ModuleView, shared: Shared, env: jinja2.Environment) -> CardSource:
    sections, files = card_sections(view, shared, env)
    page = card_page(view, shared)
    html = document(env, page, shared.settings.words(view.lang), measure_parts(sections), mode="measure")
    return CardSource(page, tuple(sections), html, files)


HEADER_ANCHOR = "kepala"
FOOTER_ANCHOR = "kaki"


def document(
    env: jinja2.Environment, page: CardPage, words, cards: list[CardPart], margins: tuple[int, int] = (0, 0), mode: str = "cards"
) -> str:
    """The HTML of a handout's cards in a ``mode`` of the template (``measure``, ``frame`` or ``cards``).

    ``cards``: one page per card with these top and bottom ``margins``, without what every card
    repeats; ``frame``: that alone, on one page; ``measure``: header, footer and all sections
    in the flow of one tall page, at their widths on a card, so every height can be read.
    """
    parts = [
        {
            "anchor": card.anchor,
            "kind": card.kind,
            "heading": Markup(card.heading),  # sanitised by the view, or escaped by card_sections
            "part": card.part,
            "parts": card.parts,
            "body": Markup(card.body),  # slices of the sanitised participant text, or our own escaped blocks
        }
        for card in cards
    ]
    return env.get_template(TEMPLATE_NAME).render(
        lang=page.lang,
        title=page.title,
        organisation=page.organisation,
        language_name=page.language_name,
        checked=page.checked,
        status={"label": page.status_label, "detail": page.status_detail, "reviewed": page.reviewed},
        qr=Markup(page.qr) if page.qr else None,
        created=page.created,
        words=words,
        geometry=GEOMETRY,
        margins=margins,
        header_anchor=HEADER_ANCHOR,
        footer_anchor=FOOTER_ANCHOR,
        mode=mode,
        cards=parts,
    )


# -- how many cards a section needs ---------------------------------------------------------------


def partition(
    tops: list[float], bottoms: list[float], head: float, capacity: float, glue: list[bool], groups: int | None = None
) -> list[tuple[int, int]]:
    """Cut a section's blocks into cards: ``(first, stop)`` index ranges, as few cards as fit, balanced.

    ``tops`` and ``bottoms`` are where each block starts and ends on the measuring page, ``head``
    the height of the heading above the first block; a card holds ``capacity``. A card never
    ends after a ``glue`` block (a sub-heading). Of all cuts into the fewest cards, the one whose
    tallest card is lowest wins (so a list of six is cut 3 + 3, not 5 + 1). ``groups`` asks for
    more cards than that (when a card came out too tall after all). A block taller than a card
    gets a card of its own (the job then lets it run onto a second image).
    """
    count = len(tops)
    if count == 0:
        return [(0, 0)]
    cuts = [0] + [index for index in range(1, count) if not glue[index - 1]] + [count]

    def height(first: int, stop: int) -> float:
        return head + bottoms[stop - 1] - tops[first]

    fewest = [0] + [count + 1] * (len(cuts) - 1)  # fewest[j]: cards for the blocks before cuts[j]
    for j in range(1, len(cuts)):
        for i in range(j - 1, -1, -1):
            if i < j - 1 and height(cuts[i], cuts[j]) > capacity:
                break  # an earlier start is taller still
            fewest[j] = min(fewest[j], fewest[i] + 1)
    wanted = max(fewest[-1], min(groups or 0, len(cuts) - 1))
    # best[(k, j)]: (tallest card, where its cards start) for the blocks before cuts[j] in k cards
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(0, 0): (0.0, ())}
    for k in range(1, wanted + 1):
        for j in range(k, len(cuts)):
            for i in range(k - 1, j):
                previous = best.get((k - 1, i))
                if previous is None:
                    continue
                option = (max(previous[0], height(cuts[i], cuts[j])), (*previous[1], cuts[i]))
                if (k, j) not in best or option[0] < best[(k, j)][0]:
                    best[(k, j)] = option
    firsts = best[(wanted, len(cuts) - 1)][1]
    return list(zip(firsts, (*firsts[1:], count), strict=True))
