"""Running the engine in this process, with MkDocs 1.6 (the default) or ProperDocs 1.6.

ProperDocs is the maintained continuation of MkDocs 1.x; importing ``properdocs.replacement``
makes every ``mkdocs.*`` import (ours, Material's, static-i18n's) resolve to ProperDocs, so
the choice must be made before anything imports MkDocs: one engine per process.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sys
from pathlib import Path

from kurikulum.site.bundle import SiteBundle
from kurikulum.site.search import Document
from kurikulum.workers import can_fork, default_workers, forked_map, shared

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
    """Build the site into ``target``; return every page's text for the search index.

    static-i18n builds the languages one after the other. With more than one core, each group
    of languages is built from the same configuration in a forked process of its own, the
    first (with the default language) into ``target``, the others into folders aside whose
    files are then moved in, as static-i18n's later builds overwrite the earlier ones; the
    sitemap, which static-i18n makes from every language built so far, is joined. The site is
    the same, file for file (``tests/test_sample_site.py`` builds it with one, two and three processes).
    """
    select(engine)
    from mkdocs.commands.build import build

    _quiet()
    staging = bundle.settings.root / ".cache" / "engine" / ("offline" if offline else "site")
    config, plugin = load(bundle, target, offline, staging)
    # Material's own index (the benchmark's baseline) is made by static-i18n from every language's build;
    # the groups must each have a process of their own (in one, static-i18n's state carries over).
    separate = plugin.search_engine != "material" and can_fork()
    groups = language_groups(list(bundle.settings.languages), default_workers() if separate else 1)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        if len(groups) == 1:
            build(config)
            return plugin.documents
        scratch = target.with_name(target.name + ".languages")
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            built = forked_map(_build_languages, list(enumerate(groups)), len(groups), (config, plugin, target, scratch))
            sitemaps = [_read(target / SITEMAP)] + [_read(scratch / str(n) / SITEMAP) for n in range(1, len(groups))]
            for number in range(1, len(groups)):
                _move_into(scratch / str(number), target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        _join_sitemaps(target, sitemaps)
        plugin.finish(str(target))
        documents: dict[str, Document] = {}
        for group in built:
            for document in group:
                documents.setdefault(document.path, document)
        return list(documents.values())
    finally:
        config.plugins.on_shutdown()


SITEMAP = "sitemap.xml"


def language_groups(languages: list[str], workers: int) -> list[list[str]]:
    """The languages in at most ``workers`` groups, in order (the default language is in the first)."""
    count = max(1, min(workers, len(languages)))
    size, extra = divmod(len(languages), count)
    groups, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        groups.append(languages[start:end])
        start = end
    return groups


def _build_languages(job: tuple[int, list[str]]) -> list[Document]:
    """In a forked process: build one group's languages one after the other, as static-i18n's loop does."""
    from mkdocs import utils
    from mkdocs.commands.build import build

    number, languages = job
    config, plugin, target, scratch = shared()
    site = target if number == 0 else scratch / str(number)
    site.mkdir(parents=True, exist_ok=True)
    config["site_dir"] = str(site)
    i18n = config.plugins["i18n"]
    i18n.building = True  # this loop replaces static-i18n's, which its on_post_build would start
    utils.clean_directory = lambda folder: folder  # as static-i18n does between its builds: a later language adds files
    for language in languages:
        i18n.current_language = language
        build(config)
    return plugin.documents


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def _move_into(built: Path, target: Path) -> None:
    """Every file of ``built`` to the same place under ``target``, replacing what is there."""
    for folder, _, names in os.walk(built):
        destination = target / Path(folder).relative_to(built)
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, destination / name)


def _join_sitemaps(target: Path, sitemaps: list[str | None]) -> None:
    """One sitemap with every group's pages in the order of the languages, as static-i18n's last build writes it.

    Its gzip copy is written as MkDocs writes it, with the time the last build gave it.
    """
    if any(text is None for text in sitemaps):
        return
    parts = [_urlset(text) for text in sitemaps]
    joined = parts[0][0] + "".join(body for _, body, _ in parts) + "\n" + parts[0][2]
    path = target / SITEMAP
    path.write_text(joined, encoding="utf-8")
    compressed = path.with_name(SITEMAP + ".gz")
    if compressed.exists():
        mtime = int.from_bytes(compressed.read_bytes()[4:8], "little")
        with open(compressed, "wb") as file, gzip.GzipFile(fileobj=file, filename=str(compressed), mode="wb", mtime=mtime) as gz:
            gz.write(joined.encode("utf-8"))


def _urlset(text: str) -> tuple[str, str, str]:
    """A sitemap as what comes up to its ``<urlset>`` tag, its entries (without the last line end), and the rest."""
    start = text.index(">", text.index("<urlset")) + 1
    end = text.rindex("</urlset>")
    return text[:start], text[start:end].removesuffix("\n"), text[end:]


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
