"""The content format, declared once: every file a curriculum holds, every key, its kind, and an example.

The loader reads through these tables; the commented template module, ``kurikulum new``'s
skeleton, the field tables of CONTRIBUTING.md and the JSON Schema of ``modul.yml`` are
generated from them (:mod:`kurikulum.format.docs`). The explanation of each field, for
volunteers, is in the words files under ``fields.<record>.<key>``.

Keys are what volunteers type (Indonesian); ``attr`` is the English name used in code
(``durasi`` → ``duration``): CONTRIBUTING.md has the table of both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kurikulum.check.findings import Phrase
from kurikulum.format.kinds import (
    SLUG,
    Address,
    Boolean,
    Choice,
    Colour,
    Date,
    Field,
    Integer,
    Kind,
    ListOf,
    Record,
    Slug,
    Text,
    Texts,
)
from kurikulum.format.reader import Reader

# -- file names ------------------------------------------------------------------------------

MODULE_FILE = "modul.yml"
TRAINER_FILE = "pelatih.{lang}.md"
HANDOUT_FILE = "peserta.{lang}.md"
TOPIC_FILE = "topik.yml"
TERMS_FILE = "istilah.yml"
HELP_FILE = "bantuan.yml"
ALLOW_FILE = "izin-data.yml"
ORGANISATION_FILE = "organisasi.yml"
FINGERPRINT_KEY = "terjemahan_dari"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping whose keys are ids chosen by the curriculum (``peserta: {pkk: {...}, p3a: {...}}``)."""

    value: Kind

    type_key = "mapping"

    def read(self, reader: Reader, path: tuple[object, ...]) -> dict[str, Any] | None:
        data = reader.value(*path)
        if data is None:
            return None
        if not isinstance(data, dict):
            reader.wrong_type(path, self)
            return None
        result = {}
        for key in data:
            if not isinstance(key, str) or not SLUG.match(key):
                reader.report(
                    reader.line(*path, key),
                    "wrong-type",
                    field=f"{reader.name(path)}.{key}",
                    expected=Phrase("types", "slug"),
                    example="",
                )
                continue
            value = self.value.read(reader, (*path, key))
            if value is not None:
                result[str(key)] = value
        return result

    def schema(self, languages: Any) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.schema(languages)}


# -- cross-field rules (small functions, as static-i18n's validate()) -------------------------


def group_max_not_below_min(reader: Reader, path: tuple[object, ...], values: dict[str, Any]) -> None:
    low, high = values.get("low"), values.get("high")
    if low and high and high < low:
        reader.out_of_range((*path, "maks"), high, "at_least", low=low)
        values["high"] = None


def region_unless_national(reader: Reader, path: tuple[object, ...], values: dict[str, Any]) -> None:
    if values.get("scope") not in (None, "nasional") and not values.get("region"):
        reader.report(reader.line(*path, "cakupan"), "required-field", field=reader.name((*path, "wilayah")))


def year_limit(reader: Reader) -> int:
    return reader.today.year + 1


# -- the organisation -----------------------------------------------------------------------

COLOURS = Record(
    name="organisasi.warna",
    fields=(
        Field("utama", "theme", Colour(), 'utama: "#1d4e89"', required=True),
        Field("latar", "background", Colour(), 'latar: "#ffffff"', required=True),
        Field("terang", "light", Colour(), 'terang: "#3a6ea5"'),
        Field("gelap", "dark", Colour(), 'gelap: "#12355e"'),
        Field("aksen", "accent", Colour(), 'aksen: "#0b5d62"'),
    ),
)

LANGUAGE = Record(
    name="organisasi.bahasa",
    fields=(
        Field("kode", "code", Text(), "kode: id", required=True),
        Field("nama", "name", Text(), "nama: Bahasa Indonesia", required=True),
    ),
)

ORGANISATION = Record(
    name="organisasi",
    fields=(
        Field("nama", "name", Text(), "nama: Sekolah Hak Desa", required=True),
        Field("nama_pendek", "short_name", Text(), "nama_pendek: SHD"),
        Field("slogan", "tagline", Texts(), "slogan: {id: Hak kita, desa kita.}"),
        Field("deskripsi", "description", Texts(), "deskripsi: {id: Kurikulum pendidikan hak untuk desa.}"),
        Field("situs", "site_url", Address(), "situs: https://contoh.github.io/sekolah-hak/"),
        Field("repositori", "repository", Address(), "repositori: https://github.com/contoh/sekolah-hak"),
        Field("logo", "logo", Text(), "logo: img/logo.png"),
        Field("lisensi", "licence", Text(), "lisensi: CC BY-SA 4.0"),
        Field("warna", "colours", COLOURS, 'warna: {utama: "#1d4e89", latar: "#ffffff"}'),
        Field("wilayah", "region", Text(), "wilayah: Kabupaten Contoh"),
        Field("kontak", "contact", Text(), "kontak: halo@contoh.or.id"),
        Field("berkas_bantuan", "help_file", Text(), f"berkas_bantuan: {HELP_FILE}"),
        Field(
            "bahasa",
            "languages",
            ListOf(LANGUAGE, non_empty=True),
            "bahasa:\n  - kode: id\n    nama: Bahasa Indonesia\n  - kode: en\n    nama: English",
            required=True,
        ),
        Field(
            "peserta",
            "audiences",
            MapOf(Texts()),
            "peserta:\n  pkk: {id: Kader PKK, en: PKK members}",
            required=True,
        ),
    ),
)

