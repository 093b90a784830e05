"""The installable served site in chromium: the service worker, "Simpan untuk offline", updates, file://.

The site is served on 127.0.0.1 (a secure context) under its public path. "Offline" means
both: the browser set offline and the server stopped, so a page that opens came from the
service worker's cache. Without chromium these tests skip, except under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from site_tools import serve, site_prefix

from .conftest import kurikulum
from .screens import shoot
from .test_browser import foreign

LANG = "id"


@pytest.fixture
def root(built: Path, tmp_path: Path) -> Path:
    """A copy of the built repository (site, handout cache, history) whose site a test may serve and rebuild."""
    target = tmp_path / "repo"
    ignored = shutil.ignore_patterns("site-offline", "site.*", "*.zim", "*.zip", "serve", "__pycache__")
    shutil.copytree(built, target, ignore=ignored, symlinks=True)
    return target


def listing(root: Path) -> dict:
    return json.loads((root / "site/luring/berkas.json").read_text(encoding="utf-8"))


def catalog_of(root: Path) -> dict:
    return json.loads((root / "site/catalog.json").read_text(encoding="utf-8"))


def page_url(base: str, path: str) -> str:
    return base + re.sub(r"index\.html$", "", path)


class Reader:
    """One browser profile (one context) reading the site, with every console error and request recorded."""

    def __init__(self, browser, width: int = 360, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 740}, bypass_csp=bypass_csp)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str):
        response = self.page.goto(url, wait_until="load")
        return response

    def controlled(self) -> None:
        """Wait until the service worker is installed (its shell kept) and controls the page."""
        self.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        self.page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)

    def wait_until(self, predicate: str, arg: object = None, timeout: float = 120) -> None:
        """Poll an async predicate in the page until it answers true.

        ``page.wait_for_function`` does not wait for a promise: it takes the promise itself
        for a true answer, so checks of caches and registrations (all asynchronous) poll here.
        """
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(predicate, arg):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout:.0f} s: {predicate}")
            time.sleep(0.5)

    def caches(self) -> list[str]:
        return self.page.evaluate("caches.keys()")

    def fetch(self, url: str) -> list:
        return self.page.evaluate(
            "async url => { const r = await fetch(url); const b = await r.arrayBuffer(); return [r.status, r.headers.get('content-type'), b.byteLength]; }",
            url,
        )

    def close(self) -> None:
        self.context.close()


def offline(reader: Reader, server: ExitStack) -> None:
    server.close()  # the site is gone from the network, not only hidden from the browser
    reader.context.set_offline(True)


def topic_with(catalog: dict, module_id: str) -> dict:
    return next(topic for topic in catalog["topics"] if module_id in topic["modules"])


def shown_megabytes(text: str) -> float:
    match = re.search(r"([\d.,]+)\s*MB", text)
    assert match, text
    return float(match.group(1).replace(",", "."))


def test_pages_read_before_and_a_saved_topic_open_offline(browser, root: Path):
    catalog, files = catalog_of(root), listing(root)
    module = catalog["modules"][0]
    topic = topic_with(catalog, module["id"])
    other_module = next(m for m in catalog["modules"] if m["topic"] != topic["id"])
    reader = Reader(browser)
    with ExitStack() as server:
        base = server.enter_context(serve(root / "site", site_prefix(root)))
        reader.open(base)
        reader.controlled()
        assert reader.caches() == [f"ruang-hak-{files['version']}"]
        reader.open(page_url(base, other_module["pages"][LANG]["trainer"]))  # read once, with data

        reader.open(page_url(base, topic["pages"][LANG]))
        box = reader.page.locator("[data-rh-save]")
        box.wait_for(state="visible")
        topic_files = files["topics"][LANG][topic["id"]]
        kept = set(files["shell"][LANG])
        expected = sum(files["files"][path][1] for path in topic_files if path not in kept)
        hint = box.locator("[data-rh-save-hint]").inner_text()
        assert shown_megabytes(hint) == round(expected / 1e6, 1), (hint, expected)
        box.locator("button").click()
        reader.page.wait_for_selector("[data-rh-save][data-rh-state=saved]", timeout=60000)
        assert "offline" in box.inner_text() or "internet" in box.inner_text()

        offline(reader, server)
        response = reader.page.reload(wait_until="load")
        assert response.status == 200 and response.from_service_worker
        reader.page.locator("[data-rh-save]").wait_for(state="visible")  # it knows the topic is kept
        response = reader.open(base)
        assert response.status == 200 and response.from_service_worker
        response = reader.open(page_url(base, other_module["pages"][LANG]["trainer"]))
        assert response.status == 200 and response.from_service_worker
        assert other_module["title"][LANG] in reader.page.inner_text("h1")

        modules = [m for m in catalog["modules"] if m["topic"] == topic["id"]]
        for saved in modules:
            for kind, path in saved["pages"][LANG].items():
                response = reader.open(page_url(base, path))
                assert response.status == 200 and response.from_service_worker, (kind, path)
                assert saved["title"][LANG] in reader.page.inner_text("h1"), path
            for handout in saved["handouts"][LANG]:
                status, media_type, size = reader.fetch(base + handout["path"])
                assert (status, size) == (200, handout["bytes"]), handout["path"]
                assert media_type == handout["media_type"]
        assert reader.errors == []
        assert foreign(reader.requests, base) == []
        not_saved = next(m for m in catalog["modules"] if m["topic"] != topic["id"] and m["id"] != other_module["id"])
        with pytest.raises(Exception):  # noqa: B017 - a page never read is not there: the browser's own offline error
            reader.open(page_url(base, not_saved["pages"][LANG]["participant"]))
    reader.close()


def test_a_new_build_replaces_the_cache_and_its_pages(browser, root: Path):
    catalog = catalog_of(root)
    module = catalog["modules"][0]
    topic = topic_with(catalog, module["id"])
    first = listing(root)["version"]
    # A page published a day ago: without a Cache-Control header the browser may call it fresh
    # for 10 % of its age, so a worker that does not ask the server would show the old build.
    home_page = root / "site" / "index.html"
    day_ago = time.time() - 86400
    os.utime(home_page, (day_ago, day_ago))
    reader = Reader(browser)
    with ExitStack() as server:
        base = server.enter_context(serve(root / "site", site_prefix(root)))
        reader.open(base)
        reader.controlled()
        reader.open(page_url(base, topic["pages"][LANG]))
        reader.page.locator("[data-rh-save]").wait_for(state="visible")
        reader.page.locator("[data-rh-save] button").click()
        reader.page.wait_for_selector("[data-rh-save][data-rh-state=saved]", timeout=60000)

        home = root / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\nKalimat baru dari pembangunan kedua.\n", encoding="utf-8")
        result = kurikulum(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        second = listing(root)["version"]
        assert second != first

        reader.open(base)
        assert "Kalimat baru" in reader.page.inner_text("body")  # pages come from the network first
        # The navigation made the browser fetch sw.js again: wait until the new worker is the
        # only one and its cache is complete (it writes the file list into it last).
        reader.wait_until(
            """async v => {
                const r = await navigator.serviceWorker.getRegistration();
                if (!r || r.installing || r.waiting || !r.active || r.active.state !== "activated") return false;
                const keys = await caches.keys();
                if (keys.length !== 1 || keys[0] !== "ruang-hak-" + v) return false;
                return !!(await caches.match(new URL("luring/berkas.json", r.scope).href, { cacheName: keys[0] }));
            }""",
            second,
        )
        kept = reader.page.evaluate(
            "async ([url, name]) => { const r = await caches.match(url, {cacheName: name}); return r ? await r.text() : ''; }",
            [base, f"ruang-hak-{second}"],
        )
        assert "Kalimat baru" in kept  # the new cache holds the new page
        offline(reader, server)
        response = reader.page.reload(wait_until="load")
        assert response.status == 200 and response.from_service_worker
        assert "Kalimat baru" in reader.page.inner_text("body")  # the new build's page, from the new cache
        for path in module["pages"][LANG].values():  # the saved topic was carried into the new cache
            response = reader.open(page_url(base, path))
            assert response.status == 200 and response.from_service_worker, path
        assert reader.caches() == [f"ruang-hak-{second}"]  # the old worker brought no old cache back
    assert reader.errors == []
    assert foreign(reader.requests, base) == []
    reader.close()


def test_over_file_nothing_is_registered_and_pages_work(browser, root: Path, offline_kit: Path):
    catalog = catalog_of(root)
    topic = catalog["topics"][0]["pages"][LANG]
    for site in (root / "site", offline_kit):
        reader = Reader(browser, width=800)
        for path in ("index.html", topic, "en/index.html"):
            url = (site / path).as_uri()
            reader.open(url)
            if site == offline_kit and path.endswith("index.html") and "topik" not in path:
                shoot(reader.page, "zip-home-" + ("en" if path.startswith("en/") else LANG))
            assert reader.page.evaluate("document.documentElement.lang") == ("en" if path.startswith("en/") else LANG)
            assert reader.page.locator("[data-rh-save]").is_hidden(), url
            registered = reader.page.evaluate(
                "async () => { try { return (await navigator.serviceWorker.getRegistrations()).length; } catch (e) { return 0; } }"
            )
            assert registered == 0, url
        assert reader.errors == [], (site, reader.errors)
        reader.close()
    # The offline site (zip, ZIM) carries no trace of the worker at all.
    assert not (offline_kit / "sw.js").exists() and not (offline_kit / "luring").exists()
    assert "luring.js" not in (offline_kit / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' not in (offline_kit / "index.html").read_text(encoding="utf-8")


def test_the_site_is_installable_and_its_pages_pass_axe(browser, axe_source: str, root: Path):
    catalog = catalog_of(root)
    topic = catalog["topics"][0]
    with serve(root / "site", site_prefix(root)) as base:
        reader = Reader(browser, width=1280, bypass_csp=True)
        reader.open(base)
        reader.controlled()
        session = reader.context.new_cdp_session(reader.page)
        manifest = session.send("Page.getAppManifest")
        assert manifest.get("errors") == [], manifest
        parsed = json.loads(manifest["data"])
        assert parsed["name"] == "Ruang Hak" and parsed["theme_color"] == "#7a2e0e" and parsed["lang"] == LANG
        # Playwright's contexts are incognito, where Chrome never offers to install: that is the one error allowed.
        errors = {e["errorId"] for e in session.send("Page.getInstallabilityErrors")["installabilityErrors"]}
        assert errors <= {"in-incognito"}, errors
        assert parsed["display"] == "standalone" and parsed["start_url"] == "../" and parsed["scope"] == "../"
        from PIL import Image

        for icon in parsed["icons"]:
            picture = Image.open(root / "site/luring" / icon["src"])
            assert f"{picture.size[0]}x{picture.size[1]}" == icon["sizes"] and picture.format == "PNG"
        assert {icon["sizes"] for icon in parsed["icons"]} >= {"192x192", "512x512"}
        problems = {}
        for path, lang in (("", None), (topic["pages"][LANG], LANG), (topic["pages"]["en"], "en")):
            reader.open(page_url(base, path))
            if lang:
                reader.page.locator("[data-rh-save]").wait_for(state="visible")
                reader.page.set_viewport_size({"width": 360, "height": 640})
                shoot(reader.page, f"simpan-topik-{lang}")
                reader.page.set_viewport_size({"width": 1280, "height": 740})
            reader.page.add_script_tag(content=axe_source)
            result = reader.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if serious:
                problems[path] = serious
        en_manifest = json.loads((root / "site/luring/manifest.en.webmanifest").read_text(encoding="utf-8"))
        assert en_manifest["start_url"] == "../en/" and en_manifest["lang"] == "en"
        assert reader.errors == [] and foreign(reader.requests, base) == []
        reader.close()
    assert problems == {}
