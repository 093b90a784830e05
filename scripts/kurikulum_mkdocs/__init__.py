"""The site engine adapter: everything that knows MkDocs, Material or mkdocs-static-i18n lives here.

The curriculum model, the module views and every other output (handouts, catalog.json,
the search index) are plain Python in :mod:`kurikulum` and never import this package.
This package takes a :class:`kurikulum.site.bundle.SiteBundle` (the curriculum, loaded and
checked once, its views and generated pages) and builds the site with the engine:

- :mod:`.config` turns the curriculum's configuration (organisation, languages) and the
  repository's ``mkdocs.yml`` (theme, Markdown extensions) into the engine's configuration;
- :mod:`.staging` writes the engine's source folder: the hand-written ``docs/`` pages and a
  stub per generated page (the source tree is never written to);
- :mod:`.plugin` puts each generated page's HTML into the theme's page, with links made
  relative, and hands every page's text back for the search index;
- :mod:`.engine` runs a build in this process, with MkDocs 1.6 or ProperDocs 1.6
  (``engine="properdocs"``), and the preview server;
- :mod:`.session` keeps a build in memory for ``kurikulum serve`` and renders single pages again.
"""

from kurikulum_mkdocs.engine import ENGINES, build_site, prepare_language, serve
from kurikulum_mkdocs.session import Session
from kurikulum_mkdocs.staging import THEME

__all__ = ["ENGINES", "THEME", "Session", "build_site", "prepare_language", "serve"]
