"""Search benchmark, in chromium: relevance, quotes, first-query download and latency (make bench-search).

    python scripts/bench_search.py [--sizes 12 120 600] [--sample 24] [--no-stock]

1. Relevance on the real curriculum. Builds the site from a copy of the repository as shipped
   (our per-language search; served on loopback and as the offline kit over file://) and, unless
   --no-stock, with Material's own search (KURIKULUM_SEARCH=material, served). Each query in
   tests/search/queries.yml is typed into the search box of the home page in its language; the
   modules of the first five results are compared with the modules the query expects. Our
   results must also quote their page: the first result's quote must hold a query word or a
   word of the same stem (the stemmer the index names, called directly), each of the first
   five must quote something.
2. Size, at each --sizes (synthetic curricula of bench_build.py: the real modules copied with
   new ids and titles): a sample of the queries, each on a fresh page with an empty cache,
   focus, then typed key by key at TYPING_DELAY ms a key. Measured: every byte the search
   downloads from the focus to the last quote (gzip level 6, as a web server sends it; the
   page itself is not counted), and the time from the last keystroke to the results of the
   whole query on screen, and to their quotes. Recall@5 of the sample too (a copy counts as
   the module it copies).

recall@5 of a query is the share of its expected modules found among the first five results;
a set's recall@5 is the mean over its queries. Results in the other language are counted too: a
reader on an Indonesian page should never get an English one.
Writes .cache/reports/search-benchmark.md and the search section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_tools import CHROMIUM_ARGS, chromium, copy_repository, serve, site_prefix

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests/search/queries.yml"
REPORT = REPO / ".cache/reports/search-benchmark.md"
BENCHMARKS = REPO / "BENCHMARKS.md"
SECTION_START = "<!-- search benchmark: written by scripts/bench_search.py -->"
SECTION_END = "<!-- end of search benchmark -->"
MODULE_IN_URL = re.compile(r"(?:^|/)(en/)?modul/([a-z0-9-]+)/")
COPY_SUFFIX = re.compile(r"-\d{3}$")
TYPING_DELAY = 100  # ms between keys when the size runs type a query: a quick typist
FIRST_QUERY_BUDGET = 150 * 1024
LATENCY_BUDGET = 100  # ms
# Each engine's search box and results, and how to tell the results are ready.
ENGINES = {
    "kurikulum": {
        "input": "[data-rh-search-input]",
        "results": "[data-rh-search-results] > li",
        "meta": "[data-rh-search-meta]",
    },
    "material": {
        "input": "input.md-search__input",
        "results": ".md-search-result__list > li",
        "meta": ".md-search-result__meta",
    },
}
LOADING = re.compile(r"Mempersiapkan|Initializing|Preparing", re.IGNORECASE)
# The first five results: each one's first link (its page), all its links, and its quote's marked words,
# and whether one of those is a query word or has a query word's stem (by the stemmer the index names).
READ_RESULTS = """([selector, query, lang]) => {
  const fold = t => t.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const index = (window.KurikulumSearch || {})[lang] || {};
  let stem = w => w;
  if (index.stemmer === "indonesian" && window.KurikulumIndonesianStemmer) {
    const snowball = new window.KurikulumIndonesianStemmer();
    stem = w => snowball.stemWord(w);
  } else if (index.stemmer === "english" && window.lunr) {
    stem = w => window.lunr.stemmer(new window.lunr.Token(w)).toString();
  }
  const words = fold(query).match(/[a-z0-9]+/g) || [];
  const stems = new Set(words.map(stem));
  return [...document.querySelectorAll(selector)].slice(0, 5).map(item => {
    const quote = item.querySelector(".rh-search-quote");
    const marks = quote ? [...quote.querySelectorAll("mark")].map(m => fold(m.textContent)) : [];
    return {
      href: (item.querySelector("a") || {}).href || "",
      hrefs: [...item.querySelectorAll("a")].map(a => a.href),
      quote: quote ? quote.textContent : "",
      marks: marks,
      own: marks.some(m => words.includes(m) || stems.has(stem(m))),
    };
  });
}"""
# Times, in the page's clock: every input event, and when the results list first answers the query.
WATCH = """() => {
  const list = document.querySelector("[data-rh-search-results]");
  const input = document.querySelector("[data-rh-search-input]");
  window.__rhBench = { inputs: [], answered: {}, quoted: {} };
  input.addEventListener("input", event => window.__rhBench.inputs.push(event.timeStamp));
  new MutationObserver(() => {
    const now = performance.now();
    const q = list.getAttribute("data-query"), quoted = list.getAttribute("data-quoted");
    if (q && !(q in window.__rhBench.answered)) window.__rhBench.answered[q] = now;
    if (quoted && !(quoted in window.__rhBench.quoted)) window.__rhBench.quoted[quoted] = now;
  }).observe(list, { attributes: true, attributeFilter: ["data-query", "data-quoted"] });
}"""


@dataclass
class Query:
    text: str
    expect: list[str]
    kind: str


@dataclass
class Outcome:
    query: Query
    modules: list[str]
    other_language: int
    quoted: bool = True  #: the first result quotes a query word (or its stem) and each of the first five quotes something
    quote: str = ""

    @property
    def recall(self) -> float:
        return sum(module in self.modules[:5] for module in self.query.expect) / len(self.query.expect)

    @property
    def first(self) -> bool:
        return bool(self.modules) and self.modules[0] in self.query.expect


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(o.recall for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def first(self) -> float:
        return sum(o.first for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def quoted(self) -> float:
        return sum(o.quoted for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def other_language(self) -> int:
        return sum(o.other_language for o in self.outcomes)

    def recall_of(self, kind: str) -> float:
        chosen = [o.recall for o in self.outcomes if o.query.kind == kind]
        return sum(chosen) / len(chosen) if chosen else float("nan")


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [Query(item["q"], list(item["expect"]), item["kind"]) for item in items] for lang, items in data.items()}


def build_site(root: Path, *, offline: bool = False, engine: str = "kurikulum", handouts: bool = True) -> Path:
    env = {**os.environ, "KURIKULUM_SEARCH": engine}
    command = [sys.executable, "-m", "kurikulum", "--root", str(root), "build"]
    command += [*(["--offline"] if offline else []), *([] if handouts else ["--no-handouts"])]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return root / ("site-offline" if offline else "site")


def home_page(base: str, lang: str) -> str:
    return base + ("" if lang == "id" else f"{lang}/") + ("index.html" if base.startswith("file:") else "")


def open_search(page, selectors: dict[str, str]):
    """Focus the search box and wait until the search is ready (the dictionary and the stemmer are in)."""
    box = page.locator(selectors["input"])
    box.focus()
    page.wait_for_function(
        "([meta, loading]) => { const m = document.querySelector(meta); return m && !new RegExp(loading, 'i').test(m.textContent); }",
        arg=[selectors["meta"], LOADING.pattern],
        timeout=30000,
    )
    return box


def read_outcome(page, query: Query, lang: str, engine: str, *, originals: bool = False) -> Outcome:
    """The first five results of the query on screen (ours: once they answer it and quote their pages)."""
    selectors = ENGINES[engine]
    if engine == "kurikulum":  # the list says which query it answers, then that its quotes are in
        wanted = query.text.strip()
        page.wait_for_function(
            "q => document.querySelector('[data-rh-search-results]').getAttribute('data-query') === q", arg=wanted
        )
        page.wait_for_function(
            "q => document.querySelector('[data-rh-search-results]').getAttribute('data-quoted') === q", arg=wanted
        )
        items = page.evaluate(READ_RESULTS, [selectors["results"], query.text, lang])
    else:
        items = [{"href": href, "hrefs": [href], "marks": [], "own": True, "quote": ""} for href in settled_results(page)]
    modules, other = [], 0
    for item in items[:5]:
        other += any(("/en/" in href) != (lang == "en") for href in item["hrefs"])
        match = MODULE_IN_URL.search(item["href"])
        if match:
            module = COPY_SUFFIX.sub("", match.group(2)) if originals else match.group(2)
            if module not in modules:
                modules.append(module)
    quoted = engine != "kurikulum" or (bool(items) and items[0]["own"] and all(item["marks"] for item in items))
    return Outcome(query, modules, other, quoted, items[0]["quote"] if items else "")


def run_queries(browser, home: str, queries: list[Query], lang: str, engine: str) -> Scores:
    """Type every query into the search box of ``home`` and read the first results."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(home, wait_until="load")
    box = open_search(page, ENGINES[engine])
    scores = Scores()
    for query in queries:
        box.fill("")
        page.wait_for_timeout(50)
        box.press_sequentially(query.text, delay=5)
        scores.outcomes.append(read_outcome(page, query, lang, engine))
    page.close()
    return scores


