"""Edit→reload latency of ``make serve`` on one curriculum, and the handout refresh after an edit.

    python scripts/bench_preview.py ROOT [--runs 3] [--handouts]

Runs what the server runs on each change (:meth:`kurikulum.preview.Preview.update`), in this
process, after a first full build: for each kind of edit (a participant text, a trainer
step, a glossary term) ``--runs`` edits, each timed from the file being written to the
served site being up to date. The server adds its own wait for further changes (MkDocs'
live-reload waits 0.1 s after the last file event) and the browser's reload. With
``--handouts``, also the time from an edit of a participant text to its handouts being
rendered again in the background and shown. Prints one JSON object (read by bench_build.py).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def edits(root: Path) -> dict[str, tuple[Path, re.Pattern[str], str]]:
    """One file per kind of edit, a pattern and what to put after the match (each edit adds words, the text stays valid)."""
    modules = sorted(p for p in (root / "modules").glob("[!_]*/[!_]*") if (p / "modul.yml").exists())
    module = modules[len(modules) // 2]
    terms = sorted((root / "modules").glob("[!_]*/istilah.yml"))[0]
    return {
        "participant text": (module / "peserta.id.md", re.compile(r"(?m)^- .+$"), " Kalimat tambahan."),
        "trainer step": (module / "pelatih.id.md", re.compile(r"(?m)^### .+\n"), "\nKalimat tambahan untuk pelatih.\n"),
        "glossary term": (terms, re.compile(r"(?m)^    id: .+$"), " Kalimat tambahan."),
    }


def apply(path: Path, pattern: re.Pattern[str], added: str) -> None:
    text = path.read_text(encoding="utf-8")
    match = pattern.search(text)
    assert match, f"{pattern.pattern} not found in {path}"
    path.write_text(text[: match.end()] + added + text[match.end() :], encoding="utf-8")


def measure(root: Path, runs: int, handouts: bool) -> dict[str, object]:
    from kurikulum.preview import Preview
    from kurikulum.workers import collect_less_often

    collect_less_often()  # as ``kurikulum serve`` does
    served = root / ".cache" / "serve" / "site"
    preview = Preview(root, served, handouts=False)
    result: dict[str, object] = {}
    start = time.perf_counter()
    assert preview.update() == 0
    result["first build"] = time.perf_counter() - start
    for kind, (path, pattern, added) in edits(root).items():
        samples, pages = [], []
        for _ in range(runs):
            apply(path, pattern, added)
            start = time.perf_counter()
            assert preview.update() == 0
            samples.append(time.perf_counter() - start)
            pages.append(preview.last["pages"])
        result[kind] = statistics.median(samples)
        result[f"{kind} pages"] = max(pages)
    if handouts:
        preview = Preview(root, served)
        assert preview.update() == 0  # renders (or reuses) every handout once
        path, pattern, added = edits(root)["participant text"]
        samples = []
        for _ in range(runs):
            apply(path, pattern, added)
            start = time.perf_counter()
            assert preview.update() == 0
            preview.wait_for_handouts()
            assert preview.update() == 0
            samples.append(time.perf_counter() - start)
        result["handout refresh"] = statistics.median(samples)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--handouts", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.root.resolve(), args.runs, args.handouts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
