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

import bisect
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
from kurikulum.workers import default_workers, forked_map, shared

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

    def postings(self) -> str:
        """This page's part of the word's postings after the page's number (see :func:`_part`), made once."""
        known = self.__dict__.get("_postings")
        if known is None:
            passages, in_heading = self.passages, self.in_heading
            steps = [2 * (now - before) for now, before in zip(passages, [0, *passages][:-1], strict=True)]
            if in_heading:
                steps = [step + (passage in in_heading) for step, passage in zip(steps, passages, strict=True)]
            numbers = [self.count, int(self.title) + 2 * self.headings, len(passages), *steps]
            known = ",".join(map(str, numbers))
            self.__dict__["_postings"] = known
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

    def entry(word: str) -> Occurrences:
        known = found.get(word)
        if known is None:
            known = found[word] = Occurrences()
        return known

    words = tokens(document.title)
    length = len(words)
    for word in words:
        title = entry(word)
        title.count += 1
        title.title = True
    previous_heading = None
    for number, passage in enumerate(document.passages):
        if passage.heading != previous_heading:  # a heading counts once, not once per piece of its section
            previous_heading = passage.heading
            words = tokens(passage.heading)
            length += len(words)
            for word in words:
                heading = entry(word)
                heading.count += 1
                heading.headings += 1
                heading.seen_in(number, heading=True)
        words = tokens(passage.text)
        length += len(words)
        for word, count in Counter(words).items():
            text = entry(word)
            text.count += count
            text.seen_in(number)
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


def _part(distance: int, entry: Occurrences) -> str:
    """A page's part of a word's postings: its distance from the word's previous page, then :meth:`Occurrences.postings`.

    Together, one word's postings are one list of numbers: per page, the page's number (from the
    previous one), the count, 1 if in the title + 2 × the headings it is in, how many passages
    follow, then per passage 2 × its number (from the previous one) + 1 if the word is in its heading.
    """
    return f"{distance},{entry.postings()}"


@dataclass
class LanguageIndex:
    """The files of one language's index: the dictionary and, by name, the shard and text files."""

    dictionary: dict[str, object]
    files: dict[str, str]  #: file name (in the version folder) -> content

    def write(self, site: Path, previous: LanguageIndex | None = None) -> list[Path]:
        """Write the files into ``site``; with the ``previous`` index written there, only the files that changed."""
        lang = str(self.dictionary["lang"])
        folder = site / paths.SEARCH / lang
        version_folder = site / paths.SEARCH / str(self.dictionary["folder"])
        old_folder = site / paths.SEARCH / str(previous.dictionary["folder"]) if previous else None
        written = []
        if previous is not None and old_folder is not None and folder.is_dir() and [*folder.iterdir()] == [old_folder]:
            if old_folder != version_folder:
                old_folder.rename(version_folder)
            for name in previous.files.keys() - self.files.keys():
                (version_folder / name).unlink()
            for name, content in self.files.items():
                if previous.files.get(name) != content:
                    (version_folder / name).write_text(content, encoding="utf-8")
                    written.append(version_folder / name)
        else:
            if folder.exists():
                shutil.rmtree(folder)
            version_folder.mkdir(parents=True)
            for name, content in self.files.items():
                (version_folder / name).write_text(content, encoding="utf-8")
                written.append(version_folder / name)
        main = site / paths.SEARCH / f"{lang}.js"
        main.write_text(_script(lang, self.dictionary), encoding="utf-8")
        return [main, *written]


