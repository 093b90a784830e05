"""``kurikulum build``: check, then build the whole site atomically.

The site is built into a temporary folder beside ``site/`` and swapped in only when
every step succeeded, so a failed build leaves the previous ``site/`` untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kurikulum.checks import check
from kurikulum.findings import has_errors, report


def mkdocs_build(root: Path, target: Path, extra_args: list[str] | None = None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target), *(extra_args or [])]
    return subprocess.run(command, cwd=root, env=env).returncode


def swap_in(built: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    built.rename(site)
    if old.exists():
        shutil.rmtree(old)


def build(root: Path, lang: str = "id", site_name: str = "site") -> int:
    curriculum, findings = check(root)
    if findings:
        print(report(findings, lang), file=sys.stderr)
    if has_errors(findings):
        print(
            {
                "id": "Situs tidak dibangun; site/ yang lama tidak diubah.",
                "en": "The site was not built; the old site/ is unchanged.",
            }[lang],
            file=sys.stderr,
        )
        return 1
    site = root / site_name
    staging = root / f"{site_name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    code = mkdocs_build(root, staging)
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            {"id": "MkDocs gagal; site/ yang lama tidak diubah.", "en": "MkDocs failed; the old site/ is unchanged."}[lang],
            file=sys.stderr,
        )
        return code
    swap_in(staging, site)
    print(
        {
            "id": f"Situs dibangun di {site_name}/ ({len(curriculum.modules)} modul).",
            "en": f"Site built in {site_name}/ ({len(curriculum.modules)} modules).",
        }[lang]
    )
    return 0
