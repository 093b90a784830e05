"""Where the printed documents' templates and fonts come from: the package, with the curriculum's own files on top.

The tool ships its templates (``handout/``, ``whatsapp/``) and fonts (``fonts/``) inside the
package, so a curriculum repository needs only its content and configuration. A repository
may change any of those files by putting one of the same name under ``overrides/`` (for
example ``overrides/handout/handout.css``): then the three folders are merged, the
package's files first and the repository's over them, into ``.cache/theme/`` and the
renderer reads that copy. Without such a file the package's folder is used as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGE_THEME = Path(__file__).resolve().parent / "theme"
PRINT_FOLDERS = ("handout", "whatsapp", "fonts")  # siblings: templates find the fonts at ../fonts/
OVERRIDES = "overrides"


def overlay(layers: list[Path], target: Path) -> Path:
    """Copy each folder of ``layers`` into ``target``, in order (a later file replaces an earlier one)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for layer in layers:
        if layer.is_dir():
            shutil.copytree(layer, target, dirs_exist_ok=True)
    return target


def print_theme(root: Path) -> Path:
    """The folder holding ``handout/``, ``whatsapp/`` and ``fonts/`` for this repository."""
    ours = root / OVERRIDES
    if not any((ours / name).is_dir() for name in PRINT_FOLDERS):
        return PACKAGE_THEME
    target = root / ".cache" / "theme"
    if target.exists():
        shutil.rmtree(target)
    for name in PRINT_FOLDERS:
        overlay([PACKAGE_THEME / name, ours / name], target / name)
    return target
