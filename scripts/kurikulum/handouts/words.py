"""The fixed words printed on handouts, in both languages (the rest comes from ``vocabulary.UI``)."""

from __future__ import annotations

from kurikulum.vocabulary import UI

HANDOUT_UI: dict[str, dict[str, str]] = {
    "language_name": {"id": "Bahasa Indonesia", "en": "English"},
    "page": {"id": "Halaman", "en": "Page"},
    "of": {"id": "dari", "en": "of"},
    "revision": {"id": "revisi", "en": "revision"},
    "no_revision": {"id": "- (di luar git)", "en": "- (outside git)"},
    "licence": {"id": "Lisensi CC BY-SA 4.0", "en": "Licence CC BY-SA 4.0"},
    "scan": {"id": "Pindai kode QR atau buka", "en": "Scan the QR code or open"},
    "not_checked": {"id": "belum dicek", "en": "not checked yet"},
    "draft_short": {"id": "belum ditinjau ahli hukum", "en": "not yet checked by a legal reviewer"},
    "reviewed_short": {"id": "ditinjau {reviewer}, {date}", "en": "reviewed by {reviewer}, {date}"},
    "draft_box": {
        "id": "Ini masih draf: isinya belum diperiksa oleh ahli hukum. Tanyakan ke layanan di bawah bila ragu.",
        "en": "This is a draft: no legal expert has checked it yet. Ask one of the services below when in doubt.",
    },
    "pack": {"id": "Paket cetak", "en": "Print pack"},
    "whole_curriculum": {"id": "Seluruh kurikulum", "en": "Whole curriculum"},
    "pack_contents": {"id": "Isi paket", "en": "Contents"},
    "pack_howto": {
        "id": "Cetak bolak-balik (dua sisi). Setiap lembar peserta mulai di halaman depan kertas baru.",
        "en": "Print double-sided. Every handout starts on the front of a new sheet.",
    },
    "pages_word": {"id": "halaman", "en": "pages"},
    "page_word": {"id": "halaman", "en": "page"},
    "sheets_word": {"id": "lembar kertas", "en": "sheets of paper"},
    "sheet_word": {"id": "lembar kertas", "en": "sheet of paper"},
    # download links on the site
    "download": {"id": "Unduh dan cetak", "en": "Download and print"},
    "a4": {"id": "PDF A4", "en": "A4 PDF"},
    "a4_note": {"id": "satu lembar, cetak bolak-balik", "en": "one sheet, print double-sided"},
    "a5-booklet": {"id": "Buklet A5", "en": "A5 booklet"},
    "a5_note": {
        "id": "cetak bolak-balik, balik di sisi pendek, lipat dua",
        "en": "print double-sided, flip on the short edge, fold",
    },
    "images": {"id": "Gambar untuk WhatsApp", "en": "Images for WhatsApp"},
    "image_page": {"id": "hal. {page}", "en": "p. {page}"},
    "print_page": {"id": "Cetak", "en": "Print"},
    "print_intro": {
        "id": "Semua lembar peserta, siap dicetak. Setiap lembar A4 muat di satu kertas bolak-balik; "
        "buklet A5 dicetak bolak-balik (balik di sisi pendek), lalu dilipat dan dijepret di tengah. "
        "Paket cetak menggabungkan semua lembar satu topik dalam satu PDF.",
        "en": "Every participant handout, ready to print. Each A4 handout fits on one sheet printed on both sides; "
        "A5 booklets are printed double-sided (flip on the short edge), then folded and stapled in the middle. "
        "A print pack puts every handout of a topic in one PDF.",
    },
}


def count_words(count: int, singular: str, plural: str, lang: str) -> str:
    """'2 pages', '1 page', '2 halaman'."""
    return f"{count} {word(singular if count == 1 else plural, lang)}"


def word(key: str, lang: str) -> str:
    """A handout word, or a shared interface word from ``vocabulary.UI``."""
    table = HANDOUT_UI.get(key) or UI[key]
    return table[lang]
