"""The site's search index, split so that a reader downloads only what a query needs; readable over file://.

The build writes, per language (every file a plain script: ``<script>`` tags work over
file://, inside a ZIM and under a Content-Security-Policy that allows the site's own scripts):

- ``search/<lang>.js``, the dictionary, loaded when the reader first focuses the search box:
  the pages (path, title, kind, module, length), every word of the language's pages
  (unstemmed) grouped by the shard that holds its postings, how often each word occurs (a
  class: for typo corrections), the glossary's synonym groups, the stop words, the stemmer
  to use, the words the search box shows, and the folder of the other files;
- ``search/<lang>/<version>/w<N>.js``, the postings of the words of shard N: for each page a
  word occurs in, how often it occurs, whether it is in the title and in how many headings,
  and the passages it occurs in;
- ``search/<lang>/<version>/p<doc>-<block>.js``, the text of a run of one page's passages
  (a heading and the text under it, :mod:`kurikulum.site.passages`), loaded for the results a
  reader sees, to quote the passage where the query's words meet.

The browser (``scripts/kurikulum_mkdocs/theme/assets/javascripts/kurikulum-search.js``) stems the dictionary's
words when the reader first searches, so the index and the query are stemmed by the same
code; it loads the shards of the words whose stem a query names. Words are put in shards by
the stem Snowball gives in Python, so a word's family is nearly always in one shard; where
the two stemmers disagree the browser loads one shard more, never misses one. ``<version>``
is a hash of the files' content: a dictionary never reads a shard of another build.
Pages arrive as :class:`Document` values; no theme's markup is parsed here.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from kurikulum import paths
from kurikulum.model import Curriculum
from kurikulum.settings import Settings
from kurikulum.site.passages import Passage, page_passages

# Module pages answer most searches; overview pages (topics, glossary, legal index, home)
# still show up, below a module page that matches as well.
KIND_WEIGHT = {"trainer": 1.0, "participant": 1.0, "topic": 0.6, "page": 0.6}
SHARD_BYTES = 6000  #: postings (as written) per shard, about: a query loads one shard per word family
BLOCK_PASSAGES = 12  #: passages per text file: a result's quote loads one of them
TOKEN = re.compile(r"[a-z0-9]+")
# The Snowball algorithm in Python closest to the stemmer the browser uses (search.stemmer in the words files).
PYTHON_STEMMERS = {"indonesian": "indonesian", "english": "porter"}


def fold(text: str) -> str:
    """Lower case without accents: how both the index and the query see words."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


@dataclass
class Document:
    """One page in one language, as the search sees it."""

    path: str  #: the page's HTML file, from the site root
    lang: str
    title: str
    passages: list[Passage] = field(default_factory=list)
    kind: str = "page"
    module: str = ""

    @classmethod
    def from_html(cls, path: str, lang: str, fragment: str, kind: str = "page", module: str = "", title: str = "") -> Document:
        """A page from its body's HTML: the ``h1`` is the title unless ``title`` is given."""
        found, passages = page_passages(fragment)
        return cls(path, lang, title or found, passages, kind, module)

    @property
    def text(self) -> str:
        return " ".join(part for p in self.passages for part in (p.heading, p.text) if part)


@dataclass
class Occurrences:
    """How one word occurs in one page."""

    count: int = 0  #: in the title, headings and text
    title: bool = False
    headings: int = 0
    passages: list[int] = field(default_factory=list)  #: the passages it occurs in, in order
    in_heading: set[int] = field(default_factory=set)  #: those where it is in the heading

    def numbers(self) -> list[int]:
        """This page's part of the word's postings after the page number (see :func:`_postings`), made once."""
        known = self.__dict__.get("_numbers")
        if known is None:
            known = [self.count, int(self.title) + 2 * self.headings, len(self.passages)]
            previous_passage = 0
            for passage in self.passages:
                known.append(2 * (passage - previous_passage) + (passage in self.in_heading))
                previous_passage = passage
            self.__dict__["_numbers"] = known
        return known

    def numbers_length(self) -> int:
        """The length of :meth:`numbers` written out with a comma before each."""
        known = self.__dict__.get("_numbers_length")
        if known is None:
            known = sum(len(str(number)) + 1 for number in self.numbers())
            self.__dict__["_numbers_length"] = known
        return known

    def seen_in(self, passage: int, heading: bool = False) -> None:
        if not self.passages or self.passages[-1] != passage:
            self.passages.append(passage)
        if heading:
            self.in_heading.add(passage)


