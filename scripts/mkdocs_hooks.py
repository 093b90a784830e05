"""The one place where MkDocs meets the curriculum model (listed under ``hooks:`` in mkdocs.yml).

- on_config: load and check ``modules/``; stop with the checker's report if it finds
  errors; write the generated pages into ``docs/`` and set the navigation.
- on_page_markdown: put the topic cards on the home pages.
- on_page_context: point "edit this page" at the source file under ``modules/``.
- on_post_build: write ``catalog.json`` and the per-language search indexes.

The static-i18n plugin builds once per language and calls these events each time,
so the model is loaded once per change of ``modules/`` and reused.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from kurikulum.build import CHECKED_ENV
from kurikulum.catalog import build_catalog, write_catalog
from kurikulum.checks import check
from kurikulum.findings import has_errors, report
from kurikulum.handouts import publish_manifest
from kurikulum.loader import Loader
from kurikulum.model import Curriculum
from kurikulum.site_pages import home_cards, navigation, write_pages
from kurikulum.site_search import write_search_indexes

log = logging.getLogger("mkdocs.hooks.kurikulum")
CARDS_MARKER = "<!-- kartu-topik -->"

_cache: dict[str, object] = {}


def _snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted((root / "modules").rglob("*"))
        if path.is_file()
    )


def _curriculum(root: Path) -> Curriculum:
    snapshot = _snapshot(root)
    if _cache.get("snapshot") != snapshot:
        if os.environ.get(CHECKED_ENV) == "1":  # `kurikulum build` ran the full check just before
            loader = Loader(root)
            curriculum, findings = loader.load(), loader.findings
        else:
            curriculum, findings = check(root)
        if has_errors(findings):
            _cache.clear()
            raise Abort(report(findings))
        _cache.update(snapshot=snapshot, curriculum=curriculum, edit_sources={}, written=False)
    return _cache["curriculum"]  # type: ignore[return-value]


def on_config(config):
    root = Path(config.config_file_path).parent
    curriculum = _curriculum(root)
    if not _cache["written"]:
        generated = write_pages(curriculum, root)
        _cache["edit_sources"] = {path: page.edit_source for path, page in generated.items() if page.edit_source}
        _cache["written"] = True
    config.nav = navigation(curriculum, config.nav)
    return config


def on_page_markdown(markdown, page, config, files):
    if config.extra.get("search_engine") != "material":
        page.meta["search"] = {"exclude": True}  # Material's index is not used: do not spend time building it
    if CARDS_MARKER in markdown:
        lang = getattr(page.file, "locale", None) or "id"
        markdown = markdown.replace(CARDS_MARKER, home_cards(_cache["curriculum"], lang, page.file.src_uri))
    return markdown


def on_page_context(context, page, config, nav):
    source = _cache.get("edit_sources", {}).get(page.file.src_uri)
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    return context


@event_priority(-200)  # after static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # one language's inner build: the outer build writes everything once, at the end
    site = Path(config.site_dir)
    curriculum = _cache["curriculum"]
    handouts = publish_manifest(Path(config.config_file_path).parent, site)  # rendered by `kurikulum build`
    catalog = build_catalog(curriculum, handouts.files if handouts else None, handouts.packs if handouts else None)
    write_catalog(catalog, site)
    if config.extra.get("search_engine") != "material":
        # Material's index (both languages in one file) is not used by our search box.
        for unused in ("search_index.json", "search_index.js"):
            (site / "search" / unused).unlink(missing_ok=True)
        sizes = write_search_indexes(site, curriculum, catalog)
        log.info("Search index: " + ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in sizes.items()))
