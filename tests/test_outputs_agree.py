"""Every output shows the same facts, because every output reads the one module view.

For every module of the shipped curriculum and every language, the built trainer page, the
participant page, the A4 handout's text, catalog.json and the search index agree on the
title, the review status, the translation state, the checked-on date, the help services and
the glossary terms.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from kurikulum.language import words_for
from kurikulum.settings import read_settings

from .conftest import REPO


@pytest.fixture(scope="module")
def catalog(built: Path) -> dict:
    return json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


def page_text(path: Path) -> str:
    """The visible text of a built page's article."""
    content = path.read_text(encoding="utf-8")
    start, end = content.find("<article"), content.rfind("</article>")
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", content[start:end])))


def help_list(path: Path) -> str:
    """The text of a page's "where to get help" list."""
    content = path.read_text(encoding="utf-8")
    match = re.search(r'<ul class="rh-help">(.*?)</ul>', content, re.DOTALL)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))) if match else ""


def between(text: str, start: str, end: str) -> str:
    after = text.split(start, 1)[1] if start in text else ""
    return after.split(end, 1)[0] if end in after else after


def pdf_text(path: Path) -> str:
    return squash(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def search_docs(site: Path, lang: str) -> dict[str, list]:
    text = (site / "search" / f"{lang}.js").read_text(encoding="utf-8")
    return {doc[0]: doc for doc in json.loads(text.split("] = ", 1)[1].rstrip().rstrip(";"))["docs"]}


def test_every_output_shows_the_same_facts(built: Path, catalog: dict):
    settings, _ = read_settings(REPO)
    site = built / "site"
    help_directory = {}
    from kurikulum.loader import Loader

    curriculum = Loader(built).load()
    help_directory = curriculum.help
    terms = curriculum.terms
    problems = []
    for lang in catalog["languages"]:
        words = words_for(lang, catalog["default_language"])
        documents = search_docs(site, lang)
        for module in catalog["modules"]:
            trainer = page_text(site / module["pages"][lang]["trainer"])
            participant = page_text(site / module["pages"][lang]["participant"])
            a4 = next(f for f in module["handouts"][lang] if f["format"] == "a4")
            paper = pdf_text(site / a4["path"])
            title = squash(module["title"][lang])
            label = words.ui({"reviewed": "reviewed", "changed": "changed"}.get(module["review"]["status"], "draft"))
            state = module["translation"][lang]
            notice = {
                "missing": words.ui("missing_note", language=settings.languages.name(lang), source=settings.languages.name("id")),
                "stale": words.ui("stale_note", source=settings.languages.name("id")),
            }.get(state)
            checked = words.date(__import__("datetime").date.fromisoformat(module["checked_on"]))
            outputs = {"trainer page": trainer, "participant page": participant, "A4 handout": paper}
            helps = {
                "trainer page": help_list(site / module["pages"][lang]["trainer"]),
                "participant page": help_list(site / module["pages"][lang]["participant"]),
                "A4 handout": between(paper, words.ui("help"), words.ui("terms")),
            }
            for name, text in outputs.items():
                where = f"{module['id']} [{lang}] {name}"
                if title not in text:
                    problems.append(f"{where}: no title")
                if label not in text:
                    problems.append(f"{where}: no review status {label}")
                if notice and squash(notice) not in text:
                    problems.append(f"{where}: no '{state}' notice")
                for service in module["help"]:
                    entry = help_directory[service]
                    shown = entry.name in helps[name]
                    if name == "trainer page" and not shown:
                        problems.append(f"{where}: help {service} missing")
                    elif name != "trainer page" and shown != entry.verified:
                        problems.append(
                            f"{where}: help {service} {'missing' if entry.verified else 'printed although unverified'}"
                        )
                for term in module["terms"]:
                    if terms[term].term not in text:
                        problems.append(f"{where}: term {term} missing")
            for name, text in (("participant page", participant), ("A4 handout", paper)):
                if checked not in text:
                    problems.append(f"{module['id']} [{lang}] {name}: checked-on date {checked} missing")
            if not notice and words.ui("translation") in trainer.split(title, 1)[-1][:400]:
                problems.append(f"{module['id']} [{lang}]: a translation notice although {state}")
            for page in ("trainer", "participant"):
                doc = documents.get(module["pages"][lang][page])
                if doc is None or title not in squash(doc[1]):
                    problems.append(f"{module['id']} [{lang}] search index: {page} page missing or untitled")
    assert problems == []
