"""Handouts: A4 sheet, A5 booklet, WhatsApp cards and print packs, rendered from a one-module fixture curriculum.

The fixture is the module template (modules/_templat/contoh-modul) in a topic of its
own, with its own help and glossary entries, and the real handout template and fonts
from the package's theme. Rendering is done once per test module and shared.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kurikulum.check import check
from kurikulum.handouts.booklet import A4_LANDSCAPE, padded, sides
from kurikulum.handouts.manifest import publish
from kurikulum.handouts.native import RendererMissing, load_weasyprint
from kurikulum.handouts.render import render_all
from kurikulum.handouts.revision import EPOCH_VARIABLE, epoch_environment, source_revision
from kurikulum.view.module import build_views

REPO = Path(__file__).resolve().parents[1]
MODULE = "contoh-modul"
PESERTA_ID = f"modules/uji/{MODULE}/peserta.id.md"
A4 = (595.28, 841.89)
TITLES = {"id": "Contoh modul untuk relawan", "en": "Example module for volunteers"}
CHECKED = {"id": "Dicek per 28 Februari 2026", "en": "Checked on 28 February 2026"}

HELP = """\
- id: sapa-129
  nama: SAPA 129 (KemenPPPA)
  untuk:
    id: Kekerasan terhadap perempuan dan anak.
    en: Violence against women and children.
  cakupan: nasional
  telepon: ["129"]
  whatsapp: ["08111-129-129"]
  sumber: uji
  dicek: 2026-02-28
  keyakinan: sekunder
- id: polisi-uji
  nama: Layanan yang belum dicek
  untuk:
    id: Tidak boleh tercetak di lembar peserta.
  cakupan: nasional
  telepon: ["110"]
  sumber: uji
  dicek: 2026-02-28
  keyakinan: belum
"""
TERMS = """\
- istilah: bantuan hukum
  arti:
    id: Jasa hukum cuma-cuma untuk orang yang tidak mampu.
    en: Free legal services for people who cannot pay.
- istilah: OBH
  kepanjangan: Organisasi Bantuan Hukum
  arti:
    id: Lembaga yang memberi bantuan hukum cuma-cuma.
    en: An organisation that gives free legal aid.
