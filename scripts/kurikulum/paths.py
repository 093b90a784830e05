"""Where each generated page lives, in ``docs/`` and in the built site.

Every page is an ``index.md`` in its own folder so the same site path works with
directory URLs (served site) and without them (offline kit over file://).
"""

from __future__ import annotations

GENERATED_ROOTS = ("topik", "modul", "rujukan")


def topic_dir(topic_id: str) -> str:
    return f"topik/{topic_id}"


def trainer_dir(module_id: str) -> str:
    return f"modul/{module_id}"


def participant_dir(module_id: str) -> str:
    return f"modul/{module_id}/peserta"


REFERENCE_PAGES = {
    "glossary": "rujukan/glosarium",
    "legal_index": "rujukan/dasar-hukum",
    "status": "rujukan/status",
    "print": "rujukan/cetak",
}


def source_file(folder: str, lang: str) -> str:
    """The Markdown file under docs/ for a page folder and language."""
    return f"{folder}/index.md" if lang == "id" else f"{folder}/index.{lang}.md"


def site_file(folder: str, lang: str) -> str:
    """The HTML file under site/ (relative to the site root) for a page folder and language."""
    return f"{folder}/index.html" if lang == "id" else f"{lang}/{folder}/index.html"
