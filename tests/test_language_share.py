"""The wrong-language rule's measure, held to the real curriculum: no false alarm, every paste found."""

from __future__ import annotations

from pathlib import Path

import pytest

from kurikulum.check.language_share import MIN_SHARE, measure, mostly_in
from kurikulum.language import function_words

from .linear import assert_linear

REPO = Path(__file__).resolve().parents[1]
LISTS = {code: function_words(code) for code in ("id", "en", "jv")}
TEXTS = sorted(p for p in (REPO / "modules").rglob("*.md") if p.stem.rsplit(".", 1)[-1] in LISTS)


def language_of(path: Path) -> str:
    return path.stem.rsplit(".", 1)[-1]


def test_every_language_lists_function_words_of_its_own():
    assert all(len(words) >= 40 for words in LISTS.values())
    for code, words in LISTS.items():  # a word in two lists would count for both languages
        others = set().union(*(w for c, w in LISTS.items() if c != code))
        assert not words & others, (code, sorted(words & others))


def test_no_text_of_the_curriculum_is_taken_for_another_language():
    assert len(TEXTS) >= 40
    for path in TEXTS:
        shares = measure(path.read_text(encoding="utf-8"), LISTS)
        own = language_of(path)
        assert mostly_in(shares, own) is None, path
        # the margin the thresholds rely on: own language well above MIN_SHARE, the others well below
        assert shares.share(own) >= 2 * MIN_SHARE, (path, shares.share(own))
        assert all(shares.share(c) < MIN_SHARE / 2 for c in LISTS if c != own), path


def test_every_source_text_pasted_into_its_translation_is_found():
    pasted = 0
    for path in TEXTS:
        if language_of(path) != "id":
            continue
        shares = measure(path.read_text(encoding="utf-8"), LISTS)
        assert mostly_in(shares, "en") == "id", path
        assert shares.examples("id")
        pasted += 1
    assert pasted >= 20


def test_a_short_text_is_not_judged():
    assert mostly_in(measure("## Pesan penting\n\n- Dan yang di ini.\n", LISTS), "en") is None


def test_front_matter_comments_and_code_do_not_count():
    text = "---\njudul: Hak yang dan di ini itu\n---\n<!-- yang dan di ini itu untuk -->\n```\nyang dan di\n```\n"
    text += "The rights of the workers and their families, and what they can do when they are in trouble. " * 3
    shares = measure(text, LISTS)
    assert shares.share("id") == 0 and mostly_in(shares, "en") is None
    assert shares.first_line == 8


@pytest.mark.parametrize("piece", ["yang ", "a", "dan-dan ", "\u00e9"])
def test_linear_on_a_two_megabyte_line(piece: str):
    assert_linear(lambda size: measure("## Pesan penting\n\n" + piece * (size // len(piece)) + "\n", LISTS), repr(piece))
