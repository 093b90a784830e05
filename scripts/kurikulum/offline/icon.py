"""The organisation's icon, drawn with Pillow: the initials of its name on its theme colour.

Kiwix shows a 48 × 48 illustration for every ZIM and Android needs 192 and 512 px icons to
offer "Add to home screen". Material's favicon is the theme's logo, not the organisation's,
so the icon is drawn from the settings (name and colour) with the site's own font. The
PNG bytes depend only on the inputs and the pinned Pillow (basic layout, no timestamp).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kurikulum.assets import print_theme
from kurikulum.settings import Settings

FONT = Path("fonts") / "atkinson-hyperlegible-latin-700-normal.woff"
FALLBACK_THEME = "#000000"  # only when organisasi.yml sets no colours: black and white still reads
FALLBACK_BACKGROUND = "#ffffff"


def initials(name: str) -> str:
    """'Sekolah Hak' → 'SH'; one word gives its first two letters."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    return (words[0][:2] if words else "?").upper()


def colours(settings: Settings) -> tuple[str, str]:
    return settings.colours.get("theme", FALLBACK_THEME), settings.colours.get("background", FALLBACK_BACKGROUND)


def icon_png(settings: Settings, size: int) -> bytes:
    """A square PNG of ``size`` px: the initials, centred, in the background colour on the theme colour."""
    theme, background = colours(settings)
    scale = 2  # drawn twice as large and scaled down: smooth edges without relying on the font renderer's hinting
    canvas = Image.new("RGB", (size * scale, size * scale), theme)
    draw = ImageDraw.Draw(canvas)
    font_file = print_theme(settings.root) / FONT
    text = initials(settings.name)
    font_size = int(size * scale * 0.46)
    if font_file.exists():
        font = ImageFont.truetype(str(font_file), font_size, layout_engine=ImageFont.Layout.BASIC)
    else:
        font = ImageFont.load_default(font_size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    position = ((size * scale - (right - left)) / 2 - left, (size * scale - (bottom - top)) / 2 - top)
    draw.text(position, text, font=font, fill=background)
    image = canvas.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