# -- a module ---------------------------------------------------------------------------------

GROUP_SIZE = Record(
    name="modul.ukuran_kelompok",
    fields=(
        Field("min", "low", Integer(1, 200), "min: 10", required=True),
        Field("maks", "high", Integer(1, 200), "maks: 25", required=True),
    ),
    checks=(group_max_not_below_min,),
)

# A review vouches for the text it read: `kurikulum reviewed` writes these, with the text's fingerprint.
REVIEW_ROLES = ("hukum", "isi")  # legal review, content review
REVIEW_ENTRY = Record(
    name="modul.tinjauan.entri",
    fields=(
        Field("peninjau", "reviewer", Text(), "peninjau: Nama Peninjau, S.H.", required=True),
        Field("tanggal", "date", Date(), "tanggal: 2026-03-01", required=True),
        Field("sidik", "fingerprint", Text(), "sidik: 3f2a9c41b0d7", required=True),
    ),
)
REVIEW = Record(
    name="modul.tinjauan",
    fields=(
        Field(
            "hukum",
            "legal",
            REVIEW_ENTRY,
            "hukum:\n  peninjau: Nama Peninjau, S.H.\n  tanggal: 2026-03-01\n  sidik: 3f2a9c41b0d7",
        ),
        Field(
            "isi", "content", REVIEW_ENTRY, "isi:\n  peninjau: Nama Pengulas Isi\n  tanggal: 2026-03-01\n  sidik: 3f2a9c41b0d7"
        ),
    ),
)

LEGAL_BASIS = Record(
    name="modul.dasar_hukum",
    fields=(
        Field("jenis", "kind", Text(), "jenis: UU", required=True),
        Field("nomor", "number", Text(), "nomor: 18", required=True),
        Field("tahun", "year", Integer(1945, year_limit), "tahun: 2017", required=True),
        Field("judul", "title", Text(), "judul: Pelindungan Pekerja Migran Indonesia", required=True),
        Field("pasal", "article", Text(), "pasal: Pasal 6 ayat (1)"),
        Field("dicek", "checked", Date(), "dicek: 2026-02-28", required=True),
        Field(
            "sumber",
            "sources",
            ListOf(Text(), one_or_more=True),
            "sumber: https://peraturan.info/uu/2017/18",
            required=True,
        ),
        Field("catatan", "note", Texts(), "catatan: {id: Catatan untuk pelatih., en: A note for trainers.}"),
    ),
)

MODULE = Record(
    name="modul",
    fields=(
        Field("id", "id", Slug(), "id: contoh-modul", required=True),
        Field("urutan", "order", Integer(1, 999), "urutan: 1", required=True),
        Field("durasi", "duration", Integer(30, 240), "durasi: 90", required=True),
        Field("peserta", "audience", ListOf(Text(), non_empty=True), "peserta: [pkk, p3a]", required=True),
        Field("ukuran_kelompok", "group_size", GROUP_SIZE, "ukuran_kelompok:\n  min: 10\n  maks: 25", required=True),
        Field("sensitif", "sensitive", Boolean(), "sensitif: false"),
        Field(
            "tinjauan",
            "review",
            REVIEW,
            "tinjauan:\n  hukum:\n    peninjau: Nama Peninjau, S.H.\n    tanggal: 2026-03-01\n    sidik: 3f2a9c41b0d7",
            by_command=True,
        ),
        Field(
            "dasar_hukum",
            "legal_basis",
            ListOf(LEGAL_BASIS),
            "dasar_hukum:\n  - jenis: UU\n    nomor: 16\n    tahun: 2011\n    judul: Bantuan Hukum\n"
            "    pasal: Pasal 1 angka 1\n    dicek: 2026-02-28\n    sumber: https://peraturan.info/uu/2011/16",
        ),
        Field("istilah", "terms", ListOf(Text()), "istilah: [bantuan hukum, OBH]"),
        Field("bantuan", "help", ListOf(Text()), "bantuan: [sapa-129]"),
    ),
)

# -- a topic, the glossary, the help directory, the personal-data allow-list -----------------------

TOPIC = Record(
    name="topik",
    fields=(
        Field("urutan", "order", Integer(1, 99), "urutan: 1", required=True),
        Field("judul", "title", Texts(), "judul:\n  id: Hak pekerja migran\n  en: Migrant workers' rights", required=True),
        Field(
            "deskripsi",
            "description",
            Texts(),
            "deskripsi:\n  id: Hak pekerja migran dan keluarganya.\n  en: The rights of migrant workers and their families.",
            required=True,
        ),
    ),
)

