"""The workshop agenda: its arithmetic, ``kurikulum agenda`` as a trainer meets it, its PDF, and the site's copy of it.

The browser computes the same plan from ``agenda/<lang>.js`` (kurikulum-agenda.js); the test
at the end runs that script under node on random choices and compares it with the Python plan.
The real-browser tests of the agenda page are in test_browser.py (they share its one browser).
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kurikulum.agenda.plan import AgendaError, choice, clock, parse_time, plan, split_days
from kurikulum.check import check
from kurikulum.handouts.manifest import read_manifest
from kurikulum.site.agenda import agenda_data
from kurikulum.view.module import build_views

from .conftest import REPO, kurikulum, missing

THREE = ["pmi-hak-tiga-tahap", "gender-mengenal", "perlindungan-jkn-bansos"]
AGENDA_JS = REPO / "scripts/kurikulum_mkdocs/theme/assets/javascripts/kurikulum-agenda.js"


def module(module_id: str, steps: list[tuple[str, int, bool]], materials: list, pages: int = 2, sheets: int = 1) -> dict:
    return {
        "id": module_id,
        "title": module_id.title(),
        "topic": "t",
        "duration": sum(minutes for _, minutes, _ in steps),
        "group": [10, 25],
        "steps": [list(step) for step in steps],
        "materials": [list(item) for item in materials],
        "preparation": [f"prepare {module_id}"],
        "handout": {
            "a4_pages": pages,
            "a4_path": "x.pdf",
            "booklet_pages": sheets * 4,
            "booklet_sheets": sheets,
            "booklet_path": "y.pdf",
        },
    }


MODULES = {
    "a": module(
        "a", [("Open", 30, False), ("Work", 90, False)], [("Spidol", 2, "", "group"), ("Plano", 10, "lembar", "session")]
    ),
    "b": module(
        "b",
        [("Open", 60, False), ("Istirahat", 15, True), ("Work", 75, False)],
        [("spidol ", 1, "", "group"), ("Plano", 4, "lembar", "session"), ("Pulpen", 1, "", "person")],
        pages=3,
        sheets=2,
    ),
    "c": module("c", [("Talk", 45, False)], [("Plano", 10, "lembar", "session"), ("Plano", 1, "gulung", "session")]),
}


def make(modules: list[str], **options: object) -> dict:
    chosen = choice(modules, list(MODULES), options.pop("start", "08:30"), options.pop("participants", 22), **options)
    return plan(MODULES, chosen).as_data()


# -- the arithmetic ---------------------------------------------------------------------------


def test_materials_per_person_group_and_session_follow_from_participants_and_groups():
    result = make(["a", "b", "c"], participants=22, group_size=5)
    assert result["groups"] == math.ceil(22 / 5) == 5
    found = {(m["what"], m["unit"]): m["total"] for m in result["materials"]}
    assert found[("Spidol", "")] == 2 * 5 + 1 * 5  # per group, merged across modules whatever the case and spacing
    assert found[("Plano", "lembar")] == 10 + 4 + 10  # per session: once per module that lists it
    assert found[("Plano", "gulung")] == 1  # another unit is another item
    assert found[("Pulpen", "")] == 22  # per person
    spidol = next(m for m in result["materials"] if m["what"] == "Spidol")
    assert spidol["rules"] == [
        {"count": 2, "per": "group", "times": 5, "modules": 1},
        {"count": 1, "per": "group", "times": 5, "modules": 1},
    ]
    assert make(["a"], participants=21, group_size=7)["groups"] == 3
    assert make(["a"], participants=1, group_size=7)["groups"] == 1


def test_breaks_come_between_sessions_after_enough_minutes_and_a_modules_own_break_counts():
    result = make(["a", "b", "c"], start="08:00", break_after=90, break_minutes=15)
    rows = result["days"][0]["rows"]
    assert [r["kind"] for r in rows] == ["session", "break", "session", "session"]
    # b has its own break at 09:... so only 75 minutes of it ran since a break: no break before c.
    assert rows[1] == {"kind": "break", "start": "10:00", "end": "10:15", "minutes": 15}
    assert rows[2]["start"] == "10:15" and rows[2]["end"] == "12:45"
    assert rows[3]["start"] == "12:45" and rows[3]["end"] == "13:30"
    assert result["session_minutes"] == 120 + 150 + 45 and result["break_minutes"] == 15
    start = 8 * 60
    assert result["days"][0]["end"] == clock(start + result["session_minutes"] + result["break_minutes"])
    assert [s["start"] for s in rows[2]["steps"]] == ["10:15", "11:15", "11:30"]
    assert rows[2]["steps"][1]["break"] is True
    # Never after the last session, never inside one.
    assert [r["kind"] for r in make(["a"], break_after=1)["days"][0]["rows"]] == ["session"]
    assert [r["kind"] for r in make(["c", "a"], break_after=45)["days"][0]["rows"]] == ["session", "break", "session"]
    assert [r["kind"] for r in make(["c", "a"], break_after=46)["days"][0]["rows"]] == ["session", "session"]


def test_days_split_the_sessions_in_order_and_each_starts_at_the_start_time():
    result = make(["a", "b", "c"], days=2, start="09:00", date="2026-12-08")
    assert [d["date"] for d in result["days"]] == ["2026-12-08", "2026-12-09"]
    assert [[r["module"] for r in d["rows"] if r["kind"] == "session"] for d in result["days"]] == [["a"], ["b", "c"]]
    assert all(d["start"] == "09:00" for d in result["days"])
    assert split_days([120, 120, 120, 120], 2) == [2, 2]
    assert split_days([60, 60, 60, 180], 2) == [3, 1]
    assert split_days([10, 10, 10], 3) == [1, 1, 1]
    assert make(["a", "b"], date="2026-12-31", days=2)["days"][1]["date"] == "2027-01-01"


def test_print_list_counts_copies_and_double_sided_sheets():
    result = make(["a", "b"], participants=22)
    a, b = result["prints"]
    assert (a["copies"], a["a4_sheets_per_copy"], a["a4_sheets"], a["booklet_sheets"]) == (22, 1, 22, 22)
    assert (b["a4_pages"], b["a4_sheets_per_copy"], b["a4_sheets"], b["booklet_sheets"]) == (3, 2, 44, 44)
    assert result["sheets"] == {"a4": 66, "booklet": 66}


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"start": "8:3O"}, "bad_time"),
        ({"start": "24:00"}, "bad_time"),
        ({"start": "08:60"}, "bad_time"),
        ({"start": "０８:３０"}, "bad_time"),  # full-width digits: the browser would not read them either
        ({"participants": 0}, "bad_participants"),
        ({"participants": -3}, "bad_participants"),
        ({"participants": "22.5"}, "bad_participants"),
        ({"participants": 10**20}, "bad_participants"),
        ({"participants": None}, "no_participants"),
        ({"group_size": 0}, "bad_group_size"),
        ({"days": 4}, "too_many_days"),
        ({"date": "2026-02-30"}, "bad_date"),
        ({"date": "9999-12-31", "days": 2}, "bad_date"),
        ({"break_after": 0}, "bad_break_after"),
    ],
)
def test_a_bad_choice_names_its_problem(options: dict, key: str):
    with pytest.raises(AgendaError) as raised:
        make(["a", "b", "c"], **options)
    assert raised.value.key == key


def test_unknown_and_repeated_modules():
    with pytest.raises(AgendaError) as raised:
        choice(["pmi-hak-tiga-tahp"], THREE, "08:30", 22)
    assert raised.value.key == "unknown_module" and raised.value.params["suggestion"] == "pmi-hak-tiga-tahap"
    with pytest.raises(AgendaError) as raised:
        choice(["a", "a"], list(MODULES), "08:30", 22)
    assert raised.value.key == "twice"
    assert parse_time("8.05") == 8 * 60 + 5


# -- the command -----------------------------------------------------------------------------


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def test_the_must_show_agenda_of_three_modules(built: Path):
    result = kurikulum(built, "agenda", *THREE, "--start", "08:30", "--participants", "22")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    curriculum, _ = check(built)
    views = build_views(curriculum)
    total = sum(views[m, "id"].duration for m in THREE)

    times = re.findall(r"^(\d\d:\d\d)–(\d\d:\d\d)  (.+) \((\d+) menit\)$", out, re.MULTILINE)
    assert times[0][0] == "08:30"
    breaks = [t for t in times if t[2] == "Istirahat"]
    assert len(breaks) >= 1
    assert minutes(times[-1][1]) == minutes("08:30") + total + sum(int(b[3]) for b in breaks)
    assert f"Hari 1: 08:30–{times[-1][1]}" in out
    assert [t[2] for t in times if t[2] != "Istirahat"] == [views[m, "id"].title for m in THREE]
    for m in THREE:  # every step, at its clock time
        for step in views[m, "id"].steps:
            assert re.search(rf"^   \d\d:\d\d  {re.escape(step.title)} \({step.minutes} menit\)$", out, re.MULTILINE), step.title

    # Materials: worked out again here from the views, per person × 22, per group × ceil(22/5), per session × 1.
    expected: dict[tuple[str, str], int] = {}
    for m in THREE:
        for item in views[m, "id"].materials:
            times_ = {"person": 22, "group": 5, "session": 1}[item.per]
            key = (" ".join(item.what.split()).lower(), item.unit.lower())
            expected[key] = expected.get(key, 0) + item.count * times_
    shown = {}
    for amount, unit, what in re.findall(r"^ +(\d+)(?: (\S+))?  (.+?) \(", out, re.MULTILINE):
        shown[(what.lower(), (unit or "").lower())] = int(amount)
    assert shown == expected
    assert shown[("lembar peserta", "")] == 66  # one per person in each of three modules
    assert shown[("spidol", "")] == 2 * 5 * 3  # two per group, five groups, three modules
    assert shown[("kertas plano", "lembar")] == 10 + 10 + 8  # per session

    # The print list: 22 copies of each handout, sheets from the handout run's page counts.
    run = read_manifest(built / ".cache/handouts")
    for m in THREE:
        assert f"{views[m, 'id'].title}: 22 salinan" in out
        a4 = next(f for f in run.files[m]["id"] if f["format"] == "a4")
        booklet = next(f for f in run.files[m]["id"] if f["format"] == "a5-booklet")
        assert f"A4 bolak-balik: {a4['pages']} halaman, {math.ceil(a4['pages'] / 2)} lembar per salinan" in out
        assert (
            f"Buklet A5: {booklet['pages']} halaman, {booklet['sheets']} lembar per salinan, {booklet['sheets'] * 22} lembar"
            in out
        )
    assert "Persiapan" in out and "[ ] " in out
    assert "rujukan/agenda/?modules=pmi-hak-tiga-tahap,gender-mengenal,perlindungan-jkn-bansos&start=08:30&participants=22" in out


def test_the_agenda_pdf_is_at_most_two_a4_pages_with_every_font_embedded(built: Path, tmp_path: Path):
    if shutil.which("pdffonts") is None:
        missing("pdffonts not found: install poppler-utils")
    target = tmp_path / "agenda.pdf"
    result = kurikulum(
        built, "agenda", *THREE, "--start", "08:30", "--participants", "22", "--date", "2026-12-08", "--pdf", str(target)
    )
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    reader = PdfReader(target)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "08:30" in text and "Istirahat" in text and "8 Desember 2026" in text and "Daftar fotokopi" in text
    assert f"{len(reader.pages)} halaman A4" in result.stdout


def test_english_agenda_on_request(built: Path):
    result = kurikulum(built, "agenda", *THREE, "--start", "08:30", "--participants", "22", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Workshop agenda\n3 modules · 22 participants · 5 groups\n")
    assert re.search(r"^\d\d:\d\d–\d\d:\d\d  Break \(15 min\)$", result.stdout, re.MULTILINE), result.stdout[:800]
    assert "Istirahat" not in result.stdout and "22 copies" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected", "hint"),
    [
        (
            ["pmi-hak-tiga-tahp", "--participants", "22"],
            "Modul 'pmi-hak-tiga-tahp' tidak dikenal.",
            "Maksud Anda 'pmi-hak-tiga-tahap'?",
        ),
        ([*THREE, "--start", "8:3O", "--participants", "22"], "Jam mulai '8:3O' tidak bisa dibaca.", "misalnya --start 08:30"),
        ([*THREE, "--participants", "0"], "Jumlah peserta '0' tidak bisa dipakai", "--participants 22"),
        ([*THREE, "--participants", "-5"], "Jumlah peserta '-5' tidak bisa dipakai", "--participants 22"),
        ([*THREE, "--participants", "dua puluh"], "Jumlah peserta 'dua puluh' tidak bisa dipakai", "--participants 22"),
        ([*THREE], "Jumlah peserta belum ditulis.", "--participants 22"),
        ([*THREE, "--participants", "22", "--group-size", "0"], "Ukuran kelompok '0' tidak bisa dipakai", "--group-size 5"),
        ([*THREE, "--participants", "22", "--date", "8-12-2026"], "Tanggal '8-12-2026' tidak bisa dibaca.", "2026-12-08"),
        (["--participants", "22"], "Belum ada modul yang dipilih.", "kurikulum agenda pmi-hak-tiga-tahap"),
    ],
)
def test_errors_in_indonesian_with_a_hint_and_no_traceback(args: list[str], expected: str, hint: str):
    result = kurikulum(REPO, "agenda", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("kurikulum agenda: galat: ") and expected in lines[0], result.stderr
    assert lines[1].startswith("    saran: ") and hint in lines[1], result.stderr


def test_without_a_handout_run_the_agenda_renders_the_handouts_it_needs(good_root: Path):
    cache = good_root / ".cache/handouts"
    assert not cache.exists()
    result = kurikulum(good_root, "agenda", "musyawarah", "bantuan-hukum", "--participants", "12", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    run = read_manifest(cache)
    assert run is not None
    for item in data["prints"]:
        a4 = next(f for f in run.files[item["module"]]["id"] if f["format"] == "a4")
        assert item["copies"] == 12 and item["a4_pages"] == a4["pages"]
        assert item["a4_sheets"] == 12 * math.ceil(a4["pages"] / 2)
    assert [p["module"] for p in data["prints"]] == ["musyawarah", "bantuan-hukum"]


# -- the site's copy: the same data, the same numbers in the browser's script ---------------------


def data_of(site: Path, lang: str) -> dict:
    text = (site / f"agenda/{lang}.js").read_text(encoding="utf-8")
    return json.loads(text.split("] = ", 1)[1].rstrip().rstrip(";"))


def test_the_agenda_data_file_is_what_the_command_reads(built: Path):
    curriculum, _ = check(built)
    views = build_views(curriculum)
    run = read_manifest(built / ".cache/handouts")
    for lang in curriculum.settings.languages:
        assert data_of(built / "site", lang) == json.loads(json.dumps(agenda_data(curriculum, views, run, lang))), lang


BAD = {
    "start": ["8:3O", "24:00", "08:60", "", "8", "０８:３０"],
    "participants": ["0", "-2", "x", "2.5", "", "10000"],
    "group_size": ["0", "-1", "five"],
    "days": ["0", "99"],
    "break_after": ["0", "-90"],
    "break_minutes": ["0", "1e3"],
    "date": ["2026-02-30", "0000-01-01", "26-12-08", "9999-12-31"],
}


def random_choices(ids: list[str], count: int, seed: int) -> list[dict]:
    """Mostly valid choices (each field is bad one time in twelve), so both the plans and the refusals are compared."""
    rng = random.Random(seed)
    choices = []
    for _ in range(count):
        modules = rng.sample(ids, rng.randint(1, min(6, len(ids))))
        raw = {
            "modules": modules,
            "start": rng.choice([f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", "7.05", " 09:15 ", "08:30"]),
            "participants": str(rng.choice([rng.randint(1, 60), 22, 1, 9999])),
            "group_size": str(rng.choice([rng.randint(1, 9), 5, 40])),
            "days": str(rng.randint(1, len(modules))),
            "break_after": str(rng.choice([rng.randint(1, 240), 90])),
            "break_minutes": str(rng.choice([rng.randint(1, 60), 15])),
            "date": rng.choice(["", "2026-12-08", "2026-12-31", "2028-02-28", "9999-12-30"]),
        }
        for name, bad in BAD.items():
            if rng.random() < 1 / 12:
                raw[name] = rng.choice(bad)
        choices.append(raw)
    return choices


NODE_RUNNER = """
const agenda = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const modules = {};
input.data.modules.forEach(m => { modules[m.id] = m; });
const known = input.data.modules.map(m => m.id);
const out = input.choices.map(raw => {
  const read = agenda.readChoice(raw, known, input.data.most);
  return read.problem ? null : agenda.plan(modules, read.choice);
});
process.stdout.write(JSON.stringify(out));
"""


def test_the_browser_script_gives_the_same_plan_as_the_command(built: Path, tmp_path: Path):
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        missing("node not found: install nodejs")
    for lang in ("id", "en"):
        data = data_of(built / "site", lang)
        modules = {m["id"]: m for m in data["modules"]}
        choices = random_choices(list(modules), 400, seed=13 if lang == "id" else 14)
        choices.append({"modules": THREE, "start": "08:30", "participants": "22", "group_size": "5", "days": "1",
                        "break_after": "90", "break_minutes": "15", "date": ""})  # fmt: skip
        runner = tmp_path / "run.js"
        runner.write_text(NODE_RUNNER, encoding="utf-8")
        done = subprocess.run(
            [node, str(runner), str(AGENDA_JS)],
            input=json.dumps({"data": data, "choices": choices}),
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(done.stdout)
        accepted = 0
        for raw, their in zip(choices, theirs, strict=True):
            try:
                options = {name: value for name, value in raw.items() if name != "modules"}
                ours = plan(modules, choice(raw["modules"], list(modules), **options)).as_data()
            except AgendaError:
                ours = None
            assert their == ours, raw
            accepted += ours is not None
        assert 150 < accepted < len(choices) - 50  # enough of the random choices are valid to compare plans, not only refusals
        assert theirs[-1]["days"][0]["start"] == "08:30" and theirs[-1]["prints"][0]["copies"] == 22


def test_only_the_agenda_page_loads_the_agenda_files(built: Path):
    site = built / "site"
    agenda_pages = {site / "rujukan/agenda/index.html", site / "en/rujukan/agenda/index.html"}
    for page in agenda_pages:
        text = page.read_text(encoding="utf-8")
        assert (
            "kurikulum-agenda.js" in text and "kurikulum-agenda.css" in text and re.search(r'src="[./]*agenda/(id|en)\.js"', text)
        )
    for page in site.rglob("*.html"):
        if page not in agenda_pages:
            text = page.read_text(encoding="utf-8")
            assert "kurikulum-agenda" not in text and "agenda/id.js" not in text, page


def test_the_agenda_page_has_no_inline_script_of_its_own(built: Path):
    site = built / "site"
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
    theme = set(inline.findall((site / "rujukan/glosarium/index.html").read_text(encoding="utf-8")))
    agenda = (site / "rujukan/agenda/index.html").read_text(encoding="utf-8")
    assert set(inline.findall(agenda)) <= theme
    assert "script-src 'self'" in agenda
    form = agenda.split('<form id="rh-agenda-form"', 1)[1].split("</form>", 1)[0]
    assert not re.search(r"\son[a-z]+=", form)  # no inline event handlers either


def test_home_and_topic_pages_link_to_the_agenda_page(built: Path):
    site = built / "site"
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    pages = [site / "index.html", site / "en/index.html"]
    pages += [site / topic["pages"][lang] for topic in catalog["topics"] for lang in catalog["languages"]]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<p class="rh-agenda-link"><a href="([^"]+)"', text)
        assert len(links) == 1, page
        target = (page.parent / links[0]).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file() and target.parent.name == "agenda", (page, links[0])
