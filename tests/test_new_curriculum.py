"""Another organisation starts its own curriculum: the tool as a wheel, `kurikulum init`, and a new repository that builds.

The must-show of issue 17: a wheel of this repository; `kurikulum init` a new repository in a
temporary folder; there, with ``KURIKULUM_SOURCE`` pointing at the wheel, ``make check``,
``make build`` and ``make test`` pass without network (the new repository's virtual
environment installs only the wheel, ``--no-deps --no-index``, and sees this environment's
libraries through a ``.pth`` file); nothing of this organisation is in its site, handouts or
catalog, and the handouts' QR codes hold the new site's address.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from .conftest import REPO, missing

NAME = "Sekolah Hak Sumba"
REGION = "Sumba Timur"
SITE = "https://sekolah-hak-sumba.github.io/kurikulum/"
MODULE = "contoh-sesi-hak"  # the example module `init` writes
OURS = yaml.safe_load((REPO / "modules/organisasi.yml").read_text(encoding="utf-8"))
# What must not leak from this repository into another organisation's (the footer's generator credit aside).
FOREIGN = ("Ruang Hak", "Kulon Progo", OURS["situs"].rstrip("/"), OURS["repositori"], "ruang-hak")
# The tool itself (code, templates, theme, words, the engine's settings) names no organisation.
TOOL = (REPO / "scripts/kurikulum", REPO / "scripts/kurikulum_mkdocs", REPO / "mkdocs.yml")
LITERALS = re.compile(
    "|".join(re.escape(text) for text in (*FOREIGN, "RuangHak", "RUANG_HAK", OURS["warna"]["utama"])), re.IGNORECASE
)


def init(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kurikulum", "--root", str(REPO), "init", str(folder), *args],
        capture_output=True,
        text=True,
        input=stdin,
    )


def test_the_tool_holds_no_organisation_literal():
    hits = []
    for place in TOOL:
        for path in [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file()):
            if path.suffix in (".woff", ".png", ".pyc"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if LITERALS.search(line):
                    hits.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert hits == []


def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path):
    folder = tmp_path / "ada-isinya"
    folder.mkdir()
    (folder / "catatan.txt").write_text("punya orang lain\n", encoding="utf-8")
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = init(folder, "--name", NAME, "--languages", "id,en")
    assert result.returncode != 0
    assert "tidak kosong" in result.stderr and "Tidak ada yang diubah" in result.stderr, result.stderr
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_init_asks_for_what_is_not_given(tmp_path: Path):
    result = init(tmp_path / "baru", stdin=f"{NAME}\nid,en,jv\n{REGION}\n")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((tmp_path / "baru/modules/organisasi.yml").read_text(encoding="utf-8"))
    assert (data["nama"], data["wilayah"], [item["kode"] for item in data["bahasa"]]) == (NAME, REGION, ["id", "en", "jv"])


def test_a_name_typed_over_two_lines_stays_one_line_in_every_file(tmp_path: Path):
    result = init(tmp_path / "baru", "--name", "Sekolah Hak\nSumba", "--languages", "id,en", "--region", " Sumba\n Timur ")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "baru/Makefile").read_text(encoding="utf-8").splitlines()[0].startswith(f"# {NAME}: ")
    data = yaml.safe_load((tmp_path / "baru/modules/organisasi.yml").read_text(encoding="utf-8"))
    assert (data["nama"], data["wilayah"]) == (NAME, REGION)


def test_init_without_a_name_writes_nothing(tmp_path: Path):
    result = init(tmp_path / "tanpa-nama", stdin="\n\n\n")
    assert result.returncode != 0 and "wajib" in result.stderr
    assert not (tmp_path / "tanpa-nama").exists()


# -- the whole route: wheel, init, make -------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(folder),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = folder.glob("kurikulum-*.whl")
    return built


def make(root: Path, target: str, wheel: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KURIKULUM_SOURCE": str(wheel), "PIP_FLAGS": "--no-deps --no-index", "PIP_NO_INDEX": "1"}
    return subprocess.run(["make", "-s", target], cwd=root, capture_output=True, text=True, env=env)


def new_repository(parent: Path, languages: str, wheel: Path) -> Path:
    """`kurikulum init`, committed, with a virtual environment of its own that borrows this one's libraries."""
    root = parent / "kurikulum-baru"
    result = init(root, "--name", NAME, "--languages", languages, "--region", REGION, "--site", SITE)
    assert result.returncode == 0, result.stdout + result.stderr
    subprocess.run([sys.executable, "-m", "venv", str(root / ".venv")], check=True)
    # No network: the new environment installs only the wheel and borrows this one's libraries.
    purelib = Path(sysconfig.get_paths(vars={"base": str(root / ".venv"), "platbase": str(root / ".venv")})["purelib"])
    (purelib / "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Relawan", "-c", "user.email=relawan@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "kurikulum init"], check=True)
    return root


def site_texts(site: Path) -> dict[str, str]:
    """Every text file of the site, and the text of every PDF."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            texts[str(path.relative_to(site))] = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix in (".html", ".json", ".js", ".css", ".xml", ".txt", ".webmanifest", ".svg"):
            texts[str(path.relative_to(site))] = path.read_text(encoding="utf-8")
    return texts


def qr_codes(pdf: Path, folder: Path) -> list[str]:
    """What the QR codes on a PDF's first page say, read from a rendering of it (zbarimg)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    image = folder / f"{pdf.stem}.png"
    document[0].render(scale=3).to_pil().save(image)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
    return result.stdout.split()


@pytest.mark.parametrize("languages", ["id,en", "id,en,jv"])
def test_a_new_organisation_builds_its_own_curriculum_from_the_wheel(
    languages: str, wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    if shutil.which("make") is None:
        missing("make not found")
    root = new_repository(tmp_path, languages, wheel)
    for target in ("check", "build") + (("test",) if languages == "id,en" else ()):
        result = make(root, target, wheel)
        assert result.returncode == 0, f"make {target}\n{result.stdout}\n{result.stderr}"
    installed = subprocess.run(
        [str(root / ".venv/bin/python"), "-c", "import kurikulum; print(kurikulum.__version__, kurikulum.__file__)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert installed[0] in wheel.name and str(root / ".venv") in installed[1], installed  # the wheel's tool, not ours

    site = root / "site"
    codes = languages.split(",")
    assert NAME in (site / "index.html").read_text(encoding="utf-8")
    for lang in codes[1:]:
        assert f'lang="{lang}"' in (site / lang / "index.html").read_text(encoding="utf-8")
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["languages"] == codes

    texts = site_texts(site)
    leaks = [(name, word) for name, text in texts.items() for word in FOREIGN if word.lower() in text.lower()]
    assert leaks == []
    handouts = [site / f"unduh/{MODULE}/{MODULE}-{lang}-a4.pdf" for lang in codes]
    assert all(path.is_file() for path in handouts)
    for pdf in handouts:
        assert NAME in texts[str(pdf.relative_to(site))], pdf.name
    if shutil.which("zbarimg") is None:
        missing("zbarimg not found: install Debian's zbar-tools to read the handouts' QR codes")
    for pdf in handouts:
        found = qr_codes(pdf, tmp_path)
        assert found and all(code.startswith(SITE) for code in found), (pdf.name, found)


def test_every_workflow_here_and_in_a_new_repository_is_well_formed(tmp_path: Path):
    root = tmp_path / "baru"
    assert init(root, "--name", NAME, "--languages", "id,en").returncode == 0
    workflows = sorted((REPO / ".github/workflows").glob("*.yml")) + sorted((root / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 4
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    broken = root / ".github/workflows/test.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0  # the check can fail


def test_upgrade_brings_the_tools_files_back_and_leaves_modules_alone(tmp_path: Path):
    root = tmp_path / "baru"
    assert init(root, "--name", NAME, "--languages", "id,en").returncode == 0
    modules = {p: p.read_bytes() for p in (root / "modules").rglob("*") if p.is_file() and "_templat" not in p.parts}
    (root / "Makefile").write_text("# an old Makefile\n", encoding="utf-8")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        re.sub(r"kurikulum==[^\"]+", "kurikulum==0.0.1", pyproject.read_text(encoding="utf-8")), encoding="utf-8"
    )
    result = subprocess.run([sys.executable, "-m", "kurikulum", "--root", str(root), "upgrade"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Makefile" in result.stdout and "pyproject.toml" in result.stdout
    assert "KURIKULUM_SOURCE" in (root / "Makefile").read_text(encoding="utf-8")
    assert "kurikulum==0.0.1" not in pyproject.read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in (root / "modules").rglob("*") if p.is_file() and "_templat" not in p.parts} == modules
