"""The site's search index: one small file per language, readable over file://.

Material's search puts both languages in one index and has no Indonesian stemmer.
Ruang Hak writes ``search/<lang>.js`` per language instead: the built pages' words
(unstemmed), where each occurs, the glossary's synonym groups and the stop words.
The browser (overrides/assets/javascripts/ruang-hak-search.js) stems the words with
Snowball's Indonesian or lunr's English stemmer when the reader first searches, so
the index and the query are stemmed by the same code.
"""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum.model import Curriculum
from kurikulum.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

TITLE_WEIGHT = 4
# Module pages answer most searches; overview pages (topics, glossary, legal index, home)
# still show up, below a module page that matches as well. Status and print lists only
# repeat module titles, so they are left out.
KIND_WEIGHT = {"trainer": 1.0, "participant": 1.0, "topic": 0.6, "page": 0.6}
NOT_INDEXED = ("rujukan/status/", "rujukan/cetak/", "en/rujukan/status/", "en/rujukan/cetak/")
SNIPPET_LENGTH = 180
TOKEN = re.compile(r"[a-z0-9]+")

# Function words only: content words such as "kerja", "orang" or "sebelum" matter here
# ("perdagangan orang", "sebelum bekerja"). English stop words come from lunr.
STOP_WORDS = {
    "id": sorted(
        [
            "yang",
            "dan",
            "di",
            "ke",
            "dari",
            "untuk",
            "dengan",
            "atau",
            "ini",
            "itu",
            "adalah",
            "ialah",
            "akan",
            "juga",
            "pada",
            "oleh",
            "karena",
            "agar",
            "supaya",
            "bagi",
            "tentang",
            "kepada",
            "sebagai",
            "saat",
            "jika",
            "kalau",
            "bila",
            "apabila",
            "maka",
            "namun",
            "tetapi",
            "tapi",
            "sudah",
            "telah",
            "belum",
            "masih",
            "bisa",
            "dapat",
            "harus",
            "apa",
            "bagaimana",
            "siapa",
            "kapan",
            "mana",
            "mengapa",
            "kenapa",
            "berapa",
            "saya",
            "aku",
            "kamu",
            "anda",
            "kami",
            "kita",
            "mereka",
            "ia",
            "dia",
            "nya",
            "pun",
            "lah",
            "kah",
            "tidak",
            "bukan",
            "ya",
            "the",
        ]
    ),
}


def fold(text: str) -> str:
    """Lower case without accents: how both the index and the query see words."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


class ArticleText(html.parser.HTMLParser):
    """The title and visible text of a built Material page's article."""

    SKIP = {"script", "style", "nav", "button", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skipping = 0
        self.in_title = False
        self.title: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.depth += 1
        elif self.depth and (tag in self.SKIP or "headerlink" in classes or "md-content__button" in classes):
            self.skipping += 1
        elif self.depth and tag == "h1":
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.skipping and tag in (*self.SKIP, "a"):
            self.skipping -= 1
        elif tag == "h1":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skipping:
            return
        (self.title if self.in_title else self.text).append(data)


@dataclass
class Document:
    path: str
    title: str
    kind: str
    module: str
    snippet: str
    counts: Counter = field(default_factory=Counter)


def page_kinds(catalog: dict) -> dict[str, tuple[str, str]]:
    """Site path → (kind, module id) for the pages the catalog knows."""
    kinds: dict[str, tuple[str, str]] = {}
    for module in catalog["modules"]:
        for lang in LANGUAGES:
            kinds[module["pages"][lang]["trainer"]] = ("trainer", module["id"])
            kinds[module["pages"][lang]["participant"]] = ("participant", module["id"])
    for topic in catalog["topics"]:
        for lang in LANGUAGES:
            kinds[topic["pages"][lang]] = ("topic", "")
    return kinds


def language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def read_documents(site: Path, catalog: dict) -> dict[str, list[Document]]:
    kinds = page_kinds(catalog)
    summaries = {m["id"]: m["summary"] for m in catalog["modules"]}
    documents: dict[str, list[Document]] = {lang: [] for lang in LANGUAGES}
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        if path.startswith(("assets/", "search/", "unduh/", *NOT_INDEXED)) or path.endswith("404.html"):
            continue
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        parser = ArticleText()
        parser.feed(html[start : end + len("</article>")] if start >= 0 and end > start else html)
        title = " ".join("".join(parser.title).split())
        body = " ".join(" ".join(parser.text).split())
        if not title and not body:
            continue
        lang = language_of(path)
        kind, module = kinds.get(path, ("page", ""))
        snippet = summaries[module][lang] if module else body[:SNIPPET_LENGTH]
        counts = Counter(tokens(body))
        for word in tokens(title):
            counts[word] += TITLE_WEIGHT
        documents[lang].append(Document(path, title, kind, module, snippet, counts))
    return documents


def synonym_groups(curriculum: Curriculum) -> list[list[str]]:
    """Each glossary term with its expansion and synonyms: a query naming one also finds the others."""
    groups = []
    for term in curriculum.terms.values():
        names = [term.term, term.expansion, *term.synonyms]
        group = sorted({" ".join(tokens(name)) for name in names if name and tokens(name)})
        if len(group) > 1:
            groups.append(group)
    return sorted(groups)


def index_file(lang: str, documents: list[Document], synonyms: list[list[str]]) -> str:
    postings: dict[str, list[int]] = {}
    for number, document in enumerate(documents):
        for word, count in sorted(document.counts.items()):
            postings.setdefault(word, []).extend((number, count))
    data = {
        "lang": lang,
        "docs": [[d.path, d.title, d.kind, d.module, d.snippet, sum(d.counts.values()), KIND_WEIGHT[d.kind]] for d in documents],
        "words": dict(sorted(postings.items())),
        "synonyms": synonyms,
        "stopWords": STOP_WORDS.get(lang, []),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.RuangHakSearch = window.RuangHakSearch || {{}})[{json.dumps(lang)}] = {payload};\n"


def write_search_indexes(site: Path, curriculum: Curriculum, catalog: dict) -> dict[str, int]:
    """Write ``search/<lang>.js`` for every language; return their sizes in bytes."""
    synonyms = synonym_groups(curriculum)
    sizes = {}
    folder = site / "search"
    folder.mkdir(parents=True, exist_ok=True)
    for lang, documents in read_documents(site, catalog).items():
        target = folder / f"{lang}.js"
        target.write_text(index_file(lang, documents, synonyms), encoding="utf-8")
        sizes[lang] = target.stat().st_size
    return sizes
