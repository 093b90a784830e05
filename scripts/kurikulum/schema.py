"""Typed reading of YAML data, one plain sentence per problem.

A :class:`Reader` wraps one parsed YAML document and the path it came from; each
method reads one value, records a finding when it is wrong, and returns the
value (or ``None``) so loading always goes on and every problem is reported.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable

from kurikulum.findings import Finding
from kurikulum.yaml_source import YamlDocument

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TYPE_WORDS = {
    "int": ("bilangan bulat", "a whole number"),
    "str": ("teks", "text"),
    "bool": ("true atau false", "true or false"),
    "date": ("tanggal TAHUN-BULAN-TANGGAL", "a date YEAR-MONTH-DAY"),
    "list": ("daftar", "a list"),
    "mapping": ("kumpulan kolom", "a set of fields"),
    "slug": ("kode huruf kecil, angka dan tanda hubung", "an id of lower-case letters, digits and hyphens"),
}


def suggest(word: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return matches[0] if matches else ""


class Reader:
    def __init__(self, document: YamlDocument, path: str, findings: list[Finding]) -> None:
        self.document = document
        self.path = path
        self.findings = findings
        for key, line in document.duplicate_keys:
            self.report(line, "duplicate-key", field=key)

    def report(self, line: int, rule: str, **params: object) -> None:
        self.findings.append(Finding(self.path, line, rule, params))

    def value(self, *path: object) -> object:
        current = self.document.data
        for part in path:
            if isinstance(current, dict):
                current = current.get(part)
            elif isinstance(current, list) and isinstance(part, int) and part < len(current):
                current = current[part]
            else:
                return None
        return current

    def line(self, *path: object) -> int:
        return self.document.line(*path)

    def _wrong_type(self, path: tuple[object, ...], kind: str, example: str) -> None:
        words = TYPE_WORDS[kind]
        self.report(self.line(*path), "wrong-type", field=_name(path), expected=words[0], expected_en=words[1], example=example)

    def fields(self, path: tuple[object, ...], required: Iterable[str], optional: Iterable[str] = ()) -> bool:
        """Check that the mapping at ``path`` has the required keys and no unknown ones."""
        data = self.value(*path)
        if not isinstance(data, dict):
            if path:
                self._wrong_type(path, "mapping", f"{_name(path)}: {{...}}")
            else:
                self.report(self.document.first_line, "not-a-mapping")
            return False
        required = list(required)
        known = required + list(optional)
        for key in data:
            if key not in known:
                self.report(
                    self.line(*path, key),
                    "unknown-field",
                    field=key,
                    suggestion=suggest(str(key), known) or known[0],
                    known=", ".join(known),
                )
        for key in required:
            if data.get(key) is None:
                line = self.line(*path, key) if key in data else self.line(*path)
                self.report(line, "required-field", field=_name((*path, key)))
        return True

    def integer(self, *path: object, low: int, high: int, example: str) -> int | None:
        data = self.value(*path)
        if data is None:
            return None
        if isinstance(data, bool) or not isinstance(data, int):
            self._wrong_type(path, "int", example)
            return None
        if not low <= data <= high:
            self.report(
                self.line(*path),
                "out-of-range",
                field=_name(path),
                value=data,
                allowed=f"antara {low} dan {high}",
                allowed_en=f"between {low} and {high}",
            )
            return None
        return data

    def text(self, *path: object, example: str, required: bool = True) -> str | None:
        data = self.value(*path)
        if data is None:
            return None
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return str(data)
        if not isinstance(data, str) or (required and not data.strip()):
            self._wrong_type(path, "str", example)
            return None
        return data.strip()

    def slug(self, *path: object, example: str) -> str | None:
        data = self.text(*path, example=example)
        if data is not None and not SLUG.match(data):
            self._wrong_type(path, "slug", example)
            return None
        return data

    def boolean(self, *path: object, example: str) -> bool | None:
        data = self.value(*path)
        if data is None:
            return None
        if not isinstance(data, bool):
            self._wrong_type(path, "bool", example)
            return None
        return data

    def date(self, *path: object, example: str, today: datetime.date | None = None) -> datetime.date | None:
        data = self.value(*path)
        if data is None:
            return None
        if isinstance(data, datetime.datetime) or not isinstance(data, datetime.date):
            self._wrong_type(path, "date", example)
            return None
        if today is not None and data > today:
            self.report(
                self.line(*path),
                "out-of-range",
                field=_name(path),
                value=data.isoformat(),
                allowed=f"tidak setelah hari ini ({today.isoformat()})",
                allowed_en=f"not after today ({today.isoformat()})",
            )
            return None
        return data

    def choice(self, *path: object, choices: Iterable[str], example: str) -> str | None:
        data = self.text(*path, example=example)
        choices = list(choices)
        if data is not None and data not in choices:
            self.report(self.line(*path), "bad-choice", field=_name(path), value=data, choices=", ".join(choices))
            return None
        return data

    def items(self, *path: object, example: str) -> list[object]:
        data = self.value(*path)
        if data is None:
            return []
        if not isinstance(data, list):
            self._wrong_type(path, "list", example)
            return []
        return data

    def text_list(self, *path: object, example: str) -> list[str]:
        result = []
        for index, _ in enumerate(self.items(*path, example=example)):
            value = self.text(*path, index, example=example)
            if value is not None:
                result.append(value)
        return result

    def bilingual(self, *path: object, example: str, required: bool = True) -> dict[str, str]:
        data = self.value(*path)
        if data is None:
            return {}
        if not self.fields(path, ("id", "en") if required else (), () if required else ("id", "en")):
            return {}
        result = {}
        for lang in ("id", "en"):
            value = self.text(*path, lang, example=example)
            if value:
                result[lang] = value
        return result


def _name(path: tuple[object, ...]) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)
