"""Everything a site build needs, computed once: the curriculum, its views, the generated pages, the handouts.

The engine adapter receives a :class:`SiteBundle`; it never loads or checks the curriculum itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kurikulum.handouts.manifest import HandoutRun
from kurikulum.model import Curriculum
from kurikulum.settings import Settings
from kurikulum.site.pages import SitePage, home_cards, site_pages
from kurikulum.view.module import ModuleView, build_views


@dataclass
class SiteBundle:
    curriculum: Curriculum
    views: dict[tuple[str, str], ModuleView]
    run: HandoutRun | None = None
    pages: list[SitePage] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return self.curriculum.settings

    @cached_property
    def by_folder(self) -> dict[tuple[str, str], SitePage]:
        return {(page.folder, page.lang): page for page in self.pages}

    def page(self, folder: str, lang: str) -> SitePage:
        return self.by_folder[folder, lang]

    def cards(self, lang: str) -> str:
        return home_cards(self.curriculum, lang)

    @property
    def media(self) -> dict[str, Path]:
        """Every image a module text shows: site path -> its file in the module folder."""
        found: dict[str, Path] = {}
        for view in self.views.values():
            found.update(view.media)
        return found


def bundle(curriculum: Curriculum, run: HandoutRun | None, views: dict[tuple[str, str], ModuleView] | None = None) -> SiteBundle:
    views = views if views is not None else build_views(curriculum)
    return SiteBundle(curriculum, views, run, site_pages(curriculum, views, run))
