"""PDF pages as PNG images: the WhatsApp cards, 1080 x 1350 px each, under 200 KB.

Rendered with PDFium through ``pypdfium2`` rather than poppler's ``pdftoppm``: the
PDFium build ships inside the pinned wheel, so every machine with the same pins
makes the same pixels (pdftoppm's output follows whatever poppler, cairo and
freetype the distribution has), there is no subprocess and no system package to
install, and it is fast. Pillow (also a pinned wheel, with its own zlib) writes the PNG.

The cards are black on white by design, so pages are rendered in grayscale and
stored as 2-bit PNGs with 4 evenly spaced gray levels: black, white and two grays for
the edges of letters. At full size it cannot be told from 16 levels, a card is about
35 KB instead of 55 KB (a handout's cards are a dozen images), and a phone shows it at
a third of its size anyway. Even levels (a lookup table) rather than an adaptive palette:
the same pixels always map to the same levels, and it is five times faster than a median cut.
"""

from __future__ import annotations

import io

GRAY_LEVELS = 4
MIN_GRAY_LEVELS = 2


def quantise(image, levels: int):
    """A grayscale ("L") image as a palette image of ``levels`` evenly spaced grays, black to white."""
    from PIL import Image

    lookup = [(value * (levels - 1) + 127) // 255 for value in range(256)]
    indexed = Image.frombytes("P", image.size, image.point(lookup).tobytes())
    indexed.putpalette([round(level * 255 / (levels - 1)) for level in range(levels) for _ in range(3)])
    return indexed


def page_images(
    pdf: bytes, width: int, height: int | None = None, max_bytes: int = 200_000, underlay: bytes | None = None
) -> list[bytes]:
    """One PNG per page of ``pdf``: ``width`` pixels wide (and ``height`` high when given), under ``max_bytes`` if it can be.

    ``underlay`` is a one-page PDF drawn under every page (black on white: the darker pixel
    of the two wins). A page dense enough to pass the limit is stored with fewer gray levels
    (down to 2).
    """
    from PIL import ImageChops

    below = _gray_pages(underlay, width, height)[0] if underlay else None
    result = []
    for image in _gray_pages(pdf, width, height):
        if below is not None:
            image = ImageChops.darker(image, below)
        levels = GRAY_LEVELS
        while True:
            buffer = io.BytesIO()
            quantise(image, levels).save(buffer, "PNG", bits=max(1, (levels - 1).bit_length()), compress_level=6)
            if buffer.tell() < max_bytes or levels <= MIN_GRAY_LEVELS:
                break
            levels //= 2
        result.append(buffer.getvalue())
    return result


def _gray_pages(pdf: bytes, width: int, height: int | None):
    """Every page of ``pdf`` as a grayscale image of exactly ``width`` x ``height`` (or its own proportions)."""
    import pypdfium2 as pdfium
    from PIL import Image

    images = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            page_width, _ = page.get_size()
            image = page.render(scale=width / page_width, grayscale=True, may_draw_forms=False).to_pil().convert("L")
            size = (width, height or round(image.height * width / image.width))
            if image.size != size:  # PDFium rounds; keep the promised size exactly
                image = image.resize(size, Image.Resampling.LANCZOS)
            images.append(image)
            page.close()
    finally:
        document.close()
    return images
