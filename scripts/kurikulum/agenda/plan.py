"""A workshop's agenda: clock times, breaks, days, the materials to bring and the copies to print.

Trainers do not teach one module: they run a morning or a two-day workshop for a group. This
module turns the chosen modules (read from their :class:`~kurikulum.view.module.ModuleView` and
the handout run's page counts) and the trainer's choice (start, participants, group size, days,
breaks) into a plan. It knows no output: ``kurikulum agenda`` prints it or renders it as a PDF,
and the site's agenda page computes the same plan in the browser from the same module data
(``scripts/kurikulum_mkdocs/theme/assets/javascripts/kurikulum-agenda.js``, which mirrors :func:`plan` rule for rule;
``tests/test_agenda.py`` runs both on the same inputs and compares).

The rules, in one place:

- Sessions run in the order chosen. With several days they are split, in that order, into
  consecutive days as even in minutes as possible; every day starts at the start time.
- A break of ``break_minutes`` is inserted between two sessions of a day once at least
  ``break_after`` minutes of sessions have run since the last break; a module's own break
  steps count as breaks. No break is inserted inside a session or after a day's last session.
- Materials are merged across modules by name and unit (case and spacing ignored). Per person:
  count × participants; per group: count × ceil(participants / group size); per session:
  count, once for every module that lists it.
- The print list: one copy of each module's handout per participant; an A4 copy takes
  ceil(pages / 2) sheets (double-sided), a booklet copy the sheets of its booklet.
"""

from __future__ import annotations

import datetime
import difflib
import html.parser
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kurikulum.handouts.manifest import HandoutRun
from kurikulum.view.module import ModuleView

