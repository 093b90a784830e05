"""A5 booklet imposition: A5 pages set two-up on A4 landscape sheets, in booklet order.

A booklet of ``n`` A5 pages (padded with blank pages at the end to a multiple of 4)
needs ``n / 4`` sheets of A4, printed on both sides, flipped on the SHORT edge, then
stacked in order, folded in the middle and stapled on the fold. For sheet ``s``
(counting from 0, pages counted from 1)::

    front:  left = n - 2s        right = 2s + 1
    back:   left = 2s + 2        right = n - 2s - 1

8 pages: sheet 1 front 8|1, back 2|7; sheet 2 front 6|3, back 4|5.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject, StreamObject, TextStringObject

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)


def padded(pages: int) -> int:
    """The page count rounded up to a multiple of 4 (at least 4)."""
    return max(4, -(-pages // 4) * 4)


def sides(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, counted from 1, for each printed side in order: sheet 1 front, back, sheet 2 ..."""
    n = padded(pages)
    result = []
    for sheet in range(n // 4):
        result.append((n - 2 * sheet, 2 * sheet + 1))
        result.append((2 * sheet + 2, n - 2 * sheet - 1))
    return result


def set_document_info(writer: PdfWriter, title: str, lang: str, created: str | None, author: str) -> None:
    info: dict[str, str] = {"/Title": title, "/Author": author, "/Creator": author, "/Producer": f"{author} (pypdf)"}
    if created:
        info["/CreationDate"] = info["/ModDate"] = created
    writer.add_metadata(info)
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)


def to_bytes(writer: PdfWriter) -> bytes:
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a form XObject in ``writer``: its content stream copied as is, never parsed (fast)."""
    contents = page.get("/Contents")
    streams = contents.get_object() if contents is not None else []
    if not isinstance(streams, ArrayObject):
        streams = [streams]
    form = StreamObject()
    form.set_data(b"\n".join(stream.get_object().get_data() for stream in streams))
    box = page.mediabox
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(box.left), FloatObject(box.bottom), FloatObject(box.right), FloatObject(box.top)]
            ),
            NameObject("/Resources"): page["/Resources"].clone(writer) if "/Resources" in page else DictionaryObject(),
        }
    )
    return writer._add_object(form.flate_encode())


def impose(a5_pdf: bytes, title: str, lang: str, author: str, created: str | None = None) -> tuple[bytes, int]:
    """Return the imposed booklet PDF and the number of A5 pages in it (a multiple of 4, blanks included)."""
    reader = PdfReader(io.BytesIO(a5_pdf))
    count = len(reader.pages)
    width, height = A4_LANDSCAPE
    writer = PdfWriter()
    forms = [_form(writer, page) for page in reader.pages]
    for left, right in sides(count):
        sheet: PageObject = writer.add_blank_page(width, height)
        names = DictionaryObject()
        drawing = []
        for slot, number in enumerate((left, right)):
            if number > count:
                continue  # a blank padding page
            page = reader.pages[number - 1]
            x = slot * width / 2 + (width / 2 - float(page.mediabox.width)) / 2 - float(page.mediabox.left)
            y = (height - float(page.mediabox.height)) / 2 - float(page.mediabox.bottom)
            name = f"/P{number}"
            names[NameObject(name)] = forms[number - 1]
            drawing.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        content = StreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    set_document_info(writer, title, lang, created, author)
    return to_bytes(writer), padded(count)
