"""What a check can reuse from the previous one in a long-running process (``kurikulum serve``).

A module is read and checked again only when a file in its folder changed, or something it
depends on did: the configuration and words (``settings``), the date, and for the rules the
names of the glossary terms and help entries, the allowed personal data and the set of pages
a link may point at. Everything else is taken from the last check, findings included, so a
check after an edit costs the edited module plus the cross-file rules.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from kurikulum.check.findings import Finding
from kurikulum.format.yaml_source import YamlDocument
from kurikulum.language import CURRICULUM_WORDS, PACKAGE_WORDS
from kurikulum.model import Module


def file_digest(*paths: Path, known: dict[str, tuple[tuple[int, int, int], bytes]] | None = None) -> str:
    """A hash of the names and bytes of ``paths`` (files, or folders taken whole).

    With ``known`` (kept by the memo), a file whose inode, size and modification time are those
    of its last reading is not read again: after an edit, only the edited file is.
    """
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        for name in _files(str(path)):
            digest.update(name.encode() + b"\0")
            digest.update(_content_digest(name, known))
            digest.update(b"\0")
    return digest.hexdigest()


def _files(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(path) for name in names)


def _content_digest(name: str, known: dict[str, tuple[tuple[int, int, int], bytes]] | None) -> bytes:
    status = os.stat(name)
    key = (status.st_ino, status.st_size, status.st_mtime_ns)
    if known is not None and (hit := known.get(name)) is not None and hit[0] == key:
        return hit[1]
    with open(name, "rb") as file:
        content = hashlib.blake2b(file.read(), digest_size=16).digest()
    if known is not None:
        known[name] = (key, content)
    return content


def settings_digest(root: Path) -> str:
    """What every module's reading depends on: organisasi.yml and the words files."""
    return file_digest(root / "modules" / "organisasi.yml", PACKAGE_WORDS, root / CURRICULUM_WORDS)


@dataclass
class Loaded:
    key: tuple[object, ...]
    module: Module | None
    findings: list[Finding]
    documents: dict[str, YamlDocument]
    unreadable: list[Module] = field(default_factory=list)  #: the texts kept when modul.yml could not be read


@dataclass
class CheckMemo:
    """Modules as last read, and the findings of the per-module rules, by module folder."""

    loaded: dict[Path, Loaded] = field(default_factory=dict)
    ruled: dict[Path, tuple[tuple[object, ...], list[Finding]]] = field(default_factory=dict)
    digests: dict[Path, str] = field(default_factory=dict)  #: module folder -> its digest, for this check
    files: dict[str, tuple[tuple[int, int, int], bytes]] = field(default_factory=dict)  #: file -> its state and bytes' hash
    yaml: dict[Path, tuple[str, YamlDocument]] = field(default_factory=dict)  #: file -> (text, parsed) as last read
    settings: str = ""
    today: datetime.date | None = None

    def start(self, root: Path, today: datetime.date) -> None:
        self.digests = {}
        self.settings = settings_digest(root)
        self.today = today

    def digest(self, folder: Path) -> str:
        if folder not in self.digests:
            self.digests[folder] = file_digest(folder, known=self.files)
        return self.digests[folder]

    def load_key(self, folder: Path, topic_id: str) -> tuple[object, ...]:
        return (self.digest(folder), topic_id, self.settings, self.today)

    def forget_missing(self) -> None:
        """Folders that are gone since the last check are dropped."""
        for store in (self.loaded, self.ruled):
            for folder in [f for f in store if f not in self.digests]:
                del store[folder]


def memo_loader(root: Path, today: datetime.date | None, memo: CheckMemo):
    """A :class:`~kurikulum.loader.Loader` that takes unchanged modules from ``memo``."""
    from kurikulum.loader import Loader

    class MemoLoader(Loader):
        def read_yaml(self, path: Path):
            """The shared files (terms, help, topics) are parsed again only when their text changed."""
            from kurikulum.format.yaml_source import YamlError, parse_yaml
            from kurikulum.loader import yaml_finding

            text = self.read(path)
            if text is None:
                return None
            known = memo.yaml.get(path)
            if known is None or known[0] != text:
                try:
                    known = (text, parse_yaml(text))
                except YamlError as error:
                    self.findings.append(yaml_finding(self.rel(path), error))
                    return None
                memo.yaml[path] = known
            return self.reader(path, known[1])

        def load_module(self, folder: Path, topic_id: str) -> Module | None:
            key = memo.load_key(folder, topic_id)
            hit = memo.loaded.get(folder)
            if hit is not None and hit.key == key:
                self.findings.extend(hit.findings)
                self.documents.update(hit.documents)
                self.unreadable.extend(hit.unreadable)
                return hit.module
            findings_before, documents_before = len(self.findings), set(self.documents)
            unreadable_before = len(self.unreadable)
            module = super().load_module(folder, topic_id)
            documents = {name: doc for name, doc in self.documents.items() if name not in documents_before}
            memo.loaded[folder] = Loaded(
                key, module, self.findings[findings_before:], documents, self.unreadable[unreadable_before:]
            )
            return module

    loader = MemoLoader(root, today)
    memo.start(root, loader.today)
    return loader


def rules_key(memo: CheckMemo, context) -> tuple[object, ...]:
    """What the per-module rules read besides the module itself."""
    curriculum = context.curriculum
    return (
        memo.settings,
        memo.today,
        tuple(sorted(curriculum.terms)),
        tuple(sorted(curriculum.help)),
        tuple(sorted(context.help_numbers)),
        tuple(sorted(curriculum.allowed_data)),
        tuple(sorted(context.site_pages)),
    )
