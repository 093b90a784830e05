"""Printable activity cards: the cards of one module in one language as an A4 sheet to cut out.

Every ``###`` set under ``## Kartu kegiatan`` is one card, or one card per top-level list item
(:attr:`~kurikulum.view.ModuleView.cards`); each card becomes one dashed box with the set's title
and its number on it. How large a set's cards are printed depends on its longest card, so one
set looks alike: labels (a few words, posted on a wall) and short statements go two to a row,
stories and roles take the full width.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from kurikulum.handouts.document import Shared, allowed_folders, common_context, to_paper
from kurikulum.view.module import ModuleView

TEMPLATE_NAME = "cards.html"
LABEL_WORDS = 5  # at most this many words in every card of a set: printed as labels, very large
SHORT_WORDS = 24  # at most this many: two cards to a row
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PrintedSet:
    title: str
    size: str  #: label, short or long (the CSS class)
    cards: list[Markup]


def card_words(card_html: str) -> list[str]:
    """The words of a card as a reader sees them (tags removed)."""
    return html_lib.unescape(TAG.sub(" ", card_html)).split()


def set_size(cards: list[str]) -> str:
    longest = max((len(card_words(card)) for card in cards), default=0)
    if longest <= LABEL_WORDS:
        return "label"
    return "short" if longest <= SHORT_WORDS else "long"


def cards_html(
    view: ModuleView, module_folder: Path, shared: Shared, env: jinja2.Environment
) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """The cards' HTML, the images they show (for the cache key) and the folders the renderer may read."""
    files: dict[str, str] = {}
    sets = [
        PrintedSet(
            card_set.title,
            set_size(card_set.cards),
            [Markup(to_paper(card, view, shared.settings.site_url, files)) for card in card_set.cards],  # sanitised by the view
        )
        for card_set in view.cards
    ]
    html = env.get_template(TEMPLATE_NAME).render(**common_context(view.lang, shared), view=view, sets=sets)
    return html, files, allowed_folders(shared, module_folder)
