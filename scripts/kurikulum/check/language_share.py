"""Which language a module text is written in, measured by the share of each language's function words.

Function words (``yang``, ``dan``, ``di``; ``the``, ``and``, ``of``; ``lan``, ``ing``, ``sing``)
make up a fifth to two fifths of any running text and almost never cross languages, so the
share of each language's list among a text's words says which language it is in, without a
model or a network. On the curriculum as it is, every file's own language scores 0.18 or more
and every other language 0.01 or less (measured by ``tests/test_language_share.py`` on
``modules/``). The lists live in the words files (``language.function_words``), so a new
language brings its own. Linear in the text: one scan of its visible lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kurikulum.check.findings import Finding
from kurikulum.format.markdown_source import FrontMatterError, split_front_matter, visible_lines

WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20  #: a shorter text says too little to be judged
MIN_SHARE = 0.08  #: a language must reach this share of the words to be the one a text is "mostly" in


@dataclass(frozen=True)
class Shares:
    """How many of a text's ``total`` words are function words of each language, and which ones."""

    total: int
    found: dict[str, Counter[str]]
    first_line: int = 1  #: the first line holding a word (where a finding points)

    def share(self, code: str) -> float:
        return sum(self.found.get(code, Counter()).values()) / self.total if self.total else 0.0

    def examples(self, code: str, count: int = 3) -> list[str]:
        return [word for word, _ in self.found.get(code, Counter()).most_common(count)]


def measure(text: str, lists: dict[str, frozenset[str]]) -> Shares:
    """Count the function words of each language in the prose of a module text (no front matter, code or comments)."""
    try:
        _, _, body, body_line = split_front_matter(text)
    except FrontMatterError:
        body, body_line = text, 1
    total = 0
    first_line = 0
    found: dict[str, Counter[str]] = {code: Counter() for code in lists}
    for index, line, plain in visible_lines(body):
        if not plain:
            continue
        words = [word.casefold() for word in WORD.findall(line)]
        if words and not first_line:
            first_line = body_line + index
        total += len(words)
        for code, known in lists.items():
            found[code].update(word for word in words if word in known)
    return Shares(total, found, first_line or body_line)


def mostly_in(shares: Shares, own: str) -> str | None:
    """The other language a text is mostly in, or None when it is in its own (or too short to say)."""
    if shares.total < MIN_WORDS:
        return None
    others = [code for code in shares.found if code != own]
    if not others:
        return None
    best = max(others, key=shares.share)
    if shares.share(best) >= MIN_SHARE and shares.share(best) > shares.share(own):
        return best
    return None


def wrong_language(
    path: str, text: str, lang: str, lists: dict[str, frozenset[str]], names: dict[str, str], module: str
) -> Finding | None:
    """A ``wrong-language`` finding for a text of language ``lang`` that is mostly in another one, else None.

    Shared by the checker and by ``kurikulum translated``, which must not record a pasted source
    text as a current translation without saying so.
    """
    if len(lists) < 2 or lang not in lists:
        return None
    shares = measure(text, lists)
    other = mostly_in(shares, lang)
    if other is None:
        return None
    params = {
        "own": names[lang],
        "other": names[other],
        "examples": ", ".join(f"'{word}'" for word in shares.examples(other)),
        "count": sum(shares.found[other].values()),
        "total": shares.total,
        "module": module,
    }
    return Finding(path, shares.first_line, "wrong-language", params)
