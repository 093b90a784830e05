"""``kurikulum serve``'s incremental preview: after any series of edits the served site equals a clean build.

The edits go through :class:`kurikulum.preview.Preview` (what the server calls on every
change); the clean build is ``kurikulum build`` of the same tree. Handouts are left out of
the comparison test (they are compared by their own cache tests); the second test follows
one handout over its page budget and back, as a volunteer would see it under ``make serve``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kurikulum.build import build
from kurikulum.preview import Preview
from tests.conftest import FIXTURES, copy_repo, missing


def differences(served: Path, clean: Path) -> list[str]:
    ours = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    theirs = {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    found = [f"only in the preview: {name}" for name in sorted(ours - theirs)]
    found += [f"only in the clean build: {name}" for name in sorted(theirs - ours)]
    found += [f"differs: {name}" for name in sorted(ours & theirs) if (served / name).read_bytes() != (clean / name).read_bytes()]
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("preview") / "repo")


def test_edits_through_the_preview_give_the_clean_build(tree: Path) -> None:
    served = tree / ".cache" / "serve" / "site"
    preview = Preview(tree, served, handouts=False)
    assert preview.update() == 0
    assert preview.last["kind"] == "full"
    module = tree / "modules" / "gender" / "gender-mengenal"

    # A participant text: only that module's pages (and the pages listing its state) are rendered.
    edit(module / "peserta.id.md", "\n## ", "\nSatu kalimat baru untuk peserta.\n\n## ")
    assert preview.update() == 0
    assert preview.last["kind"] == "pages" and 0 < preview.last["pages"] <= 8, preview.last
    assert "Satu kalimat baru untuk peserta." in (served / "modul" / "gender-mengenal" / "peserta" / "index.html").read_text()

    # A trainer step.
    edit(module / "pelatih.id.md", "(10 menit)\n", "(10 menit)\n\nSapa peserta satu per satu.\n")
    assert preview.update() == 0
    assert "Sapa peserta satu per satu." in (served / "modul" / "gender-mengenal" / "index.html").read_text()

    # A glossary term: every module using it, and the glossary.
    edit(tree / "modules" / "gender" / "istilah.yml", "Gender dibentuk oleh kebiasaan", "Gender dibentuk oleh adat")
    assert preview.update() == 0
    assert preview.last["kind"] == "pages"
    glossary = (served / "rujukan" / "glosarium" / "index.html").read_text(encoding="utf-8")
    assert "Gender dibentuk oleh adat" in glossary

    # A regulation's title: the legal-basis index shows it.
    edit(module / "modul.yml", "dalam Pembangunan Nasional", "dalam Pembangunan Nasional (judul untuk uji)")
    assert preview.update() == 0
    legal_index = (served / "rujukan" / "dasar-hukum" / "index.html").read_text(encoding="utf-8")
    assert "Pembangunan Nasional (judul untuk uji)" in legal_index

    # A module title: its pages and its topic page.
    edit(module / "pelatih.id.md", 'judul: "Mengenal gender', 'judul: "Mengenal lagi gender')
    assert preview.update() == 0

    # A broken module keeps the last good site; fixing it continues from there.
    meta = module / "modul.yml"
    good = meta.read_text(encoding="utf-8")
    meta.write_text(good.replace("durasi:", "durasi: [", 1), encoding="utf-8")
    assert preview.update() == 1
    meta.write_text(good, encoding="utf-8")
    assert preview.update() == 0

    # A hand-written page: everything is built again.
    edit(tree / "docs" / "tentang.md", "\n", "\nSatu baris baru.\n")
    assert preview.update() == 0
    assert preview.last["kind"] == "full"
    edit(module / "peserta.en.md", "\n## ", "\nOne more sentence.\n\n## ")
    assert preview.update() == 0

    assert build(tree, handouts=False, site_name="clean") == 0
    assert differences(served, tree / "clean") == []


def needs_weasyprint() -> None:
    try:
        from kurikulum.handouts.native import load_weasyprint

        load_weasyprint()
    except Exception as error:  # noqa: BLE001 - whatever stops WeasyPrint loading
        missing(f"WeasyPrint cannot load ({error})")


def small_tree(tmp_path: Path) -> Path:
    """The small valid curriculum with the repository's pages, theme and engine settings."""
    root = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", root)
    for name in ("docs", "overrides", "mkdocs.yml"):
        source = FIXTURES.parent.parent / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    return root


LONG = "\n".join(f"{n}. Catat tanggal, tempat dan nama orang yang Anda temui pada langkah ke-{n}." for n in range(1, 140))


