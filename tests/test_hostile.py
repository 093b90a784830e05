"""Hostile and careless input: content never runs code in a reader's browser, never pulls a file into a
handout, never hangs or crashes the checker.

A hostile curriculum (the sample site with an injection payload in every text channel) gives one
``unsafe-markup`` finding per payload; built anyway (the check bypassed: the second wall), every page
loads in chromium with no dialog, no navigation away and no request to another host.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kurikulum.check import check
from kurikulum.check.text import TEXT_RULES, TextContext
from kurikulum.loader import Loader
from kurikulum.safety import safe_url

from .conftest import FIXTURES, REPO
from .linear import assert_linear

# Every one runs code or leaves the site in some browser; the allow-list stops each.
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '<a href="javascript:alert(3)">klik</a>',
    "<svg/onload=alert(4)>",
    '<meta http-equiv="refresh" content="0;url=https://penipu.example/">',
    '<a href="jav&#x09;ascript:alert(5)">klik</a>',
    "<iframe src=//penipu.example></iframe>",
    "<body onload=alert(6)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg=="></object>',
    '<a href="VBScript:msgbox(8)">klik</a>',
    "<details open ontoggle=alert(9)>",
    '<form action="https://penipu.example/">kirim</form>',
]


def payload(number: int) -> str:
    return PAYLOADS[number % len(PAYLOADS)]


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def hostile_curriculum(root: Path) -> list[tuple[str, str]]:
    """Put a payload into every text channel of a copy of the sample site; return (file, text of the line) for each."""
    shutil.copytree(FIXTURES / "site", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    planted: list[tuple[str, str]] = []

    def plant(relative: str, old: str, new_template: str) -> None:
        text = new_template.format(p=payload(len(planted)))
        replace_line(root / relative, old, text)
        planted.append((relative, text))

    def plant_value(relative: str, start: str) -> None:
        """The YAML value on the line starting with ``start``, with a payload added, as one quoted string."""
        path = root / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        number = next(i for i, line in enumerate(lines) if line.startswith(start))
        key, _, value = lines[number].partition(": ")
        lines[number] = f"{key}: '{value.strip()} {payload(len(planted))}'"
        path.write_text("\n".join(lines), encoding="utf-8")
        planted.append((relative, lines[number]))

    modules = "modules"
    # YAML: the organisation, a topic, the glossary, the help directory, a module's legal basis
    plant_value(f"{modules}/organisasi.yml", "nama: Situs Contoh")
    plant(f"{modules}/organisasi.yml", "  pkk: {id: Kader PKK,", "  pkk: {{id: 'Kader PKK {p}',")
    plant(f"{modules}/hukum/topik.yml", "judul: {id: Bantuan hukum,", "judul: {{id: 'Bantuan hukum {p}',")
    plant(
        f"{modules}/hukum/topik.yml",
        "deskripsi: {id: Bantuan hukum cuma-cuma.,",
        "deskripsi: {{id: 'Bantuan hukum cuma-cuma. {p}',",
    )
    plant_value(f"{modules}/hukum/istilah.yml", "  kepanjangan: Organisasi Bantuan Hukum")
    plant_value(f"{modules}/hukum/istilah.yml", "    id: Lembaga yang memberi")
    plant_value(f"{modules}/bantuan.yml", "  nama: SAPA 129 (KemenPPPA)")
    plant_value(f"{modules}/bantuan.yml", "    id: Kekerasan terhadap perempuan dan anak.")
    plant_value(f"{modules}/hukum/bantuan-hukum/modul.yml", "    judul: Bantuan Hukum")
    plant_value(f"{modules}/hukum/bantuan-hukum/modul.yml", "    pasal: Pasal 1 angka 1")
    plant_value(f"{modules}/hukum/bantuan-hukum/modul.yml", "      id: Bantuan hukum diberikan")
    # Markdown: front matter, a step title, a section body, a handout heading and body, a link and an attribute list
    trainer = f"{modules}/hukum/bantuan-hukum/pelatih.id.md"
    plant_value(trainer, "judul: Contoh modul untuk relawan")
    plant_value(trainer, "ringkasan: Templat yang menunjukkan")
    plant(trainer, "### Pembukaan (15 menit)", "### Pembukaan {p} (15 menit)")
    plant(trainer, "Sapa peserta dan ajak mereka", "Sapa peserta {p} dan ajak mereka")
    handout = f"{modules}/hukum/hak-informasi/peserta.id.md"
    plant(handout, "- Anda boleh meminta informasi publik", "- Anda boleh meminta {p} informasi publik")
    plant(handout, "1. Tulis pertanyaan Anda.", "1. Tulis [pertanyaan](javascript:alert(10)) Anda.")
    plant(handout, "2. Bawa ke kantor kalurahan.", '2. Bawa ke kantor kalurahan.\n\nSatu paragraf. {{: onclick="alert(11)"}}')
    return planted


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    root = tmp_path_factory.mktemp("hostile") / "repo"
    return root, hostile_curriculum(root)


def line_of(root: Path, relative: str, text: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text.split("\n")[-1] in line)


def test_every_payload_is_one_unsafe_markup_finding(hostile):
    root, planted = hostile
    _, findings = check(root)
    found = sorted((f.path, f.line) for f in findings if f.rule == "unsafe-markup")
    expected = sorted((relative, line_of(root, relative, text)) for relative, text in planted)
    assert found == expected


@pytest.fixture(scope="module")
def hostile_site(hostile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile curriculum built anyway, as if the checker had been bypassed: the templates and the sanitizer hold."""
    from kurikulum.build import build_into
    from kurikulum.site.bundle import bundle

    root, _ = hostile
    curriculum = Loader(root).load()
    target = tmp_path_factory.mktemp("hostile-site") / "site"
    build_into(bundle(curriculum, None), target, offline=True, engine="mkdocs")
    return target


