"""The search index as files: passages a result can quote, shards a query loads, postings that decode to the text."""

from __future__ import annotations

import json
from pathlib import Path

from kurikulum.settings import read_settings
from kurikulum.site.passages import PASSAGE_LENGTH, page_passages
from kurikulum.site.search import (
    BLOCK_PASSAGES,
    Document,
    SearchIndex,
    family,
    language_index,
    tokens,
    write_search_indexes,
)

from .conftest import REPO

PAGE = """
<h1 id="judul">Pulang dan berdaya<a class="headerlink" href="#judul">¶</a></h1>
<p>Pengantar singkat.</p>
<h2 id="langkah">Langkah 1 · Pembukaan: satu kata tentang pulang</h2>
<p>Minta peserta menyebut satu kata tentang "pulang ke kampung".</p>
<ul><li>Tulis di plano.</li><li>Bacakan.</li></ul>
<script>ignored()</script>
<h2 id="istilah">BPJS</h2>
<p><strong>Badan Penyelenggara Jaminan Sosial</strong></p>
<p>Badan yang menjalankan jaminan sosial.</p>
"""


def decode(numbers: list[int]) -> list[tuple[int, int, int, list[tuple[int, bool]]]]:
    """Postings as the browser reads them: (page, count, fields, [(passage, in its heading)])."""
    found, doc, i = [], 0, 0
    while i < len(numbers):
        doc += numbers[i]
        count, fields, listed = numbers[i + 1], numbers[i + 2], numbers[i + 3]
        passage, passages = 0, []
        for code in numbers[i + 4 : i + 4 + listed]:
            passage += code >> 1
            passages.append((passage, bool(code & 1)))
        found.append((doc, count, fields, passages))
        i += 4 + listed
    return found


def read_script(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8").split("] = ", 1)[1].rstrip().rstrip(";"))


def test_a_page_becomes_its_title_and_passages_under_their_headings():
    title, passages = page_passages(PAGE)
    assert title == "Pulang dan berdaya"  # the permalink sign is not text
    assert [(p.heading, p.anchor) for p in passages] == [
        ("", ""),
        ("Langkah 1 · Pembukaan: satu kata tentang pulang", "langkah"),
        ("BPJS", "istilah"),
    ]
    assert passages[1].text == 'Minta peserta menyebut satu kata tentang "pulang ke kampung". Tulis di plano. Bacakan.'
    assert (
        passages[2].text == "Badan Penyelenggara Jaminan Sosial Badan yang menjalankan jaminan sosial."
    )  # a glossary entry is one passage
    assert "ignored" not in " ".join(p.text for p in passages)


def test_long_text_is_cut_into_passages_at_sentence_ends():
    sentence = "Kalimat ini tentang hak pekerja migran di luar negeri. "
    long_word = "x" * (PASSAGE_LENGTH + 50)
    _, passages = page_passages(f"<h2>Judul</h2><p>{sentence * 30}</p><p>{long_word}</p>")
    assert all(len(p.text) <= PASSAGE_LENGTH for p in passages)
    assert all(p.heading == "Judul" for p in passages)
    assert "".join(p.text for p in passages).replace(" ", "") == (sentence * 30 + long_word).replace(" ", "")  # nothing lost
    assert all(p.text.endswith(".") for p in passages[:-2])  # cut after a sentence, not inside one


def index_of(documents: list[Document]):
    settings, _ = read_settings(REPO)
    return language_index(settings.languages.default, documents, [["bpjs", "badan penyelenggara jaminan sosial"]], settings)


def test_postings_give_every_word_where_it_occurs():
    document = Document.from_html("modul/x/index.html", "id", PAGE, "trainer", "x")
    other = Document.from_html("modul/y/index.html", "id", "<h1>Lain</h1><p>Pulang lagi.</p>", "trainer", "y")
    index = index_of([document, other])
    shards = {name: read_script_text(content) for name, content in index.files.items() if name.startswith("w")}
    listed = index.dictionary["shards"]
    where = {word: number for number, words in enumerate(listed) for word in words.split()}
    assert set(where) == set(tokens(document.title + " " + document.text + " " + other.title + " " + other.text))
    postings = decode(shards[f"w{where['pulang']}.js"]["pulang"])
    assert postings[0][0] == 0 and postings[0][2] & 1  # page 0, in the title
    assert postings[0][2] >> 1 == 1  # and in one heading
    assert postings[0][1] == 3  # title, heading, text
    assert (1, True) in postings[0][3] and postings[1][0] == 1
    assert decode(shards[f"w{where['bpjs']}.js"]["bpjs"])[0][3] == [(2, True)]
    docs = index.dictionary["docs"]
    assert [d[:4] for d in docs] == [
        ["modul/x/index.html", "Pulang dan berdaya", "trainer", "x"],
        ["modul/y/index.html", "Lain", "trainer", "y"],
    ]
    block = read_script_text(index.files["p0-0.js"])
    assert block[1][0].startswith("Langkah 1") and block[1][2] == "langkah" and len(block) <= BLOCK_PASSAGES