def occurrences(document: Document) -> tuple[dict[str, Occurrences], int]:
    """Every word of a page with where it occurs, and the page's length in words.

    Kept on the document: ``kurikulum serve`` writes the index again after each edit from
    documents that mostly did not change.
    """
    known = document.__dict__.get("_occurrences")
    if known is not None and known[0] == (document.title, document.passages):
        return known[1]
    result = _occurrences(document)
    document.__dict__["_occurrences"] = ((document.title, list(document.passages)), result)
    return result


def _occurrences(document: Document) -> tuple[dict[str, Occurrences], int]:
    found: dict[str, Occurrences] = {}
    length = 0
    for word in tokens(document.title):
        entry = found.setdefault(word, Occurrences())
        entry.count += 1
        entry.title = True
        length += 1
    previous_heading = None
    for number, passage in enumerate(document.passages):
        if passage.heading != previous_heading:  # a heading counts once, not once per piece of its section
            previous_heading = passage.heading
            for word in tokens(passage.heading):
                entry = found.setdefault(word, Occurrences())
                entry.count += 1
                entry.headings += 1
                entry.seen_in(number, heading=True)
                length += 1
        for word in tokens(passage.text):
            entry = found.setdefault(word, Occurrences())
            entry.count += 1
            entry.seen_in(number)
            length += 1
    return found, length


def synonym_groups(curriculum: Curriculum) -> list[list[str]]:
    """Each glossary term with its expansion and synonyms: a query naming one also finds the others."""
    groups = []
    for term in curriculum.terms.values():
        names = [term.term, term.expansion, *term.synonyms]
        group = sorted({" ".join(tokens(name)) for name in names if name and tokens(name)})
        if len(group) > 1:
            groups.append(group)
    return sorted(groups)


@cache
def _python_stemmer(name: str | None):
    algorithm = PYTHON_STEMMERS.get(name or "")
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def family(word: str, stemmer: str | None, exceptions: dict[str, str]) -> str:
    """The stem Python's Snowball gives ``word``: words of one family share a shard (a hint, not a contract)."""
    if word in exceptions:
        return exceptions[word]
    return _stem(word, stemmer)


@lru_cache(maxsize=200_000)
def _stem(word: str, stemmer: str | None) -> str:
    """Stemming is most of the index's time, and the same words recur on every page and every build of a process."""
    python = _python_stemmer(stemmer)
    return python.stemWord(word) if python and not word.isdigit() else word


def _postings(entries: list[tuple[int, Occurrences]]) -> list[int]:
    """One word's postings as one list of numbers: per page, the page's number (from the previous one),
    the count, 1 if in the title + 2 × the headings it is in, how many passages follow, then per
    passage 2 × its number (from the previous one) + 1 if the word is in its heading."""
    numbers: list[int] = []
    previous_doc = 0
    for doc, entry in entries:
        numbers.append(doc - previous_doc)
        numbers += entry.numbers()
        previous_doc = doc
    return numbers


def _postings_length(entries: list[tuple[int, Occurrences]]) -> int:
    """``len(",".join(map(str, _postings(entries))))``, from each page's part measured once."""
    length, previous_doc = -1, 0
    for doc, entry in entries:
        length += len(str(doc - previous_doc)) + 1 + entry.numbers_length()
        previous_doc = doc
    return length


def frequency_class(count: int) -> str:
    """A word's frequency as one base-36 digit (its base-2 logarithm): enough to prefer the common word of two."""
    return "0123456789abcdefghijklmnopqrstuvwxyz"[min(35, int(math.log2(max(count, 1))))]