class Executable(html.parser.HTMLParser):
    """Elements and attributes of a built page that could run code or leave the page (escaped text is not one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        sends = tag == "form" and values.get("action")  # the theme's search form sends nothing anywhere
        if tag in ("iframe", "object", "embed") or sends or (tag == "meta" and values.get("http-equiv") == "refresh"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data") and value and not safe_url(value):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        self.in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append("<script>alert")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_no_payload_survives_in_the_built_html(hostile_site: Path):
    offenders = []
    for page in sorted(hostile_site.rglob("*.html")):
        scanner = Executable()
        scanner.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(hostile_site)}: {what}" for what in scanner.found]
    assert offenders == []


def test_the_hostile_site_runs_nothing_in_a_browser(browser, hostile_site: Path):
    from site_tools import serve

    from .test_browser import foreign

    problems = []
    pages = [
        p.relative_to(hostile_site).as_posix() for p in sorted(hostile_site.rglob("*.html")) if "assets/" not in p.as_posix()
    ]
    with serve(hostile_site) as served:
        for base in (served, hostile_site.as_uri() + "/"):
            context = browser.new_context()
            for path in pages:
                page = context.new_page()
                dialogs: list[str] = []
                requests: list[str] = []
                page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
                page.on("request", lambda request, requests=requests: requests.append(request.url))
                url = base + path
                page.goto(url, wait_until="load")
                page.wait_for_timeout(150)
                if dialogs:
                    problems.append(f"{path}: dialog {dialogs}")
                if page.url.split("#")[0] != url:
                    problems.append(f"{path}: navigated to {page.url}")
                if foreign(requests, base):
                    problems.append(f"{path}: requests {foreign(requests, base)}")
                page.close()
            context.close()
    assert problems == []


# -- files from outside the module never reach a handout ---------------------------------------------


def outside_references(root: Path) -> Path:
    """A participant text that points at files outside its module in every way a stranger might."""
    secret = root / "rahasia.png"
    from PIL import Image

    Image.new("L", (40, 20), 7).save(secret)
    folder = root / "modules/hukum/hak-informasi"
    (folder / "tautan.png").symlink_to(secret)
    handout = folder / "peserta.id.md"
    handout.write_text(
        handout.read_text(encoding="utf-8")
        + "\n![Naik keluar](../../../rahasia.png)\n\n"
        + f"![Berkas]({secret.as_uri()})\n\n"
        + "![Tautan simbolik](tautan.png)\n\n"
        + f'<img src="{secret}" alt="Jalur mutlak">\n\n'
        + f'<img src="{secret.as_uri()}" alt="Berkas HTML">\n',
        encoding="utf-8",
    )
    return handout


def test_references_outside_the_module_are_refused_and_never_rendered(tmp_path: Path):
    from pypdf import PdfReader

    from kurikulum.handouts.native import RendererMissing, load_weasyprint
    from kurikulum.handouts.render import render_all
    from kurikulum.view.module import build_views

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "site", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    handout = outside_references(root)
    _, findings = check(root)
    shown = handout.relative_to(root).as_posix()
    refused = sorted(f.line for f in findings if f.path == shown and f.rule in ("outside-module", "unsafe-markup"))
    text = handout.read_text(encoding="utf-8").split("\n")
    references = [n for n, line in enumerate(text, 1) if "rahasia" in line or "tautan.png" in line]
    assert sorted(set(refused)) == references
    try:
        load_weasyprint()
    except RendererMissing as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        pytest.skip(str(error))
    curriculum = Loader(root).load()  # the checker bypassed: the renderer's own fence must hold
    run = render_all(curriculum, build_views(curriculum), workers=1, cache_dir=tmp_path / "cache")
    a4 = next(f for f in run.files["hak-informasi"]["id"] if f["format"] == "a4")
    pdf = PdfReader(run.sources[a4["path"]])
    images = [
        x
        for page in pdf.pages
        for x in (page["/Resources"].get("/XObject") or {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images == []
    assert b"rahasia" not in run.sources[a4["path"]].read_bytes()


# -- the checker never crashes or hangs ---------------------------------------------------------------


def fresh(tmp_path: Path, name: str = "root") -> Path:
    root = tmp_path / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / "good", root)
    return root


META = "modules/hukum/bantuan-hukum/modul.yml"
NASTY_YAML = {
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    ),
    "recursive-alias": "a: &a [*a]\n",
    "deep-list": "a: " + "[" * 20000 + "]" * 20000 + "\n",
    "deep-mapping": "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n",
    "impossible-date": None,  # filled in below from the real file
    "tabs": "id: bantuan-hukum\n\turutan: 1\n",
    "binary": "\x00\x01\x02",
}


@pytest.mark.parametrize("case", sorted(NASTY_YAML))
def test_nasty_yaml_is_a_finding_never_a_crash(tmp_path: Path, case: str):
    root = fresh(tmp_path)
    path = root / META
    text = NASTY_YAML[case]
    if text is None:
        text = re.sub(r"dicek: \S+", "dicek: 2026-02-30", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    _, findings = check(root)
    assert time.perf_counter() - started < 5
    mine = [f for f in findings if f.path == META]
    assert mine and all(f.rule != "internal-error" for f in mine), mine
    for finding in mine:
        assert finding.message("id") and finding.message("en")


def test_a_folder_where_modul_yml_belongs_is_a_finding(tmp_path: Path):
    root = fresh(tmp_path)
    (root / META).unlink()
    (root / META).mkdir()
    _, findings = check(root)
    assert [(f.path, f.rule) for f in findings if f.path == META] == [(META, "not-a-file")]


def test_an_unreadable_or_huge_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = fresh(tmp_path)
    handout = root / "modules/hukum/bantuan-hukum/peserta.id.md"
    handout.write_text("## Pesan penting\n\n" + "kata " * 250_000, encoding="utf-8")
    _, findings = check(root)
    assert "file-too-large" in {f.rule for f in findings if f.path.endswith("peserta.id.md")}
    original = Path.read_bytes
    target = root / "modules/hukum/bantuan-hukum/pelatih.id.md"

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    _, findings = check(root)
    [finding] = [f for f in findings if f.rule == "unreadable-file"]
    assert finding.message("en") == "This file cannot be read (Permission denied)."


def test_an_unexpected_error_is_a_finding_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = fresh(tmp_path)
    from kurikulum import loader

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(loader, "parse_material", broken)
    _, findings = check(root)
    errors = [f for f in findings if f.rule == "internal-error"]
    assert errors and errors[0].path.startswith("modules/")
    assert "Laporkan lewat issue" in errors[0].hint("id")


def test_no_traceback_reaches_a_volunteer(tmp_path: Path):
    root = fresh(tmp_path)
    (root / "modules/organisasi.yml").write_text("bahasa: [", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kurikulum", "--root", str(root), "check"], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^modules/organisasi.yml:\d+: \[yaml-syntax\] galat: ", result.stdout, re.MULTILINE), result.stdout


def test_the_checker_stays_within_300_mb_on_an_alias_bomb(tmp_path: Path):
    root = fresh(tmp_path)
    (root / META).write_text(NASTY_YAML["alias-bomb"], encoding="utf-8")
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))\n"
        "from kurikulum.cli import main\n"
        "code = main(['--root', sys.argv[1], 'check'])\n"
        # VmHWM, not ru_maxrss: ru_maxrss keeps the parent's size from before exec (pytest's, large late in a run).
        "print('rss', next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stdout + result.stderr, result.stderr[-2000:]
    rss_kb = int(re.search(r"rss (\d+)", result.stdout).group(1))
    print("checker peak rss", rss_kb, "KB")
    assert rss_kb < 300 * 1024, (rss_kb, result.stdout[-2000:])
    assert "[yaml-syntax]" in result.stdout


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=16,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.text(max_size=600))
def test_any_text_in_any_content_file_is_read_without_a_crash(tmp_path: Path, data: str):
    root = fresh(tmp_path)
    for name in ("modul.yml", "pelatih.id.md", "peserta.en.md"):
        (root / "modules/hukum/bantuan-hukum" / name).write_text(data, encoding="utf-8")
    started = time.perf_counter()
    _, findings = check(root)
    assert time.perf_counter() - started < 5
    assert all(f.rule != "internal-error" for f in findings), [f for f in findings if f.rule == "internal-error"]


# -- every text rule runs in linear time ----------------------------------------------------------------

SIZE = 2_000_000
SHAPES = {
    "image openers": "![",
    "link openers": "[",
    "link middles": "](",
    "angle brackets": "<",
    "tags": "<a ",
    "unclosed attributes": '<img src="',
    "attribute lists": "{: ",
    "backticks": "`",
    "comments": "<!--",
    "spaces": " ",
    "dotted words before @": "a.",
    "at signs": "a@b.",
    "digits and spaces": "1 ",
    "digits and dots": "8.",
    "brackets": "(",
    "hashes": "#",
    "placeholder-ish": "TOD",
    "old names": "TKI ",
    "entity starts": "&#",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_text_rule_is_linear_on_a_two_megabyte_line(shape: str, tmp_path: Path):
    piece = SHAPES[shape]
    folder = tmp_path / "modul"
    folder.mkdir()

    def context(size: int) -> TextContext:
        line = piece * (size // len(piece)) + ("@x" if shape == "dotted words before @" else "")
        text = "## Pesan penting\n\n" + line + "\n"
        return TextContext(tmp_path / "modul/peserta.id.md", text, "modul/x/peserta", folder, set(), set(), set())

    for rule in TEXT_RULES:
        assert_linear(lambda size, rule=rule: list(rule(context(size))), f"{rule.__name__} on {shape}")


def test_the_loader_reads_a_two_megabyte_markdown_line_quickly(tmp_path: Path):
    from kurikulum.format.markdown_source import read_markdown

    for piece in ("#", " ", "- ", "<!--", "```"):
        assert_linear(
            lambda size, piece=piece: read_markdown("---\njudul: x\n---\n## Tujuan\n\n" + piece * (size // len(piece)) + "\n"),
            f"read_markdown on {piece!r}",
        )


# -- careless but honest input ---------------------------------------------------------------------------


def test_personal_data_is_found_whatever_the_separators():
    folder = Path("/nonexistent")
    found = []
    for value in ("3401 2345 6789 0123", "3401.2345.6789.0123", "34-01-23-45-67-89-01-23", "0812 3456 7890", "0812.3456.7890",
                  "(0274) 123456", "+62 812-3456-7890", "+62 (812) 3456 7890", "sari.contoh@example.co.id"):  # fmt: skip
        ctx = TextContext(folder / "peserta.id.md", f"Hubungi {value} ya.\n", "modul/x/peserta", folder, set(), set(), set())
        found.append(bool([f for f in TEXT_RULES[3](ctx)]))
    assert all(found), found
    calm = "Pada tahun 2017 dan 2026, UU 18/2017 Pasal 6 ayat (1) mengatur 13 hak. Telepon SAPA 129."
    ctx = TextContext(folder / "peserta.id.md", calm, "modul/x/peserta", folder, set(), set(), set())
    assert list(TEXT_RULES[3](ctx)) == []


def test_a_module_folder_must_be_named_by_its_id(tmp_path: Path):
    root = fresh(tmp_path)
    (root / "modules/hukum/bantuan-hukum").rename(root / "modules/hukum/Bantuan Hukum")
    _, findings = check(root)
    [finding] = [f for f in findings if f.rule == "folder-name"]
    assert finding.path == "modules/hukum/Bantuan Hukum/modul.yml"
    assert "'bantuan-hukum'" in finding.hint("en")


def test_links_between_modules_are_checked_against_the_page_they_land_on(tmp_path: Path):
    root = fresh(tmp_path)
    handout = root / "modules/hukum/bantuan-hukum/peserta.id.md"
    handout.write_text(
        handout.read_text(encoding="utf-8")
        + "\n[Modul lain](/modul/musyawarah/) · [Lembarnya](/modul/musyawarah/peserta/) · [Dari sini](../../musyawarah/peserta/)"
        + "\n\n[Salah](../musyawarah/) · [Tidak ada](/modul/tidak-ada/)\n",
        encoding="utf-8",
    )
    _, findings = check(root)
    broken = [f.params["value"] for f in findings if f.rule == "broken-link"]
    assert broken == ["../musyawarah/", "/modul/tidak-ada/"]


def test_bom_and_crlf_give_the_same_findings(tmp_path: Path):
    plain = fresh(tmp_path, "plain")
    careless = fresh(tmp_path, "careless")
    for path in sorted((careless / "modules").rglob("*")):
        if path.suffix in (".md", ".yml"):
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert check(plain)[1] == check(careless)[1] == []
