"""The deliberately broken curriculum: every finding, in order, in both languages."""

from __future__ import annotations

import os

import pytest

from kurikulum.check import check
from kurikulum.check.findings import Finding, format_finding, has_errors, report
from kurikulum.language import words_for

from .conftest import FIXTURES, TODAY

GOLDEN = FIXTURES.parent / "golden"

EXPECTED = [
    ("modules/organisasi.yml", 12, "wrong-type"),  # situs without https://
    ("modules/organisasi.yml", 13, "missing-organisation-file"),  # the logo names a file that is not in docs/
    ("modules/organisasi.yml", 23, "bad-language"),
    ("modules/tanpa-topik", 1, "unknown-topic"),
    ("modules/topik-a/kolom-salah", 1, "missing-translation"),
    ("modules/topik-a/kolom-salah", 1, "missing-translation"),
    ("modules/topik-a/kolom-salah/modul.yml", 1, "required-field"),
    ("modules/topik-a/kolom-salah/modul.yml", 1, "wrong-type"),
    ("modules/topik-a/kolom-salah/modul.yml", 3, "bad-choice"),
    ("modules/topik-a/kolom-salah/modul.yml", 4, "out-of-range"),
    ("modules/topik-a/kolom-salah/modul.yml", 5, "wrong-type"),
    ("modules/topik-a/kolom-salah/modul.yml", 7, "required-field"),
    ("modules/topik-a/kolom-salah/modul.yml", 7, "required-field"),
    ("modules/topik-a/kolom-salah/modul.yml", 10, "legal-basis-old"),
    ("modules/topik-a/kolom-salah/modul.yml", 16, "unknown-term"),
    ("modules/topik-a/kolom-salah/modul.yml", 17, "unknown-help"),
    ("modules/topik-a/kolom-salah/modul.yml", 18, "unknown-field"),
    ("modules/topik-a/kolom-salah/modul.yml", 19, "duplicate-key"),
    ("modules/topik-a/relawan-baru/modul.yml", 6, "not-indented"),
    ("modules/topik-a/relawan-baru/modul.yml", 7, "not-indented"),
    ("modules/topik-a/relawan-baru/peserta.en.md", 5, "wrong-language"),
    ("modules/topik-a/relawan-baru/peserta.en.md", 13, "missing-section"),
    ("modules/topik-a/relawan-baru/peserta.en.md", 13, "missing-section"),
    ("modules/topik-a/teks-salah", 1, "missing-translation"),
    ("modules/topik-a/teks-salah/modul.yml", 10, "review-outdated"),
    ("modules/topik-a/teks-salah/pelatih.en.md", 4, "stale-translation"),
    ("modules/topik-a/teks-salah/pelatih.en.md", 12, "steps-mismatch"),
    ("modules/topik-a/teks-salah/pelatih.en.md", 22, "steps-mismatch"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 6, "objectives-count"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 14, "empty-section"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 18, "placeholder"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 20, "unknown-section"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 24, "minutes-sum"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 28, "unsafe-markup"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 30, "step-minutes"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 37, "outdated-term"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 47, "missing-section"),
    ("modules/topik-a/teks-salah/pelatih.id.md", 47, "safety-note"),
    ("modules/topik-a/teks-salah/peserta.id.md", 3, "placeholder"),
    ("modules/topik-a/teks-salah/peserta.id.md", 5, "unsafe-markup"),
    ("modules/topik-a/teks-salah/peserta.id.md", 9, "personal-data"),
    ("modules/topik-a/teks-salah/peserta.id.md", 9, "personal-data"),
    ("modules/topik-a/teks-salah/peserta.id.md", 11, "personal-data"),
    ("modules/topik-a/teks-salah/peserta.id.md", 11, "personal-data"),
    ("modules/topik-a/teks-salah/peserta.id.md", 15, "image-alt"),
    ("modules/topik-a/teks-salah/peserta.id.md", 16, "image-missing"),
    ("modules/topik-a/teks-salah/peserta.id.md", 17, "image-size"),
    ("modules/topik-a/teks-salah/peserta.id.md", 18, "unsafe-markup"),
    ("modules/topik-a/teks-salah/peserta.id.md", 19, "broken-link"),
    ("modules/topik-a/teks-salah/peserta.id.md", 19, "broken-link"),
    ("modules/topik-a/yaml-rusak", 1, "missing-translation"),
    ("modules/topik-a/yaml-rusak", 1, "missing-translation"),
    ("modules/topik-a/yaml-rusak/modul.yml", 3, "yaml-syntax"),
    ("modules/topik-a/yaml-rusak/peserta.id.md", 5, "missing-section"),
    ("modules/topik-b/berkas-folder", 1, "missing-file"),
    ("modules/topik-b/berkas-folder", 1, "missing-file"),
    ("modules/topik-b/berkas-folder/modul.yml", 1, "not-a-file"),
    ("modules/topik-b/daftar", 1, "missing-file"),
    ("modules/topik-b/daftar", 1, "missing-file"),
    ("modules/topik-b/daftar/modul.yml", 1, "not-a-mapping"),
    ("modules/topik-b/dobel", 1, "missing-translation"),
    ("modules/topik-b/dobel", 1, "missing-translation"),
    ("modules/topik-b/dobel/pelatih.id.md", 15, "duplicate-section"),
    ("modules/topik-b/dobel/pelatih.id.md", 23, "no-steps"),
    ("modules/topik-b/istilah.yml", 1, "not-a-list"),
    ("modules/topik-b/kembar", 1, "missing-translation"),
    ("modules/topik-b/kembar/modul.yml", 1, "duplicate-id"),
    ("modules/topik-b/kembar/modul.yml", 1, "folder-name"),
    ("modules/topik-b/kembar/pelatih.id.md", 1, "front-matter"),
    ("modules/topik-b/kembar/peserta.id.md", 3, "missing-section"),
    ("modules/topik-b/kembar/peserta.id.md", 3, "missing-section"),
    ("modules/topik-b/lain-lain", 1, "missing-translation"),
    ("modules/topik-b/lain-lain/modul.yml", 11, "bad-date"),
    ("modules/topik-b/lain-lain/pelatih.en.md", 3, "not-utf8"),
    ("modules/topik-b/lain-lain/pelatih.id.md", 14, "materials-item"),
    ("modules/topik-b/lain-lain/pelatih.id.md", 20, "break-missing"),
    ("modules/topik-b/lain-lain/pelatih.id.md", 38, "short-session-minutes"),
    ("modules/topik-b/lain-lain/peserta.id.md", 5, "outside-module"),
    ("modules/topik-b/tanpa-berkas", 1, "missing-file"),
    ("modules/topik-b/tanpa-berkas", 1, "missing-file"),
]


