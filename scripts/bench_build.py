"""Build benchmarks and budgets (make bench): what each feature costs and how it grows.

    python scripts/bench_build.py [--sizes 12 120 600] [--runs 3] [--large-runs 1] [--edits 3] [--report BENCHMARKS.md]

1. Synthetic curricula of 12, 120 and 600 modules, made from the twelve real modules
   (each copy keeps its text length in both languages; ids and titles are numbered).
2. Side by side, median of --runs runs (the plain build: of --large-runs above 120 modules,
   where one takes minutes): (a) our site build without handouts and (b) plain
   mkdocs-material + mkdocs-static-i18n on the same Markdown pages (what a user would pick
   instead), run in turn so that the machine's noise falls on both, (c) handouts cold and
   warm with 1 and 2 workers, and within them what the WhatsApp cards, the trainer's session plans, the activity cards, the discreet
   cards and the topics' plan PDFs cost (the run's own timings, from .cache/handouts/manifest.json),
   (d) `kurikulum check`, (e) where a full build's time goes, phase by phase
   (scripts/bench_phases.py), (f) edit → reload under make serve (scripts/bench_preview.py).
3. Page weight in chromium: the gzip size of everything a first visit loads per page
   type, what a repeat visit loads, the search index per language, handout, card and
   session-plan sizes.
4. BENCHMARKS.md: the tables, the budgets, the machine.

The machine is shared: compare ratios measured in one run, not absolute seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kurikulum.handouts.manifest import CARD_FORMAT
from site_tools import CHROMIUM_ARGS, chromium, copy_repository

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "BENCHMARKS.md"
LARGE = 120  #: above this many modules, the plain build is run --large-runs times

BASELINE_CONFIG = """\
site_name: Ruang Hak (baseline)
site_url: https://ruang-hak.github.io/ruang-hak/
theme:
  name: material
  language: id
  font: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - locale: id
          default: true
          name: Bahasa Indonesia
        - locale: en
          name: English
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, toc]
"""


# -- synthetic curricula ----------------------------------------------------------


def make_curriculum(target: Path, modules: int) -> Path:
    """A repository copy whose modules/ holds ``modules`` modules cloned from the real twelve."""
    copy_repository(target)
    shutil.rmtree(target / "modules")
    real = sorted(p for p in (REPO / "modules").glob("[!_]*/[!_]*") if (p / "modul.yml").exists())
    (target / "modules").mkdir()
    for path in (REPO / "modules").iterdir():
        if path.is_file():
            shutil.copy2(path, target / "modules" / path.name)
    for topic in {p.parent for p in real}:
        (target / "modules" / topic.name).mkdir()
        for name in ("topik.yml", "istilah.yml"):
            if (topic / name).exists():
                shutil.copy2(topic / name, target / "modules" / topic.name / name)
    for number in range(modules):
        source = real[number % len(real)]
        copy = number // len(real)
        module_id = source.name if copy == 0 else f"{source.name}-{copy:03d}"
        folder = target / "modules" / source.parent.name / module_id
        shutil.copytree(source, folder)
        if copy:
            meta = folder / "modul.yml"
            text = re.sub(r"(?m)^id: .*$", f"id: {module_id}", meta.read_text(encoding="utf-8"))
            text = re.sub(r"(?m)^urutan: (\d+)$", lambda m, copy=copy: f"urutan: {int(m.group(1)) + 3 * copy}", text)
            meta.write_text(text, encoding="utf-8")
            for lang in ("id", "en"):
                trainer = folder / f"pelatih.{lang}.md"
                text = trainer.read_text(encoding="utf-8")
                title = re.search(r"(?m)^judul: (.*)$", text).group(1).strip().strip('"')
                numbered = json.dumps(f"{title} ({copy + 1})", ensure_ascii=False)  # a valid YAML double-quoted string
                trainer.write_text(
                    re.sub(r"(?m)^judul: .*$", lambda _, numbered=numbered: f"judul: {numbered}", text, count=1), encoding="utf-8"
                )
    kurikulum(target, "translated", "--all")
    return target


def preview_latency(root: Path, runs: int, handouts: bool) -> dict[str, float]:
    """Edit→reload under ``make serve`` (scripts/bench_preview.py, in a process of its own)."""
    command = [sys.executable, str(Path(__file__).with_name("bench_preview.py")), str(root), "--runs", str(runs)]
    done = subprocess.run([*command, *(["--handouts"] if handouts else [])], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_preview failed in {root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_phases(root: Path) -> dict[str, float]:
    """Where a full build's time goes (scripts/bench_phases.py, in a process of its own)."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bench_phases.py")), str(root)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"bench_phases failed in {root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def kurikulum(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kurikulum", "--root", str(root), *args], capture_output=True, text=True, env=env or os.environ
    )
    if done.returncode != 0:
        raise SystemExit(f"kurikulum {' '.join(args)} failed in {root}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def baseline_root(root: Path, target: Path) -> Path:
    """The same pages (made by our adapter, as Markdown holding their HTML) built by a plain Material + static-i18n config."""
    from kurikulum.check import check
    from kurikulum.site.bundle import bundle
    from kurikulum_mkdocs.staging import write_plain_pages

    curriculum, _ = check(root)
    target.mkdir(parents=True)
    write_plain_pages(bundle(curriculum, None), target / "docs")
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return target


def timed(
    action: Callable[[], object],
    runs: int,
    before: Callable[[], object] | None = None,
    after: Callable[[], object] | None = None,
) -> float:
    samples = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
        if after:
            after()
    return statistics.median(samples)


def timed_side_by_side(
    ours: Callable[[], object], plain: Callable[[], object], runs: int, plain_runs: int
) -> tuple[float, float]:
    """Medians of our build and the plain one, run in turn, so that a noisy minute on the shared machine slows both."""
    ours_samples: list[float] = []
    plain_samples: list[float] = []
    for turn in range(max(runs, plain_runs)):
        for action, samples, wanted in ((ours, ours_samples, runs), (plain, plain_samples, plain_runs)):
            if turn < wanted:
                start = time.perf_counter()
                action()
                samples.append(time.perf_counter() - start)
    return statistics.median(ours_samples), statistics.median(plain_samples)


WHATSAPP = "whatsapp-cards"  # the WhatsApp cards' share of a handout run (manifest's cards_seconds)
DOCUMENT_KINDS = {
    "trainer-plan": "session plans",
    "activity-cards": "activity cards",
    "discreet": "discreet cards",
    "plan-packs": "plans per topic",
}


def document_timings(root: Path) -> dict[str, float]:
    """What the last handout run spent on each kind of printed document (the run writes it in its manifest)."""
    manifest = json.loads((root / ".cache" / "handouts" / "manifest.json").read_text(encoding="utf-8"))
    timings = {kind: float(manifest.get("timings", {}).get(kind, 0.0)) for kind in DOCUMENT_KINDS}
    return {**timings, WHATSAPP: float(manifest.get("cards_seconds", 0.0))}


def mkdocs(root: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"baseline build failed:\n{done.stderr[-3000:]}")


def folder_size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


# -- page weight --------------------------------------------------------------------


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weights(site: Path, catalog: dict) -> dict[str, dict[str, int]]:
    """For each page type: gzip bytes a first visit loads (by kind) and what a repeat visit loads."""
    from playwright.sync_api import sync_playwright

    module = catalog["modules"][0]
    pages = {
        "home": "index.html",
        "topic": catalog["topics"][0]["pages"]["id"],
        "trainer": module["pages"]["id"]["trainer"],
        "participant": module["pages"]["id"]["participant"],
        "glossary": catalog["glossary"]["pages"]["id"],
    }
    result = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for kind, path in pages.items():
            page = browser.new_page()
            loaded: list[str] = []
            page.on("request", lambda request, loaded=loaded: loaded.append(request.url))
            page.goto((site / path).as_uri(), wait_until="load")
            page.wait_for_timeout(300)
            page.close()
            weights = {"html": 0, "css": 0, "js": 0, "font": 0, "image": 0, "other": 0}
            for url in dict.fromkeys(loaded):
                if not url.startswith("file://"):
                    continue
                file = Path(url[len("file://") :].split("?")[0].split("#")[0])
                suffix = file.suffix.lower()
                bucket = {
                    ".html": "html",
                    ".css": "css",
                    ".js": "js",
                    ".woff": "font",
                    ".woff2": "font",
                    ".ttf": "font",
                    ".svg": "image",
                    ".png": "image",
                    ".jpg": "image",
                }.get(suffix, "other")
                weights[bucket] += gz(file)
            weights["first visit"] = sum(v for k, v in weights.items())
            weights["repeat visit"] = weights["html"]  # assets come from the browser cache
            result[kind] = weights
        browser.close()
    return result


# -- the run ----------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        match = re.search(r"model name\s*:\s*(.+)", info.read_text())
        cpu = match.group(1).strip() if match else cpu
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 120, 600])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--large-runs",
        type=int,
        default=1,
        help=f"plain Material's runs above {LARGE} modules (one takes 5 to 12 minutes at 600)",
    )
    parser.add_argument(
        "--edits", type=int, default=3, help="edits of each kind timed under the preview (the median is reported)"
    )
    parser.add_argument("--handout-size", type=int, default=12, help="curriculum size for the handout timings")
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the report (default: BENCHMARKS.md)")
    args = parser.parse_args(argv)
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for size in args.sizes:
            print(f"== {size} modules", flush=True)
            root = make_curriculum(scratch / f"c{size}", size)
            row: dict[str, float] = {}
            base = baseline_root(root, scratch / f"b{size}")
            row["check"] = timed(lambda root=root: kurikulum(root, "check"), args.runs)
            row["ours"], row["baseline"] = timed_side_by_side(
                lambda root=root: kurikulum(root, "build", "--no-handouts"),
                lambda base=base: mkdocs(base, base / "site"),
                args.runs,
                args.runs if size <= LARGE else args.large_runs,
            )
            row["phases"] = build_phases(root)
            # The edits go to a copy: the handout timings below reuse this curriculum, and an edited
            # source makes its translations stale (a notice that can push a handout past its pages).
            edited = scratch / f"e{size}"
            shutil.copytree(root, edited, ignore=shutil.ignore_patterns("site", ".cache"))
            row["preview"] = preview_latency(edited, args.edits, handouts=size == args.handout_size)
            shutil.rmtree(edited)
            site = root / "site"
            catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
            row["html_bytes"] = folder_size(site, "*.html")
            row["baseline_html_bytes"] = folder_size(base / "site", "*.html")
            row["module_page_html"] = (site / catalog["modules"][0]["pages"]["id"]["trainer"]).stat().st_size
            row["baseline_module_page_html"] = (
                (base / "site" / "modul" / catalog["modules"][0]["id"] / "index.html").stat().st_size
            )
            for lang in ("id", "en"):
                row[f"index_{lang}"] = gz(site / "search" / f"{lang}.js")  # the dictionary, loaded on focus
                row[f"index_all_{lang}"] = sum(gz(p) for p in (site / "search" / lang).rglob("*.js")) + row[f"index_{lang}"]
            row["baseline_index"] = gz(base / "site" / "search" / "search_index.json")
            if size == args.sizes[0]:
                weights = page_weights(site, catalog)
            rows[size] = row
            print(json.dumps(row), flush=True)
        print(f"== handouts at {args.handout_size} modules", flush=True)
        root = scratch / f"c{args.handout_size}"
        if not root.exists():
            root = make_curriculum(root, args.handout_size)
        cache = root / ".cache" / "handouts"
        handouts: dict[str, float] = {}
        documents: dict[str, dict[str, float]] = {}  # "cold 2" -> kind -> median seconds
        for workers in (1, 2):
            wipe = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
            for state, before in (("cold", wipe), ("warm", None)):
                samples: list[dict[str, float]] = []
                handouts[f"{state} {workers}"] = timed(
                    lambda w=workers: kurikulum(root, "check", "--handouts", "--workers", str(w)),
                    args.runs,
                    before=before,
                    after=lambda samples=samples: samples.append(document_timings(root)),
                )
                documents[f"{state} {workers}"] = {k: statistics.median(s[k] for s in samples) for k in DOCUMENT_KINDS}
                handouts[f"cards {state} {workers}"] = statistics.median(s[WHATSAPP] for s in samples)
        kurikulum(root, "build")
        offline = offline_forms(root, args.runs)
        catalog = json.loads((root / "site" / "catalog.json").read_text(encoding="utf-8"))
        files = [f for m in catalog["modules"] for lang in ("id", "en") for f in m["handouts"][lang]]
        sizes = {
            fmt: (min(f["bytes"] for f in files if f["format"] == fmt), max(f["bytes"] for f in files if f["format"] == fmt))
            for fmt in ("a4", "a5-booklet", CARD_FORMAT)
        }
        document_files = printed_documents(catalog)
        cards = card_figures(catalog, files)
    text = write_report(rows, handouts, sizes, weights, args, documents, document_files, cards, offline)
    print(text)
    return 0


