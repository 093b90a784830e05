"""Integration: build the real site from a copy of the repository and look at what a reader gets."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape as html_escape
from pypdf import PdfReader

from .conftest import copy_repo, kurikulum

LOADS = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\"[^>]*>", re.IGNORECASE
)


@pytest.fixture(scope="module")
def catalog(built: Path) -> dict:
    return json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))


def html_lang(path: Path) -> str:
    match = re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8"))
    assert match, path
    return match.group(1)


def test_home_pages_in_both_languages(built: Path):
    assert html_lang(built / "site/index.html") == "id"
    assert html_lang(built / "site/en/index.html") == "en"


def test_catalog_matches_modules_folder(built: Path, catalog: dict):
    on_disk = sorted(p.parent.name for p in (built / "modules").glob("[!_]*/[!_]*/modul.yml"))
    assert sorted(module["id"] for module in catalog["modules"]) == on_disk
    topics = sorted(p.parent.name for p in (built / "modules").glob("[!_]*/topik.yml"))
    assert sorted(topic["id"] for topic in catalog["topics"]) == topics
    assert catalog["catalog_version"] == 2
    assert len(catalog["modules"]) >= 4 and len(catalog["topics"]) == 4


def test_every_module_has_both_pages_in_both_languages(built: Path, catalog: dict):
    for module in catalog["modules"]:
        for lang in ("id", "en"):
            for kind in ("trainer", "participant"):
                page = built / "site" / module["pages"][lang][kind]
                assert page.exists(), page
                assert html_lang(page) == lang
                assert module["title"][lang] in page.read_text(encoding="utf-8")


def test_the_catalog_lists_the_curriculum_with_a_short_session_everywhere(built: Path, catalog: dict):
    """Issue 16: at least 19 modules, 4 per topic, both languages current, pages, handouts, a 15-minute session."""
    assert len(catalog["modules"]) >= 19
    for topic in catalog["topics"]:
        assert sum(1 for m in catalog["modules"] if m["topic"] == topic["id"]) >= 4, topic["id"]
    for module in catalog["modules"]:
        assert module["translation"] == {"id": "source", "en": "current"}, module["id"]
        for lang in ("id", "en"):
            assert module["handouts"][lang], (module["id"], lang)
            short = module["short_session"][lang]
            assert short["minutes"] == 15 == sum(step["minutes"] for step in short["steps"]), (module["id"], lang)
            trainer = (built / "site" / module["pages"][lang]["trainer"]).read_text(encoding="utf-8")
            for step in short["steps"]:
                assert html_escape(step["title"]) in trainer, (module["id"], lang, step["title"])


def test_trainer_page_shows_the_computed_schedule(built: Path, catalog: dict):
    for module in catalog["modules"]:
        html = (built / "site" / module["pages"]["id"]["trainer"]).read_text(encoding="utf-8")
        starts = [step["start"] for step in module["steps"]]
        assert starts[0] == "00:00"
        assert sum(step["minutes"] for step in module["steps"]) == module["duration_minutes"]
        for number, step in enumerate((s for s in module["steps"] if not s["break"]), 1):
            assert f">{step['start']} · Langkah {number} · " in html
        assert "DRAF" in html


def test_edit_links_point_at_module_sources(built: Path, catalog: dict):
    module = catalog["modules"][0]
    html = (built / "site" / module["pages"]["en"]["participant"]).read_text(encoding="utf-8")
    assert f"/edit/main/{module['source']['folder']}/peserta.en.md" in html
    home = (built / "site/en/index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/index.en.md" in home


def test_no_page_loads_anything_from_another_host(built: Path):
    offenders = []
    for page in (built / "site").rglob("*.html"):
        for match in LOADS.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            url = match.group(1) or match.group(2)
            if match.group(2) and not re.search(r'rel="(stylesheet|preload|icon|modulepreload|prefetch|manifest)"', tag):
                continue  # canonical and alternate links are not requests
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page}: {url}")
    for sheet in (built / "site").rglob("*.css"):
        for url in re.findall(r"url\(['\"]?((?:https?:)?//[^)'\"]+)", sheet.read_text(encoding="utf-8")):
            offenders.append(f"{sheet}: {url}")
    assert offenders == []


def test_language_switcher_points_at_the_same_page(built: Path, catalog: dict):
    module = catalog["modules"][0]
    html = (built / "site" / module["pages"]["id"]["trainer"]).read_text(encoding="utf-8")
    assert re.search(rf'href="[./]*en/modul/{module["id"]}/" hreflang="en"', html)


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("yaml", ": [yaml-syntax] galat: YAML tidak dapat dibaca"),
        ("field", ": [required-field] galat: Kolom wajib 'durasi' tidak ada."),
        ("minutes", ": [minutes-sum] galat: Jumlah menit semua langkah"),
    ],
)
def test_broken_module_fails_build_and_keeps_old_site(built: Path, breakage: str, expected: str, tmp_path: Path):
    root = copy_repo(tmp_path / "repo")
    shutil.copytree(built / "site", root / "site")
    before = snapshot(root / "site")
    meta = next((root / "modules").glob("[!_]*/[!_]*/modul.yml"))
    text = meta.read_text(encoding="utf-8")
    if breakage == "yaml":
        meta.write_text(text.replace("durasi:", "durasi: [", 1), encoding="utf-8")
    elif breakage == "field":
        meta.write_text(re.sub(r"(?m)^durasi:.*\n", "", text), encoding="utf-8")
    else:
        meta.write_text(re.sub(r"(?m)^durasi: *(\d+)", lambda m: f"durasi: {int(m.group(1)) + 5}", text), encoding="utf-8")
    for command in ("check", "build"):
        result = kurikulum(root, command)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output
        assert re.search(rf"modules/[^:]+:\d+{re.escape(expected)}", output), output
    assert snapshot(root / "site") == before


def test_changed_indonesian_paragraph_marks_english_stale_everywhere(built: Path, tmp_path: Path):
    root = copy_repo(tmp_path / "repo")
    shutil.copytree(built / ".cache", root / ".cache")  # reuse rendered handouts; only the changed ones re-render
    catalog = json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))
    module = next(m for m in catalog["modules"] if m["id"] == "gender-mengenal")  # room on its sheet for the notice
    source = root / module["source"]["folder"] / "peserta.id.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nSatu paragraf baru untuk peserta.\n", encoding="utf-8")
    status = kurikulum(root, "status")
    assert re.search(rf"^{module['id']}\s+usang", status.stdout, re.MULTILINE), status.stdout
    result = kurikulum(root, "build")
    assert result.returncode == 0, result.stderr
    rebuilt = json.loads((root / "site/catalog.json").read_text(encoding="utf-8"))
    assert next(m for m in rebuilt["modules"] if m["id"] == module["id"])["translation"]["en"] == "stale"
    english = (root / "site" / module["pages"]["en"]["participant"]).read_text(encoding="utf-8")
    assert "This translation may be out of date" in english
    assert "[stale-translation]" in result.stderr
    handout = next(
        f for f in next(m for m in rebuilt["modules"] if m["id"] == module["id"])["handouts"]["en"] if f["format"] == "a4"
    )
    text = " ".join(page.extract_text() for page in PdfReader(root / "site" / handout["path"]).pages)
    assert "may be out of date" in " ".join(text.split())


def test_two_clean_builds_of_one_commit_are_identical(built: Path, tmp_path: Path):
    root = copy_repo(tmp_path / "repo")  # no .cache: handouts are rendered again from scratch
    result = kurikulum(root, "build")
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "site") == snapshot(built / "site")


def read_index(site: Path, lang: str) -> dict:
    text = (site / "search" / f"{lang}.js").read_text(encoding="utf-8")
    return json.loads(text.split("] = ", 1)[1].rstrip().rstrip(";"))


def test_each_language_has_its_own_search_index(built: Path, catalog: dict):
    indonesian, english = read_index(built / "site", "id"), read_index(built / "site", "en")
    assert all(not doc[0].startswith("en/") for doc in indonesian["docs"])
    assert all(doc[0].startswith("en/") for doc in english["docs"])
    module_pages = {m["pages"]["id"]["trainer"] for m in catalog["modules"]}
    assert module_pages <= {doc[0] for doc in indonesian["docs"]}
    assert not (built / "site/search/search_index.json").exists()  # Material's two-language index is not shipped
    assert ["badan penyelenggara jaminan sosial", "bpjs"] in indonesian["synonyms"]
    assert "yang" in indonesian["stopWords"]


def test_a_bom_and_crlf_in_every_content_file_change_nothing(tmp_path: Path):
    """Careless but honest input: a UTF-8 byte-order mark and Windows line ends in every file of the curriculum."""
    from site_tools import copy_repository

    plain = copy_repository(tmp_path / "plain")
    careless = copy_repository(tmp_path / "careless")
    converted = 0
    for path in sorted((careless / "modules").rglob("*")) + sorted((careless / "docs").rglob("*")):
        if path.suffix in (".md", ".yml"):
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
            converted += 1
    assert converted > 100
    for root in (plain, careless):
        result = kurikulum(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(careless / "site") == snapshot(plain / "site")
