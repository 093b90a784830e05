"""The render cache under ``.cache/handouts/``: a handout is rendered again only when its inputs change.

The key of a handout is a hash of everything that can change its bytes:

- the HTML of both paper sizes, which already holds every input taken from the
  model: the participant text, the title, the help services and glossary terms it
  uses, the checked-on date, the review status, the page address and QR code, the
  git revision and the commit time;
- the bytes of the images the participant text shows (files in the module folder);
- every file of the template and the fonts (``theme/handout/``, ``theme/fonts/``, with overrides/ on top);
- ``RENDERER_VERSION`` (bump it when this package changes its output) and the
  versions of the libraries that write the bytes.

Hashing the HTML rather than the module's files means an edit that does not reach
the handout (a trainer step, a duration) re-renders nothing, and an edit that does
(a help-service phone number in ``bantuan.yml``) re-renders exactly the modules
that list that service.

Layout: ``modules/<module-id>/<lang>-<key>/`` holds one handout's files and ``meta.json``;
``paket/<pack>-<key>.pdf`` the print packs; ``manifest.json`` the last run (:mod:`.manifest`).
An entry is written to a temporary folder and renamed into place, so an
interrupted build never leaves half an entry behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

RENDERER_VERSION = "3"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pypdf", "pypdfium2", "pillow", "segno", "markdown")
META = "meta.json"


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def folder_digest(*folders: Path) -> str:
    """A hash of the names and bytes of every file under ``folders``."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def shared_key(asset_digest: str) -> str:
    """What all handouts of one run share: assets, renderer and library versions."""
    text = json.dumps({"renderer": RENDERER_VERSION, "assets": asset_digest, "libraries": library_versions()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def handout_key(shared: str, html: dict[str, str], files: dict[str, str], epoch: int) -> str:
    text = json.dumps({"shared": shared, "html": html, "files": files, "epoch": epoch}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def pack_key(shared: str, parts: list[object]) -> str:
    text = json.dumps({"shared": shared, "parts": parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.modules = folder / "modules"
        self.packs = folder / "paket"

    def entry(self, module_id: str, lang: str, key: str) -> Path:
        return self.modules / module_id / f"{lang}-{key}"

    def load(self, entry: Path) -> dict | None:
        """The meta.json of a complete entry, or None."""
        try:
            meta = json.loads((entry / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not all((entry / name).is_file() for name in meta.get("files", [])):
            return None
        return meta

    def prune(self, keep: dict[str, set[str]]) -> None:
        """Remove entries that are not in ``keep`` (module id -> entry folder names) and modules no longer there."""
        if not self.modules.is_dir():
            return
        for module_folder in self.modules.iterdir():
            wanted = keep.get(module_folder.name)
            if wanted is None:
                shutil.rmtree(module_folder, ignore_errors=True)
                continue
            for entry in module_folder.iterdir():
                if entry.name in wanted:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def prune_packs(self, keep: set[str]) -> None:
        if self.packs.is_dir():
            for path in self.packs.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)


def write_entry(entry: Path, files: dict[str, bytes], meta: dict) -> None:
    """Write ``files`` and meta.json into ``entry`` atomically (temporary folder, then rename)."""
    temporary = entry.with_name(f"{entry.name}.tmp-{os.getpid()}")
    if temporary.exists():
        shutil.rmtree(temporary)
    temporary.mkdir(parents=True)
    for name, data in files.items():
        (temporary / name).write_bytes(data)
    (temporary / META).write_text(json.dumps({**meta, "files": list(files)}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    try:
        temporary.rename(entry)
    except OSError:  # an incomplete entry is in the way, or another build just wrote the same one
        shutil.rmtree(entry, ignore_errors=True)
        try:
            temporary.rename(entry)
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)


def write_file(target: Path, data: bytes) -> None:
    """Write ``target`` atomically (temporary file, then rename)."""
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(target)
