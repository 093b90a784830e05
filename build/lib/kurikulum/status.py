"""Per-module status: translation state per language, review, age of the legal-basis check."""

from __future__ import annotations

import datetime

from kurikulum.model import HandoutText, Module, TrainerText
from kurikulum.translation import State, worst

TEXT_KINDS = ("trainer", "handout")


def text_state(source: TrainerText | HandoutText | None, translation: TrainerText | HandoutText | None) -> State:
    """A translation is current while it records the fingerprint of the source text as loaded."""
    if translation is None:
        return State.MISSING
    if source is None or translation.translated_from != source.fingerprint:
        return State.STALE
    return State.CURRENT


def translation_states(module: Module, lang: str, default: str) -> dict[str, State]:
    """The state of each translated file of ``module`` in ``lang``: trainer plan and handout."""
    if lang == default:
        return {kind: State.SOURCE for kind in TEXT_KINDS}
    return {kind: text_state(getattr(module, kind).get(default), getattr(module, kind).get(lang)) for kind in TEXT_KINDS}


def module_state(module: Module, lang: str, default: str) -> State:
    """One word for a module in one language: source, current, stale or missing."""
    if lang == default:
        return State.SOURCE
    return worst(list(translation_states(module, lang, default).values()))


def checked_on(module: Module) -> datetime.date | None:
    """The oldest legal-basis check: what a page or a handout may honestly call 'checked on'."""
    dates = [entry.checked for entry in module.legal_basis]
    return min(dates) if dates else None
