"""Load ``modules/`` into a :class:`Curriculum`, collecting findings instead of raising."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from kurikulum.findings import Finding, relative
from kurikulum.markdown_source import Block, FrontMatterError, MarkdownSource, has_content, normalise_lists, read_markdown
from kurikulum.model import (
    Curriculum,
    HandoutText,
    HelpService,
    LegalBasis,
    Module,
    Review,
    Section,
    Step,
    Term,
    Topic,
    TrainerText,
)
from kurikulum.schema import Reader, suggest
from kurikulum.translation import FINGERPRINT_KEY, fingerprint
from kurikulum.vocabulary import (
    ALLOW_FILE,
    AUDIENCES,
    FILES,
    HELP_FILE,
    LANGUAGES,
    MINUTE_WORDS,
    REVIEW_STATES,
    TERMS_FILE,
    TOPIC_FILE,
    TRAINER_SECTIONS,
)
from kurikulum.yaml_source import YamlError, parse_yaml

STEP_HEADING = re.compile(
    r"^(?P<title>.*?)\s*\(\s*(?P<minutes>\d+)\s*(?:" + "|".join(MINUTE_WORDS) + r")\s*\)\s*$", re.IGNORECASE
)
MODULE_FIELDS = (
    "id",
    "urutan",
    "durasi",
    "peserta",
    "ukuran_kelompok",
    "sensitif",
    "tinjauan",
    "dasar_hukum",
    "istilah",
    "bantuan",
)
LEGAL_FIELDS = ("jenis", "nomor", "tahun", "judul", "dicek", "sumber")


class Loader:
    def __init__(self, root: Path, today: datetime.date | None = None) -> None:
        self.root = root
        self.modules_dir = root / "modules"
        self.today = today or datetime.date.today()
        self.findings: list[Finding] = []

    # -- helpers -------------------------------------------------------------

    def rel(self, path: Path) -> str:
        return relative(path, self.root)

    def report(self, path: Path, line: int, rule: str, **params: object) -> None:
        self.findings.append(Finding(self.rel(path), line, rule, params))

    def read_text(self, path: Path) -> str | None:
        try:
            return path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            self.report(path, line, "yaml-syntax", problem="teks bukan UTF-8 / the text is not UTF-8")
            return None

    def read_yaml(self, path: Path) -> Reader | None:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            document = parse_yaml(text)
        except YamlError as error:
            self.report(path, error.line, "yaml-syntax", problem=error.problem)
            return None
        return Reader(document, self.rel(path), self.findings)

    def read_markdown(self, path: Path) -> MarkdownSource | None:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            return read_markdown(text)
        except FrontMatterError as error:
            self.report(path, error.line, "front-matter")
        except YamlError as error:
            self.report(path, error.line, "yaml-syntax", problem=error.problem)
        return None

    # -- the whole curriculum --------------------------------------------------

    def load(self) -> Curriculum:
        curriculum = Curriculum(self.modules_dir)
        help_path = self.modules_dir / HELP_FILE
        if help_path.exists():
            curriculum.help = self.load_help(help_path)
        allow_path = self.modules_dir / ALLOW_FILE
        if allow_path.exists():
            curriculum.allowed_data = self.load_allowed(allow_path)
        for folder in sorted(p for p in self.modules_dir.iterdir() if _published(p)) if self.modules_dir.is_dir() else []:
            if not folder.is_dir():
                continue
            topic = self.load_topic(folder)
            if topic is None:
                continue
            curriculum.topics.append(topic)
            terms_path = folder / TERMS_FILE
            if terms_path.exists():
                for term in self.load_terms(terms_path):
                    if term.term in curriculum.terms:
                        other = curriculum.terms[term.term].source_path
                        self.report(terms_path, 1, "duplicate-id", value=term.term, other=self.rel(other) if other else "?")
                    else:
                        curriculum.terms[term.term] = term
        curriculum.topics.sort(key=lambda topic: (topic.order, topic.id))
        return curriculum

    def load_topic(self, folder: Path) -> Topic | None:
        path = folder / TOPIC_FILE
        if not path.exists():
            if any((child / FILES["meta"]).exists() for child in folder.iterdir() if child.is_dir()):
                self.report(folder, 1, "unknown-topic", value=folder.name)
            return None
        reader = self.read_yaml(path)
        if reader is None or not reader.fields((), ("urutan", "judul", "deskripsi")):
            return None
        topic = Topic(
            id=folder.name,
            order=reader.integer("urutan", low=1, high=99, example="urutan: 1") or 99,
            title=reader.bilingual("judul", example="judul: {id: ..., en: ...}"),
            description=reader.bilingual("deskripsi", example="deskripsi: {id: ..., en: ...}"),
            folder=folder,
        )
        for child in sorted(p for p in folder.iterdir() if p.is_dir() and _published(p)):
            module = self.load_module(child, topic.id)
            if module is not None:
                topic.modules.append(module)
        topic.modules.sort(key=lambda module: (module.order, module.id))
        return topic

    # -- one module -------------------------------------------------------------

    def load_module(self, folder: Path, topic_id: str) -> Module | None:
        meta_path = folder / FILES["meta"]
        if not meta_path.exists():
            self.report(folder, 1, "missing-file", file=FILES["meta"])
            return None
        reader = self.read_yaml(meta_path)
        if reader is None:
            return None
        if not reader.fields(
            (),
            ("id", "urutan", "durasi", "peserta", "ukuran_kelompok", "tinjauan"),
            ("sensitif", "dasar_hukum", "istilah", "bantuan"),
        ):
            return None
        module = Module(
            id=reader.slug("id", example="id: hak-pekerja-migran") or folder.name,
            topic=topic_id,
            order=reader.integer("urutan", low=1, high=999, example="urutan: 1") or 999,
            duration=reader.integer("durasi", low=30, high=240, example="durasi: 120") or 0,
            audience=self.audience(reader),
            group_min=0,
            group_max=0,
            sensitive=bool(reader.boolean("sensitif", example="sensitif: false")),
            review=self.review(reader),
            legal_basis=self.legal_basis(reader),
            terms=reader.text_list("istilah", example="istilah: [PMI, CPMI]"),
            help=reader.text_list("bantuan", example="bantuan: [sapa-129]"),
            folder=folder,
        )
        if reader.fields(("ukuran_kelompok",), ("min", "maks")):
            low = reader.integer("ukuran_kelompok", "min", low=1, high=200, example="min: 10")
            high = reader.integer("ukuran_kelompok", "maks", low=1, high=200, example="maks: 25")
            if low and high and high < low:
                reader.report(
                    reader.line("ukuran_kelompok", "maks"),
                    "out-of-range",
                    field="ukuran_kelompok.maks",
                    value=high,
                    allowed=f"paling sedikit {low} (min)",
                    allowed_en=f"at least {low} (min)",
                )
            module.group_min, module.group_max = low or 0, high or 0
        for lang in LANGUAGES:
            trainer_path = folder / FILES["trainer"].format(lang=lang)
            handout_path = folder / FILES["handout"].format(lang=lang)
            if trainer_path.exists():
                trainer = self.load_trainer(trainer_path, lang)
                if trainer is not None:
                    module.trainer[lang] = trainer
            elif lang == "id":
                self.report(folder, 1, "missing-file", file=trainer_path.name)
            if handout_path.exists():
                handout = self.load_handout(handout_path)
                if handout is not None:
                    module.handout[lang] = handout
            elif lang == "id":
                self.report(folder, 1, "missing-file", file=handout_path.name)
        return module

    def audience(self, reader: Reader) -> list[str]:
        result = []
        for index, _ in enumerate(reader.items("peserta", example="peserta: [pkk, p3a]")):
            value = reader.choice("peserta", index, choices=AUDIENCES, example="peserta: [pkk, p3a]")
            if value:
                result.append(value)
        if reader.value("peserta") == []:
            reader.report(reader.line("peserta"), "required-field", field="peserta")
        return result

    def review(self, reader: Reader) -> Review:
        if not reader.fields(("tinjauan",), ("status",), ("peninjau", "tanggal")):
            return Review()
        status = reader.choice("tinjauan", "status", choices=REVIEW_STATES, example="status: draf") or "draf"
        reviewer = reader.text("tinjauan", "peninjau", example="peninjau: Nama Peninjau, S.H.") or ""
        date = reader.date("tinjauan", "tanggal", example="tanggal: 2026-03-01", today=self.today)
        if status == "ditinjau" and not (reviewer and date):
            reader.report(reader.line("tinjauan", "status"), "reviewer-missing")
            status = "draf"
        return Review(status, reviewer, date)

    def legal_basis(self, reader: Reader) -> list[LegalBasis]:
        result = []
        for index, _ in enumerate(reader.items("dasar_hukum", example="dasar_hukum: [...]")):
            path = ("dasar_hukum", index)
            if not reader.fields(path, LEGAL_FIELDS, ("pasal", "catatan")):
                continue
            values = {
                "kind": reader.text(*path, "jenis", example="jenis: UU"),
                "number": reader.text(*path, "nomor", example="nomor: 18"),
                "year": reader.integer(*path, "tahun", low=1945, high=self.today.year + 1, example="tahun: 2017"),
                "title": reader.text(*path, "judul", example="judul: Pelindungan Pekerja Migran Indonesia"),
                "checked": reader.date(*path, "dicek", example="dicek: 2026-02-28", today=self.today),
                "source": reader.text(*path, "sumber", example="sumber: https://peraturan.info/uu/2017/18"),
            }
            if any(value is None for value in values.values()):
                continue
            entry = LegalBasis(**values, article=reader.text(*path, "pasal", example="pasal: Pasal 6", required=False) or "")
            entry.note = reader.bilingual(*path, "catatan", example="catatan: {id: ..., en: ...}")
            entry.line = reader.line(*path)
            result.append(entry)
        return result

    def front(self, source: MarkdownSource, path: Path) -> Reader | None:
        if source.front_matter is None:
            return None
        return Reader(source.front_matter, self.rel(path), self.findings)

    def load_trainer(self, path: Path, lang: str) -> TrainerText | None:
        source = self.read_markdown(path)
        if source is None:
            return None
        reader = self.front(source, path)
        optional = (FINGERPRINT_KEY,) if lang != "id" else ()
        if reader is None:
            self.report(path, 1, "required-field", field="judul")
            title = summary = ""
            recorded = None
        elif reader.fields((), ("judul", "ringkasan"), optional):
            title = reader.text("judul", example="judul: Hak pekerja migran") or ""
            summary = reader.text("ringkasan", example="ringkasan: Satu kalimat tentang sesi ini.") or ""
            recorded = str(reader.value(FINGERPRINT_KEY)) if reader.value(FINGERPRINT_KEY) is not None else None
        else:
            return None
        headings = {names[lang]: key for key, names in TRAINER_SECTIONS.items()}
        sections: dict[str, Section] = {}
        order: list[str] = []
        steps: list[Step] = []
        for block in source.sections:
            key = headings.get(block.heading.text)
            if key is None:
                self.report(
                    path,
                    block.heading.line,
                    "unknown-section",
                    heading=block.heading.text,
                    suggestion=suggest(block.heading.text, headings) or "Tujuan",
                    known=", ".join(headings),
                )
                continue
            if key in sections:
                self.report(path, block.heading.line, "duplicate-section", section=block.heading.text)
                continue
            sections[key] = Section(key, block.heading.text, block.heading.line, normalise_lists(block.body))
            order.append(key)
            if key == "steps":
                steps = self.steps(path, block)
            elif not has_content(block.body):
                self.report(path, block.heading.line, "empty-section", section=block.heading.text)
        return TrainerText(path, title, summary, sections, order, steps, recorded, fingerprint(source.text))

    def steps(self, path: Path, block: Block) -> list[Step]:
        result = []
        for child in block.children:
            match = STEP_HEADING.match(child.heading.text)
            if not match:
                self.report(path, child.heading.line, "step-minutes", step=child.heading.text)
                continue
            result.append(
                Step(match.group("title"), int(match.group("minutes")), child.heading.line, normalise_lists(child.body))
            )
        if not block.children:
            self.report(path, block.heading.line, "no-steps")
        return result

    def load_handout(self, path: Path) -> HandoutText | None:
        source = self.read_markdown(path)
        if source is None:
            return None
        recorded = None
        reader = self.front(source, path)
        if reader is not None and reader.fields((), (), (FINGERPRINT_KEY,)):
            value = reader.value(FINGERPRINT_KEY)
            recorded = str(value) if value is not None else None
        for block in source.sections:
            if not has_content(block.body):
                self.report(path, block.heading.line, "empty-section", section=block.heading.text)
        return HandoutText(path, normalise_lists(source.body), recorded, fingerprint(source.text))

    # -- shared data --------------------------------------------------------------

    def load_terms(self, path: Path) -> list[Term]:
        reader = self.read_yaml(path)
        if reader is None:
            return []
        if not isinstance(reader.document.data, list):
            reader.report(1, "not-a-list")
            return []
        result = []
        for index, _ in enumerate(reader.document.data):
            if not reader.fields((index,), ("istilah", "arti"), ("kepanjangan", "sinonim")):
                continue
            term = reader.text(index, "istilah", example="istilah: PMI")
            meaning = reader.bilingual(index, "arti", example="arti: {id: ..., en: ...}")
            if term and len(meaning) == 2:
                result.append(
                    Term(
                        term,
                        meaning,
                        expansion=reader.text(
                            index, "kepanjangan", example="kepanjangan: Pekerja Migran Indonesia", required=False
                        )
                        or "",
                        synonyms=reader.text_list(index, "sinonim", example="sinonim: [TKI]"),
                        source_path=path,
                    )
                )
        return result

    def load_help(self, path: Path) -> dict[str, HelpService]:
        reader = self.read_yaml(path)
        if reader is None:
            return {}
        if not isinstance(reader.document.data, list):
            reader.report(1, "not-a-list")
            return {}
        result: dict[str, HelpService] = {}
        for index, _ in enumerate(reader.document.data):
            if not reader.fields((index,), ("id", "nama", "untuk", "sumber", "dicek"), ("telepon", "whatsapp", "catatan")):
                continue
            service_id = reader.slug(index, "id", example="id: sapa-129")
            name = reader.text(index, "nama", example="nama: SAPA 129 (KemenPPPA)")
            checked = reader.date(index, "dicek", example="dicek: 2026-02-28", today=self.today)
            source = reader.text(index, "sumber", example="sumber: ...")
            if not (service_id and name and checked and source):
                continue
            if service_id in result:
                reader.report(reader.line(index, "id"), "duplicate-id", value=service_id, other=self.rel(path))
                continue
            result[service_id] = HelpService(
                service_id,
                name,
                purpose=reader.bilingual(index, "untuk", example="untuk: {id: ..., en: ...}"),
                phones=reader.text_list(index, "telepon", example='telepon: ["129"]'),
                whatsapp=reader.text_list(index, "whatsapp", example='whatsapp: ["08111-129-129"]'),
                source=source,
                checked=checked,
                note=reader.bilingual(index, "catatan", example="catatan: {id: ..., en: ...}"),
            )
        return result

    def load_allowed(self, path: Path) -> set[str]:
        """The reviewed allow-list of values the personal-data rule must not flag."""
        reader = self.read_yaml(path)
        if reader is None or reader.document.data is None:
            return set()
        if not isinstance(reader.document.data, list):
            reader.report(1, "not-a-list")
            return set()
        allowed = set()
        for index, _ in enumerate(reader.document.data):
            if not reader.fields((index,), ("nilai", "alasan", "ditinjau_oleh", "tanggal")):
                continue
            value = reader.text(index, "nilai", example='nilai: "0274-123456"')
            reader.text(index, "alasan", example="alasan: Nomor kantor layanan publik, dicek di situs resminya.")
            reader.text(index, "ditinjau_oleh", example="ditinjau_oleh: Nama Pengulas")
            reader.date(index, "tanggal", example="tanggal: 2026-03-01", today=self.today)
            if value:
                allowed.add(value)
        return allowed


def _published(path: Path) -> bool:
    return not path.name.startswith(("_", "."))
