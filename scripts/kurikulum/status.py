"""Per-module status: translation state per language, review, age of the legal-basis check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kurikulum.model import Curriculum, Module
from kurikulum.translation import State, file_state, worst
from kurikulum.vocabulary import FILES, LANGUAGES, UI, human_date


@dataclass
class ModuleStatus:
    translation: dict[str, State]
    legal_check_age_days: int | None


def module_status(module: Module, today: datetime.date | None = None) -> ModuleStatus:
    today = today or datetime.date.today()
    states = {"id": State.SOURCE}
    for lang in LANGUAGES[1:]:
        per_file = []
        for kind in ("trainer", "handout"):
            texts = getattr(module, kind)
            source = module.folder / FILES[kind].format(lang="id")
            target = module.folder / FILES[kind].format(lang=lang)
            recorded = texts[lang].translated_from if lang in texts else None
            per_file.append(file_state(source, target, recorded))
        states[lang] = worst(per_file)
    checked = module.checked_on()
    return ModuleStatus(states, (today - checked).days if checked else None)


def status_table(curriculum: Curriculum, lang: str = "id") -> str:
    headers = {
        "id": ("modul", "en", "tinjauan", "dicek per", "umur (hari)"),
        "en": ("module", "en", "review", "checked on", "age (days)"),
    }[lang]
    rows = [headers]
    for module in curriculum.modules:
        status = module_status(module)
        checked = module.checked_on()
        review = module.review.status
        if module.review.is_reviewed:
            review += f" ({module.review.reviewer}, {module.review.date})"
        rows.append(
            (
                module.id,
                UI["state_" + status.translation["en"].value][lang],
                review,
                human_date(checked, lang) if checked else "-",
                str(status.legal_check_age_days) if status.legal_check_age_days is not None else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(headers))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)
