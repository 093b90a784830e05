"""The kinds of value a content file may hold, each able to read itself, explain itself and give a JSON Schema.

A kind reads one value at a key path through a :class:`~kurikulum.format.reader.Reader`,
which records a finding (``wrong-type``, ``out-of-range``, ``bad-choice`` …) and returns
``None`` when the value is wrong, so loading always goes on and every problem is reported.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kurikulum.format.reader import Reader

Path_ = tuple[object, ...]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ADDRESS = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+(/[^\s]*)?$")


class Kind:
    """A kind of value. ``type_key`` names its description in the words files (``types.<key>``)."""

    type_key = "str"

    def read(self, reader: Reader, path: Path_) -> Any:
        raise NotImplementedError

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    """One line or paragraph of text (numbers are read as text: ``nomor: 18``)."""

    type_key = "str"

    def read(self, reader: Reader, path: Path_) -> str | None:
        data = reader.value(*path)
        if data is None:
            return None
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return str(data)
        if not isinstance(data, str) or not data.strip():
            reader.wrong_type(path, self)
            return None
        return data.strip()

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": ["string", "number"]}


@dataclass(frozen=True)
class Slug(Text):
    """A lower-case id of letters, digits and hyphens (it becomes part of an address)."""

    type_key = "slug"

    def read(self, reader: Reader, path: Path_) -> str | None:
        data = super().read(reader, path)
        if data is not None and not SLUG.match(data):
            reader.wrong_type(path, self)
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG.pattern}


@dataclass(frozen=True)
class Colour(Text):
    """A colour as the web writes it, ``#rrggbb`` (the installed site's bar and splash screen)."""

    type_key = "colour"

    def read(self, reader: Reader, path: Path_) -> str | None:
        data = super().read(reader, path)
        if data is not None and not COLOUR.match(data):
            reader.wrong_type(path, self)
            return None
        return data.lower() if data is not None else None

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "string", "pattern": COLOUR.pattern}


@dataclass(frozen=True)
class Address(Text):
    """A web address starting with ``https://`` (the site, the repository): it is printed in QR codes and links."""

    type_key = "address"

    def read(self, reader: Reader, path: Path_) -> str | None:
        data = super().read(reader, path)
        if data is not None and not ADDRESS.match(data):
            reader.wrong_type(path, self)
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "string", "pattern": ADDRESS.pattern}


@dataclass(frozen=True)
class Integer(Kind):
    low: int
    high: int | Callable[[Reader], int]

    type_key = "int"

    def limit(self, reader: Reader) -> int:
        return self.high(reader) if callable(self.high) else self.high

    def read(self, reader: Reader, path: Path_) -> int | None:
        data = reader.value(*path)
        if data is None:
            return None
        if isinstance(data, bool) or not isinstance(data, int):
            reader.wrong_type(path, self)
            return None
        high = self.limit(reader)
        if not self.low <= data <= high:
            reader.out_of_range(path, data, "between", low=self.low, high=high)
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "minimum": self.low}
        if not callable(self.high):
            schema["maximum"] = self.high
        return schema


