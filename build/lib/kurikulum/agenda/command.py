"""``kurikulum agenda``: check the curriculum, read the views and the handout run, print (or render) the agenda.

The handouts' page counts are never guessed: they come from the last handout run
(``.cache/handouts/manifest.json``); when it is missing, or lacks a chosen module in this
language, the handouts are rendered first (reusing the render cache).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from kurikulum.agenda.plan import AgendaError, Plan, choice, module_data, plan
from kurikulum.agenda.text import page_address, text_report
from kurikulum.check import check
from kurikulum.check.findings import has_errors, report
from kurikulum.handouts.manifest import HandoutRun, read_manifest
from kurikulum.language import Words
from kurikulum.model import Curriculum
from kurikulum.view.module import ModuleView, build_views

OPTIONS = ("start", "participants", "group_size", "days", "break_after", "break_minutes", "date")


def add_parser(commands: argparse._SubParsersAction) -> None:
    agenda = commands.add_parser(
        "agenda", help="a workshop's timetable, materials, preparation and print counts for the modules given"
    )
    agenda.add_argument("modules", nargs="*", metavar="MODULE_ID", help="module ids, in the order of the sessions")
    agenda.add_argument("--start", default="08:30", help="start time of every day, HH:MM (default 08:30)")
    agenda.add_argument("--participants", default=None, help="number of participants (required)")
    agenda.add_argument("--group-size", dest="group_size", default="5", help="people per small group (default 5)")
    agenda.add_argument("--days", default="1", help="days to spread the sessions over (default 1)")
    agenda.add_argument(
        "--break-after", dest="break_after", default="90", help="a break once sessions ran this many minutes (default 90)"
    )
    agenda.add_argument("--break-minutes", dest="break_minutes", default="15", help="length of an inserted break (default 15)")
    agenda.add_argument("--date", default=None, help="date of the first day, YYYY-MM-DD")
    agenda.add_argument("--lang", default=argparse.SUPPRESS, help="language of the agenda and its messages")
    agenda.add_argument("--pdf", type=Path, default=None, help="also write the agenda as an A4 PDF to this file")
    agenda.add_argument("--json", action="store_true", help="print the computed agenda as JSON (for other tools)")
    agenda.set_defaults(run=run)


def error(words: Words, problem: AgendaError) -> str:
    message = words.message(f"agenda_{problem.key}", **problem.params)
    hint = words.message(f"agenda_{problem.key}_hint", **problem.params)
    if problem.params.get("suggestion"):
        hint = words.message("agenda_did_you_mean", **problem.params) + " " + hint
    level, saran = words.get("levels", "error"), words.get("levels", "hint")
    return f"kurikulum agenda: {level}: {message}\n    {saran}: {hint}"


def handout_run(curriculum: Curriculum, views: dict[tuple[str, str], ModuleView], modules: list[str], lang: str) -> HandoutRun:
    """The last handout run if it has every chosen module in ``lang``; else a fresh one (cached handouts are reused)."""
    run = read_manifest(curriculum.settings.root / ".cache" / "handouts")
    if run is not None and all(run.files.get(module_id, {}).get(lang) for module_id in modules):
        return run
    from kurikulum.handouts.render import render_all

    return render_all(curriculum, views)


def run(args: argparse.Namespace, words: Words) -> int:
    curriculum, findings = check(args.root)
    if has_errors(findings):
        print(report(findings, words), file=sys.stderr)
        print(words.message("not_built"), file=sys.stderr)
        return 1
    settings = curriculum.settings
    lang = words.code if words.code in settings.languages else settings.languages.default
    known = [module.id for module in curriculum.modules]
    try:
        chosen = choice(args.modules, known, **{name: getattr(args, name) for name in OPTIONS})
    except AgendaError as problem:
        print(error(words, problem), file=sys.stderr)
        return 2
    views = build_views(curriculum)
    try:
        handouts = handout_run(curriculum, views, chosen.modules, lang)
    except Exception as problem:  # noqa: BLE001 - the renderer's reason (e.g. a missing library), in one line
        print(problem, file=sys.stderr)
        return 1
    modules = {module_id: module_data(views[module_id, lang], handouts) for module_id in chosen.modules}
    result = plan(modules, chosen)
    if args.json:
        print(json.dumps(result.as_data(), ensure_ascii=False, indent=1))
    else:
        print(text_report(result, words, page_address(result, settings, lang)), end="")
    if args.pdf is not None:
        return write_pdf(result, curriculum, words, lang, args.pdf, sys.stderr if args.json else sys.stdout)
    return 0


def write_pdf(result: Plan, curriculum: Curriculum, words: Words, lang: str, target: Path, out: TextIO) -> int:
    from kurikulum.agenda.pdf import render_agenda

    rendered = render_agenda(result, curriculum.settings, words, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rendered.data)
    print(words.message("agenda_pdf_written", file=target, pages=rendered.pages), file=out)
    return 0
