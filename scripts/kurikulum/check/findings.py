"""Findings: one problem in the content, reported as ``path:line: [rule] level: message`` with a hint.

A finding holds language-neutral parameters (numbers, names, and :class:`Phrase` keys
for words such as a type's name); its message and hint are worded from the words file
of the language asked for, so the checker speaks every configured language.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field

from kurikulum.check.rules import RULES, Level
from kurikulum.language import Words, words_for

GUIDE = "CONTRIBUTING.md"


@dataclass(frozen=True)
class Phrase:
    """A parameter that is itself a word: ``words[group][key]``, formatted with ``params``."""

    group: str
    key: str
    params: dict[str, object] = field(default_factory=dict)

    def words(self, words: Words) -> str:
        return str(words.get(self.group, self.key)).format(**self.params)

    def __repr__(self) -> str:
        return f"{self.group}.{self.key}{sorted(self.params.items())}"


# An excerpt shows at most this many characters of a line, around the caret (a pasted PDF can be one 2 MB line).
EXCERPT_WIDTH = 100


@dataclass(frozen=True)
class Excerpt:
    """Lines of the file as written, ``(number, text)``, and a caret under ``column`` (0-based) of the last one.

    The caret must sit under the right character in a terminal, a CI log or an editor: a tab
    is copied into the caret line (so both lines reach the same tab stop whatever its width),
    a wide character (CJK, most emoji) counts two columns, a combining mark none. Control and
    format characters (an escape sequence, a right-to-left override) are shown as ``?``, so a
    file cannot rewrite the volunteer's terminal or reorder what she reads.
    """

    lines: tuple[tuple[int, str], ...]
    column: int

    def render(self) -> list[str]:
        if not self.lines:
            return []
        last = self.lines[-1][1]
        start = max(0, min(self.column, len(last)) - EXCERPT_WIDTH // 2) if len(last) > EXCERPT_WIDTH else 0
        number_width = len(str(self.lines[-1][0]))
        out = []
        for number, text in self.lines:
            out.append(f"    {number:>{number_width}} | {_window(text, start)}")
        column = min(self.column, len(last)) - start + (3 if start else 0)
        caret = "".join("\t" if ch == "\t" else " " * _width(ch) for ch in _window(last, start)[:column])
        out.append(f"    {'':>{number_width}} | {caret}^")
        return out


def _shown(ch: str) -> str:
    return "?" if ch != "\t" and unicodedata.category(ch) in ("Cc", "Cf") else ch


def _window(text: str, start: int) -> str:
    """``EXCERPT_WIDTH`` characters of ``text`` from ``start``, marked with ... where cut, unprintables as ?."""
    end = start + EXCERPT_WIDTH
    shown = "".join(_shown(ch) for ch in text[start:end])
    return ("..." if start else "") + shown + ("..." if len(text) > end else "")


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    params: dict[str, object] = field(default_factory=dict, compare=False)
    excerpt: Excerpt | None = field(default=None, compare=False)

    @property
    def severity(self) -> Level:
        return RULES[self.rule]

    def _params(self, words: Words) -> dict[str, object]:
        return {key: value.words(words) if isinstance(value, Phrase) else value for key, value in self.params.items()}

    def message(self, words: Words | str) -> str:
        words = _words(words)
        return str(words.get("rules", self.rule, "message")).format(**self._params(words))

    def hint(self, words: Words | str) -> str:
        words = _words(words)
        return str(words.get("rules", self.rule, "hint")).format(**self._params(words))

    def link(self) -> str:
        return f"{GUIDE}#{self.rule}"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.rule, repr(sorted(self.params.items())))


def _words(words: Words | str) -> Words:
    """Words given as a language code: that language's packaged words (over its own, if it has no file)."""
    return words if isinstance(words, Words) else words_for(words, words)


def relative(path: object, root: object) -> str:
    from pathlib import Path

    path, root = Path(str(path)), Path(str(root))
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_finding(finding: Finding, words: Words) -> str:
    level = words.get("levels", finding.severity.value)
    lines = [f"{finding.path}:{finding.line}: [{finding.rule}] {level}: {finding.message(words)}"]
    lines += finding.excerpt.render() if finding.excerpt else []
    lines.append(f"    {words.get('levels', 'hint')}: {finding.hint(words)} ({finding.link()})")
    return "\n".join(lines)


def github_annotation(finding: Finding, words: Words) -> str:
    kind = "error" if finding.severity is Level.ERROR else "warning"
    text = f"[{finding.rule}] {finding.message(words)} {finding.hint(words)}"
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={finding.path},line={finding.line},title={finding.rule}::{text}"


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings; by file and line within each."""
    return sorted(findings, key=lambda f: (f.severity is not Level.ERROR, *f.sort_key()))


def report(findings: list[Finding], words: Words, before_summary: tuple[str, ...] = ()) -> str:
    """The full human report, with GitHub annotations when running in Actions, ending with a one-line summary.

    ``before_summary`` lines (how many modules, how long) come before it: the summary stays the last line.
    """
    listed = ordered(findings)
    lines = [format_finding(f, words) for f in listed]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines += [github_annotation(f, words) for f in listed]
    lines += before_summary
    errors = sum(f.severity is Level.ERROR for f in listed)
    lines.append(words.message("summary", errors=errors, warnings=len(listed) - errors))
    return "\n".join(lines)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Level.ERROR for f in findings)
