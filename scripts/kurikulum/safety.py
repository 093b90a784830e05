"""What HTML content may contain, declared once: the checker reports anything else, the renderer strips it.

Content comes by pull request from strangers. Markdown bodies may use the small set of
HTML that Markdown itself produces (and a volunteer might type, such as ``<br>``); every
rendered body passes :func:`sanitise` (the Ammonia sanitizer, through ``nh3``) before it
reaches a page, a handout or any other output, and :func:`unsafe_html` finds, by parsing
rather than by pattern, what the checker reports with its line.
"""

from __future__ import annotations

import html.parser
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


class _Scanner(html.parser.HTMLParser):
    """Collects every tag, attribute and URL outside the allow-list, with its position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def _report(self, what: str) -> None:
        line, column = self.getpos()
        self.found.append((line, column, what[:80]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._report(f"<{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._report(f"<{tag} {name}=…>")
            elif name in URL_ATTRIBUTES and value is not None and not safe_url(value):
                self._report(f"<{tag} {name}={value[:40]}>")
            elif tag in ALLOWED_TAGS and name not in allowed and name != "class":
                self._report(f"<{tag} {name}>")
            elif name == "class" and not set((value or "").split()) <= ALLOWED_CLASSES.get(tag, set()):
                self._report(f"<{tag} class={value}>")

    handle_startendtag = handle_starttag

    def handle_pi(self, data: str) -> None:
        self._report(f"<?{data[:20]}")

    def unknown_decl(self, data: str) -> None:
        self._report(f"<![{data[:20]}")

    def handle_decl(self, decl: str) -> None:
        self._report(f"<!{decl[:20]}>")


def unsafe_html(text: str) -> list[tuple[int, int, str]]:
    """``(line, column, what)`` for every tag, attribute or URL in ``text`` that the allow-list does not allow."""
    if "<" not in text:
        return []
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.found


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