def printed_documents(catalog: dict) -> dict[str, list[dict]]:
    """The session plans, card sheets, discreet cards and topic plan PDFs of a build, from its catalog.json."""
    found: dict[str, list[dict]] = {
        "session plan": [],
        "activity cards": [],
        "discreet card (PDF)": [],
        "discreet card (image)": [],
    }
    for module in catalog["modules"]:
        for lang in catalog["languages"]:
            if lang in module.get("trainer_plan", {}):
                found["session plan"].append(module["trainer_plan"][lang])
            if lang in module.get("activity_cards", {}):
                found["activity cards"].append(module["activity_cards"][lang])
            for entry in module.get("discreet", {}).get(lang, []):
                found["discreet card (PDF)" if entry["format"] == "a4" else "discreet card (image)"].append(entry)
    found["session plans of a topic"] = [pack for topic in catalog["topics"] for pack in topic.get("trainer_plans", {}).values()]
    return found


def card_figures(catalog: dict, files: list[dict]) -> dict[str, float]:
    """How many WhatsApp cards a handout has and how large they are."""
    cards = [f for f in files if f["format"] == CARD_FORMAT]
    per_handout = [
        sum(1 for f in module["handouts"][lang] if f["format"] == CARD_FORMAT)
        for module in catalog["modules"]
        for lang in catalog["languages"]
    ]
    sizes = [f["bytes"] for f in cards]
    return {
        "cards": len(cards),
        "handouts": len(per_handout),
        "per_min": min(per_handout),
        "per_median": statistics.median(per_handout),
        "per_max": max(per_handout),
        "bytes_min": min(sizes),
        "bytes_median": statistics.median(sizes),
        "bytes_max": max(sizes),
        "bytes_total": sum(sizes),
        "handout_bytes_median": statistics.median(
            sum(f["bytes"] for f in module["handouts"][lang] if f["format"] == CARD_FORMAT)
            for module in catalog["modules"]
            for lang in catalog["languages"]
        ),
    }


