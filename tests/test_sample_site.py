"""A tiny sample site drives the engine adapter, in the style of mkdocs-static-i18n's tests.

``tests/fixtures/site``: two topics, three modules, three languages (id, en, jv) with one
module translated into Javanese. It is built (without handouts) into a temporary folder and
what a reader gets is compared with its control, ``tests/golden/sample-site.json``
(``UPDATE_GOLDEN=1`` writes it again after a deliberate change). The same site built with
ProperDocs must be the same, file for file, but the generator tag.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kurikulum.check import check
from kurikulum.paths import OFFLINE_FILES, SERVICE_WORKER
from kurikulum.site.bundle import bundle
from kurikulum.site.pages import home_cards

from .conftest import FIXTURES, REPO

CONTROL = FIXTURES.parent / "golden" / "sample-site.json"
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def make_sample(target: Path) -> Path:
    shutil.copytree(FIXTURES / "site", target)
    shutil.copytree(REPO / "overrides", target / "overrides")
    return target


def build(root: Path, *args: str, workers: int | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kurikulum", "--root", str(root), "build", "--no-handouts", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1772265600"}
    if workers is not None:
        env["KURIKULUM_WORKERS"] = str(workers)
    return subprocess.run(command, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_sample(tmp_path_factory.mktemp("sample") / "site-repo")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def first(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def summary(site: Path) -> dict[str, dict[str, object]]:
    """What a reader gets from each page: language, title, heading, navigation, notice, language links."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        if path.startswith("assets/"):
            continue
        text = page.read_text(encoding="utf-8")
        pages[path] = {
            "lang": first(r'<html lang="([^"]+)"', text),
            "title": first(r"<title>(.*?)</title>", text),
            "h1": first(r"<h1[^>]*>(.*?)</h1>", text),
            "nav": [
                first(r'<span class="md-ellipsis">(.*?)</span>', item)
                for item in re.findall(r'<li class="md-nav__item[^"]*">\s*(.*?)</li>', first_nav(text), re.DOTALL)
            ][:6],
            "notice": first(r'<div class="rh-notice"[^>]*>.*?<p>(.*?)</p>\s*</div>', text),
            "languages": sorted(set(re.findall(r'hreflang="([a-z]+)"', text))),
        }
    return pages


def first_nav(text: str) -> str:
    start = text.find('<nav class="md-nav md-nav--primary"')
    return text[start : text.find("</nav>", start)] if start >= 0 else ""


def test_the_built_site_matches_its_control(sample: Path):
    found = summary(sample / "site")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        CONTROL.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(CONTROL.read_text(encoding="utf-8")), "run UPDATE_GOLDEN=1 after checking the change"


def test_every_language_has_every_page(sample: Path):
    site = sample / "site"
    for module in ("bantuan-hukum", "hak-informasi", "musyawarah"):
        for prefix in ("", "en/", "jv/"):
            for page in (f"modul/{module}/index.html", f"modul/{module}/peserta/index.html"):
                text = (site / prefix / page).read_text(encoding="utf-8")
                assert f'<html lang="{prefix.strip("/") or "id"}"' in text, prefix + page


def test_untranslated_pages_say_so_and_the_translated_one_does_not(sample: Path):
    site = sample / "site"
    missing = (site / "jv/modul/hak-informasi/index.html").read_text(encoding="utf-8")
    assert "Kaca iki durung diterjemahake menyang Basa Jawa. Ing ngisor iki teks Bahasa Indonesia." in missing
    translated = (site / "jv/modul/bantuan-hukum/index.html").read_text(encoding="utf-8")
    assert "Conto modul kanggo relawan" in translated and "rh-notice" not in translated
    assert "Ancas" in translated and "Ngaso" not in translated  # its own headings; no break in a 90-minute plan
    english = (site / "en/modul/hak-informasi/peserta/index.html").read_text(encoding="utf-8")
    assert "This page has not been translated into English yet. The Bahasa Indonesia text is shown below." in english


def test_catalog_knows_three_languages(sample: Path):
    catalog = json.loads((sample / "site/catalog.json").read_text(encoding="utf-8"))
    assert catalog["languages"] == ["id", "en", "jv"]
    states = {m["id"]: m["translation"] for m in catalog["modules"]}
    assert states["bantuan-hukum"] == {"id": "source", "en": "current", "jv": "current"}
    assert states["hak-informasi"] == {"id": "source", "en": "missing", "jv": "missing"}


