"""Rules on the text of a module's Markdown files, one small function per rule.

Each rule takes the file's context and yields ``(line, rule, params)``, in the
style of python/peps' check-peps.py. They protect readers and the people the
content is about: no placeholders, no unsafe markup, no personal data, no
outdated institution names, images and links that work.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kurikulum.markdown_source import HEADING, visible_lines
from kurikulum.model import slug
from kurikulum.translation import FINGERPRINT_KEY

Result = Iterator[tuple[int, str, dict[str, object]]]

MAX_IMAGE_BYTES = 300 * 1024

PLACEHOLDERS = re.compile(r"(?i:\blorem ipsum\b)|\b(?:TODO|TBD|FIXME|XXX)\b")
UNSAFE_MARKUP = re.compile(r"<\s*(?:script|iframe|style|object|embed)\b|\son[a-z]+\s*=\s*[\"']|javascript\s*:", re.IGNORECASE)
OUTDATED_TERMS = {
    "TKI": "PMI (Pekerja Migran Indonesia)",
    "TKW": "PMI (Pekerja Migran Indonesia)",
    "BNP2TKI": "KP2MI, dengan BP2MI sebagai badannya",
    "BP3TKI": "BP3MI",
    "PJTKI": "P3MI",
    "Kemenkumham": "Kementerian Hukum (Kemenkum)",
}
# Words showing that an old name is being explained, not used as current.
HISTORY_WORDS = re.compile(
    r"\b(dulu|dahulu|lama|sebelumnya|dulunya|diganti|menggantikan|bukan|dipecah|tidak ada lagi|sudah tidak|dicabut|"
    r"formerly|old|previously|replaced|not|was split|used to|no longer|repealed)\b",
    re.IGNORECASE,
)
NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE = re.compile(
    r"(?<![\w+])(?:\+62|62|0)[\s-]?8\d{1,2}(?:[\s-]?\d{2,4}){2,3}(?!\d)|(?<![\w+])0[2-7]\d{1,2}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PASSPORT = re.compile(r"\b[A-Z]{1,2}\d{7}\b")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<href>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass
class TextContext:
    path: Path
    text: str
    help_numbers: set[str]
    allowed: set[str]
    module_ids: set[str]
    topic_ids: set[str]
    site_pages: set[str] = field(default_factory=set)

    @cached_property
    def lines(self) -> list[tuple[int, str, bool]]:
        """Every line with its index and whether it is ordinary text (not code, not a comment)."""
        return visible_lines(self.text)

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Matches over the whole text (faster than line by line), with their line numbers."""
        for match in pattern.finditer(self.text):
            yield self.line_of(match.start()), match


def digits(value: str) -> str:
    number = re.sub(r"\D", "", value)
    return "0" + number[2:] if number.startswith("62") else number


def placeholders(ctx: TextContext) -> Result:
    for line, match in ctx.matches(PLACEHOLDERS):
        yield line, "placeholder", {"value": match.group(0)}


def unsafe_markup(ctx: TextContext) -> Result:
    for line, match in ctx.matches(UNSAFE_MARKUP):
        yield line, "unsafe-markup", {"value": match.group(0).strip()}


OUTDATED_PATTERN = re.compile(r"\b(" + "|".join(OUTDATED_TERMS) + r")\b")


def outdated_terms(ctx: TextContext) -> Result:
    for index, line, plain in ctx.lines:
        if not plain or not OUTDATED_PATTERN.search(line) or HISTORY_WORDS.search(line):
            continue
        for word in dict.fromkeys(OUTDATED_PATTERN.findall(line)):
            yield index + 1, "outdated-term", {"value": word, "current": OUTDATED_TERMS[word]}


def personal_data(ctx: TextContext) -> Result:
    kinds = (
        (NIK, "NIK", "ID number (NIK)"),
        (PHONE, "nomor telepon", "phone number"),
        (EMAIL, "alamat e-mail", "e-mail address"),
        (PASSPORT, "nomor paspor", "passport number"),
    )
    found = []
    for pattern, kind, kind_en in kinds:
        if pattern is EMAIL and "@" not in ctx.text:
            continue
        for line, match in ctx.matches(pattern):
            value = match.group(0).strip()
            if ctx.text.startswith(f"{FINGERPRINT_KEY}:", ctx.line_starts[line - 1]):  # a hash may be all digits
                continue
            if value in ctx.allowed or (pattern is PHONE and digits(value) in ctx.help_numbers):
                continue
            found.append((line, "personal-data", {"kind": kind, "kind_en": kind_en, "value": value}))
    yield from sorted(found, key=lambda item: item[0])


def images(ctx: TextContext) -> Result:
    for index, line, plain in ctx.lines:
        if not plain or "![" not in line:
            continue
        for match in IMAGE.finditer(line):
            alt, src = match.group("alt").strip(), match.group("src")
            if re.match(r"^(?:[a-z]+:)?//", src):
                yield index + 1, "unsafe-markup", {"value": src}
                continue
            if not alt:
                yield index + 1, "image-alt", {"value": src}
            image = (ctx.path.parent / src).resolve()
            if not image.is_file():
                yield index + 1, "image-missing", {"value": src}
            elif image.stat().st_size > MAX_IMAGE_BYTES:
                yield index + 1, "image-size", {"value": src, "size": image.stat().st_size // 1024}


def links(ctx: TextContext) -> Result:
    anchors = {slug(match.group(2)) for _, line, plain in ctx.lines if plain and (match := HEADING.match(line))}
    for index, line, plain in ctx.lines:
        if not plain or "](" not in line:
            continue
        for match in LINK.finditer(line):
            href = match.group("href")
            if re.match(r"^[a-z]+:", href):  # http(s), mailto: outside links are not checked here
                continue
            if not link_resolves(href, ctx, anchors):
                yield index + 1, "broken-link", {"value": href}


def link_resolves(href: str, ctx: TextContext, anchors: set[str]) -> bool:
    target, _, anchor = href.partition("#")
    if not target:
        return anchor in anchors
    parts = [part for part in target.strip("/").split("/") if part]
    if target.startswith("/") and len(parts) >= 2 and parts[0] == "modul":
        return parts[1] in ctx.module_ids and (len(parts) == 2 or parts[2:] == ["peserta"])
    if target.startswith("/") and len(parts) == 2 and parts[0] == "topik":
        return parts[1] in ctx.topic_ids
    if target.startswith("/"):
        return "/".join(parts) in ctx.site_pages
    return (ctx.path.parent / target).exists()


TEXT_RULES = (placeholders, unsafe_markup, outdated_terms, personal_data, images, links)