def offline_forms(root: Path, runs: int) -> dict:
    """The offline build's time, the size and entries of each Kiwix file and of the zip, the installable site's first visit."""
    import zipfile

    from libzim.reader import Archive

    seconds = re.compile(r"Kiwix file: (\S+) \(.*?, ([\d.]+) s\)")
    outputs: list[str] = []
    result: dict = {"build": timed(lambda: outputs.append(kurikulum(root, "--lang", "en", "build", "--offline").stdout), runs)}
    written = dict(seconds.findall(outputs[-1]))
    result["zims"] = {}
    for zim in sorted(root.glob("*.zim")):
        archive = Archive(zim)
        lang = zim.stem.rsplit("_", 1)[-1]
        pages = sum(1 for i in range(archive.entry_count) if archive._get_entry_by_id(i).path.endswith(".html"))
        result["zims"][lang] = {
            "name": zim.name,
            "bytes": zim.stat().st_size,
            "entries": archive.entry_count,
            "pages": pages,
            "articles": archive.article_count,
            "seconds": float(written.get(zim.name, "nan")),
        }
    kit = root / "ruang-hak-offline.zip"
    result["zip"] = kit.stat().st_size
    with zipfile.ZipFile(kit) as archive:
        result["zip_files"] = len(archive.namelist())
    site = root / "site"
    listing = json.loads((site / "luring" / "berkas.json").read_text(encoding="utf-8"))
    result["listing"] = gz(site / "luring" / "berkas.json")
    result["listed"] = len(listing["files"])
    result["shell"] = {lang: sum(gz(site / path) for path in files) for lang, files in listing["shell"].items()}
    return result


