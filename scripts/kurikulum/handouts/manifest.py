"""What a handout run made, and publishing it into a site folder.

The site, catalog.json and the print page read a :class:`HandoutRun` (or the manifest it is
saved as) to link the files; none of them needs the renderer, so this module imports no
PDF library.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum import paths
from kurikulum.check.findings import Finding
from kurikulum.language import Words

MANIFEST_VERSION = 2
MANIFEST = "manifest.json"
CARD_FORMAT = "whatsapp-card"  # the format of a WhatsApp card among a handout's files (catalog.json)
WHOLE = "semua-topik"  # the print pack of every topic, among the packs (beside one per topic)


@dataclass
class HandoutRun:
    """What a run made, ready for catalog.json, the site pages and the build report."""

    files: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # module id -> lang -> files
    packs: dict[str, dict[str, dict]] = field(default_factory=dict)  # topic id or "semua-topik" -> lang -> file
    findings: list[Finding] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # "module-id/lang" rendered in this run
    reused: list[str] = field(default_factory=list)  # "module-id/lang" taken from the cache
    packs_rendered: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cards_rendered: list[str] = field(default_factory=list)  # "module-id/lang" whose WhatsApp cards were rendered
    cards_reused: list[str] = field(default_factory=list)
    cards_seconds: float = 0.0  # wall time of the cards (included in ``seconds``)
    sources: dict[str, Path] = field(default_factory=dict)  # site path -> cached file
    # The other printed documents (see .documents): session plans, activity cards, discreet cards.
    documents: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)  # module id -> lang -> kind -> file(s)
    plan_packs: dict[str, dict[str, dict]] = field(default_factory=dict)  # topic id -> lang -> the topic's plans in one PDF
    documents_rendered: list[str] = field(default_factory=list)  # "kind/module-id/lang" rendered in this run
    documents_reused: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # document kind -> seconds this run spent on it

    def summary(self, words: Words) -> str:
        text = words.message(
            "handouts_made",
            made=len(self.rendered),
            kept=len(self.reused),
            packs=len(self.packs_rendered),
            seconds=f"{self.seconds:.1f}",
        )
        if self.documents:
            text += "\n" + words.message(
                "documents_made",
                made=len(self.documents_rendered),
                kept=len(self.documents_reused),
                seconds=f"{sum(self.timings.values()):.1f}",
            )
        return text


def write_manifest(folder: Path, run: HandoutRun) -> None:
    data = {
        "manifest_version": MANIFEST_VERSION,
        "files": run.files,
        "packs": run.packs,
        "sources": {site: path.resolve().relative_to(folder.resolve()).as_posix() for site, path in sorted(run.sources.items())},
        "rendered": run.rendered,
        "reused": run.reused,
        "seconds": round(run.seconds, 3),
        "documents": run.documents,
        "plan_packs": run.plan_packs,
        "documents_rendered": run.documents_rendered,
        "documents_reused": run.documents_reused,
        "timings": run.timings,
        "cards_rendered": run.cards_rendered,
        "cards_reused": run.cards_reused,
        "cards_seconds": round(run.cards_seconds, 3),
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> HandoutRun | None:
    """The last run saved in the cache ``folder``; None when there is none (or it is from another version)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("manifest_version") != MANIFEST_VERSION:
        return None
    run = HandoutRun(
        files=data["files"], packs=data["packs"], rendered=data["rendered"], reused=data["reused"], seconds=data["seconds"]
    )
    run.documents = data.get("documents", {})
    run.plan_packs = data.get("plan_packs", {})
    run.documents_rendered = data.get("documents_rendered", [])
    run.documents_reused = data.get("documents_reused", [])
    run.timings = data.get("timings", {})
    run.cards_rendered = data.get("cards_rendered", [])
    run.cards_reused = data.get("cards_reused", [])
    run.cards_seconds = data.get("cards_seconds", 0.0)
    run.sources = {site: folder / path for site, path in data["sources"].items()}
    return run


def publish(run: HandoutRun, out_dir: Path) -> None:
    """Copy the run's files into ``out_dir/unduh/`` and remove files there that are no longer made."""
    target_root = out_dir / paths.DOWNLOADS
    for site_path, source in sorted(run.sources.items()):
        target = out_dir / site_path
        if target.is_file() and target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    wanted = {(out_dir / site_path).resolve() for site_path in run.sources}
    if target_root.is_dir():
        for path in sorted(target_root.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
