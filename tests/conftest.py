from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2026, 11, 27)
COPIED = ("mkdocs.yml", "docs", "modules", "overrides", "scripts")


@pytest.fixture
def good_root(tmp_path: Path) -> Path:
    """A writable copy of the small valid curriculum."""
    target = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", target)
    return target


def copy_repo(target: Path) -> Path:
    """The parts of the repository a build reads, copied so tests never touch the work tree."""
    target.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("topik", "modul", "rujukan", "__pycache__"))
        else:
            shutil.copy2(source, target / name)
    if (REPO / ".git").exists():
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(target / ".gitclone")], check=True)
        (target / ".gitclone" / ".git").rename(target / ".git")
        shutil.rmtree(target / ".gitclone")
    return target


def kurikulum(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kurikulum", "--root", str(root), *args], capture_output=True, text=True)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the site built into site/ (shared by the integration tests)."""
    root = copy_repo(tmp_path_factory.mktemp("site") / "repo")
    result = kurikulum(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def offline_kit(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip built from the same copy, unzipped as a trainer would."""
    import zipfile

    result = kurikulum(built, "build", "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    target = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(built / "ruang-hak-offline.zip") as archive:
        archive.extractall(target)
    return target / "ruang-hak"
