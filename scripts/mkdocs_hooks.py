"""The one place where MkDocs meets the curriculum model (listed under ``hooks:`` in mkdocs.yml).

- on_config: load and check ``modules/``; stop with the checker's report if it finds
  errors; write the generated pages into ``docs/`` and set the navigation.
- on_page_markdown: put the topic cards on the home pages.
- on_page_context: point "edit this page" at the source file under ``modules/``.
- on_post_build: write ``catalog.json``.

The static-i18n plugin builds once per language and calls these events each time,
so the model is loaded once per change of ``modules/`` and reused.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from kurikulum.catalog import write_catalog
from kurikulum.checks import check
from kurikulum.findings import has_errors, report
from kurikulum.handouts import publish_manifest
from kurikulum.model import Curriculum
from kurikulum.site_pages import home_cards, navigation, write_pages

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
    if CARDS_MARKER in markdown:
        lang = getattr(page.file, "locale", None) or "id"
        markdown = markdown.replace(CARDS_MARKER, home_cards(_cache["curriculum"], lang, page.file.src_uri))
    return markdown


def on_page_context(context, page, config, nav):
    source = _cache.get("edit_sources", {}).get(page.file.src_uri)
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    handouts = publish_manifest(Path(config.config_file_path).parent, site)  # rendered by `kurikulum build`
    write_catalog(_cache["curriculum"], site, handouts.files if handouts else None, handouts.packs if handouts else None)
