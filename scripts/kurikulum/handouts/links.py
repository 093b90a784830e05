"""Download links to the handouts, as Markdown for the generated site pages.

The links are raw HTML ``<a>`` elements with paths relative to the built page:
MkDocs would otherwise try to resolve (and, in strict mode, reject) links to files
that are not under ``docs/``. They work the same on a served site and over file://.
"""

from __future__ import annotations

import posixpath
from html import escape

from kurikulum import paths
from kurikulum.handouts.packs import WHOLE
from kurikulum.handouts.words import count_words, word
from kurikulum.model import Curriculum


def _href(target: str, page_folder: str, lang: str) -> str:
    here = posixpath.dirname(paths.site_file(page_folder, lang))
    return posixpath.relpath(target, here)


def _size(entry: dict) -> str:
    return f"{max(1, round(entry['bytes'] / 1024))} KB"


def _link(entry: dict, text: str, page_folder: str, lang: str) -> str:
    href = escape(_href(entry["path"], page_folder, lang))
    return f'<a href="{href}" download type="{entry["media_type"]}">{escape(text)}</a>'


def download_links(files: list[dict], page_folder: str, lang: str) -> str:
    """One line of links for one module in one language: A4, A5 booklet, page images."""
    parts = []
    for entry in files:
        if entry["format"] == "a4":
            text = f"{word('a4', lang)} ({count_words(entry['pages'], 'page_word', 'pages_word', lang)}, {_size(entry)})"
            parts.append(f"{_link(entry, text, page_folder, lang)} · {word('a4_note', lang)}")
        elif entry["format"] == "a5-booklet":
            text = (
                f"{word('a5-booklet', lang)} ({count_words(entry['sheets'], 'sheet_word', 'sheets_word', lang)}, {_size(entry)})"
            )
            parts.append(f"{_link(entry, text, page_folder, lang)} · {word('a5_note', lang)}")
    images = [entry for entry in files if entry["format"] == "image"]
    if images:
        links = ", ".join(
            _link(entry, word("image_page", lang).format(page=entry["page"]), page_folder, lang) for entry in images
        )
        parts.append(f"{word('images', lang)}: {links}")
    return "<br>\n".join(parts)


def download_section(files_by_lang: dict[str, list[dict]] | None, page_folder: str, lang: str) -> str:
    """A 'Download and print' block for a trainer or participant page; empty when there is nothing to link."""
    files = (files_by_lang or {}).get(lang)
    if not files:
        return ""
    return f'<div class="rh-downloads" markdown>\n\n**{word("download", lang)}**\n\n<p>\n{download_links(files, page_folder, lang)}\n</p>\n\n</div>\n\n'


def print_page(curriculum: Curriculum, files: dict, packs: dict, page_folder: str, lang: str) -> str:
    """The body of the 'Cetak / Print' page: every handout and print pack of the curriculum in ``lang``."""
    out = [f"{word('print_intro', lang)}\n\n"]
    for topic in curriculum.topics:
        out.append(f"## {topic.title[lang]}\n\n")
        pack = packs.get(topic.id, {}).get(lang)
        if pack:
            text = f"{word('pack', lang)}: {topic.title[lang]} ({count_words(pack['pages'], 'page_word', 'pages_word', lang)}, {_size(pack)})"
            out.append(f"<p>{_link(pack, text, page_folder, lang)}</p>\n\n")
        for module in topic.modules:
            module_files = files.get(module.id, {}).get(lang)
            if module_files:
                out.append(f"### {module.title(lang)}\n\n<p>\n{download_links(module_files, page_folder, lang)}\n</p>\n\n")
    whole = packs.get(WHOLE, {}).get(lang)
    if whole:
        text = f"{word('pack', lang)}: {word('whole_curriculum', lang)} ({count_words(whole['pages'], 'page_word', 'pages_word', lang)}, {_size(whole)})"
        out.append(f"## {word('whole_curriculum', lang)}\n\n<p>{_link(whole, text, page_folder, lang)}</p>\n")
    return "".join(out)
