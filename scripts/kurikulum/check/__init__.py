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
    from kurikulum.check.curriculum import CURRICULUM_RULES, MODULE_RULES, Context
    from kurikulum.check.findings import Finding
    from kurikulum.check.memo import memo_loader, rules_key
    from kurikulum.loader import Loader

    loader = Loader(root, today) if memo is None else memo_loader(root, today, memo)
    curriculum = loader.load()
    findings: list[Finding] = []
    context = Context(curriculum, root, loader.today, loader.documents)
    for rule in CURRICULUM_RULES:
        findings.extend(loader.guarded(root / "modules", lambda rule=rule: list(rule(context)), []))
    shared = rules_key(memo, context) if memo is not None else None
    for module in [*curriculum.modules, *curriculum.unreadable]:  # a broken modul.yml leaves its texts checked
        key = (memo.digest(module.folder), module.id, shared) if memo is not None else None
        if memo is not None and (hit := memo.ruled.get(module.folder)) is not None and hit[0] == key:
            findings.extend(hit[1])
            continue
        found: list[Finding] = []
        errors_before = len(loader.findings)
        for rule in MODULE_RULES:
            found.extend(loader.guarded(module.folder, lambda rule=rule, module=module: list(rule(module, context)), []))
        if memo is not None and len(loader.findings) == errors_before:  # an internal error is never taken as settled
            memo.ruled[module.folder] = (key, found)
        findings.extend(found)
    if memo is not None:
        memo.forget_missing()
    findings = [*loader.findings, *findings]  # the loader's, including any internal error a rule met
    unique = {(f.path, f.line, f.rule, repr(sorted(f.params.items()))): f for f in findings}
    return curriculum, sorted(unique.values(), key=Finding.sort_key)
