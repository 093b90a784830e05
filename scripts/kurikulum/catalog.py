"""``site/catalog.json``: the machine-readable contract described in docs/catalog.md.

Bump CATALOG_VERSION whenever a field is removed or changes meaning; adding a
field is backwards compatible and keeps the version.
"""

from __future__ import annotations

import json
from pathlib import Path

from kurikulum import paths
from kurikulum.handouts.packs import WHOLE
from kurikulum.model import Curriculum, Module
from kurikulum.schedule import timetable
from kurikulum.status import module_status
from kurikulum.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

CATALOG_VERSION = 1


def module_entry(module: Module, handouts: dict[str, list[dict[str, str]]]) -> dict[str, object]:
    status = module_status(module)
    source = module.trainer.get("id")
    return {
        "id": module.id,
        "topic": module.topic,
        "order": module.order,
        "title": {lang: module.title(lang) for lang in LANGUAGES},
        "summary": {lang: module.summary(lang) for lang in LANGUAGES},
        "duration_minutes": module.duration,
        "audience": module.audience,
        "group_size": {"min": module.group_min, "max": module.group_max},
        "sensitive": module.sensitive,
        "review": {
            "status": "reviewed" if module.review.is_reviewed else "draft",
            "reviewer": module.review.reviewer or None,
            "date": module.review.date.isoformat() if module.review.date else None,
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
                "source": entry.source,
            }
            for entry in module.legal_basis
        ],
        "checked_on": module.checked_on().isoformat() if module.checked_on() else None,
        "steps": [{"start": start, "minutes": step.minutes, "title": step.title} for start, step in timetable(source.steps)]
        if source
        else [],
        "terms": module.terms,
        "help": module.help,
        "pages": {
            lang: {
                "trainer": paths.site_file(paths.trainer_dir(module.id), lang),
                "participant": paths.site_file(paths.participant_dir(module.id), lang),
            }
            for lang in LANGUAGES
        },
        "handouts": {lang: handouts.get(lang, []) for lang in LANGUAGES},
        "translation": {lang: state.value for lang, state in status.translation.items()},
        "source": {
            "folder": module.folder.resolve().relative_to(module.folder.resolve().parents[2]).as_posix(),
        },
    }


def build_catalog(
    curriculum: Curriculum,
    handouts: dict[str, dict[str, list[dict]]] | None = None,
    packs: dict[str, dict[str, dict]] | None = None,
) -> dict[str, object]:
    handouts = handouts or {}
    packs = packs or {}
    return {
        "catalog_version": CATALOG_VERSION,
        "languages": list(LANGUAGES),
        "default_language": DEFAULT_LANGUAGE,
        "topics": [
            {
                "id": topic.id,
                "order": topic.order,
                "title": topic.title,
                "description": topic.description,
                "pages": {lang: paths.site_file(paths.topic_dir(topic.id), lang) for lang in LANGUAGES},
                "modules": [module.id for module in topic.modules],
                "print_pack": packs.get(topic.id, {}),
            }
            for topic in curriculum.topics
        ],
        "modules": [module_entry(module, handouts.get(module.id, {})) for module in curriculum.modules],
        "print_pack": packs.get(WHOLE, {}),
        "glossary": {
            "pages": {lang: paths.site_file(paths.REFERENCE_PAGES["glossary"], lang) for lang in LANGUAGES},
            "terms": len(curriculum.terms),
        },
    }


def write_catalog(catalog: dict[str, object], site_dir: Path) -> Path:
    target = site_dir / "catalog.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(catalog, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    target.write_text(text, encoding="utf-8")
    return target
