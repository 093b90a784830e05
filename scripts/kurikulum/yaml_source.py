"""YAML loading that remembers the line of every value and never raises.

Volunteers need to be told the line of a problem, so values are built from
PyYAML's node tree and each key path is mapped to its line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

Path_ = tuple[object, ...]
# libyaml's parser when PyYAML was built with it (the wheels are): the same nodes and marks, much faster.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    first_line: int = 1

    def line(self, *path: object) -> int:
        """Line of the value at ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


class YamlError(Exception):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse ``text``; raise :class:`YamlError` with a line number on bad syntax."""
    offset = first_line - 1
    try:
        try:
            node = yaml.compose(text, Loader=FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)  # same wording on every machine
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        problem = error.problem or str(error)
        if error.context_mark is not None and error.context_mark.line + 1 + offset < line:
            started = error.context_mark.line + 1 + offset
            problem += f" ({error.context} — baris/line {started})"
        raise YamlError(line, problem) from None
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


def _build(node: yaml.Node, path: Path_, doc: YamlDocument, constructor: yaml.SafeLoader, offset: int) -> object:
    doc.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise YamlError(key_node.start_mark.line + 1 + offset, "a key cannot be a list or a mapping")
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                doc.duplicate_keys.append((str(key), key_line))
            result[key] = _build(value_node, (*path, key), doc, constructor, offset)
            doc.lines[(*path, key)] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), doc, constructor, offset) for index, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
