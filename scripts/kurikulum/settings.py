"""The curriculum's configuration: the organisation and its languages, read from ``modules/organisasi.yml``.

Languages are one ordered list there, the default first. Everything else that depends on
a language (headings, interface words, checker messages) comes from that language's
words file (:mod:`kurikulum.language`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kurikulum.check.findings import Finding, relative
from kurikulum.format.fields import LANGUAGE_CODE, ORGANISATION, ORGANISATION_FILE
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

    @property
    def modules_dir(self) -> Path:
        return self.root / "modules"

    @property
    def config_path(self) -> Path:
        return self.modules_dir / ORGANISATION_FILE

    def words(self, lang: str) -> Words:
        return self._words[lang] if lang in self._words else words_for(lang, self.languages.default, self.root)

    @cached_property
    def _words(self) -> dict[str, Words]:
        return {lang: words_for(lang, self.languages.default, self.root) for lang in self.languages}

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
    )
    return settings, findings


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
