"""The curriculum's configuration: the organisation and its languages, read from ``modules/organisasi.yml``.

Languages are one ordered list there, the default first. Everything else that depends on
a language (headings, interface words, checker messages) comes from that language's
words file (:mod:`kurikulum.language`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kurikulum.check.findings import Finding, relative
from kurikulum.format.fields import HELP_FILE, LANGUAGE_CODE, ORGANISATION, ORGANISATION_FILE
from kurikulum.format.reader import Reader
from kurikulum.format.source import Unreadable, read_text
from kurikulum.format.yaml_source import YamlDocument, YamlError, parse_yaml
from kurikulum.language import Language, Languages, Words, default_languages, words_for


@dataclass(frozen=True)
class Settings:
    """What a whole build shares: the repository, the organisation, its languages and audiences."""

    root: Path
    name: str
    languages: Languages
    audiences: dict[str, dict[str, str]] = field(default_factory=dict)  #: id -> label per language
    description: dict[str, str] = field(default_factory=dict)  #: per language
    site_url: str | None = None  #: the published address, ending in "/"; None before publishing
    repository: str | None = None
    licence: str | None = None  #: of the content, as the offline forms state it (ZIM metadata)
    colours: dict[str, str] = field(default_factory=dict)  #: theme, background: the installed site's colours
    short: str | None = None  #: a short name (the installed site's icon label); the name when unset
    tagline: dict[str, str] = field(default_factory=dict)  #: one line under the name, per language
    logo: str | None = None  #: a picture file, relative to modules/ (the site's header)
    region: str | None = None  #: where the organisation works (the site's footer, the offline files)
    contact: str | None = None  #: an address or a telephone number for the public
    help_file: str = HELP_FILE  #: the help directory, relative to modules/

    @property
    def short_name(self) -> str:
        return self.short or self.name

    @property
    def slug(self) -> str:
        """The organisation's name as a file name: 'Sekolah Hak Sumba' -> 'sekolah-hak-sumba' (the offline zip, the ZIM files, caches)."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "kurikulum"

    @property
    def help_path(self) -> Path:
        return self.modules_dir / self.help_file

    @property
    def modules_dir(self) -> Path:
        return self.root / "modules"

    @property
    def config_path(self) -> Path:
        return self.modules_dir / ORGANISATION_FILE

    def words(self, lang: str) -> Words:
        return self._words[lang] if lang in self._words else self._organisation_words(lang)

    @cached_property
    def _words(self) -> dict[str, Words]:
        return {lang: self._organisation_words(lang) for lang in self.languages}

    def _organisation_words(self, lang: str) -> Words:
        """The language's words with this organisation's facts filled in (``ui.licence``: "Lisensi CC BY-SA 4.0").

        Every printed document and page shows the licence line from the words; the licence itself
        is the organisation's, so it is filled in here, once, instead of in every template.
        """
        words = words_for(lang, self.languages.default, self.root)
        ui = dict(words.data.get("ui", {}))
        licence = str(ui.get("licence", "{licence}")).format(licence=self.licence) if self.licence else ui.get("no_licence", "")
        ui["licence"] = licence
        return Words(words.code, {**words.data, "ui": ui})

    def copyright(self, lang: str) -> str:
        """The site's footer line in ``lang``: the organisation (its region, its contact) and the content's licence."""
        words = self.words(lang)
        who = ", ".join(part for part in (self.name, self.region) if part)
        if self.contact:
            who = f"{who} · {self.contact}"
        return words.ui("copyright", organisation=who, licence=words.ui("licence"))

    def text(self, texts: dict[str, str], lang: str) -> str:
        """A per-language text in ``lang``, or in the default language when it has none."""
        return texts.get(lang) or texts.get(self.languages.default, "")

    def audience_label(self, audience: str, lang: str) -> str:
        return self.text(self.audiences.get(audience, {}), lang) or audience


def read_settings(
    root: Path, today: datetime.date | None = None, documents: dict[str, YamlDocument] | None = None
) -> tuple[Settings, list[Finding]]:
    """The settings, and findings for anything wrong in the file (then the defaults stand in).

    ``documents``, when given, receives the parsed file (the checker scans every YAML value for markup).
    """
    findings: list[Finding] = []
    path = root / "modules" / ORGANISATION_FILE
    shown = relative(path, root)
    defaults = Settings(root.resolve(), root.resolve().name, default_languages())
    if not path.exists():
        findings.append(Finding(relative(root / "modules", root), 1, "missing-file", {"file": ORGANISATION_FILE}))
        return defaults, findings
    try:
        document = parse_yaml(read_text(path))
    except Unreadable as error:
        findings.append(Finding(shown, error.line, error.rule, dict(error.params)))
        return defaults, findings
    except YamlError as error:
        from kurikulum.loader import yaml_finding

        findings.append(yaml_finding(shown, error))
        return defaults, findings
    if documents is not None:
        documents[shown] = document
    languages = _languages(document.data, document, shown, findings)
    reader = Reader(document, shown, findings, languages, today or datetime.date.today())
    values = reader.record(ORGANISATION) or {}
    settings = Settings(
        root.resolve(),
        values.get("name") or defaults.name,
        languages,
        audiences=values.get("audiences") or {},
        description=values.get("description") or {},
        site_url=(values["site_url"].rstrip("/") + "/") if values.get("site_url") else None,
        repository=values.get("repository"),
        licence=values.get("licence"),
        colours=values.get("colours") or {},
        short=values.get("short_name"),
        tagline=values.get("tagline") or {},
        logo=values.get("logo"),
        region=values.get("region"),
        contact=values.get("contact"),
        help_file=values.get("help_file") or HELP_FILE,
    )
    _check_files(settings, document, shown, findings)
    return settings, findings


def _check_files(settings: Settings, document: YamlDocument, shown: str, findings: list[Finding]) -> None:
    """The files the organisation file names must exist: the logo (under docs/), the help directory (under modules/)."""
    named = (("logo", settings.logo, settings.root / "docs"), ("berkas_bantuan", settings.help_file, settings.modules_dir))
    for key, name, folder in named:
        if name is None or key not in (document.data or {}):
            continue
        target = (folder / name).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            line = document.line(key)
            findings.append(
                Finding(
                    shown,
                    line,
                    "missing-organisation-file",
                    {"field": key, "file": name, "folder": relative(folder, settings.root)},
                )
            )


def _languages(data: object, document: object, shown: str, findings: list[Finding]) -> Languages:
    """The ``bahasa`` list, read before the rest of the file (the other fields are per-language texts)."""
    items = data.get("bahasa") if isinstance(data, dict) else None
    languages: list[Language] = []
    if isinstance(items, list):
        for index, item in enumerate(items):
            code = item.get("kode") if isinstance(item, dict) else None
            name = item.get("nama") if isinstance(item, dict) else None
            if isinstance(code, str) and LANGUAGE_CODE.match(code) and code not in [lang.code for lang in languages]:
                languages.append(Language(code, str(name or code)))
            elif isinstance(code, str):
                line = document.line("bahasa", index, "kode")  # type: ignore[attr-defined]
                findings.append(Finding(shown, line, "bad-language", {"value": code}))
    return Languages(tuple(languages)) if languages else default_languages()
