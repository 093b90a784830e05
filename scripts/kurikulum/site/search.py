"""The site's search index: one small file per language, readable over file://.

Ruang Hak writes ``search/<lang>.js`` per language: every page's words (unstemmed), where
each occurs, the glossary's synonym groups, the stop words, the stemmer to use and the
words the search box shows. The browser (``overrides/assets/javascripts/ruang-hak-search.js``)
stems the words when the reader first searches, so the index and the query are stemmed by
the same code. Pages arrive as :class:`Document` values: generated pages from the module
views, hand-written pages from the text the engine adapter hands over. No theme's markup is
parsed here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum import paths
from kurikulum.model import Curriculum
from kurikulum.settings import Settings

TITLE_WEIGHT = 4
# Module pages answer most searches; overview pages (topics, glossary, legal index, home)
# still show up, below a module page that matches as well.
KIND_WEIGHT = {"trainer": 1.0, "participant": 1.0, "topic": 0.6, "page": 0.6}
SNIPPET_LENGTH = 180
TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: how both the index and the query see words."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


@dataclass
class Document:
    path: str  #: the page's HTML file, from the site root
    lang: str
    title: str
    text: str
    kind: str = "page"
    module: str = ""
    snippet: str = ""
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.counts = Counter(tokens(self.text))
        for word in tokens(self.title):
            self.counts[word] += TITLE_WEIGHT
        if not self.snippet:
            self.snippet = self.text[:SNIPPET_LENGTH]


def synonym_groups(curriculum: Curriculum) -> list[list[str]]:
    """Each glossary term with its expansion and synonyms: a query naming one also finds the others."""
    groups = []
    for term in curriculum.terms.values():
        names = [term.term, term.expansion, *term.synonyms]
        group = sorted({" ".join(tokens(name)) for name in names if name and tokens(name)})
        if len(group) > 1:
            groups.append(group)
    return sorted(groups)


def index_file(lang: str, documents: list[Document], synonyms: list[list[str]], settings: Settings) -> str:
    words = settings.words(lang)
    postings: dict[str, list[int]] = {}
    for number, document in enumerate(documents):
        for word, count in sorted(document.counts.items()):
            postings.setdefault(word, []).extend((number, count))
    search_words = words.get("search")
    data = {
        "lang": lang,
        "stemmer": search_words.get("stemmer") or None,
        "text": {key: search_words[key] for key in ("loading", "prompt", "none", "found_one", "found_other", "kinds")},
        "docs": [[d.path, d.title, d.kind, d.module, d.snippet, sum(d.counts.values()), KIND_WEIGHT[d.kind]] for d in documents],
        "words": dict(sorted(postings.items())),
        "synonyms": synonyms,
        "stopWords": sorted(search_words.get("stop_words") or []),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.RuangHakSearch = window.RuangHakSearch || {{}})[{json.dumps(lang)}] = {payload};\n"


def write_search_indexes(site: Path, documents: list[Document], curriculum: Curriculum) -> dict[str, int]:
    """Write ``search/<lang>.js`` for every language; return their sizes in bytes."""
    settings = curriculum.settings
    synonyms = synonym_groups(curriculum)
    folder = site / paths.SEARCH
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for lang in settings.languages:
        mine = sorted((d for d in documents if d.lang == lang and (d.title or d.text)), key=lambda d: d.path)
        target = folder / f"{lang}.js"
        target.write_text(index_file(lang, mine, synonyms, settings), encoding="utf-8")
        sizes[lang] = target.stat().st_size
    return sizes