def test_the_break_is_in_the_timetable(sample: Path):
    text = (sample / "site/modul/hak-informasi/index.html").read_text(encoding="utf-8")
    assert '<li class="rh-break"><a href="#step-1-break">00:20 · Istirahat (10 menit)</a></li>' in text
    assert "00:30 · Langkah 2 · Latihan meminta informasi (30 menit)" in text


def test_navigation_and_home_cards_from_the_curriculum(sample: Path):
    from kurikulum_mkdocs.config import nav_translations, navigation

    curriculum, _ = check(sample)
    site = bundle(curriculum, None)
    assert navigation(site, ["index.md", "topik", "rujukan"]) == [
        {"Beranda": "index.md"},
        {"Topik": ["topik/hukum/index.md", "topik/desa/index.md"]},
        {
            "Rujukan": [
                "rujukan/glosarium/index.md",
                "rujukan/dasar-hukum/index.md",
                "rujukan/status/index.md",
                "rujukan/cetak/index.md",
                "rujukan/agenda/index.md",
            ]
        },
    ]
    assert nav_translations(site, "jv") == {"Beranda": "Ngarep"}
    assert nav_translations(site, "en") == {"Beranda": "Home", "Topik": "Topics", "Rujukan": "Reference"}
    cards = home_cards(curriculum, "en")
    assert '<a href="/en/topik/hukum/"><strong>Legal aid</strong></a>' in cards
    assert "<em>2 modules</em>" in cards and "<em>1 module</em>" in cards


def digests(site: Path) -> dict[str, str]:
    """Every file's hash, with what names the engine left out: its generator tag in each page, and
    therefore the pages' hashes and sizes in the service worker's file list and the list's hash (the
    worker's version)."""
    result = {}
    listing = json.loads((site / OFFLINE_FILES).read_text(encoding="utf-8"))
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            name = path.relative_to(site).as_posix()
            if path.suffix == ".html":
                data = GENERATOR.sub("", data.decode("utf-8")).encode("utf-8")
            elif name == OFFLINE_FILES:
                files = {f: (entry if not f.endswith(".html") else None) for f, entry in listing["files"].items()}
                data = json.dumps({**listing, "files": files, "version": None}, sort_keys=True).encode("utf-8")
            elif name == SERVICE_WORKER:
                data = data.replace(listing["version"].encode("utf-8"), b"")
            result[name] = hashlib.sha256(data).hexdigest()
    return result


def test_properdocs_builds_the_same_site(sample: Path, tmp_path: Path):
    """The exit from MkDocs, proved: ProperDocs 1.6 builds every file the same but the generator tag."""
    other = make_sample(tmp_path / "site-repo")
    result = build(other, "--engine", "properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = digests(sample / "site"), digests(other / "site")
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []
    generators = set(GENERATOR.findall((other / "site/index.html").read_text(encoding="utf-8")))
    assert generators and all("mkdocs-1.6.1" not in tag for tag in generators)  # it really was the other engine


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_the_languages_built_in_one_process_or_several_make_the_same_site(sample: Path, tmp_path: Path, workers: int):
    """One process runs static-i18n's loop; two build (id, en) and (jv) side by side; three, one language each."""
    other = make_sample(tmp_path / "site-repo")
    result = build(other, workers=workers)
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = digests(sample / "site"), digests(other / "site")
    assert sorted(theirs) == sorted(ours)
    assert [path for path in ours if ours[path] != theirs[path]] == []
    assert not (other / "site.languages").exists()


def language_links(page: Path) -> dict[str, str]:
    text = page.read_text(encoding="utf-8")
    return {lang: href for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', text)}


def test_the_error_page_offers_each_language_home_page(sample: Path):
    """static-i18n left the error page the language links of the last page built before it (a topic page)."""
    links = language_links(sample / "site" / "404.html")
    assert len(links) == 3
    assert links == language_links(sample / "site" / "index.html")


def test_a_build_while_another_thread_runs_makes_the_same_site(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork copies only its thread: with another one running (the preview's server), the languages are built in turn."""
    from kurikulum.build import build as build_here

    other = make_sample(tmp_path / "site-repo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772265600")
    monkeypatch.setenv("KURIKULUM_WORKERS", "3")
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert build_here(other, handouts=False) == 0
    finally:
        stop.set()
        waiting.join()
    ours, theirs = digests(sample / "site"), digests(other / "site")
    assert sorted(theirs) == sorted(ours)
    assert [path for path in ours if ours[path] != theirs[path]] == []
