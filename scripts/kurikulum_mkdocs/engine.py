"""Running the engine in this process, with MkDocs 1.6 (the default) or ProperDocs 1.6.

ProperDocs is the maintained continuation of MkDocs 1.x; importing ``properdocs.replacement``
makes every ``mkdocs.*`` import (ours, Material's, static-i18n's) resolve to ProperDocs, so
the choice must be made before anything imports MkDocs: one engine per process.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kurikulum.site.bundle import SiteBundle
from kurikulum.site.search import Document

ENGINES = ("mkdocs", "properdocs")


def select(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "properdocs":
        if "mkdocs" in sys.modules and "properdocs" not in sys.modules:
            raise RuntimeError("MkDocs is already imported in this process; ProperDocs needs a process of its own")
        import properdocs.replacement  # noqa: F401 - redirects mkdocs.* to properdocs.*
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def load(bundle: SiteBundle, target: Path, offline: bool, staging: Path):
    """The engine's configuration for this bundle, with the plugin that carries it."""
    from mkdocs.config import load_config

    from kurikulum_mkdocs.config import overrides, stage_theme
    from kurikulum_mkdocs.plugin import KurikulumPlugin
    from kurikulum_mkdocs.staging import stage

    generated = stage(bundle, staging / "docs")
    root = bundle.settings.root
    theme_dir = stage_theme(root, staging / "theme", bundle.settings.colours)
    options = overrides(bundle, root / "mkdocs.yml", staging / "docs", target, offline, theme_dir)
    config = load_config(str(root / "mkdocs.yml"), **options)
    plugin = KurikulumPlugin(bundle, generated, str(config.extra.get("search_engine", "kurikulum")))
    config.plugins["kurikulum"] = plugin
    return config, plugin


def build_site(bundle: SiteBundle, target: Path, offline: bool = False, engine: str = "mkdocs") -> list[Document]:
    """Build the site into ``target``; return every page's text for the search index."""
    select(engine)
    from mkdocs.commands.build import build

    _quiet()
    staging = bundle.settings.root / ".cache" / "engine" / ("offline" if offline else "site")
    config, plugin = load(bundle, target, offline, staging)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return plugin.documents


def _quiet() -> None:
    """The engine's own progress lines are not a volunteer's business; warnings and errors still show."""
    for name in ("mkdocs", "properdocs", "mkdocs_static_i18n", "mkdocs.plugins", "properdocs.plugins"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")


def serve(rebuild, site: Path, root: Path, address: str, port: int, mount: str, register=None) -> None:
    """Serve ``site`` on ``address:port`` under ``/mount/``, calling ``rebuild()`` when a source changes, with live reload.

    ``register``, if given, receives a function that asks for a ``rebuild()`` as a change would
    (the preview calls it when handouts rendered in the background are ready).
    """
    select("mkdocs")
    from mkdocs.livereload import LiveReloadServer

    _quiet()
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    server = LiveReloadServer(
        builder=rebuild, host=address, port=port, root=str(site), mount_path=f"/{mount.strip('/')}/" if mount.strip("/") else "/"
    )
    if register is not None:

        def wake() -> None:
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        register(wake)
    for watched in ("modules", "docs", "overrides", "mkdocs.yml"):
        if (root / watched).exists():
            server.watch(str(root / watched))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def prepare_language(root: Path, code: str, default: str) -> Path | None:
    """Give the theme an interface for ``code``: Material needs ``partials/languages/<code>.html``.

    When neither Material nor ``overrides/`` has one, the default language's partial is copied
    into ``overrides/`` for translators; returns the file written, if any.
    """
    from importlib.util import find_spec

    spec = find_spec("material")
    theme = Path(spec.origin).parent / "templates" / "partials" / "languages" if spec and spec.origin else None
    from kurikulum_mkdocs.staging import THEME

    ours = root / "overrides" / "partials" / "languages" / f"{code}.html"
    shipped = THEME / "partials" / "languages"
    if ours.exists() or (shipped / f"{code}.html").exists() or (theme is not None and (theme / f"{code}.html").exists()):
        return None
    source = root / "overrides" / "partials" / "languages" / f"{default}.html"
    if not source.exists():
        source = shipped / f"{default}.html"
    if not source.exists() and theme is not None:
        source = theme / f"{default}.html"
    ours.parent.mkdir(parents=True, exist_ok=True)
    ours.write_text(
        source.read_text(encoding="utf-8").replace(f'"language": "{default}"', f'"language": "{code}"'), encoding="utf-8"
    )
    return ours
