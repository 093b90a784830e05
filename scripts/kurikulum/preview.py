"""``kurikulum serve``: a preview that follows each edit by redoing only what the edit reaches.

One :class:`Preview` lives as long as the server. On every change it

1. checks the curriculum, reading and checking again only the modules whose files changed
   (:class:`kurikulum.check.memo.CheckMemo`);
2. makes the module views again only for modules whose files, or whose topic, terms, help
   entries or configuration changed;
3. makes every generated page from the views (module pages are reused when their view,
   handout files and preview note are unchanged) and compares each with the page served;
4. hands the pages that differ to the engine adapter's session, which renders just those
   (the module's pages in each language, the topic page, the reference pages that list it),
   then writes catalog.json and the search files again.

A change to what every page carries (``docs/``, ``overrides/``, ``mkdocs.yml``, the page
templates, the theme, the configuration or words), or to the set of pages, builds the whole site again.
After any sequence of edits the site is byte-identical to a clean build of the same tree
(``tests/test_preview.py``), except for the preview notes below, which only ``serve`` shows.

Handouts follow in the background: the edited module's pages say "handout being updated"
until its handouts are rendered again (with the handout cache), and a handout over its page
budget shows the ``handout-pages`` finding on the module's pages and in the terminal until
the text is fixed.
"""

from __future__ import annotations

import gc
import importlib
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kurikulum.assets import OVERRIDES, PACKAGE_THEME
from kurikulum.build import Kept, finish, render_handouts, source_date, swap_in
from kurikulum.check import check
from kurikulum.check.findings import Finding, format_finding, has_errors, report
from kurikulum.check.memo import CheckMemo, file_digest
from kurikulum.handouts.manifest import HandoutRun
from kurikulum.model import Curriculum
from kurikulum.site.bundle import SiteBundle
from kurikulum.site.pages import TEMPLATES, SitePage, downloads, participant_page, site_pages, trainer_page
from kurikulum.view.module import ModuleView, module_view

ENGINE_ADAPTER = "kurikulum_mkdocs"


@dataclass(frozen=True)
class HandoutNote:
    """What only the preview shows on a module's pages: its handouts are being rendered, or broke their budget."""

    updating: bool
    problems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.updating or bool(self.problems)


def structure_digest(root: Path) -> str:
    """What every page carries: a change here rebuilds the whole site."""
    engine_theme = importlib.import_module(ENGINE_ADAPTER).THEME
    return file_digest(root / "docs", root / OVERRIDES, root / "mkdocs.yml", TEMPLATES, PACKAGE_THEME, engine_theme)


