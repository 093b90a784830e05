"""The discreet variant of a sensitive module's handout: a "kartu aman" of service numbers that says nothing of the topic.

A handout titled "Kekerasan terhadap perempuan" on every page, in its file name and behind its
QR code tells whoever finds it what its reader is dealing with. The discreet variant keeps what
a reader must be able to find again, the numbers, and drops everything that names the topic:

- the running title is a neutral phrase from the words files ("Informasi layanan");
- services are the verified ones with a phone or WhatsApp number whose name has none of the
  module's title words; their purpose and note lines are printed only when they have none of
  the title or summary words either; the neutral lines of the words files likewise;
- the file name is ``lembar-<8 hex digits>-<lang>`` under ``unduh/lembar/`` (a hash of the module
  id, stable from build to build), never the module id;
- the QR code and the address in the footer open the site's home page in that language;
- the PDF's metadata holds the neutral title only.

"Title words" are the words of the module's titles in every language, of four letters or more,
but the common words listed under ``discreet_common_words`` in the words files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from kurikulum import paths
from kurikulum.handouts.document import Shared, allowed_folders, common_context
from kurikulum.handouts.qr import qr_svg
from kurikulum.view.module import HelpView, ModuleView

TEMPLATE_NAME = "discreet.html"
WORD = re.compile(r"\w+")
MIN_LENGTH = 4


@dataclass(frozen=True)
class DiscreetService:
    name: str
    purpose: str
    phones: list[str]
    whatsapp: list[str]
    website: str
    note: str


def topic_words(texts: Iterable[str], common: Iterable[str]) -> set[str]:
    """The words of ``texts`` that could tell what a sheet is about (casefolded, four letters or more, not common)."""
    ignored = {word.casefold() for word in common}
    return {
        word
        for text in texts
        for word in WORD.findall(text.casefold())
        if len(word) >= MIN_LENGTH and word not in ignored and not word.isdigit()
    }


def reveals(text: str, words: set[str]) -> bool:
    """Whether ``text`` contains one of ``words`` anywhere (also inside a longer word: "kekerasannya")."""
    folded = text.casefold()
    return any(word in folded for word in words)


def discreet_stem(module_id: str, lang: str) -> str:
    """``lembar-1a2b3c4d-id``: the same for every build of a module, and nothing in it names the module."""
    return f"lembar-{hashlib.sha256(module_id.encode()).hexdigest()[:8]}-{lang}"


def home_address(site_url: str | None, lang: str, default: str) -> str | None:
    """The site's home page in ``lang``: where the discreet card's QR code leads."""
    if not site_url:
        return None
    folder = paths.page_folder("", lang, default)
    return f"{site_url}{folder}/" if folder else site_url


def services(help_entries: list[HelpView], names: set[str], lines: set[str]) -> list[DiscreetService]:
    """The verified services with a number whose name reveals nothing; lines that would reveal the topic left out."""
    return [
        DiscreetService(
            entry.name,
            "" if reveals(entry.purpose, lines) else entry.purpose,
            entry.phones,
            entry.whatsapp,
            "" if reveals(entry.website, lines) else entry.website,
            "" if reveals(entry.note, lines) else entry.note,
        )
        for entry in help_entries
        if entry.verified and (entry.phones or entry.whatsapp) and not reveals(entry.name, names)
    ]


def discreet_html(
    view: ModuleView, titles: list[str], summaries: list[str], shared: Shared, env: jinja2.Environment
) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """The discreet card's HTML, the images it shows (none) and the folders the renderer may read (the assets only).

    ``titles`` and ``summaries`` are the module's title and summary in every language.
    """
    settings = shared.settings
    words = settings.words(view.lang)
    common = words.get("discreet_common_words")
    names = topic_words(titles, common)
    lines = names | topic_words(summaries, common)
    home = home_address(settings.site_url, view.lang, settings.languages.default)
    context = {
        **common_context(view.lang, shared),
        "services": services(view.participant_help, names, lines),
        "lines_before": [line for line in (words.ui("discreet_intro"),) if not reveals(line, lines)],
        "lines_after": [line for line in (words.ui("discreet_ask"),) if not reveals(line, lines)],
        "checked": view.checked_on_text,
        "qr": Markup(qr_svg(home, f"QR: {home}")) if home else None,
        "home_short": home.split("://", 1)[-1] if home else None,
    }
    html = env.get_template(TEMPLATE_NAME).render(**context)
    return html, {}, allowed_folders(shared, None)
