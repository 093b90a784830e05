"""``kurikulum new``: a volunteer's first module."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kurikulum.check import check
from kurikulum.scaffold import ScaffoldError, new_module

from .conftest import TODAY


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "modules").rglob("*")):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_new_module_reports_only_what_the_volunteer_must_fill_in(good_root: Path):
    written = new_module(good_root, "hukum", "Hak atas informasi publik")
    assert sorted(p.name for p in written) == ["modul.yml", "pelatih.id.md", "peserta.id.md"]
    _, findings = check(good_root, today=TODAY)
    folder = "modules/hukum/hak-atas-informasi-publik"
    errors = [f for f in findings if f.severity == "error"]
    assert {f.path for f in errors} <= {f"{folder}/pelatih.id.md", f"{folder}/peserta.id.md"}
    assert {f.rule for f in errors} == {"required-field", "empty-section", "no-steps"}
    indonesian = [(f.line, f.rule, f.message("id")) for f in errors if f.path == f"{folder}/pelatih.id.md"]
    assert indonesian[0] == (3, "required-field", "Kolom wajib 'ringkasan' tidak ada.")
    assert (6, "empty-section", "Bagian '## Tujuan' kosong.") in indonesian
    # An untranslated new module is a warning only: the site shows the source text with a notice.
    assert {(f.path, f.rule) for f in findings if f.severity == "warning"} == {(folder, "missing-translation")}


def test_new_refuses_an_existing_module_and_changes_nothing(good_root: Path):
    new_module(good_root, "hukum", "Hak atas informasi publik")
    before = tree_hash(good_root)
    with pytest.raises(ScaffoldError, match="sudah ada"):
        new_module(good_root, "hukum", "Hak atas informasi publik")
    with pytest.raises(ScaffoldError, match="sudah ada"):
        new_module(good_root, "desa", "Judul lain", module_id="bantuan-hukum")
    assert tree_hash(good_root) == before


def test_new_refuses_an_unknown_topic(good_root: Path):
    with pytest.raises(ScaffoldError, match="hukum, desa"):
        new_module(good_root, "tidak-ada", "Judul")
