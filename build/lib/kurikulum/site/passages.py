"""A page's text as the search reads it: its title, and passages a result can quote.

A passage is a heading with the text under it, cut at block ends into pieces of at most
:data:`PASSAGE_LENGTH` characters. Search results quote the passage where the query's
words meet, so a passage must be a unit a reader recognises: one step, one key message,
one glossary entry (its heading is the term). Headings are kept apart from the text
because they weigh more in the ranking and are shown in bold in a result.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass

PASSAGE_LENGTH = 360  #: a passage grows block by block up to this; one longer block is cut at a sentence end
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "div", "br", "tr", "blockquote", "pre", "figcaption", "caption", "summary"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
SKIP = {"script", "style", "svg", "button", "template"}
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Passage:
    heading: str  #: the heading it sits under ("" before the first heading)
    text: str
    anchor: str = ""  #: the heading's id: a result links to the passage


def _clean(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _pieces(text: str, limit: int = PASSAGE_LENGTH) -> list[str]:
    """``text`` cut at sentence ends (else at spaces) into pieces of at most ``limit`` characters."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in SENTENCE_END.split(text):
        while len(sentence) > limit:  # one sentence longer than a passage: cut at the last space that fits
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


class _Passages(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.passages: list[Passage] = []
        self._heading = ""
        self._anchor = ""
        self._blocks: list[str] = []  # finished blocks of the current passage
        self._block: list[str] = []  # text of the block being read
        self._heading_text: list[str] | None = None
        self._in_title = False
        self._skip: list[str] = []  # open elements whose text is not page text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._skip or tag in SKIP or "headerlink" in classes:
            self._skip.append(tag)
        elif tag == "h1":
            self._in_title = True
        elif tag in HEADINGS:
            self._end_block()
            self._flush()
            self._heading_text = []
            self._anchor = dict(attrs).get("id") or ""
        elif tag in BLOCKS:
            self._end_block()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self._block.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag == "h1":
            self._in_title = False
        elif tag in HEADINGS and self._heading_text is not None:
            self._heading = _clean(self._heading_text)
            self._heading_text = None
        elif tag in BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title.append(data)
        elif self._heading_text is not None:
            self._heading_text.append(data)
        else:
            self._block.append(data)

    def _end_block(self) -> None:
        text = _clean(self._block)
        self._block = []
        if not text:
            return
        if self._blocks and len(" ".join(self._blocks)) + 1 + len(text) > PASSAGE_LENGTH:
            self._flush(keep_heading=True)
        pieces = _pieces(text)
        for piece in pieces[:-1]:
            self._blocks.append(piece)
            self._flush(keep_heading=True)
        self._blocks.append(pieces[-1])

    def _flush(self, keep_heading: bool = False) -> None:
        if self._blocks or (self._heading and not keep_heading):
            self.passages.append(Passage(self._heading, " ".join(self._blocks), self._anchor))
        self._blocks = []
        if not keep_heading:
            self._heading = ""
            self._anchor = ""

    def close(self) -> None:
        super().close()
        self._end_block()
        self._flush()


def page_passages(fragment: str) -> tuple[str, list[Passage]]:
    """(title, passages) of an HTML fragment: the ``h1`` is the title, every other heading starts a passage."""
    parser = _Passages()
    parser.feed(fragment)
    parser.close()
    return _clean(parser.title), parser.passages