def test_a_handout_over_its_budget_shows_in_the_preview_until_fixed(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    needs_weasyprint()
    root = small_tree(tmp_path)
    served = root / ".cache" / "serve" / "site"
    preview = Preview(root, served, workers=1)
    woken = []
    preview.on_handouts = lambda: woken.append(True)
    assert preview.update() == 0
    handout = root / "modules" / "hukum" / "bantuan-hukum" / "peserta.id.md"
    page = served / "modul" / "bantuan-hukum" / "peserta" / "index.html"
    original = handout.read_text(encoding="utf-8")
    handout.write_text(original.replace("1. Catat apa yang terjadi.", LONG), encoding="utf-8")

    assert preview.update() == 0
    assert "Lembar peserta sedang diperbarui" in page.read_text(encoding="utf-8")
    preview.wait_for_handouts()
    assert woken, "the server is asked to update when the handouts are ready"
    assert preview.update() == 0  # what the server does when woken
    shown = page.read_text(encoding="utf-8")
    assert "Lembar peserta sedang diperbarui" not in shown
    assert re.search(r"modules/hukum/bantuan-hukum/peserta\.id\.md:1: \[handout-pages\]", shown), shown[-3000:]
    assert "[handout-pages]" in capsys.readouterr().err

    handout.write_text(original, encoding="utf-8")
    assert preview.update() == 0
    preview.wait_for_handouts()
    assert preview.update() == 0
    assert "handout-pages" not in page.read_text(encoding="utf-8")


def test_the_fast_paths_give_what_the_slow_ones_give() -> None:
    """Headings by regular expression equal the HTML parser's; plain lines skip Markdown with the same HTML."""
    from kurikulum.check import check
    from kurikulum.site import pages
    from kurikulum.site.bundle import bundle
    from kurikulum.view import markdown

    curriculum, _ = check(FIXTURES.parent.parent)
    site = bundle(curriculum, None)
    hostile = ['<h2 id="a&amp;b" title="x > y">A <abbr title="1 > 0">B</abbr>&nbsp;C</h2>', "<h3 id=''>x</h3><h2>y</h2>"]
    for fragment in [page.html for page in site.pages] + hostile:
        assert pages.headings(fragment) == pages.slow_headings(fragment)
    place = markdown.Place("id", "id", "m")
    for line in ["Kertas plano (2 lembar)", "Spidol, selotip: 1/kelompok", "Hak-hak pekerja 100%", "Catatan 'kecil'"]:
        assert markdown.PLAIN.fullmatch(line)
        converted = markdown.sanitise(markdown._converter(()).reset().convert(line))
        assert markdown.to_html(line, place).html == converted
    for line in ["*tebal*", "1. satu", "a_b_c", "x & y", "a <b>", "[tautan](x)", "baris\nkedua", "`kode`"]:
        assert not markdown.PLAIN.fullmatch(line)
    assert "<abbr" in markdown.to_html("Apa itu gender", place, {"gender": "peran"}).html


def test_make_serve_shows_the_handout_finding_and_clears_it_without_a_restart(tmp_path: Path) -> None:
    """The real server: an edit that makes the handout three pages long, then the fix, while it runs."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from site_tools import site_prefix

    needs_weasyprint()
    root = small_tree(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "kurikulum", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}", "--workers", "1"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    prefix = site_prefix(root)
    url = f"http://127.0.0.1:{port}/{prefix + '/' if prefix else ''}modul/bantuan-hukum/peserta/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(condition, what: str, seconds: float = 240) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = page()
            if text and condition(text):
                return text
            time.sleep(0.5)
        log.seek(0)
        raise AssertionError(f"{what} not seen within {seconds} s; server said:\n{log.read()[-3000:]}")

    handout = root / "modules" / "hukum" / "bantuan-hukum" / "peserta.id.md"
    original = handout.read_text(encoding="utf-8")
    try:
        wait_for(lambda text: "Setiap orang berhak" in text, "the first page")
        handout.write_text(original.replace("1. Catat apa yang terjadi.", LONG), encoding="utf-8")
        shown = wait_for(lambda text: "[handout-pages]" in text, "the handout-pages finding")
        assert "modules/hukum/bantuan-hukum/peserta.id.md:1: [handout-pages]" in shown
        log.seek(0)
        assert "modules/hukum/bantuan-hukum/peserta.id.md:1: [handout-pages]" in log.read()  # and in the terminal
        handout.write_text(original, encoding="utf-8")
        wait_for(lambda text: "[handout-pages]" not in text and "Lembar peserta sedang diperbarui" not in text, "the fix")
        assert server.poll() is None, "the server kept running"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
