"""``kurikulum status``: per module, its state in every translation, review, and the age of its legal-basis check."""

from __future__ import annotations

from kurikulum.language import Words
from kurikulum.model import Curriculum
from kurikulum.site.pages import status_rows


def status_table(curriculum: Curriculum, words: Words) -> str:
    translations = curriculum.settings.languages.translations
    header = (words.ui("module"), *translations, words.ui("review"), words.ui("checked_on"), words.ui("last_checked_age"))
    rows = [tuple(cell.lower() for cell in header)]
    for row in status_rows(curriculum, words):
        module = row["module"]
        review = str(row["review"]).lower()
        legal = module.reviews.get("hukum")  # type: ignore[union-attr]
        if legal is not None:
            review += f" ({legal.reviewer}, {legal.date})"
        rows.append(
            (
                module.id,  # type: ignore[union-attr]
                *(str(row["states"][code]) for code in translations),  # type: ignore[index]
                review,
                str(row["checked"]),
                str(row["age"]) if row["age"] is not None else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)
