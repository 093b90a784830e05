"""Where a full build's time goes, phase by phase, on one curriculum (read by bench_build.py).

    python scripts/bench_phases.py ROOT

Runs what ``kurikulum build --no-handouts`` runs, in this process, timing each phase: the
check (reading and checking every module), the module views (their texts' Markdown), the
generated pages, the engine (MkDocs, Material and static-i18n over every page), then what
the build writes after the engine: the search index, the installable site's file list,
catalog.json and the agenda data. Prints one JSON object of seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(root: Path) -> dict[str, float]:
    started = time.perf_counter()
    import kurikulum_mkdocs
    from kurikulum.build import searchable, source_date
    from kurikulum.check import check
    from kurikulum.offline.installable import write_installable
    from kurikulum.site.agenda import write_agenda_data
    from kurikulum.site.bundle import bundle
    from kurikulum.site.catalog import build_catalog, write_catalog
    from kurikulum.site.search import write_search_indexes
    from kurikulum.view.module import build_views
    from kurikulum.workers import collect_less_often

    collect_less_often()  # as ``kurikulum`` does
    seconds: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[name] = now - started
        started = now

    lap("imports")
    curriculum, _ = check(root)
    lap("check")
    views = build_views(curriculum)
    lap("views")
    site_bundle = bundle(curriculum, None, views)
    lap("pages")
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        with source_date(root):
            documents = kurikulum_mkdocs.build_site(site_bundle, site, False, "mkdocs")
        lap("engine")
        write_search_indexes(site, searchable(documents, site_bundle), curriculum)
        lap("search index")
        write_catalog(build_catalog(curriculum, views, None), site)
        write_agenda_data(site, curriculum, views, None)
        lap("catalog and agenda")
        write_installable(site, curriculum.settings)
        lap("installable site")
        shutil.rmtree(site)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.root.resolve())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
