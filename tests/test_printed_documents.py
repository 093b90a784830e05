"""What the shipped curriculum prints, read from the built site: session plans, activity cards,
discreet cards, and no trainer-only text on any handout.

Every test reads the site the session's ``built`` fixture made (a copy of the repository, built
once) and its catalog.json; a few re-create the HTML a document was rendered from, and check it
is that HTML by its cache key (the key is a hash of the HTML, so the same key means the same HTML).
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kurikulum.assets import print_theme
from kurikulum.check import check
from kurikulum.handouts.cache import folder_digest, handout_key, shared_key
from kurikulum.handouts.discreet import discreet_html
from kurikulum.handouts.document import Shared, environment, handout_source
from kurikulum.handouts.qr import qr_svg
from kurikulum.handouts.revision import source_revision
from kurikulum.view.module import build_views

from .test_handouts import embedded_fonts

COMMON = {"dan", "yang", "di", "ke", "dari"}  # the list of words that do not reveal a topic
TAG = re.compile(r"<[^>]+>")


def squash(value: str) -> str:
    return " ".join(value.split())


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def tokens(text: str) -> list[str]:
    """The words of ``text``, without numbers (list numbering, card counts): what a reader reads, in order.

    Words, not characters: a line may break after "dan/" in "dan/atau", which the extracted text shows as a space.
    """
    return [word for word in re.findall(r"\w+", text) if not word.isdigit()]


def visible(fragment: str) -> str:
    return squash(html_lib.unescape(TAG.sub(" ", fragment)))


def site_path(page_file: str, link: str) -> str:
    """The file a relative link of a built page leads to, as a path from the site root."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_file), link))


def all_fonts_embedded(path: Path) -> bool:
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        embedded_fonts(page["/Resources"], found)
    return bool(found) and all(found.values())


@pytest.fixture(scope="module")
def catalog(built: Path) -> dict:
    return json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped(built: Path):
    """The built copy's curriculum, views, and what the renderer shares (for re-creating a document's HTML)."""
    curriculum, _ = check(built)
    theme = print_theme(built)
    shared = Shared(theme / "handout", curriculum.settings, source_revision(built))
    assets = shared_key(folder_digest(theme / "handout", theme / "fonts"))
    manifest = json.loads((built / ".cache/handouts/manifest.json").read_text(encoding="utf-8"))
    return curriculum, build_views(curriculum), shared, environment(shared.template_dir), assets, manifest


def cache_key(manifest: dict, site_path: str) -> str:
    """The key of the cache entry a published file was copied from (``…/<kind>-<lang>-<key>/<file>``)."""
    return manifest["sources"][site_path].split("/")[-2].rsplit("-", 1)[-1]


# -- the trainer's session plan (issue 13) ----------------------------------------------------------


def test_every_module_has_a_plan_per_language_with_its_title_and_steps(built: Path, catalog: dict, shipped):
    _, views, *_ = shipped
    site = built / "site"
    for module in catalog["modules"]:
        for lang in catalog["languages"]:
            plan = module["trainer_plan"][lang]
            path = site / plan["path"]
            assert plan["format"] == "a4-plan" and path.stat().st_size == plan["bytes"], plan
            assert len(PdfReader(path).pages) == plan["pages"]
            assert all_fonts_embedded(path), path
            text = pdf_text(path)
            view = views[module["id"], lang]
            assert squash(module["title"][lang]) in text, (module["id"], lang)
            word = "Langkah" if lang == "id" else "Step"
            for step in view.steps:
                assert squash(step.title) in text, (module["id"], lang, step.title)
                if not step.is_break:  # numbered as the page numbers them
                    assert f"{word} {step.number} · {step.start} · {squash(step.title)}" in text, (module["id"], step.title)
            for entry in view.help:  # a trainer document: every service, the unverified marked
                assert squash(entry.name) in text, (module["id"], entry.id)
            if any(not entry.verified for entry in view.help):
                assert ("CEK DULU" if lang == "id" else "VERIFY FIRST") in text, module["id"]
            if view.sensitive:
                safety = squash(view.section("safety").heading)
                assert text.index(safety) < text.index(f"{word} 1 ·"), module["id"]


def test_every_topic_has_one_pdf_of_its_plans(built: Path, catalog: dict):
    for topic in catalog["topics"]:
        for lang in catalog["languages"]:
            pack = topic["trainer_plans"][lang]
            assert pack["modules"] == topic["modules"]
            reader = PdfReader(built / "site" / pack["path"])
            plans = [m["trainer_plan"][lang] for m in catalog["modules"] if m["id"] in topic["modules"]]
            assert len(reader.pages) == pack["pages"] == sum(p["pages"] + p["pages"] % 2 for p in plans)


