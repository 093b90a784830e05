"""The agenda page's data: ``agenda/<lang>.js``, one small file per language, loaded by a plain ``<script>``.

The agenda page (``rujukan/agenda``) computes a workshop's plan in the browser, on the served
site and over file:// alike, from this file: every module as :func:`kurikulum.agenda.plan.module_data`
gives it (steps, materials, preparation and the handout run's page counts), the defaults of the
choice and the words the page shows. Only the agenda page loads it.
"""

from __future__ import annotations

import json
from pathlib import Path

from kurikulum import paths
from kurikulum.agenda.plan import DEFAULTS, MOST, module_data
from kurikulum.handouts.manifest import HandoutRun
from kurikulum.model import Curriculum
from kurikulum.view.module import ModuleView


def data_path(lang: str) -> str:
    """The data file of ``lang``, from the site root."""
    return f"{paths.AGENDA_DATA}/{lang}.js"


def agenda_data(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], run: HandoutRun | None, lang: str) -> dict:
    words = curriculum.settings.words(lang)
    return {
        "lang": lang,
        "defaults": DEFAULTS,
        "most": MOST,
        "modules": [module_data(views[module.id, lang], run) for module in curriculum.modules],
        "text": {
            **words.get("agenda"),
            "minutes_word": words.ui("minutes"),
            "modules_count": words.get("counts", "modules"),
            "months": words.get("months"),
        },
    }


def data_file(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"(window.KurikulumAgendaData = window.KurikulumAgendaData || {{}})[{json.dumps(data['lang'])}] = {payload};\n"


def write_agenda_data(
    site: Path, curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], run: HandoutRun | None
) -> dict[str, int]:
    """Write ``agenda/<lang>.js`` for every language; return their sizes in bytes."""
    sizes = {}
    for lang in curriculum.settings.languages:
        target = site / data_path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data_file(agenda_data(curriculum, views, run, lang)), encoding="utf-8")
        sizes[lang] = target.stat().st_size
    return sizes
