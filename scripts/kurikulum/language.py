"""Languages as configuration, and the interface words of each language.

Every word the tool shows (site, handouts, checker messages, command output, search)
lives in a data file per language: ``kurikulum/words/<code>.yml`` in the package, or
``overrides/words/<code>.yml`` in a curriculum repository (for a language the package
does not ship, or to change a word). A key missing from a language falls back to the
default language's word, so a half-translated language still works; the words test
lists what is missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kurikulum.format.yaml_source import FastLoader

PACKAGE_WORDS = Path(__file__).resolve().parent / "words"
CURRICULUM_WORDS = Path("overrides") / "words"

# The configuration's defaults: used when a curriculum has no organisasi.yml, and by `kurikulum init`.
DEFAULT_LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))


@dataclass(frozen=True)
class Language:
    """One language of the site: its code (ISO 639-1, as in file names ``pelatih.<code>.md``) and its own name."""

    code: str
    name: str


@dataclass(frozen=True)
class Languages:
    """The ordered languages of a curriculum; the first is the default (the source of every translation)."""

    items: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.items)

    @property
    def default(self) -> str:
        return self.items[0].code

    @property
    def translations(self) -> tuple[str, ...]:
        """Every language but the default: the ones that translate it."""
        return self.codes[1:]

    def name(self, code: str) -> str:
        return next((language.name for language in self.items if language.code == code), code)

    def __iter__(self):
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.items)


def default_languages() -> Languages:
    return Languages(tuple(Language(code, name) for code, name in DEFAULT_LANGUAGES))


def word_files(code: str, root: Path | None = None) -> list[Path]:
    """The word files of ``code``, the package's first, then the curriculum's own (which wins)."""
    candidates = [PACKAGE_WORDS / f"{code}.yml"]
    if root is not None:
        candidates.append(root / CURRICULUM_WORDS / f"{code}.yml")
    return [path for path in candidates if path.is_file()]


@cache
def _read(path: Path, mtime: float) -> dict[str, Any]:
    with path.open(encoding="utf-8-sig") as handle:
        data = yaml.load(handle, Loader=FastLoader)  # the safe loader, in C where libyaml is installed
    return data if isinstance(data, dict) else {}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def raw_words(code: str, root: Path | None = None) -> dict[str, Any]:
    """The words of one language as written, without fallback."""
    data: dict[str, Any] = {}
    for path in word_files(code, root):
        data = _merge(data, _read(path, path.stat().st_mtime))
    return data


@dataclass(frozen=True)
class Words:
    """The interface words of one language, with the default language's words behind them."""

    code: str
    data: dict[str, Any] = field(repr=False)

    def get(self, *keys: str) -> Any:
        """The value under ``keys`` (e.g. ``get("ui", "minutes")``); KeyError names the path."""
        value: Any = self.data
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                raise KeyError(f"no word {'.'.join(keys)!r} for language {self.code!r}")
            value = value[key]
        return value

    def ui(self, key: str, **params: object) -> str:
        text = str(self.get("ui", key))
        return text.format(**params) if params else text

    def section(self, key: str) -> str:
        return str(self.get("sections", key))

    def handout_section(self, key: str) -> str:
        return str(self.get("handout_sections", key))

    def audience(self, key: str) -> str:
        return str(self.get("audiences", key))

    def message(self, key: str, **params: object) -> str:
        return str(self.get("messages", key)).format(**params)

    def count(self, number: int, key: str) -> str:
        """'2 halaman', '1 page', '3 pages': ``key`` names a ``{one, other}`` pair under ``counts``."""
        forms = self.get("counts", key)
        return str(forms["one" if number == 1 else "other"]).format(count=number)

    def date(self, value: datetime.date | None) -> str:
        """'28 Februari 2026' / '28 February 2026'."""
        if value is None:
            return ""
        return f"{value.day} {self.get('months')[value.month - 1]} {value.year}"


def words_for(code: str, default: str, root: Path | None = None) -> Words:
    data = raw_words(default, root)
    if code != default:
        data = _merge(data, raw_words(code, root))
    return Words(code, data)


def missing_words(code: str, default: str, root: Path | None = None, skip: tuple[str, ...] = ()) -> list[str]:
    """Dotted keys the default language has and ``code`` lacks (what a translator still has to write)."""

    def walk(base: Any, other: Any, prefix: str) -> list[str]:
        if not isinstance(base, dict):
            return []
        found = []
        for key, value in base.items():
            path = f"{prefix}{key}"
            if path.split(".")[0] in skip:
                continue
            if not isinstance(other, dict) or key not in other:
                found.append(path)
            else:
                found += walk(value, other[key], path + ".")
        return found

    return walk(raw_words(default, root), raw_words(code, root), "")


def function_words(code: str, root: Path | None = None) -> frozenset[str]:
    """The common function words of ``code`` (``language.function_words``), from its own words file only.

    No fallback to the default language: a language whose file has no list is simply not
    measured (:mod:`kurikulum.check.language_share`), rather than measured with another's words.
    """
    section = raw_words(code, root).get("language")
    words = section.get("function_words") if isinstance(section, dict) else None
    return frozenset(str(word).casefold() for word in words) if isinstance(words, list) else frozenset()
