"""The site's generated pages, as HTML fragments rendered from the module views by Jinja templates.

Nothing here knows the site engine: a :class:`SitePage` is a language, a page folder, a
title and the body's HTML, whose links are site paths from the root (``/modul/x/``,
``/unduh/x/x-id-a4.pdf``). The engine adapter puts each body into the theme's page and
turns those paths into links relative to the page, so the site works served and over file://.
"""

from __future__ import annotations

import html
import html.parser
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from kurikulum import paths
from kurikulum.format.fields import PANEL_SECTIONS
from kurikulum.handouts.manifest import CARD_FORMAT, WHOLE, HandoutRun
from kurikulum.language import Words
from kurikulum.model import Curriculum, LegalBasis, Module
from kurikulum.settings import Settings
from kurikulum.status import checked_on, module_state
from kurikulum.view.module import ModuleView, source_views

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class SitePage:
    """One generated page in one language."""

    folder: str  #: language-neutral folder (``modul/x``); the page lives at ``paths.page_folder(folder, lang)``
    lang: str
    title: str
    html: str  #: the body, links as site paths from the root
    kind: str  #: trainer, participant, topic or page (for search)
    module: str = ""  #: the module it belongs to, if any
    snippet: str = ""  #: a short text for search results
    edit_source: str | None = None  #: repository path of the file to edit
    headings: list[Heading] = field(default_factory=list)
    searchable: bool = True


@cache
def environment(compiled: Path) -> jinja2.Environment:
    """The page templates' environment; their bytecode is kept in ``compiled`` (compiling them is a tenth of a small build)."""
    compiled.mkdir(parents=True, exist_ok=True)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)),
    )


