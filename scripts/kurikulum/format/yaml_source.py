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
    """A document that cannot be read, said in language-neutral terms.

    ``problem`` is a key of ``yaml_problems`` (and ``yaml_advice``) in the words files, never
    parser text; ``line`` (absolute, 1-based) is where the volunteer has to look: where a quote,
    bracket or key was opened for the problems that are only noticed later. ``excerpt`` holds
    that line, after the line above it when the problem is relative to it (indentation), as
    ``(line number, text)``; ``column`` is the 0-based character on the excerpt's last line.
    """

    def __init__(self, line: int, problem: str, column: int = 0, excerpt: tuple[tuple[int, str], ...] = ()) -> None:
        super().__init__(problem)
        self.line = line
        self.column = column
        self.problem = problem
        self.excerpt = excerpt


def _check_bounds(text: str, offset: int) -> None:
    """Refuse aliases and deep nesting, walking the parser's events without building anything."""
    depth = 0
    for event in yaml.parse(text, Loader=FastLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _located(text.split("\n"), offset, "alias", event.start_mark.line, event.start_mark.column)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _located(text.split("\n"), offset, "too-deep", event.start_mark.line, event.start_mark.column)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse ``text``; raise :class:`YamlError` with a line number on bad syntax or unbounded input."""
    offset = first_line - 1
    try:
        _check_bounds(text, offset)
        node = yaml.compose(text, Loader=FastLoader)
    except yaml.YAMLError as error:
        raise _explain(text, offset, error) from None
    document = YamlDocument(data=None, first_line=first_line)
    if node is None:
        return document
    constructor = yaml.SafeLoader("")
    try:
        document.data = _build(node, (), document, constructor, offset)
    except YamlError as error:  # raised with a 0-based line, to be located here
        raise _located(text.split("\n"), offset, error.problem, error.line, error.column) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line if mark else 0
        raise _located(text.split("\n"), offset, "other", line, mark.column if mark else 0) from None
    return document


# -- saying what is wrong, and where -------------------------------------------------------------

# What the parser was doing when it gave up, for the problems it only notices later: the
# volunteer must look where the construct was opened (the context mark), not at the end of the file.
OPENED = (
    ("while scanning a quoted scalar", "unclosed-quote"),
    ("while parsing a flow sequence", "unclosed-bracket"),
    ("while parsing a flow mapping", "unclosed-brace"),
    ("while scanning a simple key", "missing-colon"),
)


def _explain(text: str, offset: int, error: yaml.YAMLError) -> YamlError:
    """Turn a parser error into a problem key with the line and column a volunteer must fix.

    The event stream is parsed again by PyYAML's pure-Python parser (iterative, so deep input
    cannot exhaust the stack), whose marks and wording are the same on every machine, whether
    or not libyaml is installed.
    """
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as pure:
        error = pure
    except yaml.YAMLError as pure:  # e.g. the reader, on control characters
        error = pure
    lines = text.split("\n")
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        mark = getattr(error, "position", None)
        line = text.count("\n", 0, mark) if isinstance(mark, int) else 0
        column = mark - (text.rfind("\n", 0, mark) + 1) if isinstance(mark, int) else 0
        return _located(lines, offset, "other", line, column)
    problem, mark, opened = error.problem or "", error.problem_mark, error.context_mark
    quoted = _runaway_quote(text, mark.index)
    if quoted is not None:  # 'durasi: '90' closed by an apostrophe lines later: the quote is what is wrong
        return _located(lines, offset, "unclosed-quote", *quoted)
    if error.context == "while scanning a quoted scalar" and ("escape" in problem or "hexadecimal" in problem):
        return _located(lines, offset, "escape", mark.line, mark.column)  # "C:\\data" in double quotes
    for context, key in OPENED:
        if opened is not None and error.context == context:
            column = opened.column
            if key == "missing-colon":  # where the colon belongs: after the key's first word
                here = lines[opened.line] if opened.line < len(lines) else ""
                column = _word_end(here, opened.column)
            return _located(lines, offset, key, opened.line, column)
    here = lines[mark.line] if mark.line < len(lines) else ""
    start = len(here) - len(here.lstrip(" "))
    if "cannot start any token" in problem and mark.column < len(here) and here[mark.column] == "\t":
        return _located(lines, offset, "tab", mark.line, mark.column)
    if "mapping values are not allowed" in problem:
        if ": " in here[start : mark.column] or here[start : mark.column].rstrip().endswith(":"):
            return _located(lines, offset, "colon-in-value", mark.line, mark.column)
        return _located(lines, offset, "indentation", mark.line, start, with_previous=True)
    if "expected <block end>" in problem or "did not find expected" in problem:
        if mark.column <= start:
            return _located(lines, offset, "indentation", mark.line, start, with_previous=True)
        if here[: mark.column].rstrip().endswith(("'", '"')):
            return _located(lines, offset, "text-after-quote", mark.line, mark.column)
    return _located(lines, offset, "other", mark.line, mark.column)


def _runaway_quote(text: str, error_at: int) -> tuple[int, int] | None:
    """Where a quoted value opens, when it runs over several lines up to the error (its quote was never closed).

    A single quote left open is closed by the next apostrophe, often in a comment many lines
    below, and the parser then complains about what follows it there. Quoted values over
    several lines are legal YAML, but no field of the format needs one, so such a value
    just before the place where the parser gave up is taken for a missing closing quote.
    """
    before: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= error_at:
                break
            if not isinstance(token, (yaml.ValueToken, yaml.KeyToken, yaml.BlockEndToken)):
                before = token
    except yaml.YAMLError:
        pass
    if isinstance(before, yaml.ScalarToken) and before.style in ("'", '"') and before.start_mark.line < before.end_mark.line:
        return before.start_mark.line, before.start_mark.column
    return None


def _word_end(line: str, column: int) -> int:
    """The first blank after ``column`` (where a missing ':' belongs), or the end of the line."""
    for index in range(column, len(line)):
        if line[index] in " \t":
            return index
    return len(line)


def _located(lines: list[str], offset: int, problem: str, line: int, column: int, with_previous: bool = False) -> YamlError:
    """A :class:`YamlError` at 0-based ``line`` of ``lines``, with the excerpt the volunteer sees."""
    line = min(max(line, 0), max(len(lines) - 1, 0))
    excerpt = [(line + 1 + offset, lines[line] if lines else "")]
    if with_previous:
        above = next((index for index in range(line - 1, -1, -1) if lines[index].strip()), None)
        if above is not None:
            excerpt.insert(0, (above + 1 + offset, lines[above]))
    return YamlError(line + 1 + offset, problem, column, tuple(excerpt))


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
                raise YamlError(key_node.start_mark.line, "complex-key", key_node.start_mark.column)
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
