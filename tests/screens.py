"""Screenshots the browser tests take for the trainers' page on the offline forms (docs/luring.md).

Every run keeps them in .cache/screenshots/; with UPDATE_SCREENSHOTS=1 they are also written,
reduced to a small palette, into docs/img/ (committed), so the docs show what the tests saw.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEPT = REPO / ".cache" / "screenshots"
DOCS = REPO / "docs" / "img"


def shoot(page, name: str) -> Path:
    from PIL import Image

    KEPT.mkdir(parents=True, exist_ok=True)
    target = KEPT / f"{name}.png"
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    picture.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        (DOCS / target.name).write_bytes(target.read_bytes())
    return target
