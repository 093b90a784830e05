"""The MkDocs plugin through which the engine reaches the site bundle, added by :mod:`.engine` to each build.

- on_page_markdown: generated pages have nothing to render (their body is ready); the
  topic cards go on the home pages; Material's own search index is not built.
- on_page_content: a generated page's body is the module view's HTML; every page's site
  paths (``/modul/x/``) become links relative to the page; its text goes to the search index.
- on_page_context: "edit this page" points at the file under ``modules/`` or ``docs/``.
- on_nav / on_env: each language's files, navigation and template environment are kept, so
  :mod:`.session` can render single pages again after an edit (``kurikulum serve``).
- on_template_context: in the offline site (opened as files: the zip, the Kiwix files) the
  error page links relative to itself, as every other page does; the served site keeps
  MkDocs' absolute links there (the host serves it at any depth).
- on_post_build: Material's search index (both languages in one file) is removed.

static-i18n builds once per language and fires these events each time; the bundle is
computed once, before the build, and only read here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc
from mkdocs.utils import is_error_template

from kurikulum import paths
from kurikulum.safety import content_security_policy
from kurikulum.site.bundle import SiteBundle
from kurikulum.site.search import Document


@dataclass
class LanguageState:
    """What MkDocs computed for one language's build, kept to render single pages again."""

    files: object
    nav: object
    env: object


CARDS_MARKER = "<!-- kartu-topik -->"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
CHARSET = '<meta charset="utf-8">'
ROOT_REFERENCE = re.compile(r'(href|src)="(/[^"/][^"]*|/)"')


class KurikulumPlugin(BasePlugin):
    def __init__(self, bundle: SiteBundle, generated: dict[str, tuple[str, str]], search_engine: str) -> None:
        super().__init__()
        self.bundle = bundle
        self.generated = generated  # source file -> (page folder, language)
        self.search_engine = search_engine
        self.by_page: dict[str, Document] = {}  # the page's HTML file -> its text, in the order pages were built
        self.states: dict[str, LanguageState] = {}
        self._nav = None
        self._alternate = None
        self._page_alternate = None

    @property
    def documents(self) -> list[Document]:
        return list(self.by_page.values())

    # -- which page is this -------------------------------------------------------------

    def language(self, page) -> str:
        return getattr(page.file, "locale", None) or self.bundle.settings.languages.default

    def generated_page(self, page):
        found = self.generated.get(page.file.src_uri)
        return self.bundle.page(*found) if found else None

    # -- events -------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self.search_engine != "material":
            page.meta["search"] = {"exclude": True}  # Material's index is not used: do not spend time building it
        if self.generated_page(page) is not None:
            return ""
        if CARDS_MARKER in markdown:
            # Raw HTML passes through Markdown untouched; its site paths are made relative below.
            markdown = markdown.replace(CARDS_MARKER, "\n" + self.bundle.cards(self.language(page)) + "\n")
        return markdown

    def on_page_content(self, content: str, page, config, files) -> str:
        generated = self.generated_page(page)
        if generated is not None:
            content = generated.html
            page.toc = get_toc(
                [
                    {"level": h.level, "id": h.anchor, "name": html.escape(h.title, quote=False), "children": []}
                    for h in generated.headings
                ]
            )
        content = relative_links(content, page.file.dest_uri, config.use_directory_urls)
        if page.file.dest_uri not in self.by_page or self.rendering_again:
            self.by_page[page.file.dest_uri] = self.document(page, content, generated)
        return content

    rendering_again = False  #: set by the session while it renders pages after an edit

    @event_priority(-200)  # after static-i18n's navigation for this language
    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    @event_priority(-200)
    def on_env(self, env, config, files):
        # The theme's templates are compiled once per language and build; their bytecode is kept
        # under .cache/ (keyed by each template's source, so an edited template is compiled again).
        folder = self.bundle.settings.root / ".cache" / "engine" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        self.states[self.current_language(config)] = LanguageState(files, self._nav, env)
        return env

    def current_language(self, config) -> str:
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or self.bundle.settings.languages.default

    def document(self, page, content: str, generated) -> Document:
        lang = self.language(page)
        if generated is not None:
            title = generated.title if generated.kind == "topic" else ""
            return Document.from_html(page.file.dest_uri, lang, generated.html, generated.kind, generated.module, title)
        document = Document.from_html(page.file.dest_uri, lang, content)
        document.title = document.title or (page.title or "")
        return document

    def on_page_context(self, context, page, config, nav):
        generated = self.generated_page(page)
        source = generated.edit_source if generated is not None else f"docs/{page.file.src_uri}"
        repository = self.bundle.settings.repository
        if source and repository and repository.startswith("https://"):
            page.edit_url = f"{repository.rstrip('/')}/edit/main/{source}"
        else:
            page.edit_url = None
        return context

    def on_template_context(self, context, template_name: str, config):
        if is_error_template(template_name):
            # static-i18n gives each page its language links as an attribute of config.extra, which
            # the theme reads before the key: the error page showed the links of the last page of the
            # previous language's build. It links to each language's home page (the key's value).
            self._page_alternate = vars(config.extra).pop("alternate", None)
        if not config.use_directory_urls and is_error_template(template_name):
            context["base_url"] = "."
            # static-i18n's language links start with the site's path: for this one template
            # they start at the page (put back in on_post_template, before any page is built).
            prefix = urlsplit(config.site_url or "/").path
            self._alternate = config.extra.get("alternate")
            config.extra["alternate"] = [
                {**entry, "link": "./" + entry["link"].removeprefix(prefix)} if entry["link"].startswith(prefix) else entry
                for entry in self._alternate or []
            ]
        return context

    def on_post_template(self, output: str, template_name: str, config) -> str:
        if not config.use_directory_urls and is_error_template(template_name):
            config.extra["alternate"] = self._alternate
        if is_error_template(template_name) and self._page_alternate is not None:
            config.extra.alternate = self._page_alternate
        return output

    def on_post_page(self, output: str, page, config) -> str:
        """A Content-Security-Policy as the page's first tag after its charset, allowing the theme's inline scripts by hash."""
        return with_policy(output)

    @event_priority(-200)  # after static-i18n (-100), which builds the other languages in its on_post_build
    def on_post_build(self, config) -> None:
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False):
            return  # one language's inner build: the outer build finishes everything once
        self.finish(config.site_dir)

    def finish(self, site_dir: str) -> None:
        """Once every language is built (here, or by :func:`.engine.build_site` after its processes)."""
        if self.search_engine != "material":
            from pathlib import Path

            for unused in ("search_index.json", "search_index.js"):
                (Path(site_dir) / paths.SEARCH / unused).unlink(missing_ok=True)


def with_policy(output: str) -> str:
    scripts = [m.group("body") for m in INLINE_SCRIPT.finditer(output) if "application/json" not in m.group("attrs")]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(scripts)}">'
    return output.replace(CHARSET, CHARSET + "\n      " + meta, 1)


def relative_links(content: str, dest_uri: str, directory_urls: bool) -> str:
    """Every ``href``/``src`` that is a site path from the root becomes a link relative to the page."""
    return ROOT_REFERENCE.sub(lambda m: f'{m.group(1)}="{paths.relative(m.group(2), dest_uri, directory_urls)}"', content)