class Preview:
    def __init__(self, root: Path, site: Path, lang: str | None = None, workers: int | None = None, handouts: bool = True):
        self.root = root
        self.site = site
        self.lang = lang
        self.workers = workers
        self.handouts = handouts
        self.memo = CheckMemo()
        self._views: dict[tuple[str, str], tuple[tuple[object, ...], ModuleView]] = {}
        self._module_pages: dict[tuple[str, str, str], tuple[ModuleView, tuple[object, ...], SitePage]] = {}
        self.session = None
        self.bundle: SiteBundle | None = None
        self.structure = ""
        self.run: HandoutRun | None = None
        self.problems: dict[str, tuple[str, ...]] = {}  #: module id -> handout findings, as shown
        self.updating: set[str] = set()  #: modules whose handouts are being rendered
        self._wanted: tuple[Curriculum, dict] | None = None  #: the newest views the handouts must follow
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self._finished: HandoutRun | None = None
        self._first_done = False
        self.on_handouts: Callable[[], None] | None = None  #: called (from the worker) when handouts are ready
        self.last: dict[str, object] = {}  #: what the last update did (for the benchmarks)
        self.kept = Kept()  #: the search indexes and catalog entries, updated in place after each edit
        self._page_memo: dict = {}  #: reference pages kept while what they list stays (site_pages)

    # -- one update ---------------------------------------------------------------------

    def update(self) -> int:
        """Bring the served site up to date with the sources; 0 when it is (or was kept, with the reason printed)."""
        curriculum, findings = check(self.root, memo=self.memo)
        settings = curriculum.settings
        words = settings.words(self.lang or settings.languages.default)
        if has_errors(findings):
            print(report(findings, words), file=sys.stderr)
            print(words.message("not_built"), file=sys.stderr)
            return 1
        structure = structure_digest(self.root) + self.memo.settings
        if structure != self.structure:
            self._page_memo.clear()
        views, changed = self.views(curriculum)
        self._follow_handouts(curriculum, views, changed, words)
        pages = self.pages(curriculum, views)
        site_bundle = SiteBundle(curriculum, views, self.run, pages)
        try:
            if self._needs_full_build(site_bundle, structure):
                self._full_build(site_bundle)
                self.last = {"kind": "full", "pages": len(pages)}
                # What the build keeps for later edits is millions of objects: out of the collector's
                # sight, an edit's update is not spent rescanning them (measured: half the search index's time).
                gc.freeze()
            else:
                self._render_changed(site_bundle)
        except Exception as error:  # noqa: BLE001 - the engine's failure is reported in one line, the old site kept
            print(f"{words.message('engine_failed')} ({type(error).__name__}: {error})", file=sys.stderr)
            self.session = None
            return 1
        self.bundle, self.structure = site_bundle, structure
        return 0

    def views(self, curriculum: Curriculum) -> tuple[dict[tuple[str, str], ModuleView], set[str]]:
        """Every module's view in every language, made again only where an input changed; and the modules that changed."""
        views: dict[tuple[str, str], ModuleView] = {}
        changed: set[str] = set()
        for module in curriculum.modules:
            topic = curriculum.topic(module.topic)
            key = (
                self.memo.digest(module.folder),
                self.memo.settings,
                repr((topic.id, topic.title)),
                repr([curriculum.terms.get(name) for name in module.terms]),
                repr([curriculum.help.get(name) for name in module.help]),
            )
            for lang in curriculum.settings.languages:
                hit = self._views.get((module.id, lang))
                if hit is None or hit[0] != key:
                    hit = (key, module_view(module, curriculum, lang))
                    self._views[module.id, lang] = hit
                    changed.add(module.id)
                views[module.id, lang] = hit[1]
        for gone in [k for k in self._views if k not in views]:
            del self._views[gone]
        return views, changed

    def note(self, module_id: str) -> HandoutNote | None:
        note = HandoutNote(module_id in self.updating, self.problems.get(module_id, ()))
        return note or None

    def pages(self, curriculum: Curriculum, views: dict[tuple[str, str], ModuleView]) -> list[SitePage]:
        """Every generated page (:func:`kurikulum.site.pages.site_pages`), module pages reused when unchanged."""
        settings, run = curriculum.settings, self.run

        def module_pages(view: ModuleView) -> list[SitePage]:
            note = self.note(view.id)
            key = (repr(downloads(run, view.id, view.lang)), note)
            made = []
            for make, kind in ((trainer_page, "trainer"), (participant_page, "participant")):
                hit = self._module_pages.get((kind, view.id, view.lang))
                if hit is None or hit[0] is not view or hit[1] != key:
                    hit = (view, key, make(view, settings, run, note))
                    self._module_pages[kind, view.id, view.lang] = hit
                made.append(hit[2])
            return made

        return site_pages(curriculum, views, run, module_pages, self._page_memo)

    # -- the site -----------------------------------------------------------------------

    def _needs_full_build(self, site_bundle: SiteBundle, structure: str) -> bool:
        old = self.bundle
        if self.session is None or old is None or structure != self.structure:
            return True
        if old.by_folder.keys() != site_bundle.by_folder.keys() or [p.folder for p in old.pages] != [
            p.folder for p in site_bundle.pages
        ]:
            return True
        for lang in site_bundle.settings.languages:
            if old.cards(lang) != site_bundle.cards(lang):
                return True
        # A title in the navigation (topics, reference pages) shows on every page.
        return any(
            page.kind not in ("trainer", "participant") and old.page(page.folder, page.lang).title != page.title
            for page in site_bundle.pages
        )

    def _full_build(self, site_bundle: SiteBundle) -> None:
        adapter = importlib.import_module(ENGINE_ADAPTER)
        building = self.site.with_name(self.site.name + ".building")
        if building.exists():
            shutil.rmtree(building)
        session = adapter.Session(site_bundle, building)
        with source_date(self.root):
            documents = session.build()
        finish(site_bundle, building, documents, kept=self.kept)
        swap_in(building, self.site)
        session.move(self.site)
        for index in self.kept.search.values():
            index.moved(self.site)
        self.session = session

    def _render_changed(self, site_bundle: SiteBundle) -> None:
        old = self.bundle
        assert old is not None
        changed = [(page.folder, page.lang) for page in site_bundle.pages if old.page(page.folder, page.lang) != page]
        with source_date(self.root):
            documents = self.session.render(site_bundle, changed)
        files = site_bundle.run is not old.run or site_bundle.media != old.media
        finish(site_bundle, self.site, documents, files=files, kept=self.kept)
        self.last = {"kind": "pages", "pages": len(changed)}

    # -- handouts -----------------------------------------------------------------------

    def _follow_handouts(self, curriculum: Curriculum, views: dict, changed: set[str], words) -> None:
        """The first time: render now. Later: take finished handouts, and render the changed ones in the background."""
        if not self.handouts:
            return
        with self._lock:
            finished, self._finished = self._finished, None
        if finished is not None:
            self.run = finished
            self._show_problems(finished.findings, curriculum, words)
        if not self._first_done:
            self._first_done = True
            self.run = render_handouts(curriculum, views, words, self.workers)
            if self.run is not None:
                self._show_problems(self.run.findings, curriculum, words)
            return
        if not changed:
            return
        with self._lock:
            self.updating |= changed
            self._wanted = (curriculum, views)
            if self._worker is None:
                self._worker = threading.Thread(target=self._render_handouts, args=(words,), daemon=True)
                self._worker.start()

    def _render_handouts(self, words) -> None:
        """In the background: render until the newest views are rendered, then ask the server for an update."""
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._worker = None
                    return
                modules = set(self.updating)
            curriculum, views = wanted
            run = render_handouts(curriculum, views, words, 1)  # one process: forking beside the server's threads is unsafe
            with self._lock:
                if run is not None:
                    self._finished = run
                if self._wanted is None:
                    self.updating -= modules
            if self.on_handouts is not None:
                self.on_handouts()

    def _show_problems(self, findings: list[Finding], curriculum: Curriculum, words) -> None:
        by_module: dict[str, list[str]] = {}
        folders = {
            module.folder.resolve().relative_to(self.root.resolve()).as_posix(): module.id for module in curriculum.modules
        }
        for finding in findings:
            module_id = folders.get(finding.path.rsplit("/", 1)[0])
            if module_id is not None:
                by_module.setdefault(module_id, []).append(format_finding(finding, words))
        problems = {module_id: tuple(lines) for module_id, lines in by_module.items()}
        if findings and problems != self.problems:  # said once, not on every update
            print(report(findings, words), file=sys.stderr)
        self.problems = problems

    def wait_for_handouts(self, timeout: float = 300) -> None:
        """Tests and benchmarks: until the background rendering is done."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