"""
TOPIC = """\
urutan: 1
judul: {id: Topik uji, en: Test topic}
deskripsi: {id: Topik untuk menguji lembar peserta., en: A topic to test handouts.}
"""


def make_root(folder: Path) -> Path:
    """A curriculum root with one topic and the template module, plus the real handout template and fonts."""
    topic = folder / "modules" / "uji"
    topic.mkdir(parents=True)
    shutil.copytree(REPO / "modules" / "_templat" / MODULE, topic / MODULE)
    (topic / "topik.yml").write_text(TOPIC, encoding="utf-8")
    (topic / "istilah.yml").write_text(TERMS, encoding="utf-8")
    (folder / "modules" / "bantuan.yml").write_text(HELP, encoding="utf-8")
    shutil.copyfile(REPO / "modules" / "organisasi.yml", folder / "modules" / "organisasi.yml")
    meta = topic / MODULE / "modul.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("bantuan: [sapa-129]", "bantuan: [sapa-129, polisi-uji]"), encoding="utf-8"
    )
    return folder


def render(root: Path, site: Path | None = None, workers: int = 2, cache: Path | None = None):
    curriculum, findings = check(root)
    assert not [f for f in findings if f.rule != "stale-translation"], findings
    return render_all(curriculum, build_views(curriculum), site, workers=workers, cache_dir=cache)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def files_of(run, lang: str, kind: str) -> list[dict]:
    return [entry for entry in run.files[MODULE][lang] if entry["format"] == kind]


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    try:
        load_weasyprint()
    except RendererMissing as error:  # pragma: no cover - depends on the machine
        pytest.skip(str(error))
    root = make_root(tmp_path_factory.mktemp("root"))
    site = tmp_path_factory.mktemp("site")
    run = render(root, site, workers=2)
    return root, site, run


# -- what each handout is --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a4_is_one_sheet_and_small(sample, lang):
    _, site, run = sample
    (a4,) = files_of(run, lang, "a4")
    path = site / a4["path"]
    assert a4["path"] == f"unduh/{MODULE}/{MODULE}-{lang}-a4.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == a4["pages"] <= 2
    assert path.stat().st_size == a4["bytes"] < 200_000
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a5_booklet_is_imposed_on_a4_landscape(sample, lang):
    _, site, run = sample
    (booklet,) = files_of(run, lang, "a5-booklet")
    assert booklet["pages"] % 4 == 0 and booklet["sheets"] == booklet["pages"] // 4
    reader = PdfReader(site / booklet["path"])
    assert len(reader.pages) == booklet["pages"] // 2  # two A5 pages on each side of a sheet
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)
    assert TITLES[lang] in text(site / booklet["path"])


def test_booklet_order():
    assert padded(1) == 4 and padded(4) == 4 and padded(5) == 8
    assert sides(3) == [(4, 1), (2, 3)]
    assert sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_whatsapp_cards_one_idea_each_in_order(sample, lang):
    from PIL import Image

    _, site, run = sample
    cards = files_of(run, lang, "whatsapp-card")
    assert [card["order"] for card in cards] == list(range(1, len(cards) + 1))
    assert all(card["of"] == len(cards) for card in cards)
    # key messages, what to do, where to get help, the glossary: each short enough for one card here
    assert [card["kind"] for card in cards] == ["key_messages", "what_to_do", "help", "terms"]
    assert [card["title"] for card in cards] == {
        "id": ["Pesan penting", "Apa yang bisa Anda lakukan", "Ke mana minta bantuan", "Istilah"],
        "en": ["Key messages", "What you can do", "Where to get help", "Terms"],
    }[lang]
    for card in cards:
        path = site / card["path"]
        assert path.name == f"{MODULE}-{lang}-kartu-wa-{card['order']:02d}.png"
        assert path.stat().st_size == card["bytes"] <= 200_000
        assert (card["part"], card["parts"], card["media_type"]) == (1, 1, "image/png")
        with Image.open(path) as image:
            assert image.size == (card["width"], card["height"]) == (1080, 1350)
            assert image.mode in ("L", "P")  # grayscale, quantised


def test_no_images_of_the_a4_pages(sample):
    _, site, run = sample
    assert {f["format"] for lang in ("id", "en") for f in run.files[MODULE][lang]} == {"a4", "a5-booklet", "whatsapp-card"}
    assert sorted(p.name for p in site.rglob("*.png")) == sorted(
        Path(f["path"]).name for lang in ("id", "en") for f in files_of(run, lang, "whatsapp-card")
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_carries_title_date_status_licence_and_address(sample, lang):
    _, site, run = sample
    (a4,) = files_of(run, lang, "a4")
    reader = PdfReader(site / a4["path"])
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        words = " ".join(page.extract_text().split())
        assert TITLES[lang] in words
        assert CHECKED[lang] in words
        assert {"id": "DRAF", "en": "DRAFT"}[lang] in words
        assert "CC BY-SA 4.0" in words
        assert {"id": f"Halaman {number} dari {pages}", "en": f"Page {number} of {pages}"}[lang] in words
        address = f"ruang-hak.github.io/ruang-hak/{'en/' if lang == 'en' else ''}modul/{MODULE}/peserta/"
        assert address in words
        assert {"id": "Bahasa Indonesia", "en": "English"}[lang] in words
        assert {"id": "revisi", "en": "revision"}[lang] in words
    whole = text(site / a4["path"])
    assert "08111-129-129" in whole and "OBH" in whole  # help services and terms from the module view
    assert "Layanan yang belum dicek" not in whole and "110" not in whole  # an unverified service never reaches paper
    assert "<svg" not in whole  # the QR code is drawn, not leaked as text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_metadata_and_tagging(sample, lang):
    _, site, run = sample
    (a4,) = files_of(run, lang, "a4")
    reader = PdfReader(site / a4["path"])
    assert reader.metadata.title == TITLES[lang]
    assert reader.metadata.author == "Ruang Hak"
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF


def embedded_fonts(resources, found: dict[str, bool]) -> dict[str, bool]:
    """Font name -> has an embedded font file, through form XObjects (the booklet's A5 pages) too."""
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        found[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            embedded_fonts(xobject["/Resources"].get_object(), found)
    return found


def test_fonts_are_embedded_and_subset(sample):
    _, site, run = sample
    for lang in ("id", "en"):
        for kind in ("a4", "a5-booklet"):
            (entry,) = files_of(run, lang, kind)
            path = site / entry["path"]
            fonts: dict[str, bool] = {}
            for page in PdfReader(path).pages:
                embedded_fonts(page["/Resources"], fonts)
            assert fonts and all(fonts.values()), fonts
            assert all("+Atkinson-Hyperlegible" in name for name in fonts), fonts  # subsets of the shipped font only
            if shutil.which("pdffonts"):
                listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
                rows = listing.splitlines()[2:]
                assert rows and all(row.split()[-5] == "yes" for row in rows), listing


def test_print_packs(sample):
    _, site, run = sample
    for pack_id, title in (("uji", {"id": "Topik uji", "en": "Test topic"}), ("semua-topik", None)):
        for lang in ("id", "en"):
            pack = run.packs[pack_id][lang]
            assert pack["path"] == f"unduh/paket/{pack_id}-{lang}-a4.pdf" and pack["modules"] == [MODULE]
            reader = PdfReader(site / pack["path"])
            assert len(reader.pages) == pack["pages"] and pack["pages"] % 2 == 0
            words = text(site / pack["path"])
            assert TITLES[lang] in words
            if title:
                assert title[lang] in reader.pages[0].extract_text()


# -- reproducible and incremental --------------------------------------------------------------------


def test_two_builds_are_byte_identical(sample, tmp_path):
    root, site, _ = sample
    other_site = tmp_path / "site"
    render(root, other_site, workers=1, cache=tmp_path / "cache")  # another cache, one worker, same bytes
    assert digests(other_site) == digests(site)


def test_nothing_changed_renders_nothing(sample, tmp_path):
    root, site, first = sample
    before = digests(site)
    again = render(root, site)
    assert again.rendered == [] and again.packs_rendered == [] and again.cards_rendered == []
    assert sorted(again.reused) == sorted(again.cards_reused) == [f"{MODULE}/en", f"{MODULE}/id"]
    assert again.files == first.files and again.packs == first.packs
    assert digests(site) == before


def test_an_edit_rerenders_only_what_it_reaches(sample, tmp_path):
    root, _, _ = sample
    copy = tmp_path / "root"
    shutil.copytree(root, copy)  # with its .cache
    english = copy / "modules" / "uji" / MODULE / "peserta.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\n3. Keep this sheet.\n", encoding="utf-8")
    trainer = copy / "modules" / "uji" / MODULE / "pelatih.id.md"
    trainer.write_text(trainer.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # not on the handout
    run = render(copy, tmp_path / "site")
    assert run.rendered == [f"{MODULE}/en"] and run.reused == [f"{MODULE}/id"]
    assert run.cards_rendered == [f"{MODULE}/en"] and run.cards_reused == [f"{MODULE}/id"]
    assert sorted(run.packs_rendered) == ["semua-topik/en", "uji/en"]


def test_publish_removes_files_no_longer_made(sample, tmp_path):
    _, site, run = sample
    target = tmp_path / "site"
    stale = target / "unduh" / "modul-lama" / "modul-lama-id-a4.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF old")
    publish(run, target)
    assert not stale.exists() and not stale.parent.exists()
    assert digests(target) == digests(site)


# -- page budget, missing libraries, revision --------------------------------------------------------


def test_a_three_page_handout_is_a_finding(tmp_path):
    root = make_root(tmp_path / "root")
    sentence = "Kalimat pendek ini menjelaskan hak peserta dengan kata sehari-hari yang mudah dipahami semua orang."
    sections = [f"## Bagian {n}\n\n" + "\n\n".join(f"{sentence} ({n}.{i})" for i in range(8)) for n in range(1, 6)]
    sections[0] = sections[0].replace("## Bagian 1", "## Pesan penting")
    sections[-1] = sections[-1].replace("## Bagian 5", "## Apa yang bisa Anda lakukan")
    (root / PESERTA_ID).write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    run = render(root, workers=1)
    (finding,) = [f for f in run.findings if f.params["lang"] == "id"]
    assert finding.rule == "handout-pages" and finding.path == PESERTA_ID and finding.line == 1
    assert finding.params["pages"] >= 3 and finding.params["budget"] == 2
    assert f"{finding.params['pages']} halaman" in finding.message("id")
    assert all(f.params["lang"] != "en" for f in run.findings if f.path.endswith("peserta.en.md"))


def test_images_come_from_the_module_folder_and_nothing_from_the_network(tmp_path):
    from PIL import Image

    root = make_root(tmp_path / "root")
    folder = root / "modules" / "uji" / MODULE
    Image.new("L", (40, 20), 128).save(folder / "gambar.png")
    peserta = folder / "peserta.id.md"
    text_before = peserta.read_text(encoding="utf-8")
    peserta.write_text(text_before + "\n![Contoh gambar](gambar.png)\n\n![Jauh](https://example.org/x.png)\n", encoding="utf-8")
    curriculum, findings = check(root)
    assert "unsafe-markup" in {f.rule for f in findings}  # the checker refuses remote images; the renderer skips them
    run = render_all(curriculum, build_views(curriculum), workers=1)
    (a4,) = files_of(run, "id", "a4")
    pdf = PdfReader(run.sources[a4["path"]])
    assert any(x.get_object()["/Subtype"] == "/Image" for p in pdf.pages for x in p["/Resources"].get("/XObject", {}).values())
    Image.new("L", (40, 20), 0).save(folder / "gambar.png")  # a new picture under the same name
    curriculum = check(root)[0]
    assert render_all(curriculum, build_views(curriculum), workers=1).rendered == [f"{MODULE}/id"]


def test_missing_native_libraries_say_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(RendererMissing) as caught:
        load_weasyprint()
    message = str(caught.value)
    assert "apt-get install" in message and "libpango-1.0-0" in message and "libharfbuzz-subset0" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_revision_and_epoch_come_from_the_last_commit(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    assert source_revision(tmp_path).short is None and source_revision(tmp_path).epoch == 0

    def git(*args: str) -> str:
        command = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.org", *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q")
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "a.md").write_text("a\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "uji", "--date=2026-02-28T10:00:00+07:00")
    revision = source_revision(tmp_path)
    assert revision.short == git("log", "-1", "--format=%h", "--abbrev=7")
    assert revision.epoch == int(git("log", "-1", "--format=%ct"))
    (tmp_path / "modules" / "a.md").write_text("b\n", encoding="utf-8")
    assert source_revision(tmp_path).short == revision.short + "+"


def test_a_dense_card_stays_under_the_limit():
    from PIL import Image

    from kurikulum.handouts.images import page_images
    from kurikulum.handouts.pdf import render_pdf

    try:
        load_weasyprint()
    except RendererMissing as error:  # pragma: no cover
        pytest.skip(str(error))
    words = " ".join(f"kata{i}" for i in range(1200))
    html = f"<html lang='id'><style>@page {{ size: 1080px 1350px; margin: 0 }}</style><body style='font-size:9pt'><p>{words}</p></body></html>"
    images = page_images(render_pdf(html, REPO.as_uri() + "/", (str(REPO),)).data, 1080, 1350, 200_000)
    assert images and all(len(image) < 200_000 and image[:8] == b"\x89PNG\r\n\x1a\n" for image in images)
    assert Image.open(__import__("io").BytesIO(images[0])).size == (1080, 1350)


def test_download_links_resolve_from_the_built_pages(sample):
    from kurikulum import paths
    from kurikulum.site.pages import participant_page, print_page
    from kurikulum_mkdocs.plugin import relative_links

    root, site, run = sample
    curriculum, _ = check(root)
    views = build_views(curriculum)
    for lang in ("id", "en"):
        for page in (participant_page(views[MODULE, lang], curriculum.settings, run), print_page(curriculum, views, run, lang)):
            page_file = paths.site_file(page.folder, lang, "id")
            block = relative_links(page.html, page_file, directory_urls=True)
            hrefs = [h for h in re.findall(r'href="([^"]+)"', block) if h.endswith(".pdf") or h.endswith(".png")]
            assert hrefs and f"{MODULE}-{lang}-a4.pdf" in block
            for href in hrefs:
                assert ((site / page_file).parent / href).resolve().is_file(), href


def test_epoch_contexts_open_on_two_threads_leave_nothing_behind(monkeypatch: pytest.MonkeyPatch):
    """The preview builds the site on the server's thread while handouts render on another: both set the epoch.

    Each used to restore the value it saw on entry, so the site build closing first left the
    handout's saved value set for good, and every later build dated its sitemap 1970.
    """
    monkeypatch.delenv(EPOCH_VARIABLE, raising=False)
    for first_out in ("site", "handout"):
        site = epoch_environment(1764547200, outer_wins=True)
        handout = epoch_environment(0)
        site.__enter__()
        handout.__enter__()
        assert os.environ[EPOCH_VARIABLE] == "0"
        (site if first_out == "site" else handout).__exit__(None, None, None)
        assert os.environ[EPOCH_VARIABLE] == ("0" if first_out == "site" else "1764547200")  # the other is still open
        (handout if first_out == "site" else site).__exit__(None, None, None)
        assert EPOCH_VARIABLE not in os.environ
    monkeypatch.setenv(EPOCH_VARIABLE, "42")  # the caller's own value stays, and wins where asked
    with epoch_environment(7, outer_wins=True):
        assert os.environ[EPOCH_VARIABLE] == "42"
        with epoch_environment(7):
            assert os.environ[EPOCH_VARIABLE] == "7"
        assert os.environ[EPOCH_VARIABLE] == "42"
    assert os.environ[EPOCH_VARIABLE] == "42"
