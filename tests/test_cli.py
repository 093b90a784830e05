"""The ``kurikulum`` command as a volunteer meets it: messages, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES


def run(*args: str, root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kurikulum", "--root", str(root), *args], capture_output=True, text=True, env=env
    )


def test_check_passes_on_valid_curriculum():
    result = run("check", root=FIXTURES / "good")
    assert result.returncode == 0
    assert "0 galat, 0 peringatan." in result.stdout


def test_check_fails_with_path_line_messages_in_indonesian():
    result = run("check", root=FIXTURES / "broken")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        "modules/topik-a/teks-salah/pelatih.id.md:24: [minutes-sum] galat: "
        "Jumlah menit semua langkah adalah 45, tetapi durasi di modul.yml 90 menit." in result.stdout
    )
    assert "    saran: Ubah menit langkah atau 'durasi' agar sama. (CONTRIBUTING.md#minutes-sum)" in result.stdout


def test_check_speaks_english_on_request():
    result = run("--lang", "en", "check", root=FIXTURES / "broken")
    assert (
        "modules/topik-a/kolom-salah/modul.yml:1: [required-field] error: The required field 'durasi' is missing."
        in result.stdout
    )


def test_github_annotations_in_actions():
    import os

    result = run("check", root=FIXTURES / "broken", env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert "::error file=modules/topik-a/teks-salah/pelatih.id.md,line=24,title=minutes-sum::" in result.stdout
    assert "::warning file=modules/topik-b/kembar,line=1,title=missing-translation::" in result.stdout


def test_only_warnings_exit_zero(good_root: Path):
    (good_root / "modules/desa/musyawarah/peserta.en.md").unlink()
    result = run("check", root=good_root)
    assert result.returncode == 0
    assert "[missing-translation] peringatan" in result.stdout


def test_translated_records_fingerprint(good_root: Path):
    source = good_root / "modules/hukum/bantuan-hukum/pelatih.id.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    assert "stale-translation" in run("check", root=good_root).stdout
    assert run("translated", "bantuan-hukum", root=good_root).returncode == 0
    assert "0 galat, 0 peringatan." in run("check", root=good_root).stdout


def test_translated_refuses_unknown_module():
    result = run("translated", "tidak-ada", root=FIXTURES / "good")
    assert result.returncode == 2
    assert "tidak-ada" in result.stderr
