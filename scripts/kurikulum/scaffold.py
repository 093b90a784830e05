"""``kurikulum new``: a new module with every field and section the volunteer must fill in.

The skeleton is generated from the format's declaration: ``modul.yml`` from the module
record (each field explained in comments), the Markdown files from the declared sections,
each with a hint in its language. Only the default language's files are written: a
translation is added when someone translates (until then the site shows the source text
with a notice, and the checker lists it as a warning).
"""

from __future__ import annotations

import json
from pathlib import Path

from kurikulum.format import fields
from kurikulum.format.docs import record_yaml
from kurikulum.format.kinds import SLUG
from kurikulum.language import Words
from kurikulum.loader import Loader
from kurikulum.model import slug


class ScaffoldError(Exception):
    pass


def trainer_skeleton(title: str, words: Words) -> str:
    lines = ["---", f"judul: {json.dumps(title, ensure_ascii=False)}", "ringkasan:", "---", ""]  # quoted: a title may hold ': '
    for spec in fields.TRAINER_SECTIONS:
        if spec.key in ("cards", "safety"):
            continue  # optional: the template module shows them
        lines += [f"## {words.section(spec.key)}", "", f"<!-- {words.get('section_hints', spec.key)} -->", ""]
    return "\n".join(lines)


def handout_skeleton(words: Words) -> str:
    lines = [f"<!-- {words.get('handout_hint')} -->", ""]
    for spec in fields.HANDOUT_SECTIONS:
        lines += [f"## {words.handout_section(spec.key)}", "", f"<!-- {words.get('handout_hints', spec.key)} -->", ""]
    return "\n".join(lines)


def new_module(root: Path, topic_id: str, title: str, module_id: str | None = None) -> list[Path]:
    """Write the files of a new module in the default language; refuse to touch anything that exists."""
    loader = Loader(root)
    curriculum = loader.load()
    settings = curriculum.settings
    words = settings.words(settings.languages.default)
    topics = {topic.id: topic for topic in curriculum.topics}
    if topic_id not in topics:
        raise ScaffoldError(words.message("unknown_topic", topic=topic_id, choices=", ".join(topics)))
    if module_id is not None and not SLUG.match(module_id):
        raise ScaffoldError(words.message("bad_module_id", module=module_id, suggestion=slug(module_id) or slug(title)))
    module_id = module_id or slug(title)
    if not module_id:
        raise ScaffoldError(words.message("empty_title"))
    folder = topics[topic_id].folder / module_id
    if folder.exists() or any(module.id == module_id for module in curriculum.modules):
        raise ScaffoldError(words.message("module_exists", module=module_id))
    order = max((module.order for module in topics[topic_id].modules), default=0) + 1
    values = {
        "id": module_id,
        "urutan": str(order),
        "durasi": "90",
        "peserta": "[umum]" if "umum" in settings.audiences else f"[{next(iter(settings.audiences), '')}]",
        "dasar_hukum": "[]",
        "istilah": "[]",
        "bantuan": "[]",
    }
    files = {
        fields.MODULE_FILE: record_yaml(fields.MODULE, [words], values, header=f"# {words.message('new_module_header')}"),
        fields.TRAINER_FILE.format(lang=words.code): trainer_skeleton(title, words),
        fields.HANDOUT_FILE.format(lang=words.code): handout_skeleton(words),
    }
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
