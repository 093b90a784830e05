"""The curriculum model on the small valid fixture."""

from __future__ import annotations

import re
from pathlib import Path

from kurikulum.check import check
from kurikulum.loader import Loader
from kurikulum.schedule import clock, timetable
from kurikulum.status import module_state
from kurikulum.translation import State, fingerprint

from .conftest import FIXTURES, TODAY


def load(root: Path = FIXTURES / "good"):
    curriculum, findings = check(root, today=TODAY)
    return curriculum, findings


def test_valid_fixture_has_no_findings():
    curriculum, findings = load()
    assert findings == []
    assert [topic.id for topic in curriculum.topics] == ["hukum", "desa"]
    assert [module.id for module in curriculum.modules] == ["bantuan-hukum", "musyawarah"]


def test_module_metadata_is_typed():
    curriculum, _ = load()
    module = curriculum.module("bantuan-hukum")
    assert (module.duration, module.audience, module.group_min, module.group_max) == (90, ["pkk", "p3a"], 10, 25)
    assert module.reviews == {} and module.review_state("hukum") == "none" and not module.is_reviewed
    [law] = module.legal_basis
    assert (law.key, law.article, law.checked.isoformat()) == ("UU 16/2011", "Pasal 1 angka 1", "2026-02-28")
    assert law.sources == ["https://peraturan.info/uu/2011/16"]
    assert module.terms == ["bantuan hukum", "OBH"]
    assert module.help == ["sapa-129"]


def test_steps_and_running_start_times():
    curriculum, _ = load()
    steps = curriculum.module("musyawarah").trainer["id"].steps
    assert [(start, step.title, step.minutes) for start, step in timetable(steps)] == [
        ("00:00", "Pembukaan", 15),
        ("00:15", "Diskusi kelompok", 45),
        ("01:00", "Rangkuman", 60),
    ]
    assert clock(125) == "02:05"


def test_both_languages_are_loaded():
    curriculum, _ = load()
    module = curriculum.module("musyawarah")
    assert module.trainer["id"].title == "Musyawarah desa"
    assert module.trainer["en"].title == "Village deliberation"
    assert "safety" in module.trainer["en"].sections


def test_translation_turns_stale_when_indonesian_changes(good_root: Path):
    curriculum, _ = load(good_root)
    module = curriculum.module("bantuan-hukum")
    assert (module_state(module, "id", "id"), module_state(module, "en", "id")) == (State.SOURCE, State.CURRENT)
    source = module.folder / "peserta.id.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nSatu paragraf baru.\n", encoding="utf-8")
    curriculum, findings = load(good_root)
    assert module_state(curriculum.module("bantuan-hukum"), "en", "id") is State.STALE
    assert [(f.path, f.rule) for f in findings] == [("modules/hukum/bantuan-hukum/peserta.en.md", "stale-translation")]


def test_missing_translation_is_reported_and_falls_back(good_root: Path):
    (good_root / "modules/hukum/bantuan-hukum/pelatih.en.md").unlink()
    curriculum, findings = load(good_root)
    module = curriculum.module("bantuan-hukum")
    assert module_state(module, "en", "id") is State.MISSING
    assert "en" not in module.trainer
    assert [f.rule for f in findings] == ["missing-translation"]


def test_fingerprint_ignores_line_endings_and_trailing_spaces():
    assert fingerprint("a  \r\nb\n") == fingerprint("a\nb")
    assert fingerprint("a\nb") != fingerprint("a\nc")


def test_loader_skips_folders_starting_with_underscore(good_root: Path):
    template = good_root / "modules/hukum/_draft"
    template.mkdir()
    (template / "modul.yml").write_text("this is: [not valid", encoding="utf-8")
    curriculum = Loader(good_root, TODAY).load()
    assert len(curriculum.modules) == 2


def test_allow_list_exempts_a_reviewed_value(good_root: Path):
    handout = good_root / "modules/hukum/bantuan-hukum/peserta.id.md"
    handout.write_text(handout.read_text(encoding="utf-8") + "\nKantor: 0274-555123.\n", encoding="utf-8")
    _, findings = load(good_root)
    assert [f.rule for f in findings if f.rule == "personal-data"] == ["personal-data"]
    (good_root / "modules/izin-data.yml").write_text(
        '- nilai: "0274-555123"\n  alasan: Nomor kantor layanan publik.\n  ditinjau_oleh: Pengulas\n  tanggal: 2026-03-01\n',
        encoding="utf-8",
    )
    _, findings = load(good_root)
    assert [f.rule for f in findings if f.rule == "personal-data"] == []


def test_nested_lists_are_reindented_for_python_markdown():
    from kurikulum.format.markdown_source import normalise_lists

    source = "Langkah:\n1. Satu:\n   - a\n   - b\n\n   Lanjutan.\n2. Dua\n  - c\n"
    assert normalise_lists(source) == "Langkah:\n\n1. Satu:\n    - a\n    - b\n\n    Lanjutan.\n\n2. Dua\n    - c\n"


def test_a_fingerprint_of_digits_is_not_a_phone_number(good_root: Path):
    translation = good_root / "modules/hukum/bantuan-hukum/pelatih.en.md"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(re.sub(r"terjemahan_dari: \w+", "terjemahan_dari: 077243180693", text), encoding="utf-8")
    _, findings = load(good_root)
    assert [f.rule for f in findings] == ["stale-translation"]
