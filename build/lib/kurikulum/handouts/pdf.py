"""HTML to PDF with WeasyPrint: tagged, with title, language and author, fonts embedded and subset.

The PDF/UA-1 variant is asked for first (it tags the structure and writes XMP metadata);
if that WeasyPrint build cannot make it, we fall back to a tagged plain PDF.
The output is reproducible: no dates other than the commit time given in the HTML,
and a file identifier computed from the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kurikulum.handouts.fetcher import confined_fetcher
from kurikulum.handouts.native import load_weasyprint

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    variant: str  # "pdf/ua-1" or "tagged"


@cache
def _font_config() -> Any:
    """One font configuration per process: creating it costs more than a small render."""
    load_weasyprint()  # raises RendererMissing, with what to install, before the import below
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _fetcher(allowed: tuple[str, ...]) -> Any:
    """Files under ``allowed`` only: never another folder, never another host (see :mod:`.fetcher`)."""
    return confined_fetcher(allowed)


def render_pdf(html: str, base_url: str, allowed: tuple[str, ...]) -> RenderedPdf:
    """Render ``html`` (whose relative links resolve against ``base_url``), reading files under ``allowed`` only."""
    weasyprint = load_weasyprint()
    fonts = _font_config()
    fetcher = _fetcher(allowed)
    common = {"pdf_identifier": True, "hinting": False, "full_fonts": False, "uncompressed_pdf": False}
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, pdf_variant=PDF_VARIANT, **common
        )
        data = document.write_pdf(pdf_variant=PDF_VARIANT, **common)
        variant = PDF_VARIANT
    except Exception:  # noqa: BLE001 - any failure of the optional variant: fall back to a tagged PDF
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, pdf_tags=True, **common
        )
        data = document.write_pdf(pdf_tags=True, **common)
        variant = "tagged"
    return RenderedPdf(data, len(document.pages), variant)
