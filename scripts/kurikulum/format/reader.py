"""Reading one parsed YAML document through the declared format, one plain finding per problem.

A :class:`Reader` wraps a document, the path it came from (relative to the repository),
the list findings go to, the configured languages and the day of the check. The kinds in
:mod:`kurikulum.format.kinds` call back into it to report; findings carry language-neutral
parameters (a type key, numbers, names), worded later in the reader's language.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kurikulum.check.findings import Finding, Phrase
from kurikulum.format.yaml_source import YamlDocument
from kurikulum.language import Languages

if TYPE_CHECKING:
    from kurikulum.format.kinds import Kind, Record


def suggest(word: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return matches[0] if matches else ""


class Reader:
    def __init__(
        self,
        document: YamlDocument,
        path: str,
        findings: list[Finding],
        languages: Languages,
        today: datetime.date,
    ) -> None:
        self.document = document
        self.path = path
        self.findings = findings
        self.languages = languages
        self.today = today
        self._example = ""
        for key, line in document.duplicate_keys:
            self.report(line, "duplicate-key", field=key)

    def report(self, line: int, rule: str, **params: object) -> None:
        self.findings.append(Finding(self.path, line, rule, params))

    def value(self, *path: object) -> Any:
        current: Any = self.document.data
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

    @staticmethod
    def name(path: tuple[object, ...]) -> str:
        """``ukuran_kelompok.maks``, ``dasar_hukum[2].dicek``: how a volunteer finds the value."""
        parts: list[str] = []
        for part in path:
            if isinstance(part, int):
                parts.append(f"[{part + 1}]")
            else:
                parts.append(("." if parts else "") + str(part))
        return "".join(parts)

    def wrong_type(self, path: tuple[object, ...], kind: Kind) -> None:
        self.report(
            self.line(*path), "wrong-type", field=self.name(path), expected=Phrase("types", kind.type_key), example=self._example
        )

    def out_of_range(self, path: tuple[object, ...], value: object, limit: str, **bounds: object) -> None:
        self.report(self.line(*path), "out-of-range", field=self.name(path), value=value, allowed=Phrase("limits", limit, bounds))

    def keys(
        self,
        path: tuple[object, ...],
        required: Iterable[str],
        optional: Iterable[str] = (),
        misplaced: dict[str, str] | None = None,
    ) -> bool:
        """Check that the mapping at ``path`` has the required keys and no unknown ones; False if it is no mapping.

        ``misplaced`` keys (a child written without indentation under its empty parent) are
        reported as such, once, instead of as unknown fields and a missing parent.
        """
        misplaced = misplaced or {}
        data = self.value(*path)
        if not isinstance(data, dict):
            if path:
                self.report(
                    self.line(*path),
                    "wrong-type",
                    field=self.name(path),
                    expected=Phrase("types", "mapping"),
                    example=self._example,
                )
            else:
                self.report(self.document.first_line, "not-a-mapping")
            return False
        required = list(required)
        known = required + list(optional)
        for key, parent in misplaced.items():
            self.report(self.line(*path, key), "not-indented", field=key, parent=parent)
        for key in data:
            if key in misplaced:
                continue
            if key not in known:
                self.report(
                    self.line(*path, key),
                    "unknown-field",
                    field=key,
                    suggestion=suggest(str(key), known) or (known[0] if known else "-"),
                    known=", ".join(known) or "-",
                )
        for key in required:
            if data.get(key) is None and key not in misplaced.values():
                line = self.line(*path, key) if key in data else self.line(*path)
                self.report(line, "required-field", field=self.name((*path, key)))
        return True

    def record(self, record: Record, path: tuple[object, ...] = ()) -> dict[str, Any] | None:
        """Read the mapping at ``path`` as ``record``: the values by attribute name, or None if it is no mapping."""
        return record.read(self, path)

    @contextmanager
    def example(self, text: str) -> Iterator[None]:
        """While a field is read, a wrong value is answered with that field's declared example."""
        previous, self._example = self._example, text.strip().splitlines()[0] if text.strip() else ""
        try:
            yield
        finally:
            self._example = previous
