from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))  # site_tools and the benchmarks, shared with the tests

from site_tools import CHROMIUM_ARGS, chromium, copy_repository, serve, site_prefix  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def good_root(tmp_path: Path) -> Path:
    """A writable copy of the small valid curriculum."""
    target = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", target)
    return target


def copy_repo(target: Path) -> Path:
    """The parts of the repository a build reads, with its git history, away from the work tree."""
    return copy_repository(target, with_git=True)


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


def missing(message: str) -> None:
    """A tool a test needs is absent: a skip here, a failure under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(message)


# The browser fixtures live here, not in a test module: a fixture imported into several test
# modules is set up once per module, and Playwright's sync API cannot start twice in a process.
@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright, one for the whole session."""
    executable = chromium()
    if executable is None:
        missing("chromium not found: install it with 'apt-get install chromium' to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright not installed: run 'make setup'")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing("axe-core not installed: run 'npm ci --prefix tests/browser' (make test does it)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def served(built: Path) -> Iterator[str]:
    """The site served on loopback under the same path as its public address (site_url)."""
    with serve(built / "site", site_prefix(built)) as address:
        yield address


@pytest.fixture(scope="session")
def catalog(built: Path) -> dict:
    return json.loads((built / "site/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(params=["served", "offline"])
def site(request: pytest.FixtureRequest) -> str:
    if request.param == "served":
        return request.getfixturevalue("served")
    return request.getfixturevalue("offline_kit").as_uri() + "/"
