"""The engine's configuration: the repository's ``mkdocs.yml`` completed from the curriculum's configuration.

``mkdocs.yml`` holds what is the engine's business (theme, its features, Markdown
extensions for the hand-written pages, the order of the navigation). Everything that
belongs to the curriculum comes from ``modules/organisasi.yml`` and the words files and is
set here: the site's name, address, repository, the languages static-i18n builds (the
default first), the interface language, the navigation titles in each language, and the
generated pages the navigation lists.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from kurikulum import paths
from kurikulum.assets import OVERRIDES, PACKAGE_THEME, overlay
from kurikulum.site.bundle import SiteBundle
from kurikulum_mkdocs.staging import THEME, source_name

# Entries of mkdocs.yml's nav that stand for pages made from the curriculum.
SECTIONS = {"topik": "topics", "rujukan": "reference"}
HOME = "index.md"

COLOURS_CSS = "assets/stylesheets/organisasi.css"  # written for each build from organisasi.yml's colours
EXTRA_CSS = [COLOURS_CSS, "assets/stylesheets/kurikulum.css"]
EXTRA_JAVASCRIPT = ["assets/javascripts/kurikulum-search.js", "assets/javascripts/kurikulum-teach.js"]


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` moved ``share`` of the way towards ``other`` (both ``#rrggbb``): a lighter or darker shade."""
    one = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    two = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(one, two, strict=True))


def colours_css(colours: dict[str, str]) -> str:
    """The organisation's colours as Material's variables (the rest of the styles are the tool's, in kurikulum.css)."""
    main = colours.get("theme")
    if not main:
        return "/* organisasi.yml sets no colours: Material's own. */\n"
    values = {
        "--md-primary-fg-color": main,
        "--md-primary-fg-color--light": colours.get("light") or mix(main, "#ffffff", 0.25),
        "--md-primary-fg-color--dark": colours.get("dark") or mix(main, "#000000", 0.25),
        "--md-accent-fg-color": colours.get("accent") or main,
    }
    lines = "".join(f"  {name}: {value};\n" for name, value in values.items())
    return f"/* The organisation's colours, from modules/organisasi.yml (warna). */\n:root {{\n{lines}}}\n"


def stage_theme(root: Path, folder: Path, colours: dict[str, str]) -> Path:
    """The theme folder the engine reads (``custom_dir``): the package's files, the repository's ``overrides/`` over them.

    The print templates and fonts come along (the site has always published them, e.g.
    ``fonts/`` for the offline kit's printed pages).
    """
    overlay([PACKAGE_THEME, THEME, root / OVERRIDES], folder)
    (folder / COLOURS_CSS).write_text(colours_css(colours), encoding="utf-8")
    return folder


def raw_config(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return yaml_load(handle)


def plugin_entries(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """``plugins`` as a list of one-key mappings, whichever form mkdocs.yml uses."""
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        return [{name: options or {}} for name, options in plugins.items()]
    return [{item: {}} if isinstance(item, str) else dict(item) for item in plugins]


def navigation(bundle: SiteBundle, configured: list[Any]) -> list[Any]:
    """The navigation in the default language: mkdocs.yml's order, the curriculum's sections expanded.

    Module pages stay out of the navigation on purpose: every page carries the whole
    navigation, so listing hundreds of modules would make every page heavy.
    """
    settings = bundle.settings
    default = settings.languages.default
    words = settings.words(default)
    curriculum = bundle.curriculum
    expanded = {
        "topik": [source_name(paths.topic_dir(topic.id), default, default) for topic in curriculum.topics],
        "rujukan": [source_name(folder, default, default) for folder in paths.REFERENCE_PAGES.values()],
    }
    result: list[Any] = []
    for item in configured:
        if item == HOME:
            result.append({words.ui("home"): HOME})
        elif isinstance(item, str) and item.strip("/") in SECTIONS:
            key = item.strip("/")
            result.append({words.ui(SECTIONS[key]): expanded[key]})
        else:
            result.append(item)
    return result


def nav_translations(bundle: SiteBundle, lang: str) -> dict[str, str]:
    settings = bundle.settings
    ours, theirs = settings.words(settings.languages.default), settings.words(lang)
    return {ours.ui(key): theirs.ui(key) for key in ("home", *SECTIONS.values()) if ours.ui(key) != theirs.ui(key)}


def languages(bundle: SiteBundle) -> list[dict[str, Any]]:
    settings = bundle.settings
    result = []
    for position, language in enumerate(settings.languages.items):
        entry: dict[str, Any] = {"locale": language.code, "name": language.name, "build": True, "default": position == 0}
        if position:
            entry["nav_translations"] = nav_translations(bundle, language.code)
            entry["copyright"] = html.escape(settings.copyright(language.code))
            description = settings.description.get(language.code)
            if description:
                entry["site_description"] = html.escape(description)
        result.append(entry)
    return result


def overrides(
    bundle: SiteBundle, mkdocs_yml: Path, docs_dir: Path, site_dir: Path, offline: bool, theme_dir: Path
) -> dict[str, Any]:
    """The keyword options given to the engine's ``load_config``, on top of mkdocs.yml."""
    settings = bundle.settings
    raw = raw_config(mkdocs_yml)
    plugins = []
    for entry in plugin_entries(raw):
        ((name, options),) = entry.items()
        if name == "i18n":
            options = {**(options or {}), "languages": languages(bundle)}
        plugins.append({name: options})
    theme = dict(raw.get("theme") or {})
    theme["language"] = settings.languages.default
    theme["custom_dir"] = str(theme_dir)
    if settings.logo:
        theme["logo"] = settings.logo
    extra_javascript = [*EXTRA_JAVASCRIPT, *(raw.get("extra_javascript") or [])]
    options: dict[str, Any] = {
        "site_name": html.escape(settings.name),
        "site_description": html.escape(settings.text(settings.description, settings.languages.default)) or None,
        "copyright": html.escape(settings.copyright(settings.languages.default)),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": not offline,
        "plugins": plugins,
        "theme": theme,
        "extra_css": [*EXTRA_CSS, *(raw.get("extra_css") or [])],
        "extra_javascript": extra_javascript,
        "nav": navigation(bundle, raw.get("nav") or [HOME]),
        "strict": True,
    }
    if not offline:
        # The installable site (kurikulum.offline.installable writes the files after the build):
        # its script on every page, its manifest in every page's head (theme/main.html).
        options["extra_javascript"] = [*extra_javascript, paths.OFFLINE_SCRIPT]
        options["extra"] = {
            **(raw.get("extra") or {}),
            "installable": {
                "manifests": {lang: paths.web_manifest(lang) for lang in settings.languages},
                "theme_color": settings.colours.get("theme"),
            },
        }
    if settings.site_url:
        options["site_url"] = settings.site_url
    if settings.repository and settings.repository.startswith("https://"):
        options["repo_url"] = settings.repository
        options["repo_name"] = settings.repository.rstrip("/").split("/", 3)[-1]
        options["edit_uri"] = "edit/main/"
    return options
