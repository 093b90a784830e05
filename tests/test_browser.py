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
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

import bench_search
from site_tools import serve, site_prefix

from .conftest import REPO, missing  # noqa: F401 - the session fixtures browser and axe_source live in conftest.py

REPORT = REPO / ".cache/reports/axe.md"


@pytest.fixture(scope="session")
def served(built: Path) -> Iterator[str]:
    """The site served on loopback under the same path as its public address (site_url)."""
    with serve(built / "site", site_prefix(built)) as address:
        yield address


@pytest.fixture(scope="session")
def catalog(built: Path) -> dict:
    return json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))


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
    }


def target_url(base: str, path: str) -> str:
    if base.startswith("file://"):
        return base + path
    return base + re.sub(r"index\.html$", "", path)


@pytest.fixture(params=["served", "offline"])
def site(request: pytest.FixtureRequest) -> str:
    if request.param == "served":
        return request.getfixturevalue("served")
    return request.getfixturevalue("offline_kit").as_uri() + "/"


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


def test_search_relevance_and_language_isolation(browser, offline_kit: Path):
    """The relevance benchmark's queries, on our search over file://: recall@5 at least 0.9, never the other language."""
    queries = bench_search.load_queries()
    for lang, items in queries.items():
        home = offline_kit.as_uri() + "/" + ("index.html" if lang == "id" else "en/index.html")
        scores = bench_search.run_queries(browser, home, items, lang, "ruang-hak")
        missed = [(o.query.text, o.query.expect, o.modules) for o in scores.outcomes if o.recall < 1]
        assert scores.other_language == 0, lang
        assert scores.recall >= 0.9, (lang, round(scores.recall, 3), missed)


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
