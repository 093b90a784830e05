"""The engine's source folder, written fresh for every build under ``.cache/engine/``.

MkDocs and mkdocs-static-i18n read pages from one ``docs_dir``; static-i18n only localises
files that lie in it (a page added in ``on_files`` from elsewhere breaks it). So the
adapter writes a folder holding the hand-written pages of ``docs/`` (normalised, so a BOM
or CRLF gives the same site) and one stub per generated page in each language, named the
way static-i18n expects (``index.md``, ``index.en.md``). A stub holds only the page's
title; its body comes from the module view (see :mod:`.plugin`).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import yaml

from kurikulum.format.source import normalise
from kurikulum.site.bundle import SiteBundle

# The tool's theme: Material overrides and the site's own styles and scripts, shipped in this package.
THEME = Path(__file__).resolve().parent / "theme"


def source_name(folder: str, lang: str, default: str) -> str:
    """The Markdown file static-i18n reads for a page folder and language (its suffix naming)."""
    return f"{folder}/index.md" if lang == default else f"{folder}/index.{lang}.md"


def stub(title: str) -> str:
    # The theme prints page titles without escaping them (navigation, <title>): the title is
    # escaped here, once, as text.
    return "---\n" + yaml.safe_dump({"title": html.escape(title, quote=False)}, allow_unicode=True) + "---\n"


def stage(bundle: SiteBundle, folder: Path) -> dict[str, tuple[str, str]]:
    """Write the engine's docs folder; return each generated source file -> (page folder, language)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    docs = bundle.settings.root / "docs"
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if path.is_file():
            target = folder / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".md":
                target.write_text(normalise(path.read_bytes().decode("utf-8")), encoding="utf-8")
            else:
                shutil.copyfile(path, target)
    default = bundle.settings.languages.default
    generated = {}
    for page in bundle.pages:
        name = source_name(page.folder, page.lang, default)
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stub(page.title), encoding="utf-8")
        generated[name] = (page.folder, page.lang)
    return generated


def write_plain_pages(bundle: SiteBundle, folder: Path) -> None:
    """The same pages as plain Markdown files holding their HTML: what a plain Material build would be given.

    Only the benchmarks use it, to compare our build with stock Material + static-i18n on equal pages.
    """
    from kurikulum import paths
    from kurikulum_mkdocs.plugin import relative_links

    generated = stage(bundle, folder)
    default = bundle.settings.languages.default
    for name, (page_folder, lang) in generated.items():
        page = bundle.page(page_folder, lang)
        body = relative_links(page.html, paths.site_file(page_folder, lang, default), directory_urls=True)
        (folder / name).write_text(stub(page.title) + "\n" + body + "\n", encoding="utf-8")
