"""Search relevance benchmark: recall@5 of our search and of stock Material search, in chromium.

    python scripts/bench_search.py            (make bench-search)

Builds the site twice from a copy of the repository: once as shipped (our per-language
search; served on loopback and as the offline kit over file://) and once with Material's
own search (RUANG_HAK_SEARCH=material, served). Each query in tests/search/queries.yml is
typed into the search box of the home page in its language; the modules of the first five
results are compared with the modules the query expects.

recall@5 of a query is the share of its expected modules found among the first five
results; a set's recall@5 is the mean over its queries. Results in the other language
are counted too: a reader on an Indonesian page should never get an English one.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_tools import CHROMIUM_ARGS, chromium, copy_repository, serve, site_prefix

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests/search/queries.yml"
REPORT = REPO / ".cache/reports/search-benchmark.md"
MODULE_IN_URL = re.compile(r"(?:^|/)(en/)?modul/([a-z0-9-]+)/")
# Each engine's search box and results, and how to tell the results are ready.
ENGINES = {
    "ruang-hak": {
        "input": "[data-rh-search-input]",
        "results": "[data-rh-search-results] > li a",
        "meta": "[data-rh-search-meta]",
    },
    "material": {
        "input": "input.md-search__input",
        "results": ".md-search-result__list > li > a",
        "meta": ".md-search-result__meta",
    },
}
LOADING = re.compile(r"Mempersiapkan|Initializing|Preparing", re.IGNORECASE)


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

    @property
    def recall(self) -> float:
        return sum(module in self.modules[:5] for module in self.query.expect) / len(self.query.expect)


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(o.recall for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def other_language(self) -> int:
        return sum(o.other_language for o in self.outcomes)

    def recall_of(self, kind: str) -> float:
        chosen = [o.recall for o in self.outcomes if o.query.kind == kind]
        return sum(chosen) / len(chosen) if chosen else float("nan")


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [Query(item["q"], list(item["expect"]), item["kind"]) for item in items] for lang, items in data.items()}


def build_site(root: Path, *, offline: bool = False, engine: str = "ruang-hak") -> Path:
    env = {**os.environ, "RUANG_HAK_SEARCH": engine}
    command = [sys.executable, "-m", "kurikulum", "--root", str(root), "build", *(["--offline"] if offline else [])]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return root / ("site-offline" if offline else "site")


def run_queries(browser, home: str, queries: list[Query], lang: str, engine: str) -> Scores:
    """Type every query into the search box of ``home`` and read the first results."""
    selectors = ENGINES[engine]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(home, wait_until="load")
    box = page.locator(selectors["input"])
    box.focus()
    page.wait_for_function(
        "([meta, loading]) => { const m = document.querySelector(meta); return m && !new RegExp(loading, 'i').test(m.textContent); }",
        arg=[selectors["meta"], LOADING.pattern],
        timeout=30000,
    )
    scores = Scores()
    for query in queries:
        box.fill("")
        page.wait_for_timeout(50)
        box.press_sequentially(query.text, delay=5)
        if engine == "ruang-hak":  # the list says which query it answers
            page.wait_for_function(
                "q => document.querySelector('[data-rh-search-results]').getAttribute('data-query') === q", arg=query.text.strip()
            )
            hrefs = page.eval_on_selector_all(selectors["results"], "links => links.slice(0, 5).map(a => a.href)")
        else:
            hrefs = settled_results(page, selectors["results"])
        modules, other = [], 0
        for href in hrefs[:5]:
            match = MODULE_IN_URL.search(href)
            if ("/en/" in href) != (lang == "en"):
                other += 1
            if match and match.group(2) not in modules:
                modules.append(match.group(2))
        scores.outcomes.append(Outcome(query, modules, other))
    page.close()
    return scores


def settled_results(page, selector: str) -> list[str]:
    """The result links once they stop changing (the box searches as the reader types)."""
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
            home = base + ("" if lang == "id" else "en/") + ("index.html" if base.startswith("file:") else "")
            results[label][lang] = run_queries(browser, home, items, lang, engine)
    return results


def report(results: dict[str, dict[str, Scores]], queries: dict[str, list[Query]]) -> str:
    labels = list(results)
    lines = ["# Search relevance: recall@5", ""]
    lines.append("| set | queries | " + " | ".join(labels) + " |")
    lines.append("|---|---|" + "---|" * len(labels))
    for lang, items in queries.items():
        lines.append(f"| {lang} | {len(items)} | " + " | ".join(f"{results[label][lang].recall:.2f}" for label in labels) + " |")
        for kind in sorted({q.kind for q in items}):
            count = sum(q.kind == kind for q in items)
            cells = " | ".join(f"{results[label][lang].recall_of(kind):.2f}" for label in labels)
            lines.append(f"| {lang} · {kind} | {count} | {cells} |")
    lines += ["", "Results in the other language among the first five (should be 0):", ""]
    for label in labels:
        lines.append(f"- {label}: " + ", ".join(f"{lang} {results[label][lang].other_language}" for lang in queries))
    lines += ["", "Queries our search misses (recall@5 below 1):", ""]
    ours = labels[0]
    for lang in queries:
        for outcome in results[ours][lang].outcomes:
            if outcome.recall < 1:
                lines.append(f"- [{lang}] `{outcome.query.text}` expected {outcome.query.expect}, got {outcome.modules}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    queries = load_queries(args.queries)
    executable = chromium()
    if executable is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        ours = copy_repository(Path(scratch) / "ours", with_cache=True)
        stock = copy_repository(Path(scratch) / "stock", with_cache=True)
        site = build_site(ours)
        kit = build_site(ours, offline=True)
        stock_site = build_site(stock, engine="material")
        prefix = site_prefix(ours)
        with serve(site, prefix) as served, serve(stock_site, prefix) as served_stock, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            results = measure(
                browser,
                {
                    "Ruang Hak (served)": (served, "ruang-hak"),
                    "Ruang Hak (offline kit, file://)": (kit.as_uri() + "/", "ruang-hak"),
                    "stock Material (served)": (served_stock, "material"),
                },
                queries,
            )
            browser.close()
        sizes = {lang: (site / "search" / f"{lang}.js").stat().st_size for lang in queries}
    text = report(results, queries)
    text += "\nIndex size per language: " + ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in sizes.items()) + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {REPORT.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