def findings() -> list[Finding]:
    _, found = check(FIXTURES / "broken", today=TODAY)
    return found


def test_every_expected_finding_and_nothing_else():
    assert [(f.path, f.line, f.rule) for f in findings()] == EXPECTED


def test_broken_curriculum_has_errors():
    assert has_errors(findings())


def by_rule(rule: str) -> Finding:
    return next(f for f in findings() if f.rule == rule)


def test_minutes_message_in_both_languages():
    finding = by_rule("minutes-sum")
    assert finding.message("id") == "Jumlah menit semua langkah adalah 45, tetapi durasi di modul.yml 90 menit."
    assert finding.message("en") == "The steps add up to 45 minutes, but the duration in modul.yml is 90 minutes."


def test_unknown_field_suggests_and_lists_known_fields():
    finding = by_rule("unknown-field")
    assert finding.message("id") == "Kolom 'kategori' tidak dikenal."
    assert finding.hint("en").startswith("Did you mean '")
    assert "dasar_hukum" in finding.hint("en")


def test_yaml_syntax_names_the_problem_in_the_volunteers_words():
    finding = by_rule("yaml-syntax")
    assert (
        finding.message("id") == "YAML tidak dapat dibaca: tanda kurung siku '[' dibuka di sini tetapi tidak ditutup dengan ']'."
    )
    assert finding.message("en") == "The YAML cannot be read: a square bracket '[' is opened here but never closed with ']'."
    # the line where the bracket opens (the parser only notices at the end of the file), shown with a caret
    assert (finding.line, finding.excerpt.render()) == (3, ["    3 | durasi: [90", "      |         ^"])


def test_a_broken_modul_yml_leaves_the_rest_of_the_module_checked():
    rules = [(f.path, f.line, f.rule) for f in findings() if "/yaml-rusak/" in f.path]
    assert ("modules/topik-a/yaml-rusak/peserta.id.md", 5, "missing-section") in rules


def test_a_missing_handout_section_is_reported_after_the_previous_one():
    finding = next(f for f in findings() if f.rule == "missing-section" and "/yaml-rusak/" in f.path)
    assert finding.hint("id") == (
        "Tambahkan judul '## Apa yang bisa Anda lakukan' dan isinya di sini, setelah bagian '## Pesan penting'. "
        "Urutan bagian: Pesan penting, Apa yang bisa Anda lakukan."
    )


