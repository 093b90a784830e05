"""Rules on the text of a module's Markdown files, one small function per rule.

Each rule takes the file's context and yields ``(line, rule, params)``, in the style of
python/peps' check-peps.py. They protect readers and the people the content is about:
no placeholders, no unsafe markup, no personal data, no outdated institution names,
images and links that work and stay inside the module.

Every rule runs in linear time on any input: no pattern here can backtrack over a long
line (the tests feed each one 2 MB single lines of pathological shapes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kurikulum import paths
from kurikulum.check.findings import Phrase
from kurikulum.format.markdown_source import FrontMatterError, heading, split_front_matter, visible_lines
from kurikulum.model import slug
from kurikulum.paths import page_of
from kurikulum.safety import attribute_lists, html_images, safe_url, unsafe_html, url_scheme

Result = Iterator[tuple[int, str, dict[str, object]]]

MAX_IMAGE_BYTES = 300 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}

PLACEHOLDERS = re.compile(r"(?i:\blorem ipsum\b)|\b(?:TODO|TBD|FIXME|XXX)\b")
OUTDATED_TERMS = {
    "TKI": "PMI (Pekerja Migran Indonesia)",
    "TKW": "PMI (Pekerja Migran Indonesia)",
    "BNP2TKI": "KP2MI (kementerian sejak Oktober 2024); BP2MI kini badan tersendiri yang dipimpin Menteri P2MI",
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
OUTDATED_PATTERN = re.compile(r"\b(" + "|".join(OUTDATED_TERMS) + r")\b")
# A run of digits with single separators between them (spaces, dots, dashes, brackets, a leading +).
NUMBER_RUN = re.compile(r"[+(]?\d(?:\d|[ .\-()]{1,3}(?=[\d(]))*")
PASSPORT = re.compile(r"\b[A-Z]{1,2}\d{7}\b")
# Possessive and atomic parts: a long dotted run without an "@" or a top-level domain fails at once.
EMAIL = re.compile(r"(?<![\w.+-])[\w+-][\w.+-]{0,63}+@(?>[\w-]{1,63}\.)++[a-zA-Z]{2,24}(?![\w-])")


@dataclass
class TextContext:
    path: Path
    text: str
    page: str  # the site folder of the page this text becomes (links resolve against it)
    module_folder: Path
    help_numbers: set[str]
    allowed: set[str]
    site_pages: set[str] = field(default_factory=set)  # every page folder of the built site

    @cached_property
    def lines(self) -> list[tuple[int, str, bool]]:
        """Every line with its index and whether it is ordinary text (not front matter, code or a comment).

        The front matter is YAML: its values are checked as YAML, and its comments are not text.
        """
        try:
            _, _, _, body_line = split_front_matter(self.text)
        except FrontMatterError:
            body_line = 1
        return [(index, line, plain and index + 1 >= body_line) for index, line, plain in visible_lines(self.text)]

    @cached_property
    def visible_text(self) -> str:
        """The text with code and comments blanked (same lines), and inline code spans blanked too."""
        return "\n".join(_blank_code_spans(line) if plain else "" for _, line, plain in self.lines)

    @cached_property
    def allowed_digits(self) -> set[str]:
        return {digits(value) for value in self.allowed if any(ch.isdigit() for ch in value)}

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self.visible_text))]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Matches over the visible text (faster than line by line), with their line numbers."""
        for match in pattern.finditer(self.visible_text):
            yield self.line_of(match.start()), match


def _blank_code_spans(line: str) -> str:
    """``x `<script>` y`` → ``x           y``: code is shown as code, never run."""
    if "`" not in line:
        return line
    parts = line.split("`")
    return "".join(part if index % 2 == 0 else " " * (len(part) + 2) for index, part in enumerate(parts))


def digits(value: str) -> str:
    number = "".join(ch for ch in value if ch.isdigit())
    return "0" + number[2:] if number.startswith("62") else number


def placeholders(ctx: TextContext) -> Result:
    for line, match in ctx.matches(PLACEHOLDERS):
        yield line, "placeholder", {"value": match.group(0)}


def unsafe_markup(ctx: TextContext) -> Result:
    """HTML outside the allow-list, Markdown attribute lists that set attributes, links with unsafe schemes."""
    for line, _, what in unsafe_html(ctx.visible_text):
        yield line, "unsafe-markup", {"value": what}
    for index, line, plain in ctx.lines:
        if plain and "{" in line:
            for _, token in attribute_lists(line):
                yield index + 1, "unsafe-markup", {"value": "{" + token + "}"}
    for link in markdown_links(ctx):
        if not safe_url(link.target):
            yield link.line, "unsafe-markup", {"value": link.target[:60]}


def outdated_terms(ctx: TextContext) -> Result:
    for index, line, plain in ctx.lines:
        if not plain or not OUTDATED_PATTERN.search(line) or HISTORY_WORDS.search(line):
            continue
        for word in dict.fromkeys(OUTDATED_PATTERN.findall(line)):
            yield index + 1, "outdated-term", {"value": word, "current": OUTDATED_TERMS[word]}


def personal_data(ctx: TextContext) -> Result:
    found = []
    for line, match in ctx.matches(NUMBER_RUN):
        value = match.group(0).strip(" .-/")
        kind = number_kind(value)
        if kind is None or value in ctx.allowed or digits(value) in ctx.allowed_digits:
            continue
        if kind == "phone" and digits(value) in ctx.help_numbers:
            continue
        found.append((line, "personal-data", {"kind": Phrase("data_kinds", kind), "value": value}))
    for line, match in ctx.matches(PASSPORT):
        if match.group(0) not in ctx.allowed:
            found.append((line, "personal-data", {"kind": Phrase("data_kinds", "passport"), "value": match.group(0)}))
    for line, value in emails(ctx):
        if value not in ctx.allowed:
            found.append((line, "personal-data", {"kind": Phrase("data_kinds", "email"), "value": value}))
    yield from sorted(found, key=lambda item: item[0])


