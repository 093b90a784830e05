"""``kurikulum build``: check, then build the whole site atomically.

The site is built into a temporary folder beside ``site/`` and swapped in only when
every step succeeded, so a failed build leaves the previous ``site/`` untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from kurikulum.checks import check
from kurikulum.findings import Finding, has_errors, report
from kurikulum.handouts.revision import source_revision
from kurikulum.model import Curriculum

OFFLINE_ZIP = "ruang-hak-offline.zip"
# Tells the MkDocs hook that the content was checked just before, so it only loads it.
CHECKED_ENV = "RUANG_HAK_CHECKED"


def mkdocs_build(root: Path, target: Path, offline: bool = False, extra_args: list[str] | None = None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RUANG_HAK_DIRECTORY_URLS": "false" if offline else "true", CHECKED_ENV: "1"}
    # Sitemap dates and gzip headers come from the commit time, so two builds of a commit are identical.
    env.setdefault("SOURCE_DATE_EPOCH", str(source_revision(root).epoch))
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


def build(root: Path, lang: str = "id", offline: bool = False, workers: int | None = None, handouts: bool = True) -> int:
    curriculum, findings = check(root)
    if handouts and not has_errors(findings):
        handout_findings = render_handouts(curriculum, root, lang, workers)
        if handout_findings is None:
            return 1
        findings = sorted([*findings, *handout_findings], key=Finding.sort_key)
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
    site_name = "site-offline" if offline else "site"
    site = root / site_name
    staging = root / f"{site_name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    code = mkdocs_build(root, staging, offline)
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            {"id": "MkDocs gagal; site/ yang lama tidak diubah.", "en": "MkDocs failed; the old site/ is unchanged."}[lang],
            file=sys.stderr,
        )
        return code
    swap_in(staging, site)
    if offline:
        size = write_zip(site, root / OFFLINE_ZIP)
        print(
            {
                "id": f"Kit luring: {OFFLINE_ZIP} ({size / 1e6:.1f} MB).",
                "en": f"Offline kit: {OFFLINE_ZIP} ({size / 1e6:.1f} MB).",
            }[lang]
        )
    print(
        {
            "id": f"Situs dibangun di {site_name}/ ({len(curriculum.modules)} modul).",
            "en": f"Site built in {site_name}/ ({len(curriculum.modules)} modules).",
        }[lang]
    )
    return 0


def render_handouts(curriculum: Curriculum, root: Path, lang: str, workers: int | None = None) -> list[Finding] | None:
    """Render the handouts into .cache/handouts (the MkDocs hook publishes them); None when they cannot be made."""
    from kurikulum.handouts import RendererMissing, render_all

    try:
        run = render_all(curriculum, root, workers=workers)
    except (RendererMissing, RuntimeError) as error:  # RuntimeError names the module a render failed on
        print(error, file=sys.stderr)
        return None
    print(run.summary(lang))
    return run.findings


def write_zip(site: Path, target: Path) -> int:
    """Zip the offline site under one folder, byte-identical for identical input."""
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"ruang-hak/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    temporary.replace(target)
    return target.stat().st_size
