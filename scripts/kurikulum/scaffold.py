"""``kurikulum new``: a new bilingual module with every section the volunteer must fill in."""

from __future__ import annotations

from pathlib import Path

from kurikulum.loader import Loader
from kurikulum.model import slug
from kurikulum.translation import record_fingerprint
from kurikulum.vocabulary import FILES, LANGUAGES, TRAINER_SECTIONS

SECTION_HINTS = {
    "objectives": {
        "id": "2–4 butir, masing-masing diawali 'Peserta dapat …'.",
        "en": "2–4 items, each starting 'Participants can …'.",
    },
    "materials": {
        "id": "Bahan yang perlu dibawa: kertas plano, spidol, kartu kasus, lembar peserta.",
        "en": "What to bring: flip chart, markers, case cards, the handout.",
    },
    "preparation": {"id": "Apa yang dilakukan pelatih sebelum sesi.", "en": "What the trainer does before the session."},
    "steps": {
        "id": "Setiap langkah adalah judul '### Nama langkah (15 menit)'. Jumlah menit = durasi di modul.yml.",
        "en": "Each step is a heading '### Step name (15 min)'. The minutes add up to the duration in modul.yml.",
    },
    "key_messages": {"id": "3–5 kalimat yang dibawa pulang peserta.", "en": "3–5 sentences participants take home."},
    "debrief": {"id": "Pertanyaan untuk menutup sesi.", "en": "Questions to close the session."},
    "tips": {
        "id": "Termasuk cara menanggapi bila ada peserta yang bercerita tentang kekerasan.",
        "en": "Including how to respond if a participant discloses violence.",
    },
}

META = """# Modul baru. Lihat penjelasan setiap kolom di modules/_templat/contoh-modul/modul.yml.
id: {id}
urutan: {order}
durasi: 90
peserta: [umum]
ukuran_kelompok:
  min: 10
  maks: 25
sensitif: false
tinjauan:
  status: draf
  peninjau:
  tanggal:
dasar_hukum: []
istilah: []
bantuan: []
"""

HANDOUT_HINT = {
    "id": "Lembar peserta: kalimat pendek, kata sehari-hari, muat di satu lembar A4 bolak-balik.",
    "en": "Participant handout: short sentences, everyday words, fits one A4 sheet front and back.",
}


class ScaffoldError(Exception):
    pass


def trainer_skeleton(title: str, lang: str) -> str:
    lines = ["---", f"judul: {title}", "ringkasan:", "---", ""]
    for key, hint in SECTION_HINTS.items():
        lines += [f"## {TRAINER_SECTIONS[key][lang]}", "", f"<!-- {hint[lang]} -->", ""]
    return "\n".join(lines)


def handout_skeleton(lang: str) -> str:
    heading = {"id": "Pesan penting", "en": "Key messages"}[lang]
    return f"<!-- {HANDOUT_HINT[lang]} -->\n\n## {heading}\n\n"


def new_module(root: Path, topic_id: str, title: str, module_id: str | None = None) -> list[Path]:
    """Write the five files of a new module; refuse to touch anything that exists."""
    curriculum = Loader(root).load()
    topics = {topic.id: topic for topic in curriculum.topics}
    if topic_id not in topics:
        raise ScaffoldError(f"Topik '{topic_id}' tidak ada / unknown topic. Pilih / choose: {', '.join(topics)}")
    module_id = module_id or slug(title)
    if not module_id:
        raise ScaffoldError("Judul kosong / the title is empty.")
    folder = topics[topic_id].folder / module_id
    if folder.exists() or any(module.id == module_id for module in curriculum.modules):
        raise ScaffoldError(f"Modul '{module_id}' sudah ada / already exists: tidak ada yang diubah / nothing was changed.")
    order = max((module.order for module in topics[topic_id].modules), default=0) + 1
    files = {FILES["meta"]: META.format(id=module_id, order=order)}
    for lang in LANGUAGES:
        files[FILES["trainer"].format(lang=lang)] = trainer_skeleton(title, lang)
        files[FILES["handout"].format(lang=lang)] = handout_skeleton(lang)
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    for kind in ("trainer", "handout"):
        record_fingerprint(folder / FILES[kind].format(lang="id"), folder / FILES[kind].format(lang="en"))
    return written
