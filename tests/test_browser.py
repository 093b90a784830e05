"""Real-browser tests (Debian's chromium driven by Playwright) on the served site and the offline kit.

Every page type in both languages: no console errors, no request to another host,
no serious or critical axe-core violation, no horizontal scroll on a 360 px phone;
the language switch lands on the same page; search works over file://.
Without chromium these tests skip with a message, except under CI=true where they fail.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

import bench_search

from .conftest import REPO, kurikulum, missing  # noqa: F401 - browser, axe_source, served, catalog and site are fixtures in conftest.py
from .test_agenda import data_of

REPORT = REPO / ".cache/reports/axe.md"


def page_types(catalog: dict, lang: str) -> dict[str, str]:
    """One page of each type, as a path relative to the site root (file form: works for both targets)."""
    prefix = "" if lang == "id" else f"{lang}/"
    module = catalog["modules"][0]
    return {
        "home": f"{prefix}index.html",
        "topic": catalog["topics"][0]["pages"][lang],
        "trainer": module["pages"][lang]["trainer"],
        "participant": module["pages"][lang]["participant"],
        "glossary": catalog["glossary"]["pages"][lang],
        "status": f"{prefix}rujukan/status/index.html",
        "legal-index": f"{prefix}rujukan/dasar-hukum/index.html",
        "print-list": f"{prefix}rujukan/cetak/index.html",
        "agenda": f"{prefix}rujukan/agenda/index.html",
    }


def target_url(base: str, path: str) -> str:
    if base.startswith("file://"):
        return base + path
    return base + re.sub(r"index\.html$", "", path)


def visit(browser, url: str, width: int = 1280, bypass_csp: bool = False) -> tuple[object, list[str], list[str]]:
    # axe-core is injected as an inline script, which the pages' Content-Security-Policy rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=bypass_csp)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, errors, requests


def foreign(requests: list[str], base: str) -> list[str]:
    own = urlparse(base)
    result = []
    for url in requests:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            continue
        if parsed.scheme == "file" and own.scheme == "file":
            continue
        if (parsed.scheme, parsed.netloc) != (own.scheme, own.netloc):
            result.append(url)
    return result


AXE_RESULTS: dict[str, list[str]] = {}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_type_loads_clean(browser, axe_source: str, catalog: dict, site: str, lang: str):
    problems = []
    for kind, path in page_types(catalog, lang).items():
        url = target_url(site, path)
        page, errors, requests = visit(browser, url)
        csp = page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content || ''")
        if "script-src 'self'" not in csp:
            problems.append(f"{url}: no Content-Security-Policy")
        page.context.close()
        page, _, _ = visit(browser, url, bypass_csp=True)
        assert page.evaluate("document.documentElement.lang") == lang, url
        if errors:
            problems.append(f"{url}: console errors {errors}")
        if foreign(requests, site):
            problems.append(f"{url}: requests to other hosts {foreign(requests, site)}")
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]
        AXE_RESULTS[f"{kind} [{lang}] {url}"] = serious
        if serious:
            problems.append(f"{url}: axe {serious}")
        page.context.close()
    write_axe_report()
    assert problems == []


def write_axe_report() -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# axe-core: serious and critical violations per page", ""]
    for page, violations in sorted(AXE_RESULTS.items()):
        lines.append(f"- {page}: {len(violations)}" + "".join(f"\n    - {v}" for v in violations))
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_phone_width_has_no_horizontal_scroll(browser, catalog: dict, site: str, lang: str):
    wide = []
    for path in page_types(catalog, lang).values():
        page, _, _ = visit(browser, target_url(site, path), width=360)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append(f"{path}: {overflow}px")
        page.context.close()
    assert wide == []


def test_language_switch_lands_on_the_same_page(browser, catalog: dict, site: str):
    module = catalog["modules"][0]
    for source, target in (("id", "en"), ("en", "id")):
        page, _, _ = visit(browser, target_url(site, module["pages"][source]["trainer"]))
        link = page.locator(f'a[hreflang="{target}"]').first
        with page.expect_navigation():
            link.evaluate("element => element.click()")
        expected = target_url(site, module["pages"][target]["trainer"])
        assert page.url.rstrip("/") == expected.rstrip("/")
        assert page.evaluate("document.documentElement.lang") == target
        page.context.close()


def distinctive_word(built: Path, catalog: dict) -> tuple[str, dict]:
    """A word found in one module only, in both of its languages (a programme or a place, say)."""

    def words(path: Path) -> set[str]:
        return {w.lower() for w in re.findall(r"\b[A-Za-z]{7,}\b", path.read_text(encoding="utf-8"))}

    every_file = {
        m["id"]: set().union(*(words(p) for p in (built / m["source"]["folder"]).iterdir())) for m in catalog["modules"]
    }
    shared = set().union(*(words(p) for p in (built / "docs").glob("*.md")))
    for module in catalog["modules"]:
        folder = built / module["source"]["folder"]
        both = words(folder / "pelatih.id.md") & words(folder / "pelatih.en.md")
        others = set().union(*(w for m, w in every_file.items() if m != module["id"]))
        unique = sorted(both - others - shared)
        if unique:
            return unique[0], module
    pytest.fail("no word is unique to one module")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_search_over_file_finds_the_module_in_the_readers_language(
    browser, built: Path, offline_kit: Path, catalog: dict, lang: str
):
    word, module = distinctive_word(built, catalog)
    home = offline_kit.as_uri() + "/" + ("index.html" if lang == "id" else "en/index.html")
    page, errors, _ = visit(browser, home)
    search = page.locator("[data-rh-search-input]")
    search.focus()
    search.press_sequentially(word.lower(), delay=20)
    page.wait_for_function("q => document.querySelector('[data-rh-search-results]').dataset.query === q", arg=word.lower())
    hrefs = page.eval_on_selector_all("[data-rh-search-results] a", "links => links.map(a => a.href)")
    wanted = offline_kit.as_uri() + "/" + module["pages"][lang]["trainer"]
    assert any(href.startswith(wanted.rsplit("/", 1)[0]) for href in hrefs), (word, wanted, hrefs)
    assert errors == []
    page.context.close()


def test_search_relevance_language_isolation_and_quotes(browser, offline_kit: Path):
    """The relevance benchmark's queries, on our search over file://: recall@5 at least 0.9, never the other
    language; every query's first result quotes its page with a query word (or a word of its stem) marked,
    each of the first five quotes a marked word; "pulang kampung" finds the module about returning home first."""
    queries = bench_search.load_queries()
    for lang, items in queries.items():
        home = offline_kit.as_uri() + "/" + ("index.html" if lang == "id" else "en/index.html")
        scores = bench_search.run_queries(browser, home, items, lang, "kurikulum")
        missed = [(o.query.text, o.query.expect, o.modules) for o in scores.outcomes if o.recall < 1]
        assert scores.other_language == 0, lang
        assert scores.recall >= 0.9, (lang, round(scores.recall, 3), missed)
        unquoted = [(o.query.text, o.quote) for o in scores.outcomes if not o.quoted]
        assert unquoted == [], lang
        if lang == "id":
            home_query = next(o for o in scores.outcomes if o.query.text == "pulang kampung")
            assert home_query.modules[:1] == ["pmi-pulang-berdaya"], home_query.modules


def test_search_result_groups_a_modules_pages_and_quotes_a_glossary_entry(browser, offline_kit: Path, catalog: dict):
    """One result per module with a link to each of its pages; the glossary's result quotes the entry of the term
    the query names (itself, or through a synonym: TPPO is the glossary's "perdagangan orang")."""
    page, errors, _ = visit(browser, offline_kit.as_uri() + "/index.html")
    search = page.locator("[data-rh-search-input]")
    search.focus()
    glossary = catalog["glossary"]["pages"]["id"].split("/index.html")[0]
    for query, term, module_id in (("TPPO", "perdagangan orang", "pmi-migrasi-aman"), ("SKTM", "SKTM", None)):
        search.fill("")
        search.press_sequentially(query, delay=20)
        page.wait_for_function("q => document.querySelector('[data-rh-search-results]').dataset.quoted === q", arg=query)
        results = page.evaluate(
            """() => [...document.querySelectorAll('[data-rh-search-results] > li')].map(li => ({
                links: [...li.querySelectorAll('.rh-search-kind a')].map(a => a.getAttribute('href')),
                heading: (li.querySelector('.rh-search-quote strong') || {}).textContent || '',
                marks: [...li.querySelectorAll('.rh-search-quote mark')].map(m => m.textContent),
            }))"""
        )
        entry = next(r for r in results if any(glossary in link for link in r["links"]))
        assert entry["heading"] == term and entry["marks"], (query, entry)
        modules = [r["links"][0].split("modul/", 1)[-1].split("/")[0] for r in results if "modul/" in r["links"][0]]
        assert modules and len(modules) == len(set(modules))  # a module's pages make one result
        if module_id:
            module = next(m for m in catalog["modules"] if m["id"] == module_id)
            assert [link.split("modul/", 1)[-1] for link in results[0]["links"]] == [
                module["pages"]["id"]["trainer"].split("modul/", 1)[-1],
                module["pages"]["id"]["participant"].split("modul/", 1)[-1],
            ]
    assert errors == []
    page.context.close()


def test_search_script_builds_results_without_html_strings_or_eval():
    """Results are built with DOM methods from the index's text: no HTML parsing of data, no eval (the CSP forbids it)."""
    source = (REPO / "scripts/kurikulum_mkdocs/theme/assets/javascripts/kurikulum-search.js").read_text(encoding="utf-8")
    for forbidden in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "fetch(",
        "XMLHttpRequest",
    ):
        assert forbidden not in source, forbidden