class _Headings(html.parser.HTMLParser):
    """The ``h2``/``h3`` headings of a fragment, with their ids: the page's table of contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3") and dict(attrs).get("id"):
            self._open = (int(tag[1]), dict(attrs)["id"] or "")
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            self.found.append(Heading(self._open[0], self._open[1], " ".join("".join(self._text).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


_TAG = r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # a tag, quoted attribute values may hold ">"
_HEADING = re.compile(r"<h([23])((?:\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)?)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAGS = re.compile(_TAG)


def headings(fragment: str) -> list[Heading]:
    """The ``h2``/``h3`` headings with an id (our templates' and the sanitised Markdown's markup).

    A regular expression rather than an HTML parser: this runs on every generated page and
    the parser was most of the time spent making pages; ``slow_headings`` is the reference
    the tests compare it with.
    """
    found = []
    for match in _HEADING.finditer(fragment):
        anchor = _ID.search(match.group(2))
        if anchor is None:
            continue
        text = html.unescape(_TAGS.sub("", match.group(3)))
        found.append(
            Heading(int(match.group(1)), html.unescape(anchor.group(1) or anchor.group(2) or ""), " ".join(text.split()))
        )
    return [heading for heading in found if heading.anchor]


def slow_headings(fragment: str) -> list[Heading]:
    parser = _Headings()
    parser.feed(fragment)
    return parser.found


class _Text(html.parser.HTMLParser):
    SKIP = {"script", "style", "svg", "button"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "h1":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "h1":
            self._in_title = False
        elif tag in ("p", "li", "td", "th", "h2", "h3", "h4", "dt", "dd", "div", "br"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.title if self._in_title else self.parts).append(data)


def page_text(fragment: str) -> tuple[str, str]:
    """(title, visible text) of an HTML fragment: what the search index reads."""
    parser = _Text()
    parser.feed(fragment)
    return " ".join("".join(parser.title).split()), " ".join(" ".join(parser.parts).split())


# -- what a page's template needs ---------------------------------------------------------


def downloads(run: HandoutRun | None, module_id: str, lang: str) -> dict[str, object] | None:
    """The handout files of one module in one language, grouped for the download block."""
    files = (run.files.get(module_id, {}) if run else {}).get(lang)
    if not files:
        return None
    documents = (run.documents.get(module_id, {}) if run else {}).get(lang, {})
    discreet = documents.get("discreet") or []
    return {
        "a4": next((f for f in files if f["format"] == "a4"), None),
        "booklet": next((f for f in files if f["format"] == "a5-booklet"), None),
        "whatsapp": sorted((f for f in files if f["format"] == CARD_FORMAT), key=lambda f: f["order"]),
        "plan": documents.get("trainer-plan"),
        "cards": documents.get("activity-cards"),
        "discreet": {
            "pdf": next((f for f in discreet if f["format"] == "a4"), None),
            "image": next((f for f in discreet if f["format"] == "image"), None),
        }
        if discreet
        else None,
    }


def _context(settings: Settings, lang: str) -> dict[str, object]:
    words = settings.words(lang)
    default = settings.languages.default

    def url(folder: str) -> str:
        return paths.site_url(folder, lang, default)

    def file_url(site_path: str) -> str:
        return "/" + site_path.lstrip("/")

    def size(entry: dict) -> str:
        return f"{max(1, round(entry['bytes'] / 1024))} KB"

    return {"words": words, "lang": lang, "url": url, "file_url": file_url, "size": size, "paths": paths}


def render(template: str, settings: Settings, lang: str, **context: object) -> str:
    return (
        environment(settings.root / ".cache" / "site" / "jinja")
        .get_template(template)
        .render(**_context(settings, lang), **context)
    )


def trainer_page(view: ModuleView, settings: Settings, run: HandoutRun | None, preview: object = None) -> SitePage:
    """``preview``: only under ``kurikulum serve`` (see :class:`kurikulum.preview.HandoutNote`)."""
    panel = [s for s in view.sections if s.key in PANEL_SECTIONS]
    safety = view.section("safety")
    rest = [s for s in view.sections if s.key not in PANEL_SECTIONS and s.key != "safety"]
    body = render(
        "trainer.html",
        settings,
        view.lang,
        view=view,
        panel=panel,
        safety=safety,
        rest=rest,
        downloads=downloads(run, view.id, view.lang),
        preview=preview,
        topic_folder=paths.topic_dir(view.topic_id),
        participant_folder=paths.participant_dir(view.id),
        glossary_folder=paths.REFERENCE_PAGES["glossary"],
        html=Markup,
    )
    return SitePage(
        paths.trainer_dir(view.id),
        view.lang,
        view.title,
        body,
        "trainer",
        view.id,
        view.summary,
        view.trainer_source,
        headings(body),
    )


def participant_page(view: ModuleView, settings: Settings, run: HandoutRun | None, preview: object = None) -> SitePage:
    words = settings.words(view.lang)
    body = render(
        "participant.html",
        settings,
        view.lang,
        view=view,
        downloads=downloads(run, view.id, view.lang),
        preview=preview,
        trainer_folder=paths.trainer_dir(view.id),
        glossary_folder=paths.REFERENCE_PAGES["glossary"],
        html=Markup,
    )
    title = f"{view.title} — {words.ui('participant_page')}"
    return SitePage(
        paths.participant_dir(view.id),
        view.lang,
        title,
        body,
        "participant",
        view.id,
        view.summary,
        view.participant_source,
        headings(body),
    )


def topic_page(topic_id: str, curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], lang: str) -> SitePage:
    settings = curriculum.settings
    topic = curriculum.topic(topic_id)
    modules = [views[module.id, lang] for module in topic.modules]
    title = settings.text(topic.title, lang)
    body = render(
        "topic.html", settings, lang, title=title, description=settings.text(topic.description, lang), modules=modules,
        topic_id=topic.id,
    )  # fmt: skip
    edit = f"modules/{topic.id}/topik.yml"
    return SitePage(
        paths.topic_dir(topic.id), lang, title, body, "topic", "", settings.text(topic.description, lang), edit, headings(body)
    )


def glossary_page(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], lang: str) -> SitePage:
    settings = curriculum.settings
    users: dict[str, list[ModuleView]] = {}
    for module in curriculum.modules:
        for name in module.terms:
            users.setdefault(name, []).append(views[module.id, lang])
    terms = sorted(curriculum.terms.values(), key=lambda term: term.term.casefold())
    entries = [(term, settings.text(term.meaning, lang), users.get(term.term, [])) for term in terms]
    words = settings.words(lang)
    body = render("glossary.html", settings, lang, title=words.ui("glossary"), entries=entries)
    return SitePage(paths.REFERENCE_PAGES["glossary"], lang, words.ui("glossary"), body, "page", headings=headings(body))


def legal_index_page(
    curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], lang: str, memo: dict | None = None
) -> SitePage:
    """Every regulation the modules cite, with the modules citing it; ``memo`` keeps the page while what it lists stays."""
    settings = curriculum.settings
    cited: dict[str, tuple[LegalBasis, dict[str, Module]]] = {}  # key -> the regulation, the modules citing it by id
    for module in curriculum.modules:
        for entry in module.legal_basis:
            cited.setdefault(entry.key, (entry, {}))[1].setdefault(module.id, module)
    groups = []
    for key in sorted(cited, key=lambda k: (cited[k][0].kind, cited[k][0].year, k)):
        entry, modules = cited[key]
        citing = [
            (views[m.id, lang], "; ".join(e.article for e in m.legal_basis if e.key == key and e.article))
            for m in modules.values()
        ]
        groups.append((key, entry.title, citing))
    listed = tuple(
        (key, title, tuple((view.id, view.title, articles) for view, articles in citing)) for key, title, citing in groups
    )
    known = memo.get(("legal_index", lang)) if memo is not None else None
    if known is not None and known[0] == listed:
        return known[1]
    words = settings.words(lang)
    body = render("legal_index.html", settings, lang, title=words.ui("legal_index"), groups=groups)
    page = SitePage(paths.REFERENCE_PAGES["legal_index"], lang, words.ui("legal_index"), body, "page", headings=headings(body))
    if memo is not None:
        memo["legal_index", lang] = (listed, page)
    return page


def status_rows(curriculum: Curriculum, words: Words, today: object = None) -> list[dict[str, object]]:
    """One row per module: its state in every translation, review, checked-on date and its age."""
    import datetime

    settings = curriculum.settings
    today = today or datetime.date.today()
    rows = []
    for module in curriculum.modules:
        date = checked_on(module)
        rows.append(
            {
                "module": module,
                "states": {
                    lang: words.ui("state_" + module_state(module, lang, settings.languages.default).value)
                    for lang in settings.languages.translations
                },
                "review": words.ui({"current": "reviewed", "changed": "changed"}.get(module.review_state("hukum"), "draft")),
                "checked": words.date(date) if date else "–",
                "age": (today - date).days if date else None,  # type: ignore[operator]
            }
        )
    return rows


def status_page(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], lang: str) -> SitePage:
    settings = curriculum.settings
    words = settings.words(lang)
    rows = [{**row, "view": views[row["module"].id, lang]} for row in status_rows(curriculum, words)]  # type: ignore[union-attr]
    translations = settings.languages.translations
    head = [
        words.ui("module"),
        *(f"{words.ui('translation')} ({code})" for code in translations),
        words.ui("review"),
        words.ui("checked_on"),
        words.ui("last_checked_age"),
    ]
    body = render("status.html", settings, lang, title=words.ui("status_page"), rows=rows, translations=translations, head=head)
    return SitePage(paths.REFERENCE_PAGES["status"], lang, words.ui("status_page"), body, "page", searchable=False)


def print_page(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], run: HandoutRun | None, lang: str) -> SitePage:
    settings = curriculum.settings
    words = settings.words(lang)
    topics = []
    for topic in curriculum.topics:
        pack = (run.packs.get(topic.id, {}) if run else {}).get(lang)
        plans = (run.plan_packs.get(topic.id, {}) if run else {}).get(lang)
        modules = [(views[m.id, lang], downloads(run, m.id, lang)) for m in topic.modules]
        topics.append((settings.text(topic.title, lang), pack, plans, modules))
    whole = (run.packs.get(WHOLE, {}) if run else {}).get(lang)
    body = render("print.html", settings, lang, title=words.ui("print_page"), topics=topics, whole=whole)
    return SitePage(paths.REFERENCE_PAGES["print"], lang, words.ui("print_page"), body, "page", searchable=False)


def agenda_page(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], lang: str) -> SitePage:
    """The workshop agenda: a form over every module; the browser computes the plan (see :mod:`kurikulum.site.agenda`)."""
    from kurikulum.agenda.plan import DEFAULTS, MOST
    from kurikulum.site.agenda import data_path

    settings = curriculum.settings
    title = str(settings.words(lang).get("agenda", "title"))
    topics = [(settings.text(t.title, lang), [views[m.id, lang] for m in t.modules]) for t in curriculum.topics if t.modules]
    body = render("agenda.html", settings, lang, topics=topics, defaults=DEFAULTS, most=MOST, data_file=data_path(lang))
    return SitePage(paths.REFERENCE_PAGES["agenda"], lang, title, body, "page", searchable=False)


def home_cards(curriculum: Curriculum, lang: str) -> str:
    """The topic cards placed on the home page."""
    settings = curriculum.settings
    topics = [
        (topic, settings.text(topic.title, lang), settings.text(topic.description, lang), len(topic.modules))
        for topic in curriculum.topics
    ]
    return render("cards.html", settings, lang, topics=topics)


def site_pages(
    curriculum: Curriculum,
    views: dict[tuple[str, str], ModuleView],
    run: HandoutRun | None,
    module_pages: Callable[[ModuleView], list[SitePage]] | None = None,
    memo: dict | None = None,
) -> list[SitePage]:
    """Every generated page in every language.

    ``module_pages`` makes a module's (trainer, participant) pages instead; the preview
    passes one that reuses unchanged pages, and a ``memo`` where the reference pages that
    take longest keep what they made (:mod:`kurikulum.preview`).
    """
    settings = curriculum.settings
    pages: list[SitePage] = []
    for lang in settings.languages:
        for topic in curriculum.topics:
            pages.append(topic_page(topic.id, curriculum, views, lang))
            for module in topic.modules:
                view = views[module.id, lang]
                if module_pages is not None:
                    pages.extend(module_pages(view))
                else:
                    pages.append(trainer_page(view, settings, run))
                    pages.append(participant_page(view, settings, run))
        pages.append(glossary_page(curriculum, views, lang))
        pages.append(legal_index_page(curriculum, views, lang, memo))
        pages.append(status_page(curriculum, views, lang))
        pages.append(print_page(curriculum, views, run, lang))
        pages.append(agenda_page(curriculum, views, lang))
    return pages


__all__ = ["SitePage", "site_pages", "home_cards", "page_text", "source_views"]
