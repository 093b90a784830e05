"""``kurikulum reviewed MODULE --reviewer NAME --role hukum|isi [--date]``: record a review in ``modul.yml``.

The record holds the fingerprint of the source-language texts and the legal basis the reviewer
read. When that text changes, the module is "changed since review" everywhere (pages, handouts,
catalog.json, ``kurikulum status``) and ``make check`` warns, until the review is recorded again.
The rest of ``modul.yml`` (comments and layout) is kept as written.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from kurikulum.format.fields import MODULE_FILE, REVIEW_ROLES
from kurikulum.language import Words
from kurikulum.loader import Loader


def review_block(role: str, reviewer: str, date: datetime.date, fingerprint: str) -> list[str]:
    return [
        f"  {role}:",
        f"    peninjau: {json.dumps(reviewer, ensure_ascii=False)}",
        f"    tanggal: {date.isoformat()}",
        f"    sidik: {fingerprint}",
    ]


def with_review(text: str, block: list[str], role: str) -> str:
    """``modul.yml`` with the ``tinjauan.<role>`` record replaced by ``block`` (the section added when missing)."""
    lines = text.rstrip("\n").split("\n")
    if not any(line.startswith("tinjauan:") for line in lines):
        return "\n".join([*lines, "tinjauan:", *block]) + "\n"
    start = next(i for i, line in enumerate(lines) if line.startswith("tinjauan:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    section = [line for line in lines[start + 1 : end] if line.strip()]
    kept, skipping = [], False
    for line in section:
        if line.startswith("  ") and not line.startswith("   "):
            skipping = line.strip().startswith(f"{role}:")
        if not skipping:
            kept.append(line)
    return "\n".join([*lines[:start], "tinjauan:", *kept, *block, *lines[end:]]).rstrip("\n") + "\n"


def record_review(root: Path, module_id: str, reviewer: str, role: str, date: datetime.date | None, words: Words) -> int:
    if role not in REVIEW_ROLES or not reviewer.strip() or not module_id.strip():
        print(words.message("review_usage", roles=", ".join(REVIEW_ROLES)))
        return 2
    curriculum = Loader(root).load()
    module = next((m for m in curriculum.modules if m.id == module_id), None)
    if module is None:
        print(words.message("unknown_modules", modules=module_id))
        return 2
    date = date or datetime.date.today()
    path = module.folder / MODULE_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(with_review(text, review_block(role, reviewer.strip(), date, module.fingerprint), role), encoding="utf-8")
    print(
        words.message("review_recorded", file=path.relative_to(root), role=role, reviewer=reviewer.strip(), date=date.isoformat())
    )
    return 0
