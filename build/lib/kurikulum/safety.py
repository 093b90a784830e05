"""What HTML content may contain, declared once: the checker reports anything else, the renderer strips it.

Content comes by pull request from strangers. Markdown bodies may use the small set of
HTML that Markdown itself produces (and a volunteer might type, such as ``<br>``); every
rendered body passes :func:`sanitise` (the Ammonia sanitizer, through ``nh3``) before it
reaches a page, a handout or any other output, and :func:`unsafe_html` finds, by parsing
rather than by pattern, what the checker reports with its line.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}  # fmt: skip
# The classes Markdown's admonition extension writes; nothing else may style content.
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "danger", "info", "important", "attention"},
    "p": {"admonition-title"},
}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset", "ping"}
# Browsers ignore these inside a URL (so "java\tscript:" is javascript:).
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (lower case, tabs and controls ignored), or None if relative."""
    cleaned = _IGNORED_IN_URLS.sub("", html.unescape(url)).lower()
    colon = cleaned.find(":")
    if colon <= 0:
        return None
    for stop in "/?#":
        position = cleaned.find(stop)
        if 0 <= position < colon:
            return None
    return cleaned[:colon]


def safe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


TAG_START = re.compile(r"<(?:(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})|(!--)|([!?]))")
ATTRIBUTE = re.compile(r"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
TAG_WINDOW = 4096  # no tag of ours is longer; beyond it, what follows is read as text again
MAX_ATTRIBUTES = 64  # past this many, the rest of a tag is skipped to its ">"
MAX_FINDINGS = 200  # per text: a file with more needs rewriting, not a longer list


def tags(text: str) -> Iterator[tuple[int, str, list[tuple[str, str | None]]]]:
    """``(offset, tag, attributes)`` of every start tag, read the way a browser's tokenizer reads them.

    Hand-written because content is hostile: every step moves forward and a tag is read
    within a bounded window, so any input is read in linear time (Python's ``html.parser``
    is quadratic on a long run of ``<``). Comments are skipped; ``<!…>`` and ``<?…>`` are
    reported as the tag ``!`` or ``?``. Entities in values are decoded.
    """
    position = 0
    while True:
        match = TAG_START.search(text, position)
        if match is None:
            return
        if match.group(3):  # a comment runs to "-->", or to the end
            close = text.find("-->", match.end())
            if close < 0:
                return
            position = close + 3
            continue
        if match.group(4):
            close = text.find(">", match.end(), match.end() + TAG_WINDOW)
            yield match.start(), match.group(4), []
            position = close + 1 if close >= 0 else match.end()
            continue
        closing, name = match.group(1), match.group(2).lower()
        limit = min(len(text), match.start() + TAG_WINDOW)
        attributes: list[tuple[str, str | None]] = []
        cursor = match.end()
        while cursor < limit:
            if len(attributes) >= MAX_ATTRIBUTES:
                close = text.find(">", cursor, limit)
                cursor = close + 1 if close >= 0 else limit
                break
            if text.startswith(">", cursor):
                cursor += 1
                break
            attribute = ATTRIBUTE.match(text, cursor, limit)
            if attribute is None or attribute.end() == cursor:
                cursor += 1
                continue
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            attributes.append((attribute.group(1).lower(), html.unescape(value) if value is not None else None))
            cursor = attribute.end()
        if not closing:
            yield match.start(), name, attributes
        position = max(cursor, match.end())


def _problem(tag: str, attributes: list[tuple[str, str | None]]) -> str | None:
    """The first reason a tag is outside the allow-list: the tag itself, a handler, an unsafe URL, an attribute."""
    if tag in ("!", "?"):
        return f"<{tag}…>"
    if tag not in ALLOWED_TAGS:
        return f"<{tag}>"
    allowed = ALLOWED_ATTRIBUTES.get(tag, set())
    for name, value in attributes:
        if name.startswith("on"):
            return f"<{tag} {name}=…>"
        if name in URL_ATTRIBUTES and value is not None and not safe_url(value):
            return f"<{tag} {name}={value[:40]}>"
        if name == "class" and not set((value or "").split()) <= ALLOWED_CLASSES.get(tag, set()):
            return f"<{tag} class={value}>"
        if name not in allowed and name != "class":
            return f"<{tag} {name}>"
    return None


def _line_of(text: str, offset: int, starts: list[int]) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def unsafe_html(text: str) -> list[tuple[int, int, str]]:
    """``(line, column, what)`` for every tag, attribute or URL in ``text`` that the allow-list does not allow."""
    if "<" not in text:
        return []
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found = []
    for offset, tag, attributes in tags(text):
        problem = _problem(tag, attributes)
        if problem:
            found.append((*_line_of(text, offset, starts), problem[:80]))
            if len(found) >= MAX_FINDINGS:
                break
    return found


def html_images(text: str) -> list[tuple[int, str]]:
    """``(line, src)`` of every ``<img>`` written as HTML (Markdown images are found by the text rules)."""
    if "<img" not in text.lower():
        return []
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return [
        (_line_of(text, offset, starts)[0], src)
        for offset, tag, attrs in tags(text)
        if tag == "img" and (src := dict(attrs).get("src"))
    ]


def sanitise(html_text: str) -> str:
    """Rendered content with everything outside the allow-list removed (never escaped twice, never executable)."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def attribute_lists(line: str) -> Iterator[tuple[int, str]]:
    """Markdown attribute lists (``{: onclick=… }``) that set anything but an id or a class."""
    position = line.find("{")
    while position >= 0:
        end = line.find("}", position + 1)
        if end < 0:
            return
        inside = line[position + 1 : end].strip()
        if inside.startswith(":"):
            inside = inside[1:]
        for token in inside.split():
            if "=" in token and not token.startswith(("#", ".")):
                yield position, token[:60]
        position = line.find("{", end + 1)


def content_security_policy(inline_scripts: list[str]) -> str:
    """The second wall: scripts only from the site itself, the theme's own inline scripts by their hash, nothing from elsewhere.

    Inline styles stay allowed (the theme sets some; content can carry none, see :func:`sanitise`).
    """
    import base64
    import hashlib

    hashes = sorted(
        {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in inline_scripts}
    )
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)
