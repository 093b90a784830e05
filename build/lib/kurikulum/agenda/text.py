"""The agenda as plain text for a terminal, and the words every output of it shares.

Every label comes from the ``agenda`` group of the words files: the same words the PDF and
the site's agenda page show. Numbers come from :func:`kurikulum.agenda.plan.plan` only.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from kurikulum import paths
from kurikulum.agenda.plan import DEFAULTS, Plan, clock
from kurikulum.language import Words
from kurikulum.settings import Settings

INDENT = "   "


def say(words: Words, key: str, **params: object) -> str:
    text = str(words.get("agenda", key))
    return text.format(**params) if params else text


def day_title(day: dict, words: Words) -> str:
    if day["date"]:
        date = words.date(datetime.date.fromisoformat(day["date"]))
        return say(words, "day_date", day=day["day"], date=date, start=day["start"], end=day["end"])
    return say(words, "day", day=day["day"], start=day["start"], end=day["end"])


def rule_text(rule: dict, words: Words) -> str:
    text = str(words.get("agenda", "rules", rule["per"])).format(count=rule["count"], times=rule["times"])
    return say(words, "in_modules", rule=text, modules=rule["modules"]) if rule["modules"] > 1 else text


def amount(item: dict) -> str:
    return f"{item['total']} {item['unit']}".strip()


def summary(result: Plan, words: Words) -> str:
    modules = words.count(len(result.choice.modules), "modules")
    return say(words, "summary", modules=modules, participants=result.choice.participants, groups=result.groups)


def totals(result: Plan, words: Words) -> str:
    return say(words, "totals", sessions=result.session_minutes, breaks=result.break_minutes)


def query(result: Plan) -> str:
    """The agenda page's query string for this choice (what its share link carries)."""
    chosen = result.choice
    fields: dict[str, object] = {"modules": ",".join(chosen.modules)}
    if chosen.date:
        fields["date"] = chosen.date
    fields["start"] = clock(chosen.start)
    fields["participants"] = chosen.participants
    for name in ("group_size", "days", "break_after", "break_minutes"):
        if getattr(chosen, name) != DEFAULTS[name]:
            fields[name] = getattr(chosen, name)
    return urlencode(fields, safe=",:")


def page_address(result: Plan, settings: Settings, lang: str) -> str | None:
    if not settings.site_url:
        return None
    folder = paths.page_folder(paths.REFERENCE_PAGES["agenda"], lang, settings.languages.default)
    return f"{settings.site_url.rstrip('/')}/{folder}/?{query(result)}"


def text_report(result: Plan, words: Words, address: str | None = None) -> str:
    minutes = words.ui("minutes")
    lines = [say(words, "title"), summary(result, words), totals(result, words), ""]
    lines.append(say(words, "schedule"))
    for day in result.days:
        lines.append(day_title(day, words))
        for row in day["rows"]:
            if row["kind"] == "break":
                lines.append(f"{row['start']}–{row['end']}  {say(words, 'break')} ({row['minutes']} {minutes})")
                continue
            lines.append(f"{row['start']}–{row['end']}  {row['title']} ({row['minutes']} {minutes})")
            for step in row["steps"]:
                lines.append(f"{INDENT}{step['start']}  {step['title']} ({step['minutes']} {minutes})")
        lines.append("")
    lines.append(say(words, "materials"))
    chosen = result.choice
    lines.append(
        say(words, "materials_note", participants=chosen.participants, groups=result.groups, group_size=chosen.group_size)
    )
    width = max((len(amount(item)) for item in result.materials), default=0)
    for item in result.materials:
        rules = "; ".join(rule_text(rule, words) for rule in item["rules"])
        lines.append(f"{INDENT}{amount(item).rjust(width)}  {item['what']} ({rules})")
    lines.append("")
    lines.append(say(words, "preparation"))
    for module in result.preparation:
        lines.append(module["title"])
        lines.extend(f"{INDENT}[ ] {item}" for item in module["items"])
    lines.append("")
    lines.append(say(words, "print_list"))
    lines.append(say(words, "print_note"))
    for item in result.prints:
        lines.append(say(words, "copy_line", title=item["title"], copies=item["copies"]))
        lines.append(
            INDENT + say(words, "a4_line", pages=item["a4_pages"], per_copy=item["a4_sheets_per_copy"], sheets=item["a4_sheets"])
        )
        if item["booklet_sheets"] is not None:
            lines.append(
                INDENT
                + say(
                    words,
                    "booklet_line",
                    pages=item["booklet_pages"],
                    per_copy=item["booklet_sheets_per_copy"],
                    sheets=item["booklet_sheets"],
                )
            )
    sheets = result.as_data()["sheets"]
    lines.append(say(words, "total_line", a4=sheets["a4"], booklet=sheets["booklet"]))
    if address:
        lines += ["", f"{say(words, 'site_link')}: {address}"]
    return "\n".join(lines) + "\n"
