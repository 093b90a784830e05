"""Session plans, activity cards and discreet cards, rendered from the one-module fixture curriculum.

The fixture is the module template of tests/test_handouts.py, made sensitive (with a safety note
in both languages), so one render makes every kind of document. What the shipped curriculum must
show is tested on the built site in tests/test_printed_documents.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from kurikulum.assets import PACKAGE_THEME, print_theme
from kurikulum.check import check
from kurikulum.handouts.document import Shared, environment
from kurikulum.handouts.native import RendererMissing, load_weasyprint
from kurikulum.handouts.plan import plan_html
from kurikulum.handouts.qr import qr_svg
from kurikulum.handouts.revision import source_revision
from kurikulum.view.module import build_views

from .test_handouts import A4, MODULE, TITLES, digests, embedded_fonts, make_root, render

FOLDER = f"modules/uji/{MODULE}"
SAFETY = {
    "id": "## Catatan keamanan\n\n- Tidak ada peserta yang diminta menceritakan kisahnya sendiri.\n\n",
    "en": "## Safety note\n\n- No participant is asked to tell their own story.\n\n",
}
CARDS_HEADING = {"id": "## Kartu kegiatan", "en": "## Activity cards"}
STEP_WORD = {"id": "Langkah", "en": "Step"}


def squash(value: str) -> str:
    return " ".join(value.split())


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def make_sensitive(root: Path) -> Path:
    folder = root / FOLDER
    meta = folder / "modul.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("sensitif: false", "sensitif: true"), encoding="utf-8")
    for lang, heading in CARDS_HEADING.items():
        trainer = folder / f"pelatih.{lang}.md"
        text = trainer.read_text(encoding="utf-8")
        text = re.sub(r"<!--\nUntuk modul sensitif.*?-->\n\n", "", text, flags=re.DOTALL)  # the template's commented-out hint
        trainer.write_text(text.replace(heading, SAFETY[lang] + heading, 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    try:
        load_weasyprint()
    except RendererMissing as error:  # pragma: no cover - depends on the machine
        pytest.skip(str(error))
    root = make_sensitive(make_root(tmp_path_factory.mktemp("root")))
    site = tmp_path_factory.mktemp("site")
    run = render(root, site, workers=2)
    return root, site, run


def document(run, kind: str, lang: str):
    return run.documents[MODULE][lang][kind]


def fonts_of(path: Path) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        embedded_fonts(page["/Resources"], found)
    return found


# -- the session plan ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_plan_is_the_trainer_page_on_paper(sample, lang):
    root, site, run = sample
    curriculum, _ = check(root)
    view = build_views(curriculum)[MODULE, lang]
    plan = document(run, "trainer-plan", lang)
    assert plan["path"] == f"unduh/{MODULE}/{MODULE}-{lang}-rencana-a4.pdf" and plan["format"] == "a4-plan"
    path = site / plan["path"]
    reader = PdfReader(path)
    assert len(reader.pages) == plan["pages"] and path.stat().st_size == plan["bytes"]
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)
    fonts = fonts_of(path)
    assert fonts and all(fonts.values()) and all("+Atkinson-Hyperlegible" in name for name in fonts), fonts
    words = pdf_text(path)
    assert TITLES[lang] in words and reader.metadata.title.startswith(TITLES[lang])
    for step in view.taught_steps:  # numbered as on the page: "Langkah 2 · 00:15 · Diskusi kelompok"
        assert f"{STEP_WORD[lang]} {step.number} · {step.start} · {step.title}" in words
    timetable = words.split({"id": "Jadwal", "en": "Schedule"}[lang], 1)[1]
    for step in view.steps:  # the timetable: start, number and title of each step, breaks included
        number = "" if step.is_break else f"{step.number}. "
        assert f"{step.start} {number}{step.title} {step.minutes}" in timetable, step.title
    assert {"id": "Selesai", "en": "End"}[lang] in words and "01:30" in words  # the end of a 90-minute session
    for section in view.sections:
        assert section.heading in words, section.key
    safety, first_step = words.index(view.section("safety").heading), words.index(f"{STEP_WORD[lang]} 1 ·")
    assert safety < first_step  # a sensitive module: the safety note before the steps, as on the page
    for step in view.short_session:
        assert step.title in words
    assert {"id": "Dicek per 28 Februari 2026", "en": "Checked on 28 February 2026"}[lang] in words  # legal basis
    assert "UU 16/2011" in words and {"id": "DRAF", "en": "DRAFT"}[lang] in words
    # every help service, the unverified one marked as on the trainer page, with the trainer's words
    assert "SAPA 129" in words and "Layanan yang belum dicek" in words
    assert {"id": "(CEK DULU)", "en": "(VERIFY FIRST)"}[lang] in words
    assert "OBH" in words and "bantuan hukum" in words  # glossary terms
    kartu = f"ruang-hak.github.io/ruang-hak/unduh/{MODULE}/{MODULE}-{lang}-kartu-a4.pdf"
    assert kartu in words.replace(" ", "")  # where the cards are (the address may wrap)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_plan_qr_opens_the_trainer_page(sample, lang):
    root, _, _ = sample
    curriculum, _ = check(root)
    view = build_views(curriculum)[MODULE, lang]
    shared = Shared(print_theme(root) / "handout", curriculum.settings, source_revision(root))
    html, _, allowed = plan_html(view, curriculum.modules[0].folder, shared, environment(shared.template_dir))
    address = f"https://ruang-hak.github.io/ruang-hak/{'en/' if lang == 'en' else ''}modul/{MODULE}/"
    assert view.trainer_address == address
    assert qr_svg(address, f"QR: {address}") in html
    assert any(folder.endswith(MODULE) for folder in allowed)  # the plan may show the module's own images, nothing else


# -- activity cards -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cards_one_box_per_card_with_the_set_title(sample, lang):
    root, site, run = sample
    curriculum, _ = check(root)
    view = build_views(curriculum)[MODULE, lang]
    cards = document(run, "activity-cards", lang)
    assert cards["path"] == f"unduh/{MODULE}/{MODULE}-{lang}-kartu-a4.pdf"
    assert cards["cards"] == sum(len(s.cards) for s in view.cards) >= 3
    path = site / cards["path"]
    fonts = fonts_of(path)
    assert fonts and all(fonts.values()), fonts
    words = pdf_text(path)
    for card_set in view.cards:
        assert words.count(card_set.title) >= len(card_set.cards)  # the set's title on every card
        for number, card in enumerate(card_set.cards, 1):
            assert f"{number}/{len(card_set.cards)}" in words
            card_words = [w for w in re.findall(r"\w+", re.sub(r"<[^>]+>", " ", card)) if not w.isdigit()]
            printed = [w for w in re.findall(r"\w+", words) if not w.isdigit()]
            assert " ".join(card_words) in " ".join(printed)  # every word of the card, in order
    assert {"id": "garis putus-putus", "en": "dashed lines"}[lang] in words


def test_cards_are_cut_out_boxes_in_large_type(sample):
    from kurikulum.handouts.cards import set_size

    assert set_size(["<p>FISIK</p>", "<p>PSIKIS</p>"]) == "label"
    assert set_size(["<p>" + " ".join(["kata"] * 12) + "</p>"]) == "short"
    assert set_size(["<p>" + " ".join(["kata"] * 60) + "</p>"]) == "long"
    css = (PACKAGE_THEME / "handout" / "handout.css").read_text(encoding="utf-8")
    card_rule = css.split(".cards .card {", 1)[1].split("}", 1)[0]
    assert "dashed #000" in card_rule and "break-inside: avoid" in card_rule
    sizes = [float(size) for size in re.findall(r"\.cards [^{]*\.card \{[^}]*font-size: ([\d.]+)pt", css)]
    assert sizes and min(sizes) >= 15  # large type on every card
    assert not re.search(r"\.cards[^{]*\{[^}]*(background|color: #(?!000))", css)  # black on white: grayscale-safe


# -- the discreet card ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_discreet_card_keeps_the_numbers_and_drops_the_topic(sample, lang):
    _, site, run = sample
    pdf, image = document(run, "discreet", lang)
    assert re.fullmatch(rf"unduh/lembar/lembar-[0-9a-f]{{8}}-{lang}\.pdf", pdf["path"]) and pdf["pages"] == 1
    assert image["path"] == pdf["path"].removesuffix(".pdf") + ".png" and (site / image["path"]).is_file()
    words = pdf_text(site / pdf["path"])
    assert {"id": "Informasi layanan", "en": "Service information"}[lang] in words
    assert "129" in words and "08111-129-129" in words and "SAPA 129" in words  # the help numbers kept
    assert "Layanan yang belum dicek" not in words  # never an unverified service
    for word in ("contoh", "modul", "untuk", "relawan", "example", "module", "volunteers"):  # the title words
        assert word not in words.casefold(), word
    reader = PdfReader(site / pdf["path"])
    assert reader.metadata.title == {"id": "Informasi layanan", "en": "Service information"}[lang]
    fonts = fonts_of(site / pdf["path"])
    assert fonts and all(fonts.values())


# -- plans per topic, cache, reproducible -------------------------------------------------------


def test_topic_plan_pack(sample):
    _, site, run = sample
    for lang in ("id", "en"):
        pack = run.plan_packs["uji"][lang]
        assert pack["path"] == f"unduh/paket/uji-{lang}-rencana-a4.pdf" and pack["modules"] == [MODULE]
        reader = PdfReader(site / pack["path"])
        plan = document(run, "trainer-plan", lang)
        assert len(reader.pages) == pack["pages"] == plan["pages"] + plan["pages"] % 2
        assert TITLES[lang] in pdf_text(site / pack["path"])
        assert reader.outline  # the plans' bookmarks come along


def test_documents_are_cached_on_their_html(sample, tmp_path):
    root, site, first = sample
    copy = tmp_path / "root"
    shutil.copytree(root, copy)  # with its .cache
    again = render(copy, tmp_path / "site")
    assert again.documents_rendered == [] and len(again.documents_reused) == 6
    assert again.documents == first.documents and digests(tmp_path / "site") == digests(site)
    trainer = copy / FOLDER / "pelatih.en.md"
    trainer.write_text(
        trainer.read_text(encoding="utf-8").replace("Greet participants", "Welcome participants"), encoding="utf-8"
    )
    edited = render(copy, tmp_path / "site")
    assert sorted(edited.documents_rendered) == ["plan-packs/uji/en", f"trainer-plan/{MODULE}/en"]
    assert edited.rendered == []  # the handout does not show the steps
    cards = copy / FOLDER / "pelatih.id.md"
    cards.write_text(cards.read_text(encoding="utf-8").replace("- Apa yang harus", "- Apa saja yang harus"), encoding="utf-8")
    edited = render(copy, tmp_path / "site")
    assert f"activity-cards/{MODULE}/id" in edited.documents_rendered
    assert f"discreet/{MODULE}/id" not in edited.documents_rendered  # nothing on the discreet card changed


def test_two_renders_are_byte_identical(sample, tmp_path):
    root, site, _ = sample
    render(root, tmp_path / "site", workers=1, cache=tmp_path / "cache")
    made = {path: digest for path, digest in digests(site).items() if "rencana" in path or "kartu-a4" in path or "lembar" in path}
    per_language = 5  # plan, cards, discreet PDF and its image, the topic's plan pack
    assert len(made) == 2 * per_language
    assert {path: digest for path, digest in digests(tmp_path / "site").items() if path in made} == made
