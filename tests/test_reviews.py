"""Reviews that expire: a recorded review vouches for the text it read, and for nothing after.

A legal review is recorded with ``kurikulum reviewed`` on the small sample site; then one
Indonesian sentence changes. From that moment every output says "changed since review":
``kurikulum status``, ``catalog.json``, the trainer and participant pages in each language and
the A4 handout, and ``kurikulum check`` warns at the review's line in ``modul.yml``.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from kurikulum.language import words_for
from kurikulum.loader import Loader
from kurikulum.reviewed import with_review

from .conftest import FIXTURES, REPO, kurikulum
from .test_outputs_agree import page_text, pdf_text, squash

MODULE = "bantuan-hukum"
REVIEWER = "Siti Aminah, S.H."
REVIEWED_ON = datetime.date(2026, 11, 20)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reviews") / "site-repo"
    shutil.copytree(FIXTURES / "site", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    return root


def module_folder(root: Path) -> Path:
    return root / "modules" / "hukum" / MODULE


def catalog_review(root: Path) -> dict:
    catalog = json.loads((root / "site" / "catalog.json").read_text(encoding="utf-8"))
    return next(m for m in catalog["modules"] if m["id"] == MODULE)["review"]


def status_row(root: Path) -> str:
    result = kurikulum(root, "status")
    assert result.returncode == 0, result.stdout + result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith(MODULE))


def test_recording_a_review_writes_it_into_modul_yml(sample: Path):
    result = kurikulum(sample, "reviewed", MODULE, "--reviewer", REVIEWER, "--role", "hukum", "--date", "2026-11-20")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == (
        f"modules/hukum/{MODULE}/modul.yml: tinjauan hukum oleh {REVIEWER} (2026-11-20) dicatat untuk teks sekarang."
    )
    [module] = [m for m in Loader(sample).load().modules if m.id == MODULE]
    review = module.reviews["hukum"]
    assert (review.reviewer, review.date.isoformat(), review.fingerprint) == (REVIEWER, "2026-11-20", module.fingerprint)
    assert module.is_reviewed
    assert "ditinjau (Siti Aminah, S.H., 2026-11-20)" in status_row(sample)
    check = kurikulum(sample, "check")
    assert "review-outdated" not in check.stdout


def test_a_changed_sentence_makes_every_output_say_changed_since_review(sample: Path):
    plan = module_folder(sample) / "pelatih.id.md"
    text = plan.read_text(encoding="utf-8")
    sentence = "Sapa peserta dan ajak mereka memperkenalkan diri."
    assert sentence in text, "the sample plan's sentence this test edits has moved"
    plan.write_text(text.replace(sentence, "Sapa peserta dan ajak mereka menyebut nama dan asal dusun."), encoding="utf-8")

    check = kurikulum(sample, "check")
    assert check.returncode == 0, "a changed review is a warning, not an error"
    record_line = next(
        n for n, line in enumerate((module_folder(sample) / "modul.yml").read_text().splitlines(), 1) if line == "  hukum:"
    )
    assert f"modules/hukum/{MODULE}/modul.yml:{record_line}: [review-outdated] peringatan: " in check.stdout
    assert "berubah sejak ditinjau (Siti Aminah, S.H., 2026-11-20)" in status_row(sample)

    build = kurikulum(sample, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    assert catalog_review(sample) == {
        "status": "changed",
        "reviewer": REVIEWER,
        "date": "2026-11-20",
        "hukum": {"reviewer": REVIEWER, "date": "2026-11-20", "current": False},
    }
    site = sample / "site"
    problems = []
    for lang, prefix in (("id", ""), ("en", "en/"), ("jv", "jv/")):
        words = words_for(lang, "id")
        note = squash(words.ui("changed_note", reviewer=REVIEWER, date=words.date(REVIEWED_ON)))
        pages = {
            "trainer page": page_text(site / f"{prefix}modul/{MODULE}/index.html"),
            "participant page": page_text(site / f"{prefix}modul/{MODULE}/peserta/index.html"),
        }
        for name, visible in pages.items():
            if f"{words.ui('changed')} · {note}" not in visible:
                problems.append(f"{lang} {name}: no 'changed since review' notice")
        paper = pdf_text(site / "unduh" / MODULE / f"{MODULE}-{lang}-a4.pdf")
        if squash(words.ui("changed_box", date=words.date(REVIEWED_ON))) not in paper:
            problems.append(f"{lang} A4 handout: no 'changed since review' box")
        if words.ui("draft") in paper.split():
            problems.append(f"{lang} A4 handout: still called a draft")
    assert problems == []


def test_recording_the_review_again_vouches_for_the_new_text(sample: Path):
    result = kurikulum(sample, "reviewed", MODULE, "--reviewer", REVIEWER, "--role", "hukum", "--date", "2026-11-30")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (module_folder(sample) / "modul.yml").read_text(encoding="utf-8")
    assert text.count("tinjauan:") == 1 and text.count("  hukum:") == 1 and "2026-11-20" not in text
    assert "review-outdated" not in kurikulum(sample, "check").stdout
    assert "ditinjau (Siti Aminah, S.H., 2026-11-30)" in status_row(sample)


def test_a_content_review_is_kept_beside_the_legal_one():
    text = "id: x\ntinjauan:\n  hukum:\n    peninjau: A\n    tanggal: 2026-01-01\n    sidik: aaa\nistilah: []\n"
    block = ["  isi:", '    peninjau: "B"', "    tanggal: 2026-02-02", "    sidik: bbb"]
    assert with_review(text, block, "isi") == (
        "id: x\ntinjauan:\n  hukum:\n    peninjau: A\n    tanggal: 2026-01-01\n    sidik: aaa\n"
        '  isi:\n    peninjau: "B"\n    tanggal: 2026-02-02\n    sidik: bbb\nistilah: []\n'
    )


def test_an_unknown_module_or_role_is_refused(sample: Path):
    unknown = kurikulum(sample, "reviewed", "tidak-ada", "--reviewer", REVIEWER, "--role", "hukum")
    assert unknown.returncode == 2 and "tidak-ada" in unknown.stdout
    bad_date = kurikulum(sample, "reviewed", MODULE, "--reviewer", REVIEWER, "--role", "hukum", "--date", "20-11-2026")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr
