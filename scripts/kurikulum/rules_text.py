"""Every rule the checker knows: its severity, message and hint in both languages.

The rule name is also the anchor of its explanation in CONTRIBUTING.md.
Messages are format strings; a finding supplies the fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    severity: Level
    message: dict[str, str]
    hint: dict[str, str]


E, W = Level.ERROR, Level.WARNING

RULES: dict[str, Rule] = {
    "yaml-syntax": Rule(
        E,
        {"id": "YAML tidak dapat dibaca: {problem}.", "en": "The YAML cannot be read: {problem}."},
        {
            "id": "Periksa titik dua, tanda kutip dan indentasi (pakai spasi, bukan tab) di baris ini dan baris sebelumnya.",
            "en": "Check the colons, quotes and indentation (spaces, not tabs) on this line and the one before.",
        },
    ),
    "front-matter": Rule(
        E,
        {
            "id": "Bagian data di awal berkas (di antara dua baris ---) tidak ditutup.",
            "en": "The data block at the top of the file (between two --- lines) is not closed.",
        },
        {"id": "Tambahkan baris --- setelah data judul.", "en": "Add a --- line after the title data."},
    ),
    "not-a-mapping": Rule(
        E,
        {"id": "Isi berkas harus berupa daftar kolom (kunci: nilai).", "en": "The file must hold fields (key: value)."},
        {"id": "Lihat contoh di modules/_templat/contoh-modul.", "en": "See the example in modules/_templat/contoh-modul."},
    ),
    "not-a-list": Rule(
        E,
        {
            "id": "Isi berkas harus berupa daftar (setiap butir diawali '- ').",
            "en": "The file must hold a list (each item starts with '- ').",
        },
        {
            "id": "Lihat contoh di modules/bantuan.yml atau modules/paralegal/istilah.yml.",
            "en": "See the example in modules/bantuan.yml or modules/paralegal/istilah.yml.",
        },
    ),
    "required-field": Rule(
        E,
        {"id": "Kolom wajib '{field}' tidak ada.", "en": "The required field '{field}' is missing."},
        {
            "id": "Tambahkan '{field}:' seperti di templat modules/_templat/contoh-modul.",
            "en": "Add '{field}:' as in the template modules/_templat/contoh-modul.",
        },
    ),
    "unknown-field": Rule(
        E,
        {"id": "Kolom '{field}' tidak dikenal.", "en": "The field '{field}' is not known."},
        {
            "id": "Maksudnya '{suggestion}'? Kolom yang dikenal: {known}.",
            "en": "Did you mean '{suggestion}'? Known fields: {known}.",
        },
    ),
    "duplicate-key": Rule(
        E,
        {"id": "Kolom '{field}' ditulis dua kali.", "en": "The field '{field}' is written twice."},
        {"id": "Hapus salah satunya; hanya satu yang akan dipakai.", "en": "Remove one of them; only one would be used."},
    ),
    "wrong-type": Rule(
        E,
        {"id": "'{field}' harus berupa {expected}.", "en": "'{field}' must be {expected_en}."},
        {"id": "Contoh yang benar: {example}", "en": "A correct example: {example}"},
    ),
    "out-of-range": Rule(
        E,
        {"id": "'{field}' bernilai {value}, padahal harus {allowed}.", "en": "'{field}' is {value}, but must be {allowed_en}."},
        {"id": "Ubah nilainya agar berada dalam batas itu.", "en": "Change the value so that it is within that range."},
    ),
    "bad-choice": Rule(
        E,
        {
            "id": "'{field}' bernilai '{value}', yang tidak ada dalam pilihan.",
            "en": "'{field}' is '{value}', which is not one of the choices.",
        },
        {"id": "Pilih salah satu: {choices}.", "en": "Choose one of: {choices}."},
    ),
    "duplicate-id": Rule(
        E,
        {"id": "Kode '{value}' sudah dipakai di {other}.", "en": "The id '{value}' is already used in {other}."},
        {
            "id": "Setiap modul, istilah dan layanan butuh kode yang berbeda.",
            "en": "Every module, term and service needs its own id.",
        },
    ),
    "missing-file": Rule(
        E,
        {"id": "Berkas {file} tidak ada di folder modul ini.", "en": "The file {file} is missing from this module's folder."},
        {
            "id": "Salin berkas itu dari modules/_templat/contoh-modul lalu isi.",
            "en": "Copy that file from modules/_templat/contoh-modul and fill it in.",
        },
    ),
    "missing-section": Rule(
        E,
        {"id": "Bagian '## {section}' tidak ada.", "en": "The section '## {section}' is missing."},
        {
            "id": "Tambahkan judul '## {section}' dan isinya; urutan bagian ada di templat.",
            "en": "Add the heading '## {section}' and its text; the template shows the order.",
        },
    ),
    "unknown-section": Rule(
        E,
        {"id": "Judul bagian '## {heading}' tidak dikenal.", "en": "The section heading '## {heading}' is not known."},
        {
            "id": "Maksudnya '## {suggestion}'? Judul yang dikenal: {known}.",
            "en": "Did you mean '## {suggestion}'? Known headings: {known}.",
        },
    ),
    "duplicate-section": Rule(
        E,
        {"id": "Bagian '## {section}' ditulis dua kali.", "en": "The section '## {section}' is written twice."},
        {"id": "Gabungkan isinya di bawah satu judul.", "en": "Merge the text under one heading."},
    ),
    "step-minutes": Rule(
        E,
        {"id": "Langkah '{step}' tidak menyebut lama waktunya.", "en": "The step '{step}' does not give its length."},
        {
            "id": "Akhiri judul langkah dengan menitnya, misalnya '### {step} (15 menit)'.",
            "en": "End the step heading with its minutes, for example '### {step} (15 min)'.",
        },
    ),
    "no-steps": Rule(
        E,
        {"id": "Bagian langkah-langkah tidak berisi satu langkah pun.", "en": "The steps section holds no step."},
        {
            "id": "Tulis setiap langkah sebagai judul '### Nama langkah (15 menit)'.",
            "en": "Write each step as a heading '### Step name (15 min)'.",
        },
    ),
    "minutes-sum": Rule(
        E,
        {
            "id": "Jumlah menit semua langkah adalah {total}, tetapi durasi di modul.yml {duration} menit.",
            "en": "The steps add up to {total} minutes, but the duration in modul.yml is {duration} minutes.",
        },
        {"id": "Ubah menit langkah atau 'durasi' agar sama.", "en": "Change the step minutes or 'durasi' so that they match."},
    ),
    "steps-mismatch": Rule(
        E,
        {
            "id": "Langkah terjemahan tidak cocok dengan bahasa Indonesia: {detail}.",
            "en": "The translation's steps do not match the Indonesian: {detail_en}.",
        },
        {
            "id": "Kedua bahasa harus punya langkah yang sama, dengan menit yang sama, dalam urutan yang sama.",
            "en": "Both languages need the same steps, with the same minutes, in the same order.",
        },
    ),
    "objectives-count": Rule(
        E,
        {"id": "Ada {count} tujuan; harus 2 sampai 4.", "en": "There are {count} objectives; there must be 2 to 4."},
        {
            "id": "Tulis setiap tujuan sebagai butir '- Peserta dapat ...'.",
            "en": "Write each objective as an item '- Participants can ...'.",
        },
    ),
    "empty-section": Rule(
        E,
        {"id": "Bagian '## {section}' kosong.", "en": "The section '## {section}' is empty."},
        {
            "id": "Isi bagian ini, atau hapus judulnya bila memang tidak wajib.",
            "en": "Fill in this section, or remove its heading if it is not required.",
        },
    ),
    "safety-note": Rule(
        E,
        {
            "id": "Modul ini sensitif, tetapi tidak punya bagian '## Catatan keamanan'.",
            "en": "This module is sensitive but has no '## Safety note' section.",
        },
        {
            "id": "Tambahkan catatan keamanan: tidak ada yang diminta bercerita tentang dirinya; apa yang dilakukan bila ada yang bercerita.",
            "en": "Add a safety note: no one is asked to tell their own story; what to do if someone discloses.",
        },
    ),
    "unknown-term": Rule(
        E,
        {"id": "Istilah '{value}' tidak ada di glosarium.", "en": "The term '{value}' is not in the glossary."},
        {
            "id": "Tambahkan ke istilah.yml di folder topik, atau perbaiki ejaannya{suggestion}.",
            "en": "Add it to istilah.yml in the topic folder, or fix the spelling{suggestion}.",
        },
    ),
    "unknown-help": Rule(
        E,
        {
            "id": "Layanan '{value}' tidak ada di modules/bantuan.yml.",
            "en": "The service '{value}' is not in modules/bantuan.yml.",
        },
        {"id": "Pakai salah satu kode: {choices}.", "en": "Use one of these ids: {choices}."},
    ),
    "unknown-topic": Rule(
        E,
        {"id": "Folder topik '{value}' tidak punya berkas topik.yml.", "en": "The topic folder '{value}' has no topik.yml."},
        {
            "id": "Pindahkan modul ke salah satu folder topik, atau buat topik.yml.",
            "en": "Move the module into a topic folder, or create topik.yml.",
        },
    ),
    "reviewer-missing": Rule(
        E,
        {
            "id": "Status 'ditinjau' butuh nama peninjau dan tanggal tinjauan.",
            "en": "The status 'ditinjau' (reviewed) needs a reviewer's name and a review date.",
        },
        {
            "id": "Isi 'peninjau' dan 'tanggal', atau kembalikan status ke 'draf'.",
            "en": "Fill in 'peninjau' and 'tanggal', or set the status back to 'draf'.",
        },
    ),
    "missing-translation": Rule(
        W,
        {
            "id": "Terjemahan {file} belum ada; situs menampilkan teks bahasa Indonesia dengan pemberitahuan.",
            "en": "The translation {file} does not exist yet; the site shows the Indonesian text with a notice.",
        },
        {
            "id": "Terjemahkan, lalu jalankan 'kurikulum translated {module}'.",
            "en": "Translate it, then run 'kurikulum translated {module}'.",
        },
    ),
    "stale-translation": Rule(
        W,
        {
            "id": "Teks bahasa Indonesia berubah setelah berkas ini diterjemahkan.",
            "en": "The Indonesian text changed after this file was translated.",
        },
        {
            "id": "Perbarui terjemahan sesuai perubahan, lalu jalankan 'kurikulum translated {module}'.",
            "en": "Update the translation to match, then run 'kurikulum translated {module}'.",
        },
    ),
    "legal-basis-old": Rule(
        W,
        {
            "id": "Dasar hukum {law} terakhir dicek {date}, lebih dari 12 bulan lalu.",
            "en": "The legal basis {law} was last checked on {date}, more than 12 months ago.",
        },
        {
            "id": "Cocokkan lagi dengan sumber resmi (misalnya peraturan.bpk.go.id), lalu perbarui 'dicek'.",
            "en": "Check it again against an official source (such as peraturan.bpk.go.id), then update 'dicek'.",
        },
    ),
    "outdated-term": Rule(
        W,
        {
            "id": "'{value}' adalah nama lama; yang berlaku sekarang: {current}.",
            "en": "'{value}' is an old name; the current one is {current}.",
        },
        {
            "id": "Pakai nama yang berlaku, atau jelaskan di kalimat yang sama bahwa itu nama lama (misalnya 'dulu disebut').",
            "en": "Use the current name, or say in the same sentence that it is an old name (for example 'formerly called').",
        },
    ),
    "placeholder": Rule(
        E,
        {"id": "Teks sementara '{value}' masih ada.", "en": "Placeholder text '{value}' is still here."},
        {"id": "Ganti dengan isi yang sebenarnya sebelum diterbitkan.", "en": "Replace it with the real text before publishing."},
    ),
    "unsafe-markup": Rule(
        E,
        {"id": "Kode yang tidak aman: {value}.", "en": "Unsafe markup: {value}."},
        {
            "id": "Tulis dengan Markdown biasa; skrip, iframe, gaya dan tautan javascript tidak diizinkan.",
            "en": "Use plain Markdown; scripts, iframes, styles and javascript links are not allowed.",
        },
    ),
    "personal-data": Rule(
        E,
        {"id": "Mungkin ada data pribadi: {kind} '{value}'.", "en": "Possible personal data: {kind_en} '{value}'."},
        {
            "id": "Hapus data itu. Nomor layanan resmi hanya lewat modules/bantuan.yml; pengecualian yang sudah ditinjau ada di modules/izin-data.yml.",
            "en": "Remove it. Official service numbers go only through modules/bantuan.yml; reviewed exceptions live in modules/izin-data.yml.",
        },
    ),
    "image-alt": Rule(
        E,
        {"id": "Gambar '{value}' tidak punya teks pengganti (alt).", "en": "The image '{value}' has no alternative text (alt)."},
        {
            "id": "Tulis isi gambar di dalam kurung siku: ![Peserta berdiskusi](gambar.jpg).",
            "en": "Describe the image inside the square brackets: ![Participants discussing](picture.jpg).",
        },
    ),
    "image-missing": Rule(
        E,
        {"id": "Berkas gambar '{value}' tidak ditemukan.", "en": "The image file '{value}' was not found."},
        {
            "id": "Unggah gambarnya ke folder modul atau perbaiki namanya.",
            "en": "Upload the image to the module folder or fix its name.",
        },
    ),
    "image-size": Rule(
        E,
        {
            "id": "Gambar '{value}' berukuran {size} KB, lebih dari 300 KB.",
            "en": "The image '{value}' is {size} KB, more than 300 KB.",
        },
        {
            "id": "Perkecil gambarnya (misalnya lebar 1200 piksel, JPEG kualitas 80).",
            "en": "Make the image smaller (for example 1200 pixels wide, JPEG quality 80).",
        },
    ),
    "broken-link": Rule(
        E,
        {
            "id": "Tautan '{value}' tidak menuju halaman atau bagian yang ada.",
            "en": "The link '{value}' does not lead to an existing page or section.",
        },
        {
            "id": "Perbaiki alamatnya; tautan ke modul lain ditulis '/modul/<id>/'.",
            "en": "Fix the address; links to another module are written '/modul/<id>/'.",
        },
    ),
    "handout-pages": Rule(
        E,
        {
            "id": "Lembar peserta {format} ({lang}) menjadi {pages} halaman; batasnya {budget}.",
            "en": "The {format} handout ({lang}) runs to {pages} pages; the limit is {budget}.",
        },
        {
            "id": "Persingkat teks lembar peserta (kalimat pendek, lebih sedikit butir).",
            "en": "Shorten the handout text (shorter sentences, fewer items).",
        },
    ),
}