TERM = Record(
    name="istilah",
    fields=(
        Field("istilah", "term", Text(), "istilah: PMI", required=True),
        Field("kepanjangan", "expansion", Text(), "kepanjangan: Pekerja Migran Indonesia"),
        Field("sinonim", "synonyms", ListOf(Text()), "sinonim: [TKI, buruh migran]"),
        Field(
            "arti",
            "meaning",
            Texts(),
            "arti:\n  id: Warga negara Indonesia yang bekerja dengan upah di luar negeri.\n"
            "  en: An Indonesian citizen who works for wages abroad.",
            required=True,
        ),
    ),
)

SCOPES = ("nasional", "provinsi", "kabupaten")
CONFIDENCE = ("teks", "sekunder", "belum")
HELP = Record(
    name="bantuan",
    fields=(
        Field("id", "id", Slug(), "id: sapa-129", required=True),
        Field("nama", "name", Text(), "nama: SAPA 129 (KemenPPPA)", required=True),
        Field("untuk", "purpose", Texts(), "untuk: {id: Kekerasan terhadap perempuan dan anak.}", required=True),
        Field("cakupan", "scope", Choice(SCOPES), "cakupan: nasional", required=True),
        Field("wilayah", "region", Text(), "wilayah: Kabupaten Contoh"),
        Field("telepon", "phones", ListOf(Text()), 'telepon: ["129", "021-129"]'),
        Field("whatsapp", "whatsapp", ListOf(Text()), 'whatsapp: ["08111-129-129"]'),
        Field("situs", "website", Text(), "situs: pa-wates.go.id"),
        Field("catatan", "note", Texts(), "catatan: {id: Dari telepon genggam, tekan 021-129.}"),
        Field("catatan_pelatih", "trainer_note", Texts(), "catatan_pelatih: {id: Cek nomornya sebelum dicetak.}"),
        Field("sumber", "sources", ListOf(Text(), one_or_more=True), "sumber: [kontan (November 2025)]", required=True),
        Field("dicek", "checked", Date(), "dicek: 2026-02-28", required=True),
        Field("keyakinan", "confidence", Choice(CONFIDENCE), "keyakinan: sekunder", required=True),
    ),
    checks=(region_unless_national,),
)

ALLOWED_VALUE = Record(
    name="izin-data",
    fields=(
        Field("nilai", "value", Text(), 'nilai: "0274-123456"', required=True),
        Field("alasan", "reason", Text(), "alasan: Nomor kantor layanan publik, dicek di situs resminya.", required=True),
        Field("ditinjau_oleh", "reviewed_by", Text(), "ditinjau_oleh: Nama Pengulas", required=True),
        Field("tanggal", "date", Date(), "tanggal: 2026-03-01", required=True),
    ),
)

# -- the front matter of the Markdown files ------------------------------------------------------

TRAINER_FRONT = Record(
    name="pelatih",
    fields=(
        Field("judul", "title", Text(), "judul: Hak pekerja migran", required=True),
        Field("ringkasan", "summary", Text(), "ringkasan: Satu kalimat tentang sesi ini.", required=True),
        Field(FINGERPRINT_KEY, "translated_from", Text(), f"{FINGERPRINT_KEY}: 98ee0f06d62b"),
    ),
)

HANDOUT_FRONT = Record(
    name="peserta",
    fields=(Field(FINGERPRINT_KEY, "translated_from", Text(), f"{FINGERPRINT_KEY}: 98ee0f06d62b"),),
)

# -- the sections of the Markdown files --------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A ``##`` section of a module's Markdown file; its heading in each language is ``sections.<key>`` in the words."""

    key: str
    required: bool = False
    steps: bool = False  # its ``###`` headings are timed steps
    minutes: int | None = None  # the steps must add up to this (else to the module's duration)
    items: tuple[int, int] | None = None  # the number of list items it must have
    when_sensitive: bool = False  # required in sensitive modules


TRAINER_SECTIONS = (
    Section("objectives", required=True, items=(2, 4)),
    Section("materials", required=True),
    Section("preparation", required=True),
    Section("steps", required=True, steps=True),
    Section("key_messages", required=True),
    Section("debrief", required=True),
    Section("tips", required=True),
    Section("safety", when_sensitive=True),
    Section("cards"),
    Section("short_session", required=True, steps=True, minutes=15),
)
# A session this long needs a break (a step titled with the format's break word).
BREAK_AFTER_MINUTES = 140
# Shown in the trainer page's summary panel rather than in the plan below it.
PANEL_SECTIONS = ("objectives", "materials", "preparation")

HANDOUT_SECTIONS = (
    Section("key_messages", required=True),
    Section("what_to_do", required=True),
)

FILES_OF_A_MODULE = (MODULE_FILE, TRAINER_FILE, HANDOUT_FILE)
RECORDS = (ORGANISATION, MODULE, TOPIC, TERM, HELP, ALLOWED_VALUE, TRAINER_FRONT, HANDOUT_FRONT)
