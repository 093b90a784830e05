"""The Kiwix files `make offline` writes, read back with libzim as Kiwix reads them.

One ZIM per language: Kiwix's metadata, its main page, every page and handout of its
language and none of another's, links that resolve inside the file, a full-text index
that stems Indonesian, and the same entries with the same bytes from two builds.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import kurikulum

libzim = pytest.importorskip("libzim", reason="libzim is a pinned dependency: run 'make setup'")
from libzim.reader import Archive  # noqa: E402
from libzim.search import Query, Searcher  # noqa: E402

LANGUAGES = ("id", "en")
ISO639_3 = {"id": "ind", "en": "eng"}
REQUIRED = (
    "Name", "Title", "Language", "Creator", "Publisher", "Date", "Description", "LongDescription", "Tags", "License", "Source",
)  # fmt: skip
ABSOLUTE = re.compile(r"""(?:href|src)="(/[^"]*)\"""")


@pytest.fixture(scope="module")
def catalog(built: Path) -> dict:
    return json.loads((built / "site-offline/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def archives(offline_kit: Path, built: Path) -> dict[str, Archive]:
    return {lang: Archive(built / f"ruang-hak_{lang}.zim") for lang in LANGUAGES}


def entries(archive: Archive) -> dict[str, tuple]:
    """Every entry: path -> (title, redirect target) or (title, media type, bytes)."""
    found = {}
    for index in range(archive.entry_count):
        entry = archive._get_entry_by_id(index)
        if entry.is_redirect:
            found[entry.path] = (entry.title, "redirect", entry.get_redirect_entry().path)
        else:
            item = entry.get_item()
            found[entry.path] = (entry.title, item.mimetype, bytes(item.content))
    return found


def handouts(catalog: dict, lang: str) -> set[str]:
    files = {h["path"] for m in catalog["modules"] for h in m["handouts"][lang]}
    files |= {t["print_pack"][lang]["path"] for t in catalog["topics"] if t["print_pack"].get(lang)}
    if catalog["print_pack"].get(lang):
        files.add(catalog["print_pack"][lang]["path"])
    return files


def search(archive: Archive, words: str, count: int = 5) -> list[str]:
    return list(Searcher(archive).search(Query().set_query(words)).getResults(0, count))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_zim_with_kiwix_metadata_main_page_pages_and_handouts(
    archives: dict[str, Archive], catalog: dict, lang: str
):
    from PIL import Image

    archive = archives[lang]
    keys = set(archive.metadata_keys)
    assert set(REQUIRED) <= keys, set(REQUIRED) - keys
    metadata = {key: archive.get_metadata(key).decode("utf-8") for key in REQUIRED}
    assert metadata["Language"] == ISO639_3[lang]
    assert metadata["Name"] == f"ruang-hak_{lang}"
    assert metadata["Creator"] == metadata["Publisher"] == "Ruang Hak"  # settings.name (modules/organisasi.yml)
    assert len(metadata["Title"]) <= 30 and len(metadata["Description"]) <= 80
    assert metadata["LongDescription"] != metadata["Description"] and len(metadata["LongDescription"]) <= 4000
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", metadata["Date"])
    assert metadata["License"] == "CC BY-SA 4.0"
    assert "Illustration_48x48@1" in keys
    icon = Image.open(io.BytesIO(archive.get_metadata("Illustration_48x48@1")))
    assert (icon.format, icon.size) == ("PNG", (48, 48))

    home = "index.html" if lang == "id" else f"{lang}/index.html"
    assert archive.has_main_entry and archive.main_entry.get_item().path == home
    assert archive.has_fulltext_index and archive.has_title_index
    assert archive.check()

    found = entries(archive)
    pages = [path for path, entry in found.items() if entry[1] == "text/html"]
    assert len(pages) >= 2 * len(catalog["modules"])
    for module in catalog["modules"]:
        for page in module["pages"][lang].values():
            assert found[page][1] == "text/html", page
    mine = handouts(catalog, lang)
    assert mine and all(found.get(path, (None, None))[1] in ("application/pdf", "image/png") for path in mine), mine - set(found)
    other = "en" if lang == "id" else "id"
    stored = {path for path, entry in found.items() if entry[1] != "redirect"}
    assert not (handouts(catalog, other) - mine) & stored  # the other language's files are in its own ZIM
    assert not any(path.startswith(f"{other}/") for path in stored if lang == "id")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_inside_each_zim_resolve_and_none_is_absolute(archives: dict[str, Archive], lang: str):
    from kurikulum.offline.zim import links

    archive = archives[lang]
    missing, absolute = [], []
    for path, (_, media_type, content) in entries(archive).items():
        if media_type != "text/html":
            continue
        text = content.decode("utf-8")
        absolute += [(path, link) for link in ABSOLUTE.findall(text) if not link.startswith("//")]
        missing += [(path, target) for target in links(path, text) if not archive.has_entry_by_path(target)]
    assert absolute == []
    assert missing == []


def test_a_link_to_the_other_language_says_which_zim_holds_it(archives: dict[str, Archive], catalog: dict):
    trainer = catalog["modules"][0]["pages"]["en"]["trainer"]
    entry = archives["id"].get_entry_by_path(trainer)
    assert entry.is_redirect
    notice = bytes(entry.get_redirect_entry().get_item().content).decode("utf-8")
    assert 'lang="id"' in notice and "ruang-hak_en.zim" in notice


def test_offline_site_links_nothing_from_the_root(offline_kit: Path, built: Path):
    """404.html used to link /ruang-hak/…: inside a ZIM or over file:// that is nowhere."""
    absolute = []
    for page in sorted((built / "site-offline").rglob("*.html")):
        absolute += [
            (page.name, link) for link in ABSOLUTE.findall(page.read_text(encoding="utf-8")) if not link.startswith("//")
        ]
    assert absolute == []
    served_404 = (built / "site/404.html").read_text(encoding="utf-8")
    assert 'href="/ruang-hak/' in served_404  # the served error page is shown at any depth: it keeps absolute links


@pytest.mark.parametrize(
    ("words", "module"),
    [("dilindungi", "pmi-hak-tiga-tahap"), ("perlindungan", "pmi-hak-tiga-tahap"), ("pekerja", "pmi-hak-tiga-tahap")],
)
def test_full_text_search_in_the_indonesian_zim_stems_affixes(archives: dict[str, Archive], words: str, module: str):
    results = search(archives["id"], words)
    assert any(path.startswith(f"modul/{module}/") for path in results), results
    assert not any(path.startswith("en/") for path in results)


def test_navigation_words_do_not_match_every_page(archives: dict[str, Archive], catalog: dict):
    """Pages are indexed from their own text: a topic title in the navigation does not make every page a hit."""
    archive = archives["id"]
    every = Searcher(archive).search(Query().set_query("glosarium")).getEstimatedMatches()
    assert every < len(catalog["modules"])


def test_two_builds_of_one_commit_give_the_same_zim_entries(offline_kit: Path, built: Path, tmp_path: Path):
    root = tmp_path / "repo"
    ignored = shutil.ignore_patterns("site", "site-offline", "site.*", "*.zim", "*.zip", "serve", "__pycache__")
    shutil.copytree(built, root, ignore=ignored, symlinks=True)
    result = kurikulum(root, "build", "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANGUAGES:
        first, second = Archive(built / f"ruang-hak_{lang}.zim"), Archive(root / f"ruang-hak_{lang}.zim")
        assert entries(first) == entries(second), lang
        assert {k: first.get_metadata(k) for k in first.metadata_keys} == {
            k: second.get_metadata(k) for k in second.metadata_keys
        }
