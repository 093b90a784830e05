"""Findings: one problem in the content, reported as ``path:line: [rule] message``.

Each rule has a short label, a message and a hint in Indonesian and English, and an
anchor in CONTRIBUTING.md where the rule is explained for volunteers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum.rules_text import RULES
from kurikulum.rules_text import Level as Severity

GUIDE = "CONTRIBUTING.md"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    def message(self, lang: str = "id") -> str:
        return RULES[self.rule].message[lang].format(**self.params)

    def hint(self, lang: str = "id") -> str:
        return RULES[self.rule].hint[lang].format(**self.params)

    def link(self) -> str:
        return f"{GUIDE}#{self.rule}"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.rule, self.message("en"))


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_finding(finding: Finding, lang: str = "id") -> str:
    label = {"id": "saran", "en": "hint"}[lang]
    level = {
        ("id", Severity.ERROR): "galat",
        ("id", Severity.WARNING): "peringatan",
        ("en", Severity.ERROR): "error",
        ("en", Severity.WARNING): "warning",
    }[(lang, finding.severity)]
    return (
        f"{finding.path}:{finding.line}: [{finding.rule}] {level}: {finding.message(lang)}\n"
        f"    {label}: {finding.hint(lang)} ({finding.link()})"
    )


def github_annotation(finding: Finding, lang: str = "id") -> str:
    kind = "error" if finding.severity is Severity.ERROR else "warning"
    text = f"[{finding.rule}] {finding.message(lang)} {finding.hint(lang)}"
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={finding.path},line={finding.line},title={finding.rule}::{text}"


def report(findings: list[Finding], lang: str = "id") -> str:
    """The full human report, with GitHub annotations when running in Actions."""
    ordered = sorted(findings, key=Finding.sort_key)
    lines = [format_finding(f, lang) for f in ordered]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines += [github_annotation(f, lang) for f in ordered]
    errors = sum(f.severity is Severity.ERROR for f in ordered)
    warnings = len(ordered) - errors
    summary = {
        "id": f"{errors} galat, {warnings} peringatan.",
        "en": f"{errors} errors, {warnings} warnings.",
    }[lang]
    lines.append(summary)
    return "\n".join(lines)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
