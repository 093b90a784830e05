"""A third language by configuration: `kurikulum add-language jv --name "Basa Jawa"`, then a build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import copy_repo, kurikulum


@pytest.fixture(scope="module")
def javanese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("jv") / "repo")
    added = kurikulum(root, "add-language", "jv", "--name", "Basa Jawa")
    assert added.returncode == 0, added.stdout + added.stderr
    built = kurikulum(root, "build", "--no-handouts")
    assert built.returncode == 0, built.stdout + built.stderr
    return root


def test_add_language_appends_it_after_the_default(javanese: Path):
    text = (javanese / "modules/organisasi.yml").read_text(encoding="utf-8")
    assert re.findall(r"^  - kode: (\w+)$", text, re.MULTILINE) == ["id", "en", "jv"]
    again = kurikulum(javanese, "add-language", "jv", "--name", "Basa Jawa")
    assert again.returncode == 0 and "sudah ada" in again.stdout
    assert (javanese / "modules/organisasi.yml").read_text(encoding="utf-8") == text


def test_check_passes_with_warnings_only(javanese: Path):
    result = kurikulum(javanese, "check")
    assert result.returncode == 0, result.stdout
    assert "[missing-translation] peringatan: Terjemahan pelatih.jv.md belum ada" in result.stdout
    assert re.search(r"^0 galat, \d+ peringatan\.$", result.stdout, re.MULTILINE)


def test_every_module_has_javanese_pages_with_the_untranslated_notice(javanese: Path):
    site = javanese / "site"
    assert '<html lang="jv"' in (site / "jv/index.html").read_text(encoding="utf-8")
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["languages"] == ["id", "en", "jv"]
    for module in catalog["modules"]:
        assert module["translation"]["jv"] == "missing"
        for kind in ("trainer", "participant"):
            page = site / module["pages"]["jv"][kind]
            text = page.read_text(encoding="utf-8")
            assert '<html lang="jv"' in text, page
            assert "Kaca iki durung diterjemahake menyang Basa Jawa." in text, page


def test_the_language_switcher_offers_three_languages_landing_on_the_same_page(javanese: Path):
    site = javanese / "site"
    page = site / "jv/modul/pmi-hak-tiga-tahap/index.html"
    links = dict(re.findall(r'href="([^"]+)" hreflang="([a-z]+)"', page.read_text(encoding="utf-8")))
    targets = {lang: href for href, lang in links.items()}
    assert sorted(targets) == ["en", "id", "jv"]
    for lang, href in targets.items():
        assert (page.parent / href / "index.html").resolve() == (
            site / ("" if lang == "id" else lang) / "modul/pmi-hak-tiga-tahap/index.html"
        ).resolve()