def read_script_text(content: str) -> object:
    return json.loads(content.split("] = ", 1)[1].rstrip().rstrip(";"))


def test_a_word_family_shares_a_shard_and_the_version_follows_the_content():
    words = ["kerja", "bekerja", "pekerja", "pekerjaan", "dipekerjakan"]
    assert len({family(w, "indonesian", {}) for w in words}) == 1
    text = "<h1>Kerja</h1>" + "".join(f"<p>{w} {i}</p>" for i in range(400) for w in words)
    index = index_of([Document.from_html("a/index.html", "id", text)])
    assert len(index.dictionary["shards"]) > 1  # big enough for several shards
    assert sum(all(w in shard.split() for w in words) for shard in index.dictionary["shards"]) == 1
    changed = index_of([Document.from_html("a/index.html", "id", text.replace("kerja 7", "kerja 8"))])
    assert changed.dictionary["folder"] != index.dictionary["folder"]
    assert index_of([Document.from_html("a/index.html", "id", text)]).dictionary == index.dictionary


def test_written_index_has_one_dictionary_per_language_and_its_version_folder(tmp_path: Path):
    from kurikulum.loader import Loader

    curriculum = Loader(REPO).load()
    languages = list(curriculum.settings.languages)
    documents = [
        Document.from_html(f"{lang}/index.html", lang, f"<h1>Beranda {lang}</h1><p>kata {lang}</p>") for lang in languages
    ]
    (tmp_path / "search" / languages[0] / "old").mkdir(parents=True)  # a previous build's files go
    write_search_indexes(tmp_path, documents, curriculum)
    for lang in languages:
        dictionary = read_script(tmp_path / "search" / f"{lang}.js")
        assert dictionary["docs"][0][0] == f"{lang}/index.html"
        folder = tmp_path / "search" / dictionary["folder"]
        assert sorted(p.name for p in folder.iterdir()) == ["p0-0.js", "w0.js"]
        assert sorted(p.name for p in (tmp_path / "search" / lang).iterdir()) == [folder.name]


def test_an_index_kept_across_edits_equals_a_fresh_one(tmp_path: Path):
    """What ``kurikulum serve`` keeps: after each edit, the same files as an index made afresh, and only those on disk."""
    settings, _ = read_settings(REPO)
    lang = settings.languages.default
    pages = {
        "a/index.html": "<h1>Pulang</h1><p>Pekerja pulang ke desa.</p>",
        "b/index.html": "<h1>Kerja</h1><p>Pekerja migran bekerja di luar negeri.</p><h2>Hak</h2><p>Hak pekerja.</p>",
        "c/index.html": "<h1>Desa</h1><p>Desa dan pekerja.</p>",
    }
    edits = [
        ("b/index.html", "<h1>Kerja</h1><p>Pekerja migran bekerja.</p><h2>Hak</h2><p>Hak pekerja dan keluarga.</p>"),
        ("a/index.html", "<h1>Pulang</h1><p>Pulang.</p>"),  # 'pekerja' and 'desa' leave the first page
        ("c/index.html", "<h1>Desa</h1><p>Desa, pekerja, keluarga, pulang.</p>" + "<p>Kalimat panjang.</p>" * 40),
        ("a/index.html", "<h1>Pulang</h1><p>Pekerja pulang ke desa.</p>"),
    ]
    kept = SearchIndex(lang)

    def documents() -> list[Document]:
        return [Document.from_html(path, lang, html) for path, html in sorted(pages.items())]

    kept.update(documents(), [], settings)
    kept.write(tmp_path)
    for path, html in edits:
        pages[path] = html
        index = kept.update(documents(), [], settings)
        fresh = language_index(lang, documents(), [], settings)
        assert (index.dictionary, index.files) == (fresh.dictionary, fresh.files)
        kept.write(tmp_path)
        folder = tmp_path / "search" / str(fresh.dictionary["folder"])
        assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == fresh.files
        assert [p.name for p in (tmp_path / "search" / lang).iterdir()] == [folder.name]
