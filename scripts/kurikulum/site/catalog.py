"""``site/catalog.json``: the machine-readable contract described in CATALOG.md, from the module views.

Bump CATALOG_VERSION whenever a field is removed or changes meaning; adding a field is
backwards compatible and keeps the version.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from kurikulum import paths
from kurikulum.handouts.manifest import WHOLE, HandoutRun
from kurikulum.model import Curriculum, Module
from kurikulum.status import module_state
from kurikulum.view.module import ModuleView

CATALOG_VERSION = 2  # 2: the A4 page images (format "image") gave way to WhatsApp cards ("whatsapp-card")


def module_entry(
    module: Module, curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], run: HandoutRun | None
) -> dict:
    settings = curriculum.settings
    languages = settings.languages
    default = languages.default
    source = views[module.id, default]
    handouts = run.files.get(module.id, {}) if run else {}
    documents = run.documents.get(module.id, {}) if run else {}

    def document(kind: str) -> dict:
        """One printed document per language (only the languages that have it)."""
        return {lang: documents[lang][kind] for lang in languages if kind in documents.get(lang, {})}

    return {
        "id": module.id,
        "topic": module.topic,
        "order": module.order,
        "title": {lang: views[module.id, lang].title for lang in languages},
        "summary": {lang: views[module.id, lang].summary for lang in languages},
        "duration_minutes": module.duration,
        "audience": module.audience,
        "group_size": {"min": module.group_min, "max": module.group_max},
        "sensitive": module.sensitive,
        "review": {
            "status": source.status.state,
            "reviewer": module.reviews["hukum"].reviewer if "hukum" in module.reviews else None,
            "date": module.reviews["hukum"].date.isoformat() if "hukum" in module.reviews else None,
            **{
                role: {"reviewer": r.reviewer, "date": r.date.isoformat(), "current": module.review_state(role) == "current"}
                for role, r in sorted(module.reviews.items())
            },
        },
        "legal_basis": [
            {
                "citation": entry.key,
                "type": entry.kind,
                "number": entry.number,
                "year": entry.year,
                "title": entry.title,
                "article": entry.article or None,
                "checked": entry.checked.isoformat(),
                "source": "; ".join(entry.sources),
                "sources": entry.sources,
            }
            for entry in module.legal_basis
        ],
        "checked_on": source.checked_on.isoformat() if source.checked_on else None,
        "steps": [{"start": s.start, "minutes": s.minutes, "title": s.title, "break": s.is_break} for s in source.steps],
        "short_session": {
            lang: {
                "minutes": sum(s.minutes for s in views[module.id, lang].short_session),
                "steps": [
                    {"start": s.start, "minutes": s.minutes, "title": s.title} for s in views[module.id, lang].short_session
                ],
            }
            for lang in languages
            if views[module.id, lang].short_session
        },
        "terms": module.terms,
        "help": module.help,
        "pages": {
            lang: {
                "trainer": paths.site_file(paths.trainer_dir(module.id), lang, default),
                "participant": paths.site_file(paths.participant_dir(module.id), lang, default),
            }
            for lang in languages
        },
        "handouts": {lang: handouts.get(lang, []) for lang in languages},
        "trainer_plan": document("trainer-plan"),
        "activity_cards": document("activity-cards"),
        "discreet": document("discreet"),
        "translation": {lang: module_state(module, lang, default).value for lang in languages},
        "source": {"folder": module.folder.resolve().relative_to(settings.root).as_posix()},
    }


def build_catalog(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], run: HandoutRun | None) -> dict:
    settings = curriculum.settings
    languages = settings.languages
    default = languages.default
    packs = run.packs if run else {}
    plan_packs = run.plan_packs if run else {}
    return {
        "catalog_version": CATALOG_VERSION,
        "languages": list(languages),
        "default_language": default,
        "topics": [
            {
                "id": topic.id,
                "order": topic.order,
                "title": {lang: settings.text(topic.title, lang) for lang in languages},
                "description": {lang: settings.text(topic.description, lang) for lang in languages},
                "pages": {lang: paths.site_file(paths.topic_dir(topic.id), lang, default) for lang in languages},
                "modules": [module.id for module in topic.modules],
                "print_pack": packs.get(topic.id, {}),
                "trainer_plans": plan_packs.get(topic.id, {}),
            }
            for topic in curriculum.topics
        ],
        "modules": [module_entry(module, curriculum, views, run) for module in curriculum.modules],
        "print_pack": packs.get(WHOLE, {}),
        "glossary": {
            "pages": {lang: paths.site_file(paths.REFERENCE_PAGES["glossary"], lang, default) for lang in languages},
            "terms": len(curriculum.terms),
        },
    }


def catalog_text(catalog: dict, memo: dict[str, tuple[dict, str]] | None = None) -> str:
    """``catalog`` as indented JSON; with a ``memo``, each module's entry is written again only when it changed.

    The same text as one ``json.dumps``: an entry written alone is indented by the two levels it sits at.
    """
    if memo is None:
        return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
    entries = []
    for entry in catalog["modules"]:
        known = memo.get(entry["id"])
        if known is None or known[0] != entry:
            known = (entry, json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    "))
            memo[entry["id"]] = known
        entries.append(known[1])
    mark = secrets.token_hex(8)  # a placeholder no text from content can hold
    text = json.dumps({**catalog, "modules": [f"{mark}{number}" for number in range(len(entries))]}, ensure_ascii=False, indent=2)
    return re.sub(f'"{mark}(\\d+)"', lambda match: entries[int(match.group(1))], text) + "\n"


def write_catalog(catalog: dict, site_dir: Path, memo: dict[str, tuple[dict, str]] | None = None) -> Path:
    target = site_dir / "catalog.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(catalog_text(catalog, memo), encoding="utf-8")
    return target
