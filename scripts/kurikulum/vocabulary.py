"""The fixed words of the module format, in both languages."""

from __future__ import annotations

import datetime

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

# Section keys in the order a session plan is written, with their headings.
TRAINER_SECTIONS: dict[str, dict[str, str]] = {
    "objectives": {"id": "Tujuan", "en": "Objectives"},
    "materials": {"id": "Bahan", "en": "Materials"},
    "preparation": {"id": "Persiapan", "en": "Preparation"},
    "steps": {"id": "Langkah-langkah", "en": "Steps"},
    "key_messages": {"id": "Pesan kunci", "en": "Key messages"},
    "debrief": {"id": "Pertanyaan refleksi", "en": "Debrief questions"},
    "tips": {"id": "Tips fasilitator", "en": "Facilitator tips"},
    "safety": {"id": "Catatan keamanan", "en": "Safety note"},
}
REQUIRED_SECTIONS = ("objectives", "materials", "preparation", "steps", "key_messages", "debrief", "tips")
# Sections shown in the trainer page's summary panel rather than in the plan below it.
PANEL_SECTIONS = ("objectives", "materials", "preparation")

AUDIENCES: dict[str, dict[str, str]] = {
    "purna-pmi": {"id": "Purna PMI (pekerja migran yang sudah pulang)", "en": "Returned migrant workers"},
    "cpmi": {"id": "Calon PMI", "en": "Prospective migrant workers"},
    "keluarga-pmi": {"id": "Keluarga PMI", "en": "Migrant workers' families"},
    "pkk": {"id": "Kader PKK", "en": "PKK members"},
    "p3a": {"id": "Kelompok P3A", "en": "P3A learning groups"},
    "paralegal": {"id": "Paralegal komunitas", "en": "Community paralegals"},
    "pamong-kalurahan": {"id": "Pamong desa/kalurahan", "en": "Village officials"},
    "perempuan": {"id": "Kelompok perempuan", "en": "Women's groups"},
    "umum": {"id": "Masyarakat umum", "en": "General public"},
}

REVIEW_STATES = ("draf", "ditinjau")

FILES = {
    "meta": "modul.yml",
    "trainer": "pelatih.{lang}.md",
    "handout": "peserta.{lang}.md",
}
TOPIC_FILE = "topik.yml"
TERMS_FILE = "istilah.yml"
HELP_FILE = "bantuan.yml"
ALLOW_FILE = "izin-data.yml"

MINUTE_WORDS = ("menit", "min", "mins", "minutes", "minute")

UI: dict[str, dict[str, str]] = {
    "minutes": {"id": "menit", "en": "min"},
    "people": {"id": "orang", "en": "people"},
    "duration": {"id": "Durasi", "en": "Duration"},
    "audience": {"id": "Peserta", "en": "Audience"},
    "group_size": {"id": "Ukuran kelompok", "en": "Group size"},
    "review": {"id": "Status tinjauan", "en": "Review status"},
    "at_a_glance": {"id": "Sekilas sesi", "en": "Session at a glance"},
    "schedule": {"id": "Jadwal", "en": "Schedule"},
    "start": {"id": "Mulai", "en": "Start"},
    "step": {"id": "Langkah", "en": "Step"},
    "legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "about_law": {"id": "tentang", "en": "on"},
    "checked_on": {"id": "Dicek per", "en": "Checked on"},
    "source": {"id": "sumber", "en": "source"},
    "article": {"id": "Pasal", "en": "Article"},
    "help": {"id": "Ke mana minta bantuan", "en": "Where to get help"},
    "terms": {"id": "Istilah", "en": "Terms"},
    "glossary": {"id": "Glosarium", "en": "Glossary"},
    "trainer_page": {"id": "Rencana sesi (pelatih)", "en": "Session plan (trainer)"},
    "participant_page": {"id": "Lembar peserta", "en": "Participant handout"},
    "modules": {"id": "Modul", "en": "Modules"},
    "module": {"id": "Modul", "en": "Module"},
    "topic": {"id": "Topik", "en": "Topic"},
    "phone": {"id": "Telepon", "en": "Phone"},
    "whatsapp": {"id": "WhatsApp", "en": "WhatsApp"},
    "draft": {"id": "DRAF", "en": "DRAFT"},
    "reviewed": {"id": "DITINJAU", "en": "REVIEWED"},
    "draft_note": {
        "id": "Modul ini masih draf: belum diperiksa oleh peninjau hukum. Cocokkan fakta hukumnya dengan sumber resmi sebelum mengajar.",
        "en": "This module is a draft: no legal reviewer has checked it yet. Check its legal facts against official sources before teaching.",
    },
    "reviewed_note": {
        "id": "Ditinjau oleh {reviewer} pada {date}.",
        "en": "Reviewed by {reviewer} on {date}.",
    },
    "stale_note": {
        "id": "",
        "en": "This translation may be out of date: the Indonesian text was changed after it was translated.",
    },
    "missing_note": {
        "id": "",
        "en": "This page has not been translated into English yet. The Indonesian text is shown below.",
    },
    "translation": {"id": "Terjemahan", "en": "Translation"},
    "state_source": {"id": "sumber", "en": "source"},
    "state_current": {"id": "mutakhir", "en": "current"},
    "state_stale": {"id": "usang", "en": "stale"},
    "state_missing": {"id": "belum ada", "en": "missing"},
    "status_page": {"id": "Status kurikulum", "en": "Curriculum status"},
    "legal_index": {"id": "Indeks dasar hukum", "en": "Legal-basis index"},
    "cited_by": {"id": "Dikutip oleh", "en": "Cited by"},
    "back_to_topic": {"id": "Kembali ke topik", "en": "Back to topic"},
    "used_in": {"id": "Dipakai di", "en": "Used in"},
    "safety_first": {"id": "Catatan keamanan", "en": "Safety note"},
    "note": {"id": "Catatan", "en": "Note"},
    "last_checked_age": {"id": "Umur cek dasar hukum", "en": "Age of legal-basis check"},
    "days": {"id": "hari", "en": "days"},
}

MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def human_date(value: object, lang: str) -> str:
    """'28 Februari 2026' / '28 February 2026'."""
    if isinstance(value, datetime.date):
        return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
    return str(value)
