"""A site build that stays in memory between edits, for ``kurikulum serve``: pages are rendered again one by one.

A full build (:meth:`Session.build`) runs MkDocs with static-i18n as ``kurikulum build`` does
and keeps, per language, what MkDocs computed (the files, the navigation, the theme's
template environment; see :class:`kurikulum_mkdocs.plugin.LanguageState`). After an edit,
:meth:`Session.render` takes the new bundle and renders only the generated pages whose
content changed, through MkDocs' own page pipeline (the same plugin events, the same
templates), so each page comes out byte-identical to a clean build of the same tree.

What this cannot follow (the set of pages, the navigation, hand-written pages, the
configuration or templates) is the caller's business: it then makes a new session.
"""

from __future__ import annotations

from pathlib import Path

from kurikulum.site.bundle import SiteBundle
from kurikulum.site.search import Document
from kurikulum_mkdocs.engine import _quiet, load, select
from kurikulum_mkdocs.staging import source_name, stub


class Session:
    def __init__(self, bundle: SiteBundle, target: Path, offline: bool = False) -> None:
        self.bundle = bundle
        self.target = target
        self.offline = offline
        self.staging = bundle.settings.root / ".cache" / "engine" / ("serve-offline" if offline else "serve")
        self.config = None
        self.plugin = None

    def build(self) -> list[Document]:
        """The whole site into ``target``, keeping the engine's state for :meth:`render`."""
        select("mkdocs")
        from mkdocs.commands.build import build

        _quiet()
        self.config, self.plugin = load(self.bundle, self.target, self.offline, self.staging)
        self.config.plugins.on_startup(command="build", dirty=False)
        try:
            build(self.config)
        finally:
            self.config.plugins.on_shutdown()
        return self.plugin.documents

    def move(self, target: Path) -> None:
        """The built site was moved to ``target``: later pages are written there."""
        old = Path(self.config.site_dir)
        self.target = target
        self.config["site_dir"] = str(target)
        for state in self.plugin.states.values():
            for file in state.files:
                written = Path(file.abs_dest_path)  # cached by MkDocs (and set by static-i18n): moved by hand
                if old in written.parents:
                    file.abs_dest_path = str(target / written.relative_to(old))

    def render(self, bundle: SiteBundle, pages: list[tuple[str, str]]) -> list[Document]:
        """Render again the generated pages ``(folder, lang)`` from ``bundle``; every page's text for the search index."""
        from mkdocs.commands.build import _build_page, _populate_page

        config, plugin = self.config, self.plugin
        default = bundle.settings.languages.default
        plugin.bundle = bundle
        i18n = config.plugins.get("i18n")
        plugin.rendering_again = True
        try:
            for lang in bundle.settings.languages:
                wanted = [folder for folder, page_lang in pages if page_lang == lang]
                if not wanted:
                    continue
                if i18n is not None:
                    i18n.current_language = lang
                config = config.plugins.on_config(config)  # the configuration as this language's build had it
                state = plugin.states[lang]
                doc_files = state.files.documentation_pages()
                for folder in wanted:
                    name = source_name(folder, lang, default)
                    (self.staging / "docs" / name).write_text(stub(bundle.page(folder, lang).title), encoding="utf-8")
                    file = state.files.get_file_from_path(name)
                    _populate_page(file.page, config, state.files)
                    _build_page(file.page, config, doc_files, state.nav, state.env)
        finally:
            plugin.rendering_again = False
        self.config = config
        return plugin.documents
