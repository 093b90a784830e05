"""YAML loading that remembers the line of every value, stays bounded and never raises anything but YamlError.

Volunteers need to be told the line of a problem, so values are built from PyYAML's
node tree and each key path is mapped to its line number. Content comes from strangers,
so parsing is bounded before any value is built: aliases (``&a`` / ``*a``, the road to
"billion laughs" and recursive documents) are refused, and nesting deeper than
:data:`MAX_DEPTH` is refused, both found in one pass over the parser's events (which is
iterative, unlike the composer). A date that cannot exist (``2026-02-30``) is kept as
text and remembered, so the reader can say so instead of crashing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

KeyPath = tuple[object, ...]
# libyaml's parser when PyYAML was built with it (the wheels are): the same nodes and marks, much faster.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass
class YamlDocument:
    data: object
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    impossible_dates: dict[KeyPath, str] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *path: object) -> int:
        """Line of the value at ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


class YamlError(Exception):
    """A document that cannot be read: ``problem`` is a key of ``yaml_problems`` in the words files, or parser text."""

    def __init__(self, line: int, problem: str, column: int = 0, context: str = "") -> None:
        super().__init__(problem)
        self.line = line
        self.column = column
        self.problem = problem
        self.context = context


def _events(text: str) -> object:
    try:
        return yaml.parse(text, Loader=FastLoader)
    except yaml.YAMLError:
        return yaml.parse(text, Loader=yaml.SafeLoader)


def _check_bounds(text: str, offset: int) -> None:
    """Refuse aliases and deep nesting, walking the parser's events without building anything."""
    depth = 0
    for event in yaml.parse(text, Loader=FastLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(event.start_mark.line + 1 + offset, "alias", event.start_mark.column + 1)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(event.start_mark.line + 1 + offset, "too-deep", event.start_mark.column + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse ``text``; raise :class:`YamlError` with a line number on bad syntax or unbounded input."""
    offset = first_line - 1
    try:
        _check_bounds(text, offset)
        try:
            node = yaml.compose(text, Loader=FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)  # same wording on every machine
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else 0
        context = ""
        if error.context_mark is not None and error.context_mark.line + 1 + offset < line:
            context = f"{error.context} ({error.context_mark.line + 1 + offset})"
        raise YamlError(line, error.problem or str(error), column, context) from None
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        raise YamlError(first_line, str(error).splitlines()[0]) from None
    document = YamlDocument(data=None, first_line=first_line)
    if node is None:
        return document
    constructor = yaml.SafeLoader("")
    try:
        document.data = _build(node, (), document, constructor, offset)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + offset if mark else first_line
        raise YamlError(line, getattr(error, "problem", None) or str(error)) from None
    return document


def _scalar(node: yaml.Node, path: KeyPath, doc: YamlDocument, constructor: yaml.SafeLoader) -> object:
    try:
        return constructor.construct_object(node, deep=True)
    except ValueError:
        if node.tag == TIMESTAMP_TAG:  # looks like a date, but no such day exists
            doc.impossible_dates[path] = str(node.value)
            return str(node.value)
        raise


def _build(node: yaml.Node, path: KeyPath, doc: YamlDocument, constructor: yaml.SafeLoader, offset: int) -> object:
    doc.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_node.start_mark.line + 1 + offset, "complex-key", key_node.start_mark.column + 1)
            key = _scalar(key_node, (*path, "<key>"), doc, constructor)
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                doc.duplicate_keys.append((str(key), key_line))
            result[key] = _build(value_node, (*path, key), doc, constructor, offset)
            doc.lines[(*path, key)] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), doc, constructor, offset) for index, item in enumerate(node.value)]
    return _scalar(node, path, doc, constructor)