def settled_results(page) -> list[str]:
    """Material's result links once they stop changing (the box searches as the reader types)."""
    selector = ENGINES["material"]["results"] + " > a"
    previous = None
    for attempt in range(40):
        page.wait_for_timeout(150)
        current = page.eval_on_selector_all(selector, "links => links.slice(0, 5).map(a => a.href)")
        if current == previous and (current or attempt >= 6) and attempt >= 2:
            return current
        previous = current
    return previous or []


def measure(browser, bases: dict[str, tuple[str, str]], queries: dict[str, list[Query]]) -> dict[str, dict[str, Scores]]:
    """bases: label → (site root URL, engine)."""
    results: dict[str, dict[str, Scores]] = {}
    for label, (base, engine) in bases.items():
        results[label] = {}
        for lang, items in queries.items():
            results[label][lang] = run_queries(browser, home_page(base, lang), items, lang, engine)
    return results


# -- first query: bytes and time ----------------------------------------------------------


@dataclass
class FirstQuery:
    query: Query
    outcome: Outcome
    bytes: int  #: gzip, everything the search loaded from the focus to the last quote
    files: int
    results_ms: float  #: last keystroke → the results of the whole query on screen
    quotes_ms: float  #: last keystroke → their quotes


def first_query(browser, base: str, lang: str, query: Query) -> FirstQuery:
    """One query on a fresh page with an empty cache: what it downloads and how long it takes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(home_page(base, lang), wait_until="load")
    page.wait_for_timeout(200)
    loaded: list[object] = []
    page.on("response", lambda response: loaded.append(response))
    box = open_search(page, ENGINES["kurikulum"])
    page.evaluate(WATCH)
    box.press_sequentially(query.text, delay=TYPING_DELAY)
    outcome = read_outcome(page, query, lang, "kurikulum", originals=True)
    times = page.evaluate("() => window.__rhBench")
    wanted = query.text.strip()
    last = times["inputs"][-1]
    total = 0
    for response in loaded:
        if response.url.startswith(base):
            total += len(gzip.compress(response.body(), compresslevel=6, mtime=0))
    context.close()
    return FirstQuery(query, outcome, total, len(loaded), times["answered"][wanted] - last, times["quoted"][wanted] - last)


def sample(queries: dict[str, list[Query]], per_language: int, present: set[str]) -> dict[str, list[Query]]:
    """Every k-th query whose expected modules the curriculum has: the same sample at every size."""
    chosen = {}
    for lang, items in queries.items():
        usable = [q for q in items if set(q.expect) <= present]
        step = max(1, len(usable) // per_language)
        chosen[lang] = usable[::step][:per_language]
    return chosen


def size_runs(browser, scratch: Path, sizes: list[int], queries: dict[str, list[Query]], per_language: int) -> dict[int, dict]:
    import bench_build

    rows = {}
    for size in sizes:
        print(f"== {size} modules", flush=True)
        root = bench_build.make_curriculum(scratch / f"c{size}", size)
        started = time.perf_counter()
        site = build_site(root, handouts=False)
        built = time.perf_counter() - started
        present = {p.name for p in (root / "modules").glob("*/*") if (p / "modul.yml").exists()}
        chosen = sample(queries, per_language, present)
        row: dict = {"build_s": built, "langs": {}}
        with serve(site, site_prefix(root)) as base:
            for lang, items in chosen.items():
                runs = [first_query(browser, base, lang, q) for q in items]
                row["langs"][lang] = runs
                print(
                    f"   {lang}: {len(runs)} queries, bytes median {statistics.median(r.bytes for r in runs) / 1024:.0f} KB "
                    f"max {max(r.bytes for r in runs) / 1024:.0f} KB, results median "
                    f"{statistics.median(r.results_ms for r in runs):.0f} ms",
                    flush=True,
                )
        files = [p for p in (site / "search").rglob("*.js")]
        row["index_files"] = len(files)
        row["index_bytes"] = sum(p.stat().st_size for p in files)
        rows[size] = row
    return rows


# -- report ---------------------------------------------------------------------------------


def kb(value: float) -> str:
    return f"{value / 1024:.0f} KB"


def relevance_report(results: dict[str, dict[str, Scores]], queries: dict[str, list[Query]]) -> list[str]:
    labels = list(results)
    lines = ["| set | queries | " + " | ".join(labels) + " |", "|---|---|" + "---|" * len(labels)]
    for lang, items in queries.items():
        lines.append(f"| {lang} | {len(items)} | " + " | ".join(f"{results[label][lang].recall:.3f}" for label in labels) + " |")
        for kind in sorted({q.kind for q in items}):
            count = sum(q.kind == kind for q in items)
            cells = " | ".join(f"{results[label][lang].recall_of(kind):.2f}" for label in labels)
            lines.append(f"| {lang} · {kind} | {count} | {cells} |")
    ours = labels[0]
    lines += ["", "Our search, served:", ""]
    for lang in queries:
        scores = results[ours][lang]
        lines.append(
            f"- {lang}: the first result is an expected module for {scores.first:.0%} of the queries; "
            f"{scores.quoted:.0%} of the queries show quotes (the first with a query word or its stem, each of the first five with a marked word)"
        )
    lines += ["", "Results in the other language among the first five (should be 0):", ""]
    for label in labels:
        lines.append(f"- {label}: " + ", ".join(f"{lang} {results[label][lang].other_language}" for lang in queries))
    missed = [
        f"- [{lang}] `{o.query.text}` expected {o.query.expect}, got {o.modules}"
        for lang in queries
        for o in results[ours][lang].outcomes
        if o.recall < 1
    ]
    unquoted = [
        f"- [{lang}] `{o.query.text}`: {o.quote[:100]!r}"
        for lang in queries
        for o in results[ours][lang].outcomes
        if not o.quoted
    ]
    lines += ["", "Queries our search misses (recall@5 below 1):", "", *(missed or ["- none"])]
    lines += ["", "Queries whose quotes miss the query's words:", "", *(unquoted or ["- none"])]
    return lines


def size_report(rows: dict[int, dict]) -> list[str]:
    lines = [
        "| modules | language | queries | first query, median | first query, max | results after the last key, median | quotes after the last key, median | recall@5 | other language | index files (all languages) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, row in sorted(rows.items()):
        for lang, runs in row["langs"].items():
            recall = sum(r.outcome.recall for r in runs) / len(runs)
            lines.append(
                f"| {size} | {lang} | {len(runs)} | {kb(statistics.median(r.bytes for r in runs))} | {kb(max(r.bytes for r in runs))} | "
                f"{statistics.median(r.results_ms for r in runs):.0f} ms | {statistics.median(r.quotes_ms for r in runs):.0f} ms | "
                f"{recall:.2f} | {sum(r.outcome.other_language for r in runs)} | {row['index_files']} ({row['index_bytes'] / 1e6:.1f} MB) |"
            )
    return lines


def budgets(rows: dict[int, dict], results: dict[str, dict[str, Scores]] | None) -> list[str]:
    checks = []
    largest = max(rows) if rows else None
    if largest is not None:
        runs = [r for runs in rows[largest]["langs"].values() for r in runs]
        worst = max(r.bytes for r in runs)
        checks.append(
            (f"First query ≤ 150 KB gzip at {largest} modules (max over the sample)", kb(worst), worst <= FIRST_QUERY_BUDGET)
        )
        for size, row in sorted(rows.items()):
            median = statistics.median(r.results_ms for runs in row["langs"].values() for r in runs)
            checks.append(
                (f"Results ≤ 100 ms after the last key at {size} modules (median)", f"{median:.0f} ms", median <= LATENCY_BUDGET)
            )
    if results:
        ours = results[next(iter(results))]
        for lang, scores in ours.items():
            checks.append((f"Recall@5 ≥ 0.9, {lang}", f"{scores.recall:.3f}", scores.recall >= 0.9))
            checks.append((f"No result in the other language, {lang}", str(scores.other_language), scores.other_language == 0))
            checks.append((f"Every query quotes a query word, {lang}", f"{scores.quoted:.0%}", scores.quoted == 1))
    lines = ["| budget | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {'met' if ok else '**missed**'} |" for name, value, ok in checks]
    return lines


def machine() -> str:
    import platform

    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        match = re.search(r"model name\s*:\s*(.+)", info.read_text())
        cpu = match.group(1).strip() if match else cpu
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu})"


def write_section(text: str, path: Path = BENCHMARKS) -> None:
    """Put the search section into BENCHMARKS.md, replacing the one there (bench_build.py keeps it)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"{SECTION_START}\n{text.rstrip()}\n{SECTION_END}\n"
    if SECTION_START in current and SECTION_END in current:
        before, rest = current.split(SECTION_START, 1)
        after = rest.split(SECTION_END, 1)[1].lstrip("\n")
        current = before + section + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + section
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--sizes", type=int, nargs="*", default=[12, 120, 600])
    parser.add_argument("--sample", type=int, default=24, help="queries per language at each size")
    parser.add_argument("--no-stock", action="store_true", help="skip stock Material's relevance (saves a build)")
    parser.add_argument("--no-relevance", action="store_true", help="only the size runs")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    queries = load_queries(args.queries)
    executable = chromium()
    if executable is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = None
    with tempfile.TemporaryDirectory() as scratch_name, sync_playwright() as playwright:
        scratch = Path(scratch_name)
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        if not args.no_relevance:
            print("== relevance on the real curriculum", flush=True)
            ours = copy_repository(scratch / "ours", with_cache=True)
            site = build_site(ours)
            kit = build_site(ours, offline=True)
            prefix = site_prefix(ours)
            with serve(site, prefix) as served:
                bases = {
                    "Ruang Hak (served)": (served, "kurikulum"),
                    "Ruang Hak (offline kit, file://)": (kit.as_uri() + "/", "kurikulum"),
                }
                if not args.no_stock:
                    stock = copy_repository(scratch / "stock", with_cache=True)
                    stock_site = build_site(stock, engine="material")
                    with serve(stock_site, prefix) as served_stock:
                        results = measure(browser, {**bases, "stock Material (served)": (served_stock, "material")}, queries)
                else:
                    results = measure(browser, bases, queries)
        rows = size_runs(browser, scratch, args.sizes, queries, args.sample) if args.sizes else {}
        browser.close()
    lines = [
        "## Search",
        "",
        f"Measured by `make bench-search` (`scripts/bench_search.py`) on {time.strftime('%Y-%m-%d')}: {machine()};"
        f" chromium headless, loopback server; {(time.perf_counter() - started) / 60:.0f} minutes.",
        "",
    ]
    if rows:
        lines += [
            "### First query: download and time",
            "",
            f"Each query of a sample on a fresh page (empty cache): focus the box, type the query at {TYPING_DELAY} ms a key.",
            "Download: every file the search loads from the focus to the last quote (dictionary, stemmer, postings shards",
            "for every key's search, the quoted passages), gzip level 6. Time: from the last key to the results of the",
            "whole query on screen (titles and links), and to their quotes. Synthetic curricula: the real modules",
            "copied with new ids and titles; a copy counts as its original for recall.",
            "",
            *size_report(rows),
            "",
        ]
    if results:
        lines += ["### Relevance on the real curriculum (recall@5)", "", *relevance_report(results, queries), ""]
    lines += ["### Budgets", "", *budgets(rows, results)]
    text = "\n".join(lines) + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    write_section(text)
    print(text)
    print(f"(written to {REPORT.relative_to(REPO)} and the search section of {BENCHMARKS.name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