# -- activity cards (issue 19) --------------------------------------------------------------------


def test_every_module_with_cards_has_the_card_pdf_with_each_cards_words(built: Path, catalog: dict, shipped):
    curriculum, views, *_ = shipped
    site = built / "site"
    with_cards = 0
    for module in curriculum.modules:
        for lang in curriculum.settings.languages:
            trainer = module.trainer.get(lang) or module.trainer[curriculum.settings.languages.default]
            heading = curriculum.settings.words(lang).section("cards")
            entry = next(m for m in catalog["modules"] if m["id"] == module.id)
            if f"\n## {heading}\n" not in trainer.path.read_text(encoding="utf-8").replace("\r\n", "\n"):
                assert lang not in entry["activity_cards"], (module.id, lang)
                continue
            with_cards += 1
            cards = entry["activity_cards"][lang]
            path = site / cards["path"]
            assert all_fonts_embedded(path), path
            text = pdf_text(path)
            printed = " ".join(tokens(text))
            view = views[module.id, lang]
            assert cards["cards"] == sum(len(s.cards) for s in view.cards) > 0
            for card_set in view.cards:
                assert text.count(squash(card_set.title)) >= len(card_set.cards), (module.id, card_set.title)
                for card in card_set.cards:  # every word of the card, in the card's order
                    assert " ".join(tokens(visible(card))) in printed, (module.id, lang, card_set.title, visible(card)[:60])
    assert with_cards >= 12 * 2  # the twelve modules whose cards were migrated, at least, in both languages


# -- discreet cards (issue 15) -------------------------------------------------------------------


def title_words(titles: list[str]) -> set[str]:
    return {word for title in titles for word in re.findall(r"\w+", title.casefold()) if len(word) > 3 and word not in COMMON}


def test_every_sensitive_module_has_a_discreet_card_that_names_nothing(built: Path, catalog: dict, shipped):
    curriculum, views, shared, env, assets, manifest = shipped
    site = built / "site"
    sensitive = [m for m in catalog["modules"] if m["sensitive"]]
    assert sensitive
    for module in catalog["modules"]:
        assert bool(module["discreet"]) == module["sensitive"], module["id"]
    for module in sensitive:
        words = title_words(list(module["title"].values()))
        assert words, module["id"]
        titles = [views[module["id"], lang].title for lang in catalog["languages"]]
        summaries = [views[module["id"], lang].summary for lang in catalog["languages"]]
        for lang in catalog["languages"]:
            pdf, image = module["discreet"][lang]
            for path in (pdf["path"], image["path"]):  # the file names, and the folder they are in
                assert not [w for w in words if w in path.casefold()], path
                assert module["id"] not in path
            reader = PdfReader(site / pdf["path"])
            assert len(reader.pages) == 1 and all_fonts_embedded(site / pdf["path"])
            text = pdf_text(site / pdf["path"])
            metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
            xmp = reader.trailer["/Root"].get("/Metadata")
            metadata += xmp.get_object().get_data().decode("utf-8", "replace") if xmp else ""
            for where, value in (("text", text), ("metadata", metadata)):
                found = [
                    w for w in words if w in re.findall(r"\w+", value.casefold())
                ]  # words: "Halaman" tells nothing of "aman"
                assert not found, (module["id"], lang, where, found)
            assert ("Informasi layanan" if lang == "id" else "Service information") in text
            view = views[module["id"], lang]
            kept = [
                e for e in view.participant_help if (e.phones or e.whatsapp) and not any(w in e.name.casefold() for w in words)
            ]
            for entry in kept:  # the help numbers kept
                for number in entry.phones + entry.whatsapp:
                    assert number in text, (module["id"], lang, entry.id, number)
            # The QR code: the HTML that made this PDF (same cache key) draws the code of the home page.
            html, _, _ = discreet_html(view, titles, summaries, shared, env)
            assert handout_key(assets, {"discreet": html}, {}, shared.revision.epoch) == cache_key(manifest, pdf["path"])
            home = "https://ruang-hak.github.io/ruang-hak/" + ("" if lang == catalog["default_language"] else f"{lang}/")
            assert qr_svg(home, f"QR: {home}") in html and html.count("<svg") == 1
            assert not [w for w in words if w in home.casefold()]