def number_kind(value: str) -> str | None:
    """``nik`` for 16 digits, ``phone`` for an Indonesian mobile or landline number, else None."""
    number = "".join(ch for ch in value if ch.isdigit())
    if len(number) == 16:
        return "nik"
    local = "0" + number[2:] if number.startswith("62") and (value.startswith("+") or len(number) >= 11) else number
    if local.startswith("08") and 10 <= len(local) <= 13:
        return "phone"
    if local.startswith(tuple(f"0{d}" for d in "234567")) and 9 <= len(local) <= 12:
        return "phone"
    return None


def emails(ctx: TextContext) -> Iterator[tuple[int, str]]:
    """E-mail addresses, by one pattern that cannot backtrack (see :data:`EMAIL`)."""
    if "@" not in ctx.visible_text:
        return
    for line, match in ctx.matches(EMAIL):
        yield line, match.group(0)


@dataclass(frozen=True)
class Link:
    line: int
    text: str
    target: str
    image: bool


def markdown_links(ctx: TextContext) -> list[Link]:
    """Every ``[text](target)``, ``![alt](src)`` and ``<scheme:…>`` in the visible text, in one pass over tokens."""
    result = []
    for index, line, plain in ctx.lines:
        if not plain or ("](" not in line and "<" not in line):
            continue
        line = _blank_code_spans(line)
        closes = [m.start() for m in re.finditer(r"\)", line)]
        opener = -1
        for token in re.finditer(r"\[|\]\(", line):
            if token.group(0) == "[":
                opener = token.start()
                continue
            if opener < 0:
                continue
            start = token.end()
            end_index = bisect.bisect_left(closes, start)
            if end_index == len(closes):
                break
            end = closes[end_index]
            inside = line[start:end].strip()
            target = inside.split(" ", 1)[0] if inside else ""
            image = opener > 0 and line[opener - 1] == "!"
            result.append(Link(index + 1, line[opener + 1 : token.start()], target, image))
            opener = -1
        for auto in re.finditer(r"<([a-zA-Z][a-zA-Z0-9+.-]{0,20}:[^\s<>]{0,2000})>", line):
            result.append(Link(index + 1, "", auto.group(1), False))
        if line.lstrip().startswith("[") and "]:" in line:  # a reference definition: [id]: target
            target = line.split("]:", 1)[1].strip().split(" ", 1)[0]
            if target:
                result.append(Link(index + 1, "", target, False))
    return result


def inside_module(target: str, ctx: TextContext) -> Path | None:
    """The file a relative reference names, if it stays inside the module folder (symlinks resolved)."""
    if url_scheme(target) is not None or target.startswith(("/", "\\")):
        return None
    resolved = (ctx.path.parent / target.split("#", 1)[0].split("?", 1)[0]).resolve()
    folder = ctx.module_folder.resolve()
    return resolved if resolved == folder or folder in resolved.parents else None


def images(ctx: TextContext) -> Result:
    written = [link for link in markdown_links(ctx) if link.image]
    written += [Link(line, "alt", src, True) for line, src in html_images(ctx.visible_text)]  # alt is HTML's business here
    for link in written:
        src = link.target
        scheme = url_scheme(src)
        if scheme in ("http", "https") or src.startswith("//"):
            yield link.line, "unsafe-markup", {"value": src[:60]}
            continue
        if not link.text.strip():
            yield link.line, "image-alt", {"value": src[:60]}
        image = inside_module(src, ctx)
        if image is None:
            yield link.line, "outside-module", {"value": src[:60]}
        elif not image.is_file():
            yield link.line, "image-missing", {"value": src[:60]}
        elif image.stat().st_size > MAX_IMAGE_BYTES:
            yield link.line, "image-size", {"value": src[:60], "size": image.stat().st_size // 1024}


def links(ctx: TextContext) -> Result:
    anchors = {slug(parsed[1]) for _, line, plain in ctx.lines if plain and (parsed := heading(line))}
    for link in markdown_links(ctx):
        if link.image or url_scheme(link.target) is not None:
            continue  # outside links are not checked here; unsafe schemes are reported by unsafe_markup
        if link.target.startswith(("../", "./")) and inside_module(link.target, ctx) is None and _leaves_site(link.target, ctx):
            yield link.line, "outside-module", {"value": link.target[:60]}
        elif not link_resolves(link.target, ctx, anchors):
            yield link.line, "broken-link", {"value": link.target[:60]}


def _leaves_site(target: str, ctx: TextContext) -> bool:
    return page_of(target, ctx.page) is None


def link_resolves(href: str, ctx: TextContext, anchors: set[str]) -> bool:
    target, _, anchor = href.partition("#")
    if not target:
        return anchor in anchors
    landing = page_of(target, ctx.page)
    return landing is not None and landing in ctx.site_pages


TEXT_RULES = (placeholders, unsafe_markup, outdated_terms, personal_data, images, links)


def page_folders(module_ids: set[str], topic_ids: set[str], hand_written: set[str]) -> set[str]:
    """Every page folder of the built site (language-neutral), for the link rule."""
    pages = {"", *hand_written, *paths.REFERENCE_PAGES.values()}
    pages |= {paths.topic_dir(topic) for topic in topic_ids}
    for module in module_ids:
        pages |= {paths.trainer_dir(module), paths.participant_dir(module)}
    return pages