def kb(value: float) -> str:
    return f"{value / 1024:.0f} KB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def write_report(rows, handouts, sizes, weights, args, documents, document_files, cards, offline) -> str:
    sizes_run = sorted(rows)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` (`scripts/bench_build.py`) on {time.strftime('%Y-%m-%d')}: {machine()}.",
        f"Times are the median of {args.runs} runs (plain Material above {LARGE} modules: of {args.large_runs}; edit→reload: of {args.edits} edits"
        " of each kind) on a shared machine, ours and plain Material run in turn; read the ratios, not the seconds. Our build keeps the templates it compiles"
        " under `.cache/`: the first run of a curriculum fills it.",
        "Synthetic curricula are the twelve real modules copied with new ids and titles (same text lengths",
        "in both languages), two pages per module per language.",
        "",
        "## Site build",
        "",
        "| modules | ours, no handouts (s) | plain Material + i18n (s) | ours ÷ plain | `kurikulum check` (s) | HTML, ours | HTML, plain | one module page, ours | one module page, plain |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes_run:
        r = rows[size]
        lines.append(
            f"| {size} | {r['ours']:.1f} | {r['baseline']:.1f} | {r['ours'] / r['baseline']:.2f} | {r['check']:.2f} | "
            f"{r['html_bytes'] / 1e6:.1f} MB | {r['baseline_html_bytes'] / 1e6:.1f} MB | {kb(r['module_page_html'])} | {kb(r['baseline_module_page_html'])} |"
        )
    phases = list(rows[sizes_run[0]]["phases"])
    lines += [
        "",
        "### Where a full build's time goes",
        "",
        "One more build per size, phase by phase (`scripts/bench_phases.py`, seconds). Everything but the",
        "generated pages and the file list runs on every core (2 here): the check's module rules, the module",
        "views, the engine (MkDocs, Material, static-i18n: one process per language) and each language's search index.",
        "",
        "| modules | " + " | ".join(phases) + " | total |",
        "|---|" + "---|" * (len(phases) + 1),
    ]
    for size in sizes_run:
        p = rows[size]["phases"]
        lines.append(f"| {size} | " + " | ".join(f"{p[name]:.2f}" for name in phases) + f" | {sum(p.values()):.1f} |")
    largest = rows[sizes_run[-1]]["phases"]
    shares = sorted(((seconds / sum(largest.values()), name) for name, seconds in largest.items()), reverse=True)[:3]
    lines += [
        "",
        f"At {sizes_run[-1]} modules the time goes to "
        + ", ".join(f"{name} ({share:.0%})" for share, name in shares)
        + ". The views are Python-Markdown over every text of every module, one module and language"
        " at a time; the engine is Material's templates and static-i18n's work per page; the search index"
        " is counting each page's words and writing the shard and passage files; the check reads every file of"
        " every module in one process, then runs the module rules on every core.",
    ]
    lines += [
        "",
        "## Preview (`make serve`): edit → reload",
        "",
        "Seconds from saving a file to the served site being up to date (`scripts/bench_preview.py`: what the",
        "server runs on a change, median of the edits; the server adds 0.1 s of waiting for further changes).",
        "",
        "| modules | full build (s) | participant text (s) | trainer step (s) | glossary term (s) | pages rendered (most) | handout refresh (s) |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in sizes_run:
        v = rows[size]["preview"]
        most = max(int(v[f"{k} pages"]) for k in ("participant text", "trainer step", "glossary term"))
        refresh = f"{v['handout refresh']:.1f}" if "handout refresh" in v else "–"
        lines.append(
            f"| {size} | {v['first build']:.1f} | {v['participant text']:.2f} | {v['trainer step']:.2f} | "
            f"{v['glossary term']:.2f} | {most} | {refresh} |"
        )
    lines += [
        "",
        "## Search index (gzip)",
        "",
        "| modules | ours, id: dictionary | ours, id: all files | ours, en: dictionary | ours, en: all files | plain Material (both languages) |",
        "|---|---|---|---|---|---|",
    ]
    for size in sizes_run:
        r = rows[size]
        lines.append(
            f"| {size} | {kb(r['index_id'])} | {kb(r['index_all_id'])} | {kb(r['index_en'])} | {kb(r['index_all_en'])} | {kb(r['baseline_index'])} |"
        )
    lines += [
        "",
        "Our dictionary is loaded only when a reader focuses the search box, and a query loads only the shards and",
        "passages it needs (what a first query downloads: the Search section, `make bench-search`); Material's whole",
        "index is fetched on every first visit.",
        "",
        f"## Handouts ({args.handout_size} modules × 2 languages; `kurikulum check --handouts`, includes the content check",
        "and the printed documents of the next section)",
        "",
        "| | 1 worker (s) | 2 workers (s) |",
        "|---|---|---|",
        f"| cold | {handouts['cold 1']:.1f} | {handouts['cold 2']:.1f} |",
        f"| warm (nothing changed) | {handouts['warm 1']:.2f} | {handouts['warm 2']:.2f} |",
        "",
        f"| of which WhatsApp cards, cold | {handouts['cards cold 1']:.1f} | {handouts['cards cold 2']:.1f} |",
        "",
        "| file | smallest | largest |",
        "|---|---|---|",
    ]
    for fmt, (low, high) in sizes.items():
        lines.append(f"| {fmt} | {kb(low)} | {kb(high)} |")
    per_card = handouts["cards cold 1"] / cards["cards"]
    lines += [
        "",
        f"### WhatsApp cards ({cards['handouts']} handouts)",
        "",
        "| | measured |",
        "|---|---|",
        f"| cards | {cards['cards']:.0f}: {cards['per_min']:.0f} to {cards['per_max']:.0f} per handout, median {cards['per_median']:.0f} |",
        f"| render, 1 worker | {handouts['cards cold 1'] / cards['handouts']:.2f} s per handout, {per_card * 1000:.0f} ms per card |",
        f"| one card | {kb(cards['bytes_min'])} to {kb(cards['bytes_max'])}, median {kb(cards['bytes_median'])} |",
        f"| one handout's cards | median {kb(cards['handout_bytes_median'])}; all cards {cards['bytes_total'] / 1e6:.1f} MB |",
    ]
    lines += [
        "",
        "## Session plans and the other printed documents (inside the handout runs above)",
        "",
        "Seconds each kind of document took inside the same runs (the run's own timings, median; every kind",
        "is rendered on its own, so these are wall-clock times on the worker pool).",
        "",
        "| | cold, 1 worker (s) | cold, 2 workers (s) | warm, 1 worker (s) | warm, 2 workers (s) | share of the cold run (2 workers) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, name in DOCUMENT_KINDS.items():
        cells = " | ".join(
            f"{documents[state][kind]:.{1 if state.startswith('cold') else 2}f}"
            for state in ("cold 1", "cold 2", "warm 1", "warm 2")
        )
        lines.append(f"| {name} | {cells} | {documents['cold 2'][kind] / handouts['cold 2']:.0%} |")
    lines += ["", "| file | count | smallest | largest | pages |", "|---|---|---|---|---|"]
    for name, entries in document_files.items():
        if not entries:
            continue
        pages = [entry.get("pages", 1) for entry in entries]
        low, high = min(e["bytes"] for e in entries), max(e["bytes"] for e in entries)
        lines.append(f"| {name} | {len(entries)} | {kb(low)} | {kb(high)} | {min(pages)}–{max(pages)} |")
    lines += ["", f"## Page weight (gzip, {sizes_run[0]} modules, Indonesian pages, what chromium loads)", ""]
    kinds = ["html", "css", "js", "font", "image", "other", "first visit", "repeat visit"]
    lines += ["| page | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    for page, weight in weights.items():
        lines.append(f"| {page} | " + " | ".join(kb(weight[k]) for k in kinds) + " |")
    lines += [
        "",
        f"## Offline forms ({args.handout_size} modules; `make offline`, handouts from the cache)",
        "",
        f"`kurikulum build --offline`: {offline['build']:.1f} s, of which writing the Kiwix files: "
        + ", ".join(f"{lang} {z['seconds']:.1f} s" for lang, z in offline["zims"].items())
        + ".",
        "",
        "| file | size | entries |",
        "|---|---|---|",
    ]
    for z in offline["zims"].values():
        lines.append(
            f"| `{z['name']}` | {z['bytes'] / 1e6:.1f} MB | {z['entries']} ({z['pages']} pages, {z['articles']} in the title index) |"
        )
    lines.append(f"| `ruang-hak-offline.zip` | {offline['zip'] / 1e6:.1f} MB | {offline['zip_files']} files, both languages |")
    lines += [
        "",
        "| installable site (served build), gzip | size |",
        "|---|---|",
        f"| the service worker's file list (`luring/berkas.json`, {offline['listed']} files) | {kb(offline['listing'])} |",
    ]
    for lang, size in offline["shell"].items():
        lines.append(f"| what the first visit keeps, {lang} (home and topic pages, CSS, JS, search) | {kb(size)} |")
    r120 = rows.get(120)
    r600 = rows.get(600)
    trainer = weights["trainer"]
    r12 = rows.get(12)
    checks = [
        (
            "Site build, ours ÷ plain at 12 modules ≤ 1.0",
            f"{r12['ours'] / r12['baseline']:.2f}" if r12 else "not run",
            bool(r12) and r12["ours"] / r12["baseline"] <= 1.0,
        ),
        (
            "Site build, ours ÷ plain at 120 modules ≤ 0.6",
            f"{r120['ours'] / r120['baseline']:.2f}" if r120 else "not run",
            bool(r120) and r120["ours"] / r120["baseline"] <= 0.6,
        ),
        (
            "Preview, participant-text edit → reload at 12 modules ≤ 1 s",
            f"{r12['preview']['participant text']:.2f} s" if r12 else "not run",
            bool(r12) and r12["preview"]["participant text"] + 0.1 <= 1.0,
        ),
        (
            "Preview, participant-text edit → reload at 600 modules ≤ 3 s",
            f"{r600['preview']['participant text']:.2f} s" if r600 else "not run",
            bool(r600) and r600["preview"]["participant text"] + 0.1 <= 3.0,
        ),
        (
            "Site build, time(600) ÷ time(120) ≤ 5.5",
            f"{r600['ours'] / r120['ours']:.2f}" if r120 and r600 else "not run",
            bool(r120 and r600) and r600["ours"] / r120["ours"] <= 5.5,
        ),
        (
            "Check, time(600) ÷ time(120) ≤ 5.5",
            f"{r600['check'] / r120['check']:.2f}" if r120 and r600 else "not run",
            bool(r120 and r600) and r600["check"] / r120["check"] <= 5.5,
        ),
        (
            "Handouts warm ≤ 10% of cold (2 workers)",
            f"{handouts['warm 2'] / handouts['cold 2']:.0%}",
            handouts["warm 2"] / handouts["cold 2"] <= 0.10,
        ),
        (
            "Handouts, 2 workers ≥ 1.6× faster than 1 (cold)",
            f"{handouts['cold 1'] / handouts['cold 2']:.2f}×",
            handouts["cold 1"] / handouts["cold 2"] >= 1.6,
        ),
        (
            "Session plans warm ≤ 10% of cold (2 workers)",
            f"{documents['warm 2']['trainer-plan'] / max(documents['cold 2']['trainer-plan'], 1e-9):.0%}",
            documents["warm 2"]["trainer-plan"] <= 0.10 * documents["cold 2"]["trainer-plan"],
        ),
        ("Module page first visit ≤ 100 KB", kb(trainer["first visit"]), trainer["first visit"] <= 100 * 1024),
        ("Module page repeat visit ≤ 20 KB", kb(trainer["repeat visit"]), trainer["repeat visit"] <= 20 * 1024),
        ("A4 handout ≤ 200 KB", kb(sizes["a4"][1]), sizes["a4"][1] <= 200 * 1024),
        ("WhatsApp card ≤ 200 KB", kb(sizes[CARD_FORMAT][1]), sizes[CARD_FORMAT][1] <= 200 * 1024),
        (
            "`kurikulum check` on 600 modules ≤ 10 s",
            f"{r600['check']:.1f} s" if r600 else "not run",
            bool(r600) and r600["check"] <= 10,
        ),
    ]
    lines += ["", "## Budgets", "", "| budget | measured | |", "|---|---|---|"]
    lines += [
        f"| {name} | {value} | {verdict(ok) if value != 'not run' else 'not measured in this run'} |"
        for name, value, ok in checks
    ]
    text = "\n".join(lines) + "\n"
    args.report.write_text(text + search_section(args.report), encoding="utf-8")
    return text


def search_section(report: Path) -> str:
    """The search section bench_search.py wrote into the report: kept when the rest is rewritten."""
    from bench_search import SECTION_END, SECTION_START

    current = report.read_text(encoding="utf-8") if report.exists() else ""
    if SECTION_START not in current or SECTION_END not in current:
        return ""
    return "\n" + SECTION_START + current.split(SECTION_START, 1)[1].split(SECTION_END, 1)[0] + SECTION_END + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