def test_printing_a_page_drops_navigation_and_shows_link_addresses(browser, served: str, catalog: dict, tmp_path: Path):
    module = catalog["modules"][0]
    page, _, _ = visit(browser, target_url(served, module["pages"]["id"]["trainer"]))
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format="A4")
    page.context.close()
    # poppler's pdftotext: pypdf misses text on some pages of Chromium's PDFs
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert module["title"]["id"] in text
    assert "Panduan pelatih" not in text and "Daftar isi" not in text  # navigation and table of contents are gone
    legal_source = next(source for entry in module["legal_basis"] for source in entry["sources"] if source.startswith("http"))
    assert legal_source.split("//", 1)[1][:20] in text.replace(" ", "")


# -- the workshop agenda page -------------------------------------------------------------------

AGENDA_MODULES = ["pmi-hak-tiga-tahap", "gender-mengenal", "perlindungan-jkn-bansos"]


def agenda_path(lang: str) -> str:
    return ("" if lang == "id" else f"{lang}/") + "rujukan/agenda/index.html"


def command_agenda(built: Path, lang: str) -> dict:
    args = ("agenda", *AGENDA_MODULES, "--start", "08:30", "--participants", "22", "--lang", lang, "--json")
    result = kurikulum(built, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def expected_rows(plan: dict, break_word: str) -> list[list[str]]:
    rows = []
    for day in plan["days"]:
        for row in day["rows"]:
            span = f"{row['start']}–{row['end']}"
            if row["kind"] == "break":
                rows.append([span, break_word, str(row["minutes"])])
                continue
            rows.append([span, row["title"], str(row["minutes"])])
            rows += [[step["start"], step["title"], str(step["minutes"])] for step in row["steps"]]
    return rows


SHOWN = """() => {
  const cells = selector => [...document.querySelectorAll(selector)].map(tr => [...tr.cells].map(td => td.textContent.trim()));
  return {
    status: document.getElementById("rh-agenda-status").textContent,
    timetable: cells(".rh-agenda-timetable tbody tr"),
    materials: cells(".rh-agenda-materials tbody tr"),
    prints: cells(".rh-agenda-prints tbody tr"),
    link: document.getElementById("rh-agenda-link").value,
  };
}"""


def choose_three(page) -> None:
    for module_id in AGENDA_MODULES:  # ticked in this order: the order of the sessions
        page.check(f"#rh-m-{module_id}")
    page.fill("#rh-agenda-start", "08:30")
    page.fill("#rh-agenda-participants", "22")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_agenda_page_shows_the_same_times_and_counts_as_the_command(browser, axe_source: str, built: Path, site: str, lang: str):
    plan = command_agenda(built, lang)
    page, errors, requests = visit(browser, target_url(site, agenda_path(lang)))  # under the pages' CSP
    choose_three(page)
    shown = page.evaluate(SHOWN)
    words = data_of(built / "site", lang)["text"]
    assert shown["timetable"] == expected_rows(plan, words["break"])
    assert shown["timetable"][0][0].startswith("08:30")
    assert [row[0] for row in shown["materials"]] == [f"{m['total']} {m['unit']}".strip() for m in plan["materials"]]
    assert [row[1] for row in shown["materials"]] == [m["what"] for m in plan["materials"]]
    prints = shown["prints"][:-1]
    assert [row[1] for row in prints] == ["22"] * 3
    assert [int(row[3].split()[0]) for row in prints] == [p["a4_sheets"] for p in plan["prints"]]
    assert [int(row[4].split()[0]) for row in prints] == [p["booklet_sheets"] for p in plan["prints"]]
    assert shown["prints"][-1][3:] == [str(plan["sheets"]["a4"]), str(plan["sheets"]["booklet"])]
    assert errors == [] and foreign(requests, site) == []
    page.context.close()

    # The choice is in the link: opened afresh, the page shows the same agenda.
    assert "modules=pmi-hak-tiga-tahap,gender-mengenal,perlindungan-jkn-bansos" in shown["link"]
    again, errors, _ = visit(browser, shown["link"], bypass_csp=True)
    assert again.evaluate(SHOWN)["timetable"] == shown["timetable"]
    assert errors == []
    again.add_script_tag(content=axe_source)
    result = again.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    AXE_RESULTS[f"agenda, filled [{lang}] {site}"] = serious
    write_axe_report()
    assert serious == []
    again.context.close()


def test_agenda_page_explains_a_bad_choice_in_the_readers_language(browser, offline_kit: Path):
    page, errors, _ = visit(browser, target_url(offline_kit.as_uri() + "/", agenda_path("id")))
    assert page.evaluate(SHOWN)["status"] == "Centang paling sedikit satu modul untuk melihat agendanya."
    choose_three(page)
    page.fill("#rh-agenda-participants", "0")
    assert page.evaluate(SHOWN)["status"] == "Periksa isian ini: Jumlah peserta."
    assert page.evaluate(SHOWN)["timetable"] == []
    page.fill("#rh-agenda-participants", "22")
    page.fill("#rh-agenda-days", "4")
    assert page.evaluate(SHOWN)["status"] == "Jumlah hari lebih banyak dari modul yang dipilih (3)."
    assert errors == []
    page.context.close()


def test_printing_the_agenda_hides_the_navigation_and_the_form(browser, served: str, tmp_path: Path):
    page, _, _ = visit(browser, target_url(served, agenda_path("id")))
    choose_three(page)
    target = tmp_path / "agenda.pdf"
    page.pdf(path=str(target), format="A4")
    page.context.close()
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "08:30" in text and "Istirahat" in text and "Daftar fotokopi" in text
    assert "Panduan pelatih" not in text and "Daftar isi" not in text  # the site's navigation is gone
    assert "Pilih modul" not in text and "Cetak agenda" not in text  # and so is the form
