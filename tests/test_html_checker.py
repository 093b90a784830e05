"""The Nu HTML Checker (vnu.jar, from npm's vnu-jar) over every page of the built site.

No error may come from our templates or from module content. Two errors come from
mkdocs-material's own page frame and are listed below with the markup they are about; any
other error, anywhere, fails the test with its page, line and message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .conftest import REPO, missing

VNU = REPO / "tests/browser/node_modules/vnu-jar/build/dist/vnu.jar"

# The theme's markup, not ours: (start of the message, text in the offending markup).
THEME_ERRORS = (
    # Material's drawer/search toggles: <input type="checkbox" autocomplete="off">
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # Material's table-of-contents title: <label for="__toc"> for a toggle hidden by its CSS
    ("The value of the “for” attribute of the “label” element", 'class="md-nav__title" for="__toc"'),
)


def theme_error(message: dict) -> bool:
    return any(message["message"].startswith(start) and markup in message.get("extract", "") for start, markup in THEME_ERRORS)


def test_no_html_error_comes_from_our_templates_or_content(built: Path):
    java = shutil.which("java")
    if java is None:
        missing("java not found: install it with 'apt-get install default-jre-headless' to run the HTML checker")
    if not VNU.exists():
        missing("vnu.jar not installed: run 'npm ci --prefix tests/browser' (make test does it)")
    site = built / "site"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr)["messages"]
    ours = [
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m["type"] == "error" and not theme_error(m)
    ]
    assert ours == []
    assert not [m for m in messages if m["type"] == "non-document-error"], "the checker could not read every page"
    modules = len(list((REPO / "modules").glob("[!_]*/[!_]*/modul.yml")))
    assert len(list(site.rglob("*.html"))) > 4 * modules, "the checker had the whole site to read"