DEFAULTS = {"start": "08:30", "group_size": 5, "days": 1, "break_after": 90, "break_minutes": 15}
DAY_MINUTES = 24 * 60
# Counts above this are refused: the browser's numbers stay exact, and no workshop is that big.
MOST = 9999
# ASCII digits only: the browser's regular expressions read the same numbers.
TIME = re.compile(r"^\s*([0-9]{1,2})[:.]([0-9]{2})\s*$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
COUNT = re.compile(r"^[+-]?[0-9]+$")


class AgendaError(ValueError):
    """A choice the agenda cannot use; ``key`` names its message (``agenda_<key>`` in the words files)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# -- what the agenda knows of a module: the same data the site's agenda page is given ----------


def module_data(view: ModuleView, run: HandoutRun | None) -> dict:
    """One module in one language as the agenda reads it (plain JSON: the site writes it for the browser)."""
    files = (run.files.get(view.id, {}) if run else {}).get(view.lang) or []
    a4 = next((f for f in files if f["format"] == "a4"), None)
    booklet = next((f for f in files if f["format"] == "a5-booklet"), None)
    handout = None
    if a4 is not None:
        handout = {
            "a4_pages": a4["pages"],
            "a4_path": a4["path"],
            "booklet_pages": booklet["pages"] if booklet else None,
            "booklet_sheets": booklet["sheets"] if booklet else None,
            "booklet_path": booklet["path"] if booklet else None,
        }
    preparation = view.section("preparation")
    return {
        "id": view.id,
        "title": view.title,
        "topic": view.topic_id,
        "duration": view.duration,
        "group": [view.group_min, view.group_max],
        "steps": [[step.title, step.minutes, step.is_break] for step in view.steps],
        "materials": [[m.what, m.count, m.unit, m.per] for m in view.materials],
        "preparation": list_items(preparation.html) if preparation else [],
        "handout": handout,
    }


class _Items(html.parser.HTMLParser):
    """The text of each top-level list item or paragraph of a rendered section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._depth = 0  # nesting of lists
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ol", "ul"):
            self._depth += 1
        elif self._current is None and ((tag == "li" and self._depth == 1) or (tag == "p" and self._depth == 0)):
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul"):
            self._depth -= 1
        elif self._current is not None and ((tag == "li" and self._depth == 1) or (tag == "p" and self._depth == 0)):
            text = " ".join("".join(self._current).split())
            if text:
                self.items.append(text)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def list_items(fragment: str) -> list[str]:
    return list(_list_items(fragment))


@lru_cache(maxsize=8192)
def _list_items(fragment: str) -> tuple[str, ...]:
    """Parsed once per text in a process: ``kurikulum serve`` writes the agenda data again after every edit."""
    parser = _Items()
    parser.feed(fragment)
    return tuple(parser.items)


# -- the trainer's choice ------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    modules: list[str]
    start: int  #: minutes after midnight
    participants: int
    group_size: int = DEFAULTS["group_size"]
    days: int = DEFAULTS["days"]
    break_after: int = DEFAULTS["break_after"]
    break_minutes: int = DEFAULTS["break_minutes"]
    date: str | None = None  #: ISO date of the first day


def parse_time(text: str) -> int:
    """'08:30' or '8.30' as minutes after midnight."""
    match = TIME.fullmatch(text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise AgendaError("bad_time", value=text)
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_count(text: object, key: str) -> int:
    value = str(text).strip()
    if not COUNT.fullmatch(value) or not 1 <= int(value) <= MOST:
        raise AgendaError(key, value=text, most=MOST)
    return int(value)


def parse_date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        if not DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise AgendaError("bad_date", value=text) from None


def choice(
    modules: list[str],
    known: list[str],
    start: str,
    participants: object,
    group_size: object = DEFAULTS["group_size"],
    days: object = DEFAULTS["days"],
    break_after: object = DEFAULTS["break_after"],
    break_minutes: object = DEFAULTS["break_minutes"],
    date: str | None = None,
) -> Choice:
    """The choice as written on a command line, checked: the first problem raises :class:`AgendaError`."""
    if not modules:
        raise AgendaError("no_modules")
    if participants is None or str(participants).strip() == "":
        raise AgendaError("no_participants")
    for module_id in modules:
        if module_id not in known:
            close = difflib.get_close_matches(module_id, known, n=1, cutoff=0.5)
            raise AgendaError("unknown_module", module=module_id, suggestion=close[0] if close else "")
    if len(set(modules)) != len(modules):
        twice = next(m for m in modules if modules.count(m) > 1)
        raise AgendaError("twice", module=twice)
    chosen = Choice(
        list(modules),
        parse_time(start),
        parse_count(participants, "bad_participants"),
        parse_count(group_size, "bad_group_size"),
        parse_count(days, "bad_days"),
        parse_count(break_after, "bad_break_after"),
        parse_count(break_minutes, "bad_break_minutes"),
        parse_date(date),
    )
    if chosen.days > len(modules):
        raise AgendaError("too_many_days", days=chosen.days, modules=len(modules))
    try:
        add_days(chosen.date, chosen.days - 1)
    except OverflowError:
        raise AgendaError("bad_date", value=date) from None
    return chosen


# -- the arithmetic (mirrored by plan() in kurikulum-agenda.js) ----------------------------------


def clock(minutes: int) -> str:
    minutes %= DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def split_days(durations: list[int], days: int) -> list[int]:
    """How many sessions each day takes: consecutive, each day as close as it can be to an even share."""
    counts = []
    taken = 0
    for day in range(days):
        left = days - day
        if left == 1:
            counts.append(len(durations) - taken)
            break
        total = sum(durations[taken:])
        length, count = durations[taken], 1
        # Take the next session while it brings the day closer to total / left (in integers),
        # and while every later day still gets one.
        while len(durations) - (taken + count) > left - 1:
            longer = length + durations[taken + count]
            if abs(left * longer - total) < abs(left * length - total):
                length, count = longer, count + 1
            else:
                break
        counts.append(count)
        taken += count
    return counts


def add_days(iso: str | None, days: int) -> str | None:
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat() if iso else None


@dataclass
class Plan:
    """The computed agenda: plain data, the same shape the browser computes (see :meth:`as_data`)."""

    choice: Choice
    groups: int
    days: list[dict] = field(default_factory=list)
    materials: list[dict] = field(default_factory=list)
    preparation: list[dict] = field(default_factory=list)
    prints: list[dict] = field(default_factory=list)
    session_minutes: int = 0
    break_minutes: int = 0

    def as_data(self) -> dict:
        chosen = self.choice
        return {
            "choice": {
                "modules": chosen.modules,
                "start": clock(chosen.start),
                "participants": chosen.participants,
                "group_size": chosen.group_size,
                "days": chosen.days,
                "break_after": chosen.break_after,
                "break_minutes": chosen.break_minutes,
                "date": chosen.date,
            },
            "groups": self.groups,
            "session_minutes": self.session_minutes,
            "break_minutes": self.break_minutes,
            "days": self.days,
            "materials": self.materials,
            "preparation": self.preparation,
            "prints": self.prints,
            "sheets": {
                "a4": sum(p["a4_sheets"] for p in self.prints),
                "booklet": sum(p["booklet_sheets"] or 0 for p in self.prints),
            },
        }


def plan(modules: dict[str, dict], chosen: Choice) -> Plan:
    """The agenda of ``chosen`` over ``modules`` (:func:`module_data` by id)."""
    sessions = [modules[module_id] for module_id in chosen.modules]
    groups = math.ceil(chosen.participants / chosen.group_size)
    result = Plan(chosen, groups)
    taken = 0
    for number, count in enumerate(split_days([s["duration"] for s in sessions], chosen.days)):
        result.days.append(_day(number, sessions[taken : taken + count], chosen, result))
        taken += count
    result.materials = materials(sessions, chosen.participants, groups)
    result.preparation = [{"module": s["id"], "title": s["title"], "items": s["preparation"]} for s in sessions]
    result.prints = [print_item(s, chosen.participants) for s in sessions if s["handout"]]
    return result


def _day(number: int, sessions: list[dict], chosen: Choice, result: Plan) -> dict:
    now = chosen.start
    since_break = 0
    rows = []
    for position, session in enumerate(sessions):
        begin = now
        steps = []
        for title, minutes, is_break in session["steps"]:
            steps.append(
                {"start": clock(now), "end": clock(now + minutes), "title": title, "minutes": minutes, "break": is_break}
            )
            now += minutes
            since_break = 0 if is_break else since_break + minutes
        result.session_minutes += now - begin
        rows.append(
            {
                "kind": "session",
                "module": session["id"],
                "title": session["title"],
                "start": clock(begin),
                "end": clock(now),
                "minutes": now - begin,
                "steps": steps,
            }
        )
        if position < len(sessions) - 1 and since_break >= chosen.break_after:
            rows.append(
                {"kind": "break", "start": clock(now), "end": clock(now + chosen.break_minutes), "minutes": chosen.break_minutes}
            )
            now += chosen.break_minutes
            result.break_minutes += chosen.break_minutes
            since_break = 0
    return {
        "day": number + 1,
        "date": add_days(chosen.date, number),
        "start": clock(chosen.start),
        "end": clock(now),
        "rows": rows,
    }


def material_key(what: str, unit: str) -> str:
    return " ".join(what.split()).lower() + "\u0000" + " ".join(unit.split()).lower()


def materials(sessions: list[dict], participants: int, groups: int) -> list[dict]:
    """Every material once per name and unit, with its total and how it was counted."""
    merged: dict[str, dict] = {}
    for session in sessions:
        for what, count, unit, per in session["materials"]:
            times = participants if per == "person" else groups if per == "group" else 1
            item = merged.setdefault(material_key(what, unit), {"what": what, "unit": unit, "total": 0, "rules": []})
            item["total"] += count * times
            rule = next((r for r in item["rules"] if r["count"] == count and r["per"] == per), None)
            if rule is None:
                rule = {"count": count, "per": per, "times": times, "modules": 0}
                item["rules"].append(rule)
            rule["modules"] += 1
    return list(merged.values())


def print_item(session: dict, participants: int) -> dict:
    handout = session["handout"]
    a4_per_copy = math.ceil(handout["a4_pages"] / 2)
    booklet = handout["booklet_sheets"]
    return {
        "module": session["id"],
        "title": session["title"],
        "copies": participants,
        "a4_pages": handout["a4_pages"],
        "a4_sheets_per_copy": a4_per_copy,
        "a4_sheets": a4_per_copy * participants,
        "booklet_pages": handout["booklet_pages"],
        "booklet_sheets_per_copy": booklet,
        "booklet_sheets": booklet * participants if booklet is not None else None,
        "a4_path": handout["a4_path"],
        "booklet_path": handout["booklet_path"],
    }
