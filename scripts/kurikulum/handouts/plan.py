"""The trainer's session plan on paper: the trainer page of one module in one language as an A4 document.

Everything printed comes from the :class:`~kurikulum.view.ModuleView` the trainer page is
made from, in the page's order (the safety note before the steps, the legal basis after them);
``theme/handout/plan.html`` lays it out with the handout's fonts and print CSS. Unlike a
handout, the plan is for the trainer: it lists every help service, the unverified ones marked
"cek dulu" with the trainer's notes, and has no page budget. Its QR code opens the trainer page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from kurikulum import paths
from kurikulum.format.fields import PANEL_SECTIONS
from kurikulum.handouts.document import Shared, allowed_folders, common_context, to_paper
from kurikulum.handouts.qr import qr_svg
from kurikulum.schedule import clock
from kurikulum.view.module import ModuleView, SectionView

TEMPLATE_NAME = "plan.html"


def plan_name(module_id: str, lang: str) -> str:
    return f"{module_id}-{lang}-rencana-a4.pdf"


def cards_name(module_id: str, lang: str) -> str:
    return f"{module_id}-{lang}-kartu-a4.pdf"


def plan_html(
    view: ModuleView, module_folder: Path, shared: Shared, env: jinja2.Environment
) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """The plan's HTML, the images it shows (name -> sha256, for the cache key) and the folders the renderer may read."""
    site_url = shared.settings.site_url
    files: dict[str, str] = {}

    def paper(html: str) -> Markup:
        return Markup(to_paper(html, view, site_url, files))  # rendered and sanitised by the module view

    def section(item: SectionView) -> SectionView:
        return SectionView(item.key, item.heading, paper(item.html))

    safety = view.section("safety")
    cards_address = None
    if view.cards:  # the cards are printed on their own: say where (the short address, as in the footer)
        site_path = f"{paths.module_downloads(view.id)}/{cards_name(view.id, view.lang)}"
        cards_address = f"{site_url}{site_path}".split("://", 1)[-1] if site_url else f"/{site_path}"
    context = {
        **common_context(view.lang, shared),
        "view": view,
        "panel": [section(s) for s in view.sections if s.key in PANEL_SECTIONS],
        "safety": section(safety) if safety else None,
        "rest": [section(s) for s in view.sections if s.key not in PANEL_SECTIONS and s.key != "safety"],
        "steps": [(step, paper(step.html)) for step in view.steps],
        "short_session": [(step, paper(step.html)) for step in view.short_session],
        "end": clock(view.duration),
        "cards_address": cards_address,
        "qr": Markup(qr_svg(view.trainer_address, f"QR: {view.trainer_address}")) if view.trainer_address else None,
    }
    html = env.get_template(TEMPLATE_NAME).render(**context)
    return html, files, allowed_folders(shared, module_folder)
