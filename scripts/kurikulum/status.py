"""Per-module status: translation state per language, review, age of the legal-basis check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kurikulum.model import Curriculum, HandoutText, Module, TrainerText
from kurikulum.translation import State, worst
from kurikulum.vocabulary import LANGUAGES, UI, human_date

TEXT_KINDS = ("trainer", "handout")


@dataclass
class ModuleStatus:
    translation: dict[str, State]
    legal_check_age_days: int | None


def text_state(source: TrainerText | HandoutText | None, translation: TrainerText | HandoutText | None) -> State:
    """A translation is current while it records the fingerprint of the Indonesian text as loaded."""
    if translation is None:
        return State.MISSING
    if source is None or translation.translated_from != source.fingerprint:
        return State.STALE
    return State.CURRENT


def translation_states(module: Module, lang: str) -> dict[str, State]:
    """The state of each translated file of ``module`` in ``lang``: trainer plan and handout."""
    return {kind: text_state(getattr(module, kind).get("id"), getattr(module, kind).get(lang)) for kind in TEXT_KINDS}


def module_status(module: Module, today: datetime.date | None = None) -> ModuleStatus:
    today = today or datetime.date.today()
    states = {"id": State.SOURCE}
    for lang in LANGUAGES[1:]:
        states[lang] = worst(list(translation_states(module, lang).values()))
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