class SearchIndex:
    """One language's index, kept between builds in one process (``kurikulum serve``).

    After an edit only the changed pages' words are counted again and only the files whose
    content changed are made and written; the files are the same as a fresh index's of the same pages.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._paths: list[str] = []
        self._pages: list[tuple[object, ...]] = []  #: per page, what its part of the index is made from
        self._found: list[dict[str, Occurrences]] = []
        self._docs: list[list[object]] = []
        self._texts: list[dict[str, str]] = []  #: per page, its text files by name
        # Per word: the pages it occurs in, and each page's part of its postings, written out.
        self._by_word: dict[str, list[tuple[int, Occurrences]]] = {}
        self._parts: dict[str, list[str]] = {}
        self._postings: dict[str, str] = {}
        self._frequency: dict[str, int] = {}
        self._shard_files: dict[tuple[int, tuple[str, ...]], str] = {}
        self._file_digests: dict[str, tuple[str, bytes]] = {}  #: file name -> (content, its hash)
        self.index: LanguageIndex | None = None
        self._written: tuple[Path, LanguageIndex] | None = None  #: the site folder and the index last written into it

    def update(self, documents: list[Document], synonyms: list[list[str]], settings: Settings) -> LanguageIndex:
        """The index of ``documents`` (sorted by path), counting again only the pages that changed."""
        paths_now = [document.path for document in documents]
        if paths_now != self._paths:
            self.__init__(self.lang)
            self._paths = paths_now
            self._pages = [()] * len(documents)
            self._found = [{}] * len(documents)
            self._docs = [[]] * len(documents)
            self._texts = [{}] * len(documents)
        changed = [
            number
            for number, document in enumerate(documents)
            if self._pages[number] != (document.title, document.passages, document.kind, document.module)
        ]
        dirty = self._count(documents, changed) if self._by_word else self._count_all(documents)
        for word in dirty:
            if self._by_word[word]:
                self._postings[word] = ",".join(self._parts[word])
            else:
                del self._by_word[word], self._parts[word], self._postings[word], self._frequency[word]
        self.index = self._files(synonyms, settings, dirty)
        return self.index

    def _page(self, number: int, document: Document) -> dict[str, Occurrences]:
        found, length = occurrences(document)
        self._found[number] = found
        self._pages[number] = (document.title, list(document.passages), document.kind, document.module)
        self._docs[number] = [document.path, document.title, document.kind, document.module, length, len(document.passages)]
        self._texts[number] = {
            f"p{number}-{block}.js": _script(f"{self.lang}:p{number}-{block}", None, payload)
            for block, payload in enumerate(_text_blocks(document))
        }
        return found

    def _count_all(self, documents: list[Document]) -> set[str]:
        for number, document in enumerate(documents):
            for word, entry in self._page(number, document).items():
                self._by_word.setdefault(word, []).append((number, entry))
        for word, entries in self._by_word.items():
            parts, previous = [], 0
            for doc, entry in entries:
                parts.append(_part(doc - previous, entry))
                previous = doc
            self._parts[word] = parts
            self._frequency[word] = sum(entry.count for _, entry in entries)
        return set(self._by_word)

    def _count(self, documents: list[Document], changed: list[int]) -> set[str]:
        """Replace the changed pages' parts of their words' postings (a page's part starts with its distance from the previous page)."""
        dirty: set[str] = set()
        for number in changed:
            old = self._found[number]
            found = self._page(number, documents[number])
            for word in old.keys() | found.keys():
                self._frequency[word] = (
                    self._frequency.get(word, 0)
                    + (found[word].count if word in found else 0)
                    - (old[word].count if word in old else 0)
                )
                entries = self._by_word.setdefault(word, [])
                parts = self._parts.setdefault(word, [])
                at = bisect.bisect_left(entries, number, key=lambda entry: entry[0])
                if at < len(entries) and entries[at][0] == number:
                    del entries[at], parts[at]
                if word in found:
                    entries.insert(at, (number, found[word]))
                    parts.insert(at, "")
                for position in (at, at + 1):  # this page's part, and the next page's distance
                    if position < len(entries):
                        doc, entry = entries[position]
                        parts[position] = _part(doc - (entries[position - 1][0] if position else 0), entry)
                dirty.add(word)
        return dirty

    def _files(self, synonyms: list[list[str]], settings: Settings, dirty: set[str]) -> LanguageIndex:
        lang = self.lang
        search_words = settings.words(lang).get("search")
        stemmer = search_words.get("stemmer") or None
        exceptions = {str(word): str(stem) for word, stem in search_words.get("stem_exceptions") or []}
        families: dict[str, list[str]] = {}
        for word in self._by_word:
            families.setdefault(family(word, stemmer, exceptions), []).append(word)
        shards: list[list[str]] = [[]]
        size = 0
        for stem in sorted(families):
            if size >= SHARD_BYTES:
                shards.append([])
                size = 0
            for word in sorted(families[stem]):
                shards[-1].append(word)
                size += len(word) + 4 + len(self._postings[word])
        files = {}
        shard_files = {}
        for number, shard in enumerate(shards):
            key = (number, tuple(shard))
            content = self._shard_files.get(key)
            if content is None or not dirty.isdisjoint(shard):
                # The same bytes as json.dumps of {word: [numbers]}: words are [a-z0-9]+, nothing to escape.
                postings = ",".join(f'"{word}":[{self._postings[word]}]' for word in shard)
                content = _script(f"{lang}:w{number}", None, "{" + postings + "}")
            files[f"w{number}.js"] = shard_files[key] = content
        self._shard_files = shard_files
        for texts in self._texts:
            files.update(texts)
        version = self._version(files)
        dictionary = {
            "lang": lang,
            "stemmer": stemmer,
            "folder": f"{lang}/{version}",
            "text": {key: search_words[key] for key in ("loading", "prompt", "none", "found_one", "found_other", "kinds")},
            "kindWeight": KIND_WEIGHT,
            "blockPassages": BLOCK_PASSAGES,
            "docs": self._docs,
            "shards": [" ".join(sorted(shard)) for shard in shards],
            "frequency": ["".join(frequency_class(self._frequency[word]) for word in sorted(shard)) for shard in shards],
            "synonyms": synonyms,
            "stopWords": sorted(search_words.get("stop_words") or []),
            "stemExceptions": dict(sorted(exceptions.items())),
        }
        return LanguageIndex(dictionary, files)

    def _version(self, files: dict[str, str]) -> str:
        """A hash of every file's name and content, from one hash per file (kept while the file's content is the same)."""
        known, digests = self._file_digests, {}
        for name, content in files.items():
            hit = known.get(name)
            if hit is None or (hit[0] is not content and hit[0] != content):
                hit = (content, hashlib.sha256(content.encode()).digest())
            digests[name] = hit
        self._file_digests = digests
        return hashlib.sha256(b"".join(name.encode() + b"\0" + digests[name][1] for name in sorted(digests))).hexdigest()[:10]

    def write(self, site: Path) -> list[Path]:
        """Write the index last made into ``site``: only what changed, when the last one was written there."""
        assert self.index is not None
        previous = self._written[1] if self._written and self._written[0] == site else None
        written = self.index.write(site, previous)
        self._written = (site, self.index)
        return written

    def moved(self, site: Path) -> None:
        """The site folder last written was moved to ``site`` (the preview builds aside, then swaps)."""
        if self._written is not None:
            self._written = (site, self._written[1])


def language_index(lang: str, documents: list[Document], synonyms: list[list[str]], settings: Settings) -> LanguageIndex:
    return SearchIndex(lang).update(documents, synonyms, settings)


def write_search_indexes(
    site: Path, documents: list[Document], curriculum: Curriculum, indexes: dict[str, SearchIndex] | None = None
) -> dict[str, int]:
    """Write every language's index; return the dictionary's size in bytes per language.

    ``indexes`` (per language) are kept by a long-running process and updated in place. Without
    them, each language's index is made on a core of its own.
    """
    settings = curriculum.settings
    synonyms = synonym_groups(curriculum)
    (site / paths.SEARCH).mkdir(parents=True, exist_ok=True)
    by_lang = {
        lang: sorted((d for d in documents if d.lang == lang and (d.title or d.passages)), key=lambda d: d.path)
        for lang in settings.languages
    }
    if indexes is not None:
        for lang, mine in by_lang.items():
            index = indexes.setdefault(lang, SearchIndex(lang))
            index.update(mine, synonyms, settings)
            index.write(site)
    else:
        forked_map(_write_language, list(by_lang), default_workers(), (site, by_lang, synonyms, settings))
    return {lang: (site / paths.SEARCH / f"{lang}.js").stat().st_size for lang in settings.languages}


def _write_language(lang: str) -> None:
    site, by_lang, synonyms, settings = shared()
    index = SearchIndex(lang)
    index.update(by_lang[lang], synonyms, settings)
    index.write(site)
