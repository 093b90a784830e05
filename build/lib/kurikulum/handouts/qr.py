"""QR codes as inline SVG: vector, so they stay sharp on a photocopy and cost a few hundred bytes."""

from __future__ import annotations

import segno


def qr_svg(url: str, title: str) -> str:
    """An inline ``<svg>`` for ``url``, sized by CSS, with an accessible title.

    Error correction "M" at least (segno raises it when the code size allows), so a
    smudged photocopy still scans; black on white only.
    """
    code = segno.make_qr(url, error="m", boost_error=True)
    return code.svg_inline(
        scale=1, border=2, dark="#000", light="#fff", omitsize=True, title=title, svgclass="qr", lineclass=None
    )