def test_the_trainer_page_links_every_printout_and_says_when_to_use_the_discreet_one(built: Path, catalog: dict):
    site = built / "site"
    for module in catalog["modules"]:
        for lang in catalog["languages"]:
            page = (site / module["pages"][lang]["trainer"]).read_text(encoding="utf-8")
            block = page.split('<div class="rh-downloads">', 1)[1].split("</div>", 1)[0]
            links = re.findall(r'href="([^"]+)"', block)
            expected = [module["trainer_plan"][lang]["path"]]
            if lang in module["activity_cards"]:
                expected.append(module["activity_cards"][lang]["path"])
            if module["discreet"]:
                expected += [f["path"] for f in module["discreet"][lang]]
                assert ("membahayakan" if lang == "id" else "put a participant at risk") in block
            targets = {site_path(module["pages"][lang]["trainer"], link) for link in links}
            for path in expected:
                assert path in targets, (module["id"], lang, path)


def test_the_print_page_lists_plans_cards_and_topic_plans(built: Path, catalog: dict):
    site = built / "site"
    for lang in catalog["languages"]:
        folder = "rujukan/cetak" if lang == catalog["default_language"] else f"{lang}/rujukan/cetak"
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        targets = {site_path(f"{folder}/index.html", link) for link in re.findall(r'href="([^"]+\.pdf)"', page)}
        for module in catalog["modules"]:
            assert module["trainer_plan"][lang]["path"] in targets, module["id"]
            if lang in module["activity_cards"]:
                assert module["activity_cards"][lang]["path"] in targets, module["id"]
        for topic in catalog["topics"]:
            assert topic["trainer_plans"][lang]["path"] in targets, topic["id"]


# -- no trainer-only text on paper (issue 15) -----------------------------------------------------


def first_words(text: str, count: int = 8) -> str:
    return " ".join(squash(text).split()[:count])


def test_no_handout_carries_trainer_only_text(built: Path, catalog: dict, shipped):
    curriculum, views, shared, env, assets, manifest = shipped
    site = built / "site"
    notes = [t for entry in curriculum.help.values() for t in entry.trainer_note.values() if t]
    assert len(notes) >= 10
    printed_notes = 0
    for module in curriculum.modules:
        entry = next(m for m in catalog["modules"] if m["id"] == module.id)
        for lang in curriculum.settings.languages:
            view = views[module.id, lang]
            handout = module.handout.get(lang) or module.handout[curriculum.settings.languages.default]
            source = handout_source(view, handout.path, module.folder, shared, env)
            a4 = next(f for f in entry["handouts"][lang] if f["format"] == "a4")
            # the HTML below is the one the PDFs were rendered from: the same cache key
            assert handout_key(assets, source.html, source.files, shared.revision.epoch) == cache_key(manifest, a4["path"])
            help_items = re.findall(r'<li data-help="([^"]+)" data-confidence="([^"]+)">(.*?)</li>', source.html["a4"], re.DOTALL)
            listed = [service for service, _, _ in help_items]
            assert listed == [e.id for e in view.participant_help]
            for service, confidence, item in help_items:  # a source, a checked date and a verified confidence
                help_entry = curriculum.help[service]
                assert confidence in ("teks", "sekunder") and help_entry.verified, (module.id, service)
                shown = visible(item)
                assert curriculum.settings.words(lang).date(help_entry.checked) in shown, (module.id, service)
                assert view.help[[e.id for e in view.help].index(service)].sources[0].brief in shown, (module.id, service)
            body = visible(view.participant_html)
            for paper in (a4, next(f for f in entry["handouts"][lang] if f["format"] == "a5-booklet")):
                text = pdf_text(site / paper["path"])
                folded = text.casefold()
                assert "sebelum dicetak" not in folded and "before printing" not in folded, paper["path"]
                for note in notes:
                    assert first_words(note) not in text, (paper["path"], note[:60])
                for service in view.help:
                    if service.verified:
                        if service.note:  # the same search finds what must be printed: the method works
                            assert first_words(service.note, 5) in text, (paper["path"], service.id)
                            printed_notes += 1
                        assert service.sources[0].brief in text, (paper["path"], service.id)
                    elif service.name not in body:  # named in the help list only, never in the text
                        assert squash(service.name) not in text, (paper["path"], service.id)
                        for number in service.phones + service.whatsapp:
                            assert number not in text, (paper["path"], service.id, number)
    assert printed_notes > 0
