"""The checker: load the curriculum through the declared format, then run every rule.

:func:`check` returns the curriculum and every finding, sorted; structural problems are
found while loading (:mod:`kurikulum.loader`), the rest by the rules of
:mod:`kurikulum.check.curriculum` and :mod:`kurikulum.check.text`. Findings and the rule
table (:mod:`.findings`, :mod:`.rules`) import nothing heavy, so every module may use them.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kurikulum.check.findings import Finding
    from kurikulum.check.memo import CheckMemo
    from kurikulum.model import Curriculum


def check(root: Path, today: datetime.date | None = None, memo: CheckMemo | None = None) -> tuple[Curriculum, list[Finding]]:
    """Load and check the curriculum; with ``memo`` (kept by ``kurikulum serve``), unchanged modules are not read again."""
    from kurikulum.check.curriculum import CURRICULUM_RULES, Context
    from kurikulum.check.findings import Finding
    from kurikulum.check.memo import memo_loader, rules_key
    from kurikulum.loader import Loader
    from kurikulum.workers import default_workers, forked_map

    loader = Loader(root, today) if memo is None else memo_loader(root, today, memo)
    curriculum = loader.load()
    findings: list[Finding] = []
    context = Context(curriculum, root, loader.today, loader.documents)
    for rule in CURRICULUM_RULES:
        findings.extend(loader.guarded(root / "modules", lambda rule=rule: list(rule(context)), []))
    modules = [*curriculum.modules, *curriculum.unreadable]  # a broken modul.yml leaves its texts checked
    if memo is None:
        # Each module's rules on the machine's cores (forked: they read the curriculum as loaded here).
        jobs = [list(range(start, len(modules), CHUNKS)) for start in range(min(CHUNKS, len(modules)))]
        for chunk in forked_map(_ruled_chunk, jobs, default_workers(), (modules, context, loader)):
            for found, errors in chunk:
                findings.extend(found)
                loader.findings.extend(errors)
    else:
        shared = rules_key(memo, context)
        for module in modules:
            key = (memo.digest(module.folder), module.id, shared)
            if (hit := memo.ruled.get(module.folder)) is not None and hit[0] == key:
                findings.extend(hit[1])
                continue
            found, errors = _ruled(module, context, loader)
            if not errors:  # an internal error is never taken as settled
                memo.ruled[module.folder] = (key, found)
            findings.extend(found)
            loader.findings.extend(errors)
        memo.forget_missing()
    findings = [*loader.findings, *findings]  # the loader's, including any internal error a rule met
    unique = {(f.path, f.line, f.rule, repr(sorted(f.params.items()))): f for f in findings}
    return curriculum, sorted(unique.values(), key=Finding.sort_key)


CHUNKS = 16  #: the modules are checked in this many interleaved chunks, spread over the cores


def _ruled(module, context, loader) -> tuple[list[Finding], list[Finding]]:
    """One module's findings by every module rule, and the internal errors the rules met (taken off the loader's)."""
    from kurikulum.check.curriculum import MODULE_RULES

    found: list[Finding] = []
    errors_before = len(loader.findings)
    for rule in MODULE_RULES:
        found.extend(loader.guarded(module.folder, lambda rule=rule: list(rule(module, context)), []))
    errors = loader.findings[errors_before:]
    del loader.findings[errors_before:]
    return found, errors


def _ruled_chunk(numbers: list[int]) -> list[tuple[list[Finding], list[Finding]]]:
    from kurikulum.workers import shared

    modules, context, loader = shared()
    return [_ruled(modules[number], context, loader) for number in numbers]
