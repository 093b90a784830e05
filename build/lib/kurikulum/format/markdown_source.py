"""Reading a module's Markdown: front matter, ``##`` sections and ``###`` steps, with lines.

Headings inside fenced code blocks and HTML comments are ignored, so a template can show
an optional section inside a comment. Everything here runs in linear time on any input
(no pattern that can backtrack over a long line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kurikulum.format.yaml_source import YamlDocument, parse_yaml

FENCE = re.compile(r"^\s*(?:```|~~~)")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]")


@dataclass
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Block:
    """A heading and the lines below it up to the next heading of the same or higher level."""

    heading: Heading
    body: str
    children: list[Block] = field(default_factory=list)


@dataclass
class MarkdownSource:
    text: str
    front_matter: YamlDocument | None
    body: str
    body_line: int
    sections: list[Block]


class FrontMatterError(Exception):
    def __init__(self, line: int) -> None:
        super().__init__("front matter not closed")
        self.line = line


def heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line (``## Tujuan ##``), or None."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[level:]
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    text = rest.strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.rstrip()
    return level, text


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Return (front matter text, its first line, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1)


def visible_lines(body: str) -> list[tuple[int, str, bool]]:
    """Each line with its index and whether it is ordinary text (not code, not a comment)."""
    result = []
    in_fence = False
    in_comment = False
    for index, line in enumerate(body.split("\n")):
        plain = True
        if in_comment:
            plain = False
            if "-->" in line:
                in_comment = False
        elif FENCE.match(line):
            in_fence = not in_fence
            plain = False
        elif in_fence:
            plain = False
        elif line.lstrip().startswith("<!--"):
            plain = False
            in_comment = "-->" not in line
        result.append((index, line, plain))
    return result


def headings(body: str, first_line: int) -> list[Heading]:
    found = []
    for index, line, plain in visible_lines(body):
        parsed = heading(line) if plain else None
        if parsed:
            found.append(Heading(parsed[0], parsed[1], first_line + index))
    return found


def blocks(body: str, first_line: int, level: int, found: list[Heading] | None = None) -> tuple[str, list[Block]]:
    """Split ``body`` at headings of ``level``; return the text before the first and the blocks.

    ``found`` are the headings of ``body`` when the caller already has them (nested levels).
    """
    lines = body.split("\n")
    found = headings(body, first_line) if found is None else found
    marks = [h for h in found if h.level == level]
    preamble_end = (marks[0].line - first_line) if marks else len(lines)
    result = []
    for position, mark in enumerate(marks):
        start = mark.line - first_line + 1
        end = (marks[position + 1].line - first_line) if position + 1 < len(marks) else len(lines)
        text = "\n".join(lines[start:end])
        block = Block(mark, text)
        inside = [h for h in found if mark.line < h.line <= first_line + end - 1 and h.level > level]
        block.children = blocks(text, mark.line + 1, level + 1, inside)[1]
        result.append(block)
    return "\n".join(lines[:preamble_end]), result


def read_markdown(text: str) -> MarkdownSource:
    """Parse a module Markdown file (already normalised). Raises FrontMatterError or YamlError with a line."""
    front, front_line, body, body_line = split_front_matter(text)
    document = parse_yaml(front, front_line) if front is not None else None
    _, sections = blocks(body, body_line, 2)
    return MarkdownSource(text, document, body, body_line, sections)


def strip_comments(markdown: str) -> str:
    """The Markdown without HTML comments (linear: one scan for each opener)."""
    out = []
    position = 0
    while True:
        start = markdown.find("<!--", position)
        if start < 0:
            out.append(markdown[position:])
            break
        end = markdown.find("-->", start + 4)
        out.append(markdown[position:start])
        if end < 0:
            break
        position = end + 3
        if markdown.startswith("\n", position):
            position += 1
    return "".join(out)


def has_content(markdown: str) -> bool:
    return bool(strip_comments(markdown).strip())


def list_items(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Top-level list items (``- ``, ``* `` or ``1. ``) of a section, with their lines."""
    items = []
    for index, line, plain in visible_lines(markdown):
        if plain and LIST_ITEM.match(line):
            items.append((first_line + index, line.split(None, 1)[1].strip() if len(line.split(None, 1)) > 1 else ""))
    return items


def list_blocks(markdown: str) -> list[str]:
    """Each top-level list item with its continuation lines (one activity card per item)."""
    result: list[list[str]] = []
    for _, line, plain in visible_lines(markdown):
        if plain and LIST_ITEM.match(line):
            result.append([line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""])
        elif result and (not line.strip() or line.startswith((" ", "\t"))):
            result[-1].append(line.strip())
        elif line.strip() and result:
            break
    return ["\n".join(item).strip() for item in result]


def normalise_lists(markdown: str) -> str:
    """Re-indent nested lists to the 4 spaces per level that Python-Markdown needs.

    Volunteers write nested lists the way GitHub shows them (two or three spaces under
    ``1.``); Python-Markdown would flatten those. Each list item is re-indented by its
    depth, and each continuation line by the depth of the item it belongs to. A blank
    line is added where a list starts or resumes right after a paragraph, which
    Python-Markdown would otherwise read as part of the paragraph. Only the rendered text
    goes through here; findings keep the lines of the source file.
    """
    result = []
    open_items: list[int] = []  # the column of each open item's marker, outermost first
    previous_blank = False
    previous_item = False
    fence_shift: int | None = None
    for line in markdown.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if fence_shift is not None:
            result.append(" " * max(indent + fence_shift, 0) + stripped if stripped else line)
            if FENCE.match(stripped):
                fence_shift = None
            continue
        if not stripped:
            result.append(line)
            previous_blank, previous_item = True, False
            continue
        if LIST_ITEM.match(stripped) or (indent and open_items):
            while open_items and open_items[-1] >= indent:
                open_items.pop()
            depth = len(open_items)
            if LIST_ITEM.match(stripped):
                open_items.append(indent)
                if result and not previous_blank and not previous_item:
                    result.append("")
            new_indent = 4 * depth
            if FENCE.match(stripped):
                fence_shift = new_indent - indent
            result.append(" " * new_indent + stripped)
            previous_item = bool(LIST_ITEM.match(stripped))
        else:
            if previous_blank:
                open_items = []
            if FENCE.match(stripped):
                fence_shift = 0
            result.append(line)
            previous_item = False
        previous_blank = False
    return "\n".join(result)