def test_a_field_written_without_indentation_is_said_so_once():
    found = [(f.line, f.message("en")) for f in findings() if "/relawan-baru/modul.yml" in f.path]
    assert found == [
        (6, "The field 'min' seems to belong to 'ukuran_kelompok' above it, but it is not indented."),
        (7, "The field 'maks' seems to belong to 'ukuran_kelompok' above it, but it is not indented."),
    ]


def test_source_text_pasted_into_a_translation_is_a_warning_naming_the_file():
    finding = by_rule("wrong-language")
    assert (finding.path, finding.line, finding.severity.value) == ("modules/topik-a/relawan-baru/peserta.en.md", 5, "warning")
    assert finding.message("id").startswith("Teks berkas ini tampaknya ditulis dalam Bahasa Indonesia, bukan English: ")


def test_unknown_term_suggests_the_close_spelling():
    assert by_rule("unknown-term").hint("id") == ("Tambahkan ke istilah.yml di folder topik, atau perbaiki ejaannya ('OBH'?).")


def test_steps_mismatch_names_the_step():
    messages = {f.line: f.message("id") for f in findings() if f.rule == "steps-mismatch"}
    assert messages[22] == "Langkah terjemahan tidak cocok dengan teks sumber: langkah 1 20 menit, teks sumber 15 menit."
    assert messages[12].endswith(": 1 butir bahan, teks sumber 0 (atau jumlah dan dasar hitungannya berbeda).")


def test_a_missing_section_is_reported_where_it_belongs_with_the_order():
    finding = next(f for f in findings() if f.rule == "missing-section" and f.path.endswith("teks-salah/pelatih.id.md"))
    assert finding.line == 47  # the heading after '## Pertanyaan refleksi', the section before it
    assert finding.hint("en").endswith(  # the headings of the file's own language
        "The order of sections: Tujuan, Bahan, Persiapan, Langkah-langkah, Pesan kunci, Pertanyaan refleksi, Tips fasilitator, "
        "Catatan keamanan, Sesi singkat 15 menit."
    )


def test_an_impossible_date_is_a_finding_not_a_crash():
    assert by_rule("bad-date").message("id") == "'dasar_hukum[1].dicek' bernilai 2026-02-30, padahal tanggal itu tidak ada."


def test_every_rule_is_broken_somewhere():
    from kurikulum.check.rules import RULES

    elsewhere = {
        "handout-pages",  # needs rendering: tests/test_handouts.py breaks it
        "unreadable-file",  # as root every file is readable: tests/test_hostile.py breaks it
        "file-too-large",  # a megabyte of fixture: tests/test_hostile.py makes one
        "internal-error",  # a fault of the tool: tests/test_hostile.py provokes one
    }
    assert {rule for _, _, rule in EXPECTED} == set(RULES) - elsewhere


def test_every_finding_renders_in_both_languages_with_a_guide_link():
    for finding in findings():
        for lang in ("id", "en"):
            text = format_finding(finding, words_for(lang, "id"))
            assert text.startswith(f"{finding.path}:{finding.line}: [{finding.rule}] ")
            assert f"(CONTRIBUTING.md#{finding.rule})" in text
            assert "{" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_whole_report_is_the_golden_one(lang: str):
    """Every word of the report, in both languages: a change of wording shows in the diff of tests/golden/."""
    golden = GOLDEN / f"report.{lang}.txt"
    text = report(findings(), words_for(lang, "id")) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"run UPDATE_GOLDEN=1 pytest {__file__} after checking the new wording"


def test_errors_come_before_warnings_and_the_report_ends_with_a_summary():
    lines = report(findings(), words_for("id", "id")).splitlines()
    levels = [line.split("] ", 1)[1].split(":", 1)[0] for line in lines if line.startswith("modules/")]
    assert levels == sorted(levels, key=lambda level: level != "galat")
    assert lines[-1] == "66 galat, 14 peringatan."


def test_personal_data_messages_name_the_kind():
    messages = [f.message("en") for f in findings() if f.rule == "personal-data"]
    assert messages == [
        "Possible personal data: ID number (NIK) '3401234567890123'.",
        "Possible personal data: phone number '0812-3456-7890'.",
        "Possible personal data: e-mail address 'sari.contoh@example.com'.",
        "Possible personal data: passport number 'A1234567'.",
    ]


def test_help_directory_numbers_are_not_personal_data():
    assert not [f for f in findings() if f.rule == "personal-data" and "129" in f.message("en")]
