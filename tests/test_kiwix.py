"""The Kiwix files through a real Kiwix server (Debian's kiwix-serve) in chromium.

Kiwix Android and recent kiwix-serve show a ZIM's pages as they are. Debian 12's kiwix-serve
3.3 also injects its own bar (a search box with suggestions) into every page: the pages are
checked without it, strictly, and the bar is checked to keep working under the pages'
Content-Security-Policy. Without kiwix-serve or chromium these tests skip, except under
CI=true where they fail.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import missing
from .screens import shoot
from .test_browser import foreign

LANGUAGES = ("id", "en")
# Kiwix's own full-text search: affixed Indonesian words and the module they must find.
KIWIX_QUERIES = [("dilindungi", "pmi-hak-tiga-tahap"), ("perlindungan", "pmi-hak-tiga-tahap"), ("pekerja", "pmi-hak-tiga-tahap")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_kiwix(books: list[Path], *options: str) -> tuple[subprocess.Popen, str]:
    executable = shutil.which("kiwix-serve")
    if executable is None:
        missing("kiwix-serve not found: install Debian's kiwix-tools ('apt-get install kiwix-tools'; .ci/run does it)")
    port = free_port()
    process = subprocess.Popen(
        [executable, "--address", "127.0.0.1", "--port", str(port), *options, *map(str, books)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base, timeout=2):
                return process, base
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"kiwix-serve did not start on {base}")


@pytest.fixture(scope="module")
def books(offline_kit: Path, built: Path) -> list[Path]:
    return [built / f"ruang-hak_{lang}.zim" for lang in LANGUAGES]


@pytest.fixture(scope="module")
def kiwix(books: list[Path]) -> Iterator[str]:
    """kiwix-serve without its injected bar: the pages as Kiwix Android shows them."""
    process, base = start_kiwix(books, "--nosearchbar")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def kiwix_with_bar(books: list[Path]) -> Iterator[str]:
    process, base = start_kiwix(books)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def catalog(built: Path) -> dict:
    return json.loads((built / "site-offline/catalog.json").read_text(encoding="utf-8"))


def book(lang: str) -> str:
    return f"ruang-hak_{lang}"


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(f"{message.text} @ {message.location.get('url')}") if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, response, errors, requests


def pages_to_open(catalog: dict, lang: str) -> dict[str, str]:
    module = catalog["modules"][0]
    return {
        "home": "index.html" if lang == "id" else f"{lang}/index.html",
        "trainer": module["pages"][lang]["trainer"],
        "participant": module["pages"][lang]["participant"],
        "glossary": catalog["glossary"]["pages"][lang],
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kiwix_serves_every_page_type_and_a_handout_clean(browser, kiwix: str, catalog: dict, lang: str):
    problems = []
    for kind, path in pages_to_open(catalog, lang).items():
        url = f"{kiwix}{book(lang)}/{path}"
        page, response, errors, requests = open_page(browser, url, width=360)
        if response is None or response.status != 200:
            problems.append(f"{url}: status {response.status if response else None}")
        if page.evaluate("document.documentElement.lang") != lang:
            problems.append(f"{url}: lang {page.evaluate('document.documentElement.lang')}")
        if errors:
            problems.append(f"{url}: console errors {errors}")
        if foreign(requests, kiwix):
            problems.append(f"{url}: requests to other hosts {foreign(requests, kiwix)}")
        if kind in ("home", "trainer"):
            shoot(page, f"kiwix-{kind}-{lang}")
        page.context.close()
    handout = next(h for h in catalog["modules"][0]["handouts"][lang] if h["path"].endswith(".pdf"))
    context = browser.new_context()
    response = context.request.get(f"{kiwix}{book(lang)}/{handout['path']}")
    assert response.status == 200 and response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-" and len(response.body()) == handout["bytes"]
    context.close()
    assert problems == []


def kiwix_search(base: str, lang: str, words: str) -> list[str]:
    """The pages Kiwix's /search endpoint lists for ``words``, in its order."""
    with urllib.request.urlopen(f"{base}search?content={book(lang)}&pattern={urllib.request.quote(words)}", timeout=180) as reply:
        html = reply.read().decode("utf-8")
    return re.findall(rf'href="/{book(lang)}/([^"]+\.html)"', html)


@pytest.mark.parametrize(("words", "module"), KIWIX_QUERIES)
def test_kiwix_full_text_search_finds_the_module_for_affixed_indonesian_words(kiwix: str, words: str, module: str):
    results = kiwix_search(kiwix, "id", words)
    print(words, "→", results[:5])
    assert any(path.startswith(f"modul/{module}/") for path in results[:5]), results


def catalog_title(catalog: dict, module_id: str) -> str:
    return next(m["title"]["id"] for m in catalog["modules"] if m["id"] == module_id)


def test_our_search_box_works_inside_kiwix(browser, kiwix: str, catalog: dict):
    page, _, errors, requests = open_page(browser, f"{kiwix}{book('id')}/index.html")
    box = page.locator("[data-rh-search-input]")
    box.focus()
    box.press_sequentially("dilindungi", delay=20)
    page.wait_for_function("q => document.querySelector('[data-rh-search-results]').dataset.query === q", arg="dilindungi")
    hrefs = page.eval_on_selector_all("[data-rh-search-results] a", "links => links.map(a => a.href)")
    assert any(f"/{book('id')}/modul/pmi-hak-tiga-tahap/" in href for href in hrefs), hrefs
    module = page.locator("[data-rh-search-results] a[href*='modul/pmi-hak-tiga-tahap/']").first
    with page.expect_navigation():
        module.click()
    assert page.url.startswith(f"{kiwix}{book('id')}/modul/pmi-hak-tiga-tahap/")
    assert catalog_title(catalog, "pmi-hak-tiga-tahap") in page.inner_text("h1")
    assert errors == [] and foreign(requests, kiwix) == []
    page.context.close()


def test_the_language_switch_inside_a_zim_names_the_other_file(browser, kiwix: str, catalog: dict):
    trainer = catalog["modules"][0]["pages"]["id"]["trainer"]
    page, _, errors, _ = open_page(browser, f"{kiwix}{book('id')}/{trainer}")
    with page.expect_navigation():
        page.locator('a[hreflang="en"]').first.evaluate("element => element.click()")
    assert "ruang-hak_en.zim" in page.inner_text("body")
    assert page.evaluate("document.documentElement.lang") == "id"
    assert errors == []
    page.context.close()


def test_kiwix_serves_own_bar_keeps_working_under_the_pages_policy(browser, kiwix_with_bar: str):
    """kiwix-serve 3.3 injects its bar; its suggestions still work. Its jQuery's feature tests log CSP notices, nothing else does."""
    page, response, errors, requests = open_page(browser, f"{kiwix_with_bar}{book('id')}/index.html")
    assert response is not None and response.status == 200
    page.fill("#kiwixsearchbox", "perlindungan")
    page.wait_for_selector(".ui-autocomplete li", timeout=10000)
    assert page.locator(".ui-autocomplete li").count() >= 1
    ours = [error for error in errors if "/skin/" not in error]
    assert ours == [], ours
    assert all("inline event handler" in error for error in errors), errors
    assert foreign(requests, kiwix_with_bar) == []
    page.context.close()
