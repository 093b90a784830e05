"""The ``kurikulum`` command: check, status, new, translated, add-language, reviewed, docs, build, serve, agenda.

Every message is in the volunteer's language (``--lang``, by default the curriculum's
default language). No traceback reaches a volunteer: an unexpected error ends with one
line asking to report it, and a non-zero exit.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path
from typing import NoReturn

from kurikulum.check import check
from kurikulum.check.findings import format_finding, has_errors, report
from kurikulum.check.language_share import wrong_language
from kurikulum.format.fields import REVIEW_ROLES
from kurikulum.language import Words, function_words, word_files, words_for
from kurikulum.workers import collect_less_often


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "modules").is_dir() and (folder / "mkdocs.yml").exists():
            return folder
    return start


def cmd_check(args: argparse.Namespace, words: Words) -> int:
    started = time.perf_counter()
    curriculum, findings = check(args.root)
    if args.handouts and not has_errors(findings):
        from kurikulum.build import render_handouts
        from kurikulum.view.module import build_views

        run = render_handouts(curriculum, build_views(curriculum), words, args.workers)
        if run is not None:
            findings = [*findings, *run.findings]
    seconds = f"{time.perf_counter() - started:.2f}"
    checked = words.message("checked_in", modules=len(curriculum.modules), seconds=seconds)
    print(report(findings, words, before_summary=(checked,)))  # the summary is the last line a volunteer reads
    return 1 if has_errors(findings) else 0


def cmd_translated(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.format.fields import HANDOUT_FILE, TRAINER_FILE
    from kurikulum.loader import Loader
    from kurikulum.translation import record_fingerprint

    loader = Loader(args.root)
    curriculum = loader.load()
    languages = curriculum.settings.languages
    wanted = set(args.modules)
    if not wanted and not args.all:
        print(words.message("no_modules"), file=sys.stderr)
        return 2
    unknown = sorted(wanted - {module.id for module in curriculum.modules}) if not args.all else []
    if unknown:
        print(words.message("unknown_modules", modules=", ".join(unknown)), file=sys.stderr)
        return 2
    targets = [args.to] if args.to else list(languages.translations)
    lists = {code: listed for code in languages if (listed := function_words(code, args.root))}
    names = {code: languages.name(code) for code in languages}
    for module in curriculum.modules:
        if not (args.all or module.id in wanted):
            continue
        found = False
        for name in (TRAINER_FILE, HANDOUT_FILE):
            source = module.folder / name.format(lang=languages.default)
            for lang in targets:
                target = module.folder / name.format(lang=lang)
                if not (source.exists() and target.exists()):
                    continue
                found = True
                if record_fingerprint(source, target):
                    print(words.message("translated", file=target.relative_to(args.root)))
                # recorded all the same (the volunteer decides), but never silently: a pasted source is no translation
                shown = str(target.relative_to(args.root))
                text = target.read_text(encoding="utf-8")
                pasted = wrong_language(shown, text, lang, lists, names, module.id)
                if pasted is not None:
                    print(format_finding(pasted, words))
        if not found:
            print(words.message("no_translations", module=module.id))
    return 0


def ask(prompt: str) -> str:
    """A value typed by the volunteer; nothing when there is no one to ask (the command then says what is missing)."""
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def cmd_new(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.scaffold import ScaffoldError, new_module

    topic = args.topic or ask("Topik: ")
    title = args.title or ask("Judul: ")
    if not topic or not title:
        print(words.message("new_usage"), file=sys.stderr)
        return 2
    try:
        written = new_module(args.root, topic, title, args.id)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(words.message("created", file=path.relative_to(args.root)))
    print(words.message("fill_in"))
    return 0


def one_line(text: str) -> str:
    """Typed text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def cmd_init(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.format.fields import LANGUAGE_CODE
    from kurikulum.language import DEFAULT_LANGUAGES
    from kurikulum.repository import Answers, RepositoryError, init_repository

    target = args.folder.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(words.message("init_not_empty", folder=args.folder), file=sys.stderr)
        return 1
    default = ",".join(code for code, _ in DEFAULT_LANGUAGES)
    name = args.name if args.name is not None else ask(words.message("init_ask_name"))
    languages = args.languages if args.languages is not None else ask(words.message("init_ask_languages", default=default))
    region = args.region if args.region is not None else ask(words.message("init_ask_region"))
    if not (name or "").strip():
        print(words.message("init_no_name"), file=sys.stderr)
        return 2
    codes = tuple(dict.fromkeys(code.strip() for code in (languages.strip() or default).split(",") if code.strip()))
    wrong = [code for code in codes if not LANGUAGE_CODE.match(code)]
    if wrong or not codes:
        print(words.message("init_bad_languages", codes=", ".join(wrong) or languages), file=sys.stderr)
        return 2
    try:
        # One line each: the name also goes into Makefile and pyproject.toml comments and YAML.
        name, region = one_line(name), one_line(region or "")
        answers = Answers(name, codes, region or None, args.site, args.repository)
        written = init_repository(target, answers)
    except RepositoryError:
        print(words.message("init_not_empty", folder=args.folder), file=sys.stderr)
        return 1
    print(words.message("init_done", name=name, folder=args.folder, count=len(written)))
    print(words.message("init_next", folder=args.folder))
    return 0


def cmd_upgrade(args: argparse.Namespace, words: Words) -> int:
    from kurikulum import __version__
    from kurikulum.repository import upgrade_repository

    for path in upgrade_repository(args.root):
        print(words.message("upgraded", file=path.relative_to(args.root), version=__version__))
    print(words.message("upgrade_done", version=__version__))
    return 0


def cmd_build(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.build import build

    return build(args.root, args.lang, offline=args.offline, workers=args.workers, handouts=args.handouts, engine=args.engine)


def cmd_serve(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.build import serve

    host, _, port = args.dev_addr.rpartition(":")
    return serve(args.root, args.lang, host or "127.0.0.1", int(port or 8000), args.workers)


def cmd_status(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.status_table import status_table

    curriculum, _ = check(args.root)
    print(status_table(curriculum, words))
    return 0


def cmd_add_language(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.add_language import add_language

    return add_language(args.root, args.code, args.name, words)


def cmd_reviewed(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.reviewed import record_review

    return record_review(args.root, args.module, args.reviewer, args.role, args.date, words)


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': use YYYY-MM-DD, e.g. 2026-12-01") from None


def cmd_docs(args: argparse.Namespace, words: Words) -> int:
    from kurikulum.format.docs import write_docs

    for path in write_docs(args.root):
        print(words.message("created", file=path.relative_to(args.root)))
    return 0


class UsageError(Exception):
    """A command line argparse refused; reported in the volunteer's language instead of argparse's English."""

    def __init__(self, prog: str, extra: str = "") -> None:
        super().__init__(prog)
        self.prog = prog
        self.extra = extra  #: what was typed but not understood


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(self.prog)


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="kurikulum", description="Curriculum tools: check, build, serve, translate.")
    top.add_argument("--root", type=Path, default=None, help="repository root (default: found from the current folder)")
    top.add_argument("--lang", default=None, help="language of messages (default: the curriculum's default language)")
    commands = top.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate the curriculum (fast); --handouts also renders them to check their page count"
    )
    check_parser.add_argument(
        "--handouts", action="store_true", help="also render the handouts and check each fits its page budget"
    )
    check_parser.add_argument("--workers", type=int, default=None, help="processes for rendering handouts (default: all cores)")
    check_parser.set_defaults(run=cmd_check)
    commands.add_parser("status", help="translation, review and legal-check status").set_defaults(run=cmd_status)
    init = commands.add_parser("init", help="write a new curriculum repository into an empty folder")
    init.add_argument("folder", type=Path, metavar="DIR")
    init.add_argument("--name", default=None, help="the organisation's name (asked when not given)")
    init.add_argument("--languages", default=None, help="language codes, the default first (default: id,en)")
    init.add_argument("--region", default=None, help="where the organisation works, e.g. 'Sumba Timur'")
    init.add_argument("--site", default=None, help="the published address, if already known (https://…)")
    init.add_argument("--repository", default=None, help="the GitHub repository's address, if already known (https://…)")
    init.set_defaults(run=cmd_init)
    commands.add_parser(
        "upgrade", help="bring the Makefile, workflows and templates up to the installed version (modules/ untouched)"
    ).set_defaults(run=cmd_upgrade)
    new = commands.add_parser("new", help="scaffold a new module")
    new.add_argument("--topic", "--topik", dest="topic", help="topic folder, e.g. pekerja-migran")
    new.add_argument("--title", "--judul", dest="title", help="module title in the default language")
    new.add_argument("--id", help="module id (default: derived from the title)")
    new.set_defaults(run=cmd_new)
    build_parser = commands.add_parser("build", help="check, then build the whole site into site/ (atomically)")
    build_parser.add_argument(
        "--offline", action="store_true", help="build the file:// kit into site-offline/ and the offline zip"
    )
    build_parser.add_argument("--workers", type=int, default=None, help="processes for rendering handouts (default: all cores)")
    build_parser.add_argument("--no-handouts", dest="handouts", action="store_false", help="skip rendering handouts (site only)")
    build_parser.add_argument(
        "--engine", choices=("mkdocs", "properdocs"), default="mkdocs", help="the site engine (default: mkdocs)"
    )
    build_parser.set_defaults(run=cmd_build)
    serve_parser = commands.add_parser("serve", help="build, then serve with live reload and rebuild on every change")
    serve_parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on (default 127.0.0.1:8000)")
    serve_parser.add_argument("--workers", type=int, default=None, help="processes for rendering handouts (default: all cores)")
    serve_parser.set_defaults(run=cmd_serve)
    translated = commands.add_parser("translated", help="record that a module's translations match the current source text")
    translated.add_argument("modules", nargs="*", metavar="MODULE_ID")
    translated.add_argument("--all", action="store_true", help="every module")
    translated.add_argument("--to", default=None, help="only this language (default: every translation)")
    translated.set_defaults(run=cmd_translated)
    reviewed = commands.add_parser("reviewed", help="record a legal (hukum) or content (isi) review of a module's current text")
    reviewed.add_argument("module", metavar="MODULE_ID")
    # Checked by the command itself, which says what is missing in the volunteer's language.
    reviewed.add_argument("--reviewer", default="", help="the reviewer's name")
    reviewed.add_argument("--role", default="", help=f"{' or '.join(REVIEW_ROLES)}: legal (hukum) or content (isi) review")
    reviewed.add_argument("--date", type=iso_date, default=None, help="YYYY-MM-DD (default: today)")
    reviewed.set_defaults(run=cmd_reviewed)
    language = commands.add_parser("add-language", help="add a language to modules/organisasi.yml and its interface words")
    language.add_argument("code", help="ISO 639 code, e.g. jv")
    language.add_argument("--name", required=True, help="the language's own name, e.g. 'Basa Jawa'")
    language.set_defaults(run=cmd_add_language)
    commands.add_parser(
        "docs",
        help="write what is generated from the content format: the template's modul.yml, its JSON Schema, CONTRIBUTING.md's tables",
    ).set_defaults(run=cmd_docs)
    from kurikulum.agenda.command import add_parser as add_agenda

    add_agenda(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    collect_less_often()
    try:
        args, extra = parser().parse_known_args(argv)
        if extra:  # said here, with the words she typed, rather than in argparse's English
            raise UsageError(f"kurikulum {args.command}", " ".join(extra))
    except UsageError as error:
        from kurikulum.settings import read_settings

        settings, _ = read_settings(find_root(Path.cwd()))
        words = settings.words(settings.languages.default)
        if error.extra:
            print(words.message("unknown_words", command=error.prog, extra=error.extra), file=sys.stderr)
        else:
            print(words.message("usage_error", command=error.prog), file=sys.stderr)
        return 2
    args.root = (args.root or find_root(Path.cwd())).resolve()
    from kurikulum.settings import read_settings

    settings, _ = read_settings(args.root)
    default = settings.languages.default
    lang = args.lang if args.lang and (args.lang in settings.languages or word_files(args.lang)) else default
    words = words_for(lang, default, args.root)
    try:
        return args.run(args, words)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a volunteer never sees a traceback
        print(words.message("crashed", error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 70
