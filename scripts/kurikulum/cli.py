"""The ``kurikulum`` command: check, status, translated, generate, build."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kurikulum.checks import check
from kurikulum.findings import has_errors, report


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "modules").is_dir() and (folder / "mkdocs.yml").exists():
            return folder
    return start


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    curriculum, findings = check(args.root)
    if args.handouts and not has_errors(findings):
        from kurikulum.handouts import RendererMissing, render_all

        try:
            run = render_all(curriculum, args.root, workers=args.workers)
            findings = sorted([*findings, *run.findings], key=lambda finding: finding.sort_key())
            print(run.summary(args.lang))
        except RendererMissing as error:  # the content can still be checked without WeasyPrint
            print(error, file=sys.stderr)
    print(report(findings, args.lang))
    elapsed = time.perf_counter() - started
    modules = len(curriculum.modules)
    print(
        {"id": f"{modules} modul diperiksa dalam {elapsed:.2f} detik.", "en": f"{modules} modules checked in {elapsed:.2f} s."}[
            args.lang
        ]
    )
    return 1 if has_errors(findings) else 0


def cmd_translated(args: argparse.Namespace) -> int:
    from kurikulum.loader import Loader
    from kurikulum.translation import record_fingerprint
    from kurikulum.vocabulary import FILES

    curriculum = Loader(args.root).load()
    wanted = set(args.modules)
    found = {module.id for module in curriculum.modules}
    unknown = sorted(wanted - found) if not args.all else []
    if unknown:
        print(f"Modul tidak dikenal / unknown module: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for module in curriculum.modules:
        if not (args.all or module.id in wanted):
            continue
        for kind in ("trainer", "handout"):
            source = module.folder / FILES[kind].format(lang="id")
            target = module.folder / FILES[kind].format(lang="en")
            if source.exists() and target.exists() and record_fingerprint(source, target):
                print(f"{target.relative_to(args.root)}: terjemahan dicatat mutakhir / translation recorded as current")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from kurikulum.site_pages import write_pages

    curriculum, findings = check(args.root)
    if has_errors(findings):
        print(report(findings, args.lang), file=sys.stderr)
        return 1
    write_pages(curriculum, args.root)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from kurikulum.scaffold import ScaffoldError, new_module

    topic = args.topic or input("Topik (misalnya pekerja-migran): ").strip()
    title = args.title or input("Judul modul: ").strip()
    try:
        written = new_module(args.root, topic, title, args.id)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.relative_to(args.root)}: dibuat / created")
    print("Isi berkas-berkas itu, lalu jalankan 'make check'. / Fill in those files, then run 'make check'.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from kurikulum.build import build

    return build(args.root, args.lang, offline=args.offline, workers=args.workers, handouts=args.handouts)


def cmd_status(args: argparse.Namespace) -> int:
    from kurikulum.status import status_table

    curriculum, _ = check(args.root)
    print(status_table(curriculum, args.lang))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kurikulum", description="Ruang Hak curriculum tools.")
    parser.add_argument("--root", type=Path, default=None, help="repository root (default: found from the current folder)")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of messages (default: id)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate the curriculum (fast); --handouts also renders them to check their page count"
    )
    check_parser.add_argument(
        "--handouts", action="store_true", help="also render the handouts and check each fits its page budget"
    )
    check_parser.add_argument("--workers", type=int, default=None, help="processes for rendering handouts (default: all cores)")
    check_parser.set_defaults(run=cmd_check)
    commands.add_parser("status", help="translation, review and legal-check status").set_defaults(run=cmd_status)
    new = commands.add_parser("new", help="scaffold a new bilingual module")
    new.add_argument("--topic", "--topik", dest="topic", help="topic folder, e.g. pekerja-migran")
    new.add_argument("--title", "--judul", dest="title", help="module title in Indonesian")
    new.add_argument("--id", help="module id (default: derived from the title)")
    new.set_defaults(run=cmd_new)
    build_parser = commands.add_parser("build", help="check, then build the whole site into site/ (atomically)")
    build_parser.add_argument(
        "--offline", action="store_true", help="build the file:// kit into site-offline/ and ruang-hak-offline.zip"
    )
    build_parser.add_argument("--workers", type=int, default=None, help="processes for rendering handouts (default: all cores)")
    build_parser.add_argument("--no-handouts", dest="handouts", action="store_false", help="skip rendering handouts (site only)")
    build_parser.set_defaults(run=cmd_build)
    commands.add_parser("generate", help="write the site's Markdown pages into docs/").set_defaults(run=cmd_generate)
    translated = commands.add_parser("translated", help="record that a module's English files match the Indonesian")
    translated.add_argument("modules", nargs="*", metavar="MODULE_ID")
    translated.add_argument("--all", action="store_true", help="every module")
    translated.set_defaults(run=cmd_translated)
    args = parser.parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    return args.run(args)