@dataclass(frozen=True)
class Boolean(Kind):
    type_key = "bool"

    def read(self, reader: Reader, path: Path_) -> bool | None:
        data = reader.value(*path)
        if data is None:
            return None
        if not isinstance(data, bool):
            reader.wrong_type(path, self)
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(Kind):
    """A date written YEAR-MONTH-DAY; with ``not_future``, not after the day of the check."""

    not_future: bool = True

    type_key = "date"

    def read(self, reader: Reader, path: Path_) -> datetime.date | None:
        data = reader.value(*path)
        if data is None:
            return None
        if isinstance(data, datetime.datetime) or not isinstance(data, datetime.date):
            impossible = reader.document.impossible_dates.get(path)
            if impossible:
                reader.report(reader.line(*path), "bad-date", field=reader.name(path), value=impossible)
            else:
                reader.wrong_type(path, self)
            return None
        if self.not_future and data > reader.today:
            reader.out_of_range(path, data.isoformat(), "not_after", today=reader.today.isoformat())
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of words."""

    choices: tuple[str, ...]

    type_key = "str"

    def read(self, reader: Reader, path: Path_) -> str | None:
        data = Text().read(reader, path)
        if data is not None and data not in self.choices:
            reader.report(reader.line(*path), "bad-choice", field=reader.name(path), value=data, choices=", ".join(self.choices))
            return None
        return data

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


@dataclass(frozen=True)
class Texts(Kind):
    """The same text in each language: ``{id: ..., en: ...}``.

    The default language is required; the others are optional (a missing one is shown in
    the default language, with the untranslated notice). A plain string is read as the
    default language's text.
    """

    type_key = "texts"

    def read(self, reader: Reader, path: Path_) -> dict[str, str] | None:
        data = reader.value(*path)
        if data is None:
            return None
        languages = reader.languages
        if isinstance(data, str) and data.strip():
            return {languages.default: data.strip()}
        if not reader.keys(path, (languages.default,), languages.translations):
            return None
        result = {}
        for lang in languages:
            value = Text().read(reader, (*path, lang))
            if value:
                result[lang] = value
        return result if languages.default in result else None

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {lang: {"type": "string"} for lang in languages},
                    "required": [languages[0]],
                    "additionalProperties": False,
                },
            ]
        }


@dataclass(frozen=True)
class ListOf(Kind):
    """A list whose items are all of one kind; ``one_or_more`` also accepts a single item without the list."""

    item: Kind
    one_or_more: bool = False
    non_empty: bool = False

    type_key = "list"

    def read(self, reader: Reader, path: Path_) -> list[Any] | None:
        data = reader.value(*path)
        if data is None:
            return None
        if not isinstance(data, list):
            if self.one_or_more:
                value = self.item.read(reader, path)
                return [value] if value is not None else None
            reader.wrong_type(path, self)
            return None
        if self.non_empty and not data:
            reader.report(reader.line(*path), "required-field", field=reader.name(path))
            return None
        result = []
        for index in range(len(data)):
            value = self.item.read(reader, (*path, index))
            if value is not None:
                result.append(value)
        return result

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        array: dict[str, Any] = {"type": "array", "items": self.item.schema(languages)}
        if self.non_empty:
            array["minItems"] = 1
        return {"oneOf": [self.item.schema(languages), array]} if self.one_or_more else array


@dataclass(frozen=True)
class Field:
    """One key of a content file, declared once: how it is read, named in code and exemplified.

    ``key`` is what volunteers type (Indonesian); ``attr`` the name of the value in code
    (English); ``example`` is a YAML snippet, valid on its own, shown in the commented
    template and the docs. Its explanation for volunteers is in each language's words
    file, under ``fields.<record name>.<key>``, so it can be read in every language.
    """

    key: str
    attr: str
    kind: Kind
    example: str
    required: bool = False
    by_command: bool = False  #: written by a ``kurikulum`` command: the template shows its example commented out


@dataclass(frozen=True)
class Record(Kind):
    """A mapping with known keys (a whole file, or a nested block such as ``ukuran_kelompok``)."""

    fields: tuple[Field, ...]
    name: str = ""
    checks: tuple[Callable[[Reader, Path_, dict[str, Any]], None], ...] = field(default=(), compare=False)

    type_key = "mapping"

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def read(self, reader: Reader, path: Path_) -> dict[str, Any] | None:
        """The values by ``attr`` (None for a missing optional field), or None when the mapping cannot be read."""
        if path and reader.value(*path) is None:
            return None  # an absent optional block; a required one is reported by the record that holds it
        required = [f.key for f in self.fields if f.required]
        optional = [f.key for f in self.fields if not f.required]
        if not reader.keys(path, required, optional, self.misplaced(reader, path)):
            return None
        values: dict[str, Any] = {}
        for spec in self.fields:
            with reader.example(spec.example):
                values[spec.attr] = spec.kind.read(reader, (*path, spec.key))
        for check in self.checks:
            check(reader, path, values)
        return values

    def misplaced(self, reader: Reader, path: Path_) -> dict[str, str]:
        """Keys written without indentation under an empty block they belong to: ``{"min": "ukuran_kelompok"}``.

        ``ukuran_kelompok:`` followed by ``min: 10`` at the start of the line is valid YAML (an
        empty block, then an unknown field): the volunteer forgot the spaces, and is told so
        instead of "required field missing" and "unknown field, did you mean".
        """
        data = reader.value(*path)
        if not isinstance(data, dict):
            return {}
        own = {f.key for f in self.fields}
        found: dict[str, str] = {}
        for spec in self.fields:
            if isinstance(spec.kind, Record) and spec.key in data and data[spec.key] is None:
                children = {f.key for f in spec.kind.fields}
                below = reader.line(*path, spec.key)
                for key in data:
                    if key not in own and key in children and key not in found and reader.line(*path, key) > below:
                        found[str(key)] = spec.key
        return found

    def schema(self, languages: Sequence[str]) -> dict[str, Any]:
        return {
            "type": "object",
            # An optional field may be left empty ("peninjau:"), which YAML reads as null.
            "properties": {
                f.key: f.kind.schema(languages) if f.required else {"anyOf": [f.kind.schema(languages), {"type": "null"}]}
                for f in self.fields
            },
            "required": [f.key for f in self.fields if f.required],
            "additionalProperties": False,
        }
