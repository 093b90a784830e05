from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def good_root(tmp_path: Path) -> Path:
    """A writable copy of the small valid curriculum."""
    target = tmp_path / "good"
    shutil.copytree(FIXTURES / "good", target)
    return target
