"""The mistakes a volunteer makes in her first module, each reported in her words: golden, in both languages.

Each case breaks one thing in a copy of a valid module (the YAML of ``modul.yml`` or of the
front matter, a handout section, a translation) and the report of that file is compared
with ``tests/golden/mistakes.<lang>.txt``: the line, the quoted line with its caret, the
message and the hint. No parser English may leak into it, and the rest of the module must
still be checked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kurikulum.check import check
from kurikulum.check.findings import Finding, format_finding
from kurikulum.language import words_for

from .conftest import FIXTURES, TODAY

GOLDEN = FIXTURES.parent / "golden"
MODULE = "modules/hukum/bantuan-hukum"

# name: (file, text to replace, replacement, the line the finding must point at, its rule)
MISTAKES = {
    "indentation": ("modul.yml", "  maks: 25", "   maks: 25", 34, "yaml-syntax"),
    "not indented": ("modul.yml", "  min: 10\n  maks: 25", "min: 10\nmaks: 25", 33, "not-indented"),
    "tab": ("modul.yml", "  maks: 25", "\tmaks: 25", 34, "yaml-syntax"),
    "missing colon": ("modul.yml", "durasi: 90", "durasi 90", 24, "yaml-syntax"),
    "unclosed double quote": ("modul.yml", "peserta: [pkk, p3a]", 'peserta: "pkk', 29, "yaml-syntax"),
    "unclosed single quote": ("modul.yml", "durasi: 90", "durasi: '90", 24, "yaml-syntax"),
    "unclosed bracket": ("modul.yml", "peserta: [pkk, p3a]", "peserta: [pkk, p3a", 29, "yaml-syntax"),
    "colon in a title": ("pelatih.id.md", "judul: Contoh modul untuk relawan", "judul: Contoh: modul", 3, "yaml-syntax"),
    "unclosed quote in a title": ("pelatih.id.md", "judul: Contoh modul", 'judul: "Contoh modul', 3, "yaml-syntax"),
    "front matter not closed": ("peserta.en.md", "---\n\n## Key", "\n## Key", 1, "front-matter"),
    "missing handout section": ("peserta.id.md", "## Apa yang bisa Anda lakukan\n", "", 14, "missing-section"),
    "missing first handout section": ("peserta.id.md", "## Pesan penting\n", "", 11, "missing-section"),
    "source pasted into the translation": ("peserta.en.md", None, None, 5, "wrong-language"),
}
PASTED = (
    "## Key messages\n\n- Setiap orang berhak atas bantuan hukum yang cuma-cuma bila tidak mampu membayar advokat.\n"
    "- Bantuan itu diberikan oleh organisasi bantuan hukum yang sudah diakui oleh pemerintah.\n\n"
    "## What you can do\n\n1. Catat apa yang terjadi dan simpan semua surat yang Anda terima.\n"
    "2. Hubungi layanan di bawah ini, atau minta paralegal di kalurahan untuk menemani Anda.\n"
)
# Parser wording that must never reach a volunteer.
PARSER_WORDS = ("mapping values", "could not find", "while scanning", "while parsing", "expected", "found", "token")


def broken(tmp_path: Path, name: str) -> tuple[Path, list[Finding]]:
    root = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", root)
    file, old, new, _, _ = MISTAKES[name]
    path = root / MODULE / file
    text = path.read_text(encoding="utf-8")
    if old is None:  # the Indonesian text pasted under the English headings, recorded as translated
        front = text.split("\n---\n", 1)[0] + "\n---\n\n"
        path.write_text(front + PASTED, encoding="utf-8")
    else:
        assert old in text, name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, found = check(root, today=TODAY)
    return path, found


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_mistake_is_one_finding_at_the_right_line_in_plain_words(name: str, tmp_path: Path):
    path, found = broken(tmp_path, name)
    file, _, _, line, rule = MISTAKES[name]
    mine = [f for f in found if f.path == f"{MODULE}/{file}"]
    assert [(f.line, f.rule) for f in mine][:1] == [(line, rule)], [format_finding(f, words_for("en", "id")) for f in mine]
    for lang in ("id", "en"):
        text = "\n".join(format_finding(f, words_for(lang, "id")) for f in mine)
        assert not [word for word in PARSER_WORDS if word in text], text
    if file == "modul.yml" and rule == "yaml-syntax":  # the texts are still checked: a mistake there still shows
        assert "hukum/bantuan-hukum" in {f.path.rsplit("/", 1)[0].removeprefix("modules/") for f in found}
    if not file.endswith(".en.md"):  # a mistake in her own files is no error in the translations
        assert {f.severity.value for f in found if f.path.endswith(".en.md")} <= {"warning"}


def test_a_broken_modul_yml_does_not_hide_a_mistake_in_the_texts(tmp_path: Path):
    root = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", root)
    meta = root / MODULE / "modul.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("durasi: 90", "durasi 90"), encoding="utf-8")
    handout = root / MODULE / "peserta.id.md"
    handout.write_text(handout.read_text(encoding="utf-8").replace("## Pesan penting\n", ""), encoding="utf-8")
    _, found = check(root, today=TODAY)
    assert {(f.path.rsplit("/", 1)[-1], f.rule) for f in found if f.path.startswith(MODULE) and f.severity.value == "error"} == {
        ("modul.yml", "yaml-syntax"),
        ("peserta.id.md", "missing-section"),
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_messages_are_the_golden_ones(lang: str, tmp_path: Path):
    """Every word a volunteer reads for each mistake: a change of wording shows in the diff of tests/golden/."""
    out = []
    for name in sorted(MISTAKES):
        path, found = broken(tmp_path / name.replace(" ", "-"), name)
        file = MISTAKES[name][0]
        out.append(f"## {name}")
        out += [format_finding(f, words_for(lang, "id")) for f in found if f.path == f"{MODULE}/{file}"]
        out.append("")
    text = "\n".join(out)
    golden = GOLDEN / f"mistakes.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"run UPDATE_GOLDEN=1 pytest {__file__} after checking the new wording"
