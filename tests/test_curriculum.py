"""The shipped curriculum: what a trainer relies on next week."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kurikulum.check import check
from kurikulum.check.rules import Level
from kurikulum.status import module_state
from kurikulum.translation import State

from .conftest import REPO

# Modules that teach law must cite it; every module in the starter curriculum does.
CONTENT_FILES = sorted(p for p in (REPO / "modules").rglob("*") if p.suffix in (".md", ".yml") and "_templat" not in p.parts)


@pytest.fixture(scope="module")
def checked():
    return check(REPO)


def test_no_errors_in_the_shipped_curriculum(checked):
    _, findings = checked
    assert [f for f in findings if f.severity is Level.ERROR] == []


def test_nineteen_modules_at_least_four_per_topic(checked):
    curriculum, _ = checked
    assert len(curriculum.modules) >= 19
    assert all(len(topic.modules) >= 4 for topic in curriculum.topics)


def test_every_module_has_a_fifteen_minute_session_and_sensitive_ones_a_safety_note(checked):
    curriculum, _ = checked
    for module in curriculum.modules:
        for lang in ("id", "en"):
            text = module.trainer[lang]
            assert sum(step.minutes for step in text.short_session) == 15, (module.id, lang)
            assert text.materials and len(text.materials) == len(module.trainer["id"].materials), (module.id, lang)
            if module.duration >= 140:
                assert any(step.is_break for step in text.steps), (module.id, lang)
        if module.sensitive:
            assert "safety" in module.trainer["id"].sections and "safety" in module.trainer["en"].sections, module.id


def test_every_module_is_teachable(checked):
    curriculum, _ = checked
    for module in curriculum.modules:
        for lang in ("id", "en"):
            text = module.trainer[lang]
            assert sum(step.minutes for step in text.steps) == module.duration, module.id
            objectives = [line for line in text.sections["objectives"].body.splitlines() if line.startswith("- ")]
            assert 2 <= len(objectives) <= 4, module.id
        assert 90 <= module.duration <= 150, module.id
        assert module.legal_basis, f"{module.id} cites no law"
        assert all(entry.checked for entry in module.legal_basis)
        assert module.help, f"{module.id} lists no help service"
        if module.sensitive:
            assert "safety" in module.trainer["id"].sections


def test_every_module_is_a_draft_until_reviewed(checked):
    curriculum, _ = checked
    assert all(not module.is_reviewed for module in curriculum.modules)


def test_english_translations_are_current(checked):
    curriculum, _ = checked
    assert {module.id: module_state(module, "en", "id") for module in curriculum.modules} == {
        module.id: State.CURRENT for module in curriculum.modules
    }


def test_glossary_has_eighty_terms_in_both_languages(checked):
    curriculum, _ = checked
    assert len(curriculum.terms) >= 80
    assert all(term.meaning.get("id") and term.meaning.get("en") for term in curriculum.terms.values())


OUTDATED = re.compile(r"\b(TKI|TKW|BNP2TKI|Kemenkumham)\b|UU\s*(?:No\.?\s*)?39\s*/\s*2004|Undang-Undang Nomor 39 Tahun 2004")
EXPLAINED = re.compile(
    r"\b(dulu|dahulu|lama|sebelumnya|diganti|menggantikan|bukan|dipecah|dicabut|tidak ada lagi|sudah tidak|"
    r"formerly|old|previously|replaced|not|split|repealed|no longer|history|sejarah)\b",
    re.IGNORECASE,
)


# Old names may stand as glossary synonyms, so a reader searching "TKI" finds "PMI".
@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_old_names_only_when_explained_as_old(path: Path):
    offending = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTDATED.search(line) and not EXPLAINED.search(line) and not line.lstrip().startswith("sinonim:")
    ]
    assert offending == []


def test_no_old_criminal_code_articles():
    pattern = re.compile(r"Pasal\s+\d+\s+KUHP(?!\s*(baru|\(UU 1/2023\)))", re.IGNORECASE)
    hits = [str(p) for p in CONTENT_FILES if pattern.search(p.read_text(encoding="utf-8"))]
    assert hits == []