def _payload(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _script(key: str, value: object, payload: str | None = None) -> str:
    payload = _payload(value) if payload is None else payload
    return f"(window.KurikulumSearch = window.KurikulumSearch || {{}})[{json.dumps(key)}] = {payload};\n"


def _text_blocks(document: Document) -> list[str]:
    """The page's passages in blocks, as JSON; kept on the document, like its occurrences."""
    known = document.__dict__.get("_blocks")
    if known is not None and known[0] == document.passages:
        return known[1]
    passages = document.passages
    blocks = [
        _payload([[p.heading, p.text, p.anchor] for p in passages[block : block + BLOCK_PASSAGES]])
        for block in range(0, len(passages), BLOCK_PASSAGES)
    ]
    document.__dict__["_blocks"] = (list(passages), blocks)
    return blocks


@dataclass
class LanguageIndex:
    """The files of one language's index: the dictionary and, by name, the shard and text files."""

    dictionary: dict[str, object]
    files: dict[str, str]  #: file name (in the version folder) -> content

    def write(self, site: Path) -> list[Path]:
        lang = str(self.dictionary["lang"])
        folder = site / paths.SEARCH / lang
        if folder.exists():
            shutil.rmtree(folder)
        version_folder = site / paths.SEARCH / str(self.dictionary["folder"])
        version_folder.mkdir(parents=True)
        written = []
        for name, content in self.files.items():
            (version_folder / name).write_text(content, encoding="utf-8")
            written.append(version_folder / name)
        main = site / paths.SEARCH / f"{lang}.js"
        main.write_text(_script(lang, self.dictionary), encoding="utf-8")
        return [main, *written]


def language_index(lang: str, documents: list[Document], synonyms: list[list[str]], settings: Settings) -> LanguageIndex:
    search_words = settings.words(lang).get("search")
    stemmer = search_words.get("stemmer") or None
    exceptions = {str(word): str(stem) for word, stem in search_words.get("stem_exceptions") or []}
    by_word: dict[str, list[tuple[int, Occurrences]]] = {}
    docs = []
    texts: dict[str, str] = {}
    for number, document in enumerate(documents):
        found, length = occurrences(document)
        for word, entry in found.items():
            by_word.setdefault(word, []).append((number, entry))
        docs.append([document.path, document.title, document.kind, document.module, length, len(document.passages)])
        for block, payload in enumerate(_text_blocks(document)):
            texts[f"p{number}-{block}"] = payload
    families: dict[str, list[str]] = {}
    for word in by_word:
        families.setdefault(family(word, stemmer, exceptions), []).append(word)
    shards: list[dict[str, list[int]]] = [{}]
    size = 0
    for stem in sorted(families):
        if size >= SHARD_BYTES:
            shards.append({})
            size = 0
        for word in sorted(families[stem]):
            entries = by_word[word]
            shards[-1][word] = _postings(entries)
            size += len(word) + 4 + _postings_length(entries)
    frequency = Counter({word: sum(entry.count for _, entry in entries) for word, entries in by_word.items()})
    shard_words = [" ".join(sorted(shard)) for shard in shards]
    shard_frequency = ["".join(frequency_class(frequency[w]) for w in sorted(shard)) for shard in shards]
    files = {f"w{number}.js": _script(f"{lang}:w{number}", shard) for number, shard in enumerate(shards)}
    files.update({f"{name}.js": _script(f"{lang}:{name}", None, payload) for name, payload in texts.items()})
    version = hashlib.sha256("".join(files[name] for name in sorted(files)).encode()).hexdigest()[:10]
    dictionary = {
        "lang": lang,
        "stemmer": stemmer,
        "folder": f"{lang}/{version}",
        "text": {key: search_words[key] for key in ("loading", "prompt", "none", "found_one", "found_other", "kinds")},
        "kindWeight": KIND_WEIGHT,
        "blockPassages": BLOCK_PASSAGES,
        "docs": docs,
        "shards": shard_words,
        "frequency": shard_frequency,
        "synonyms": synonyms,
        "stopWords": sorted(search_words.get("stop_words") or []),
        "stemExceptions": dict(sorted(exceptions.items())),
    }
    return LanguageIndex(dictionary, files)


def write_search_indexes(site: Path, documents: list[Document], curriculum: Curriculum) -> dict[str, int]:
    """Write every language's index; return the dictionary's size in bytes per language."""
    settings = curriculum.settings
    synonyms = synonym_groups(curriculum)
    (site / paths.SEARCH).mkdir(parents=True, exist_ok=True)
    sizes = {}
    for lang in settings.languages:
        mine = sorted((d for d in documents if d.lang == lang and (d.title or d.passages)), key=lambda d: d.path)
        written = language_index(lang, mine, synonyms, settings).write(site)
        sizes[lang] = written[0].stat().st_size
    return sizes
