"""What the PDF renderer may read: the module's own folder and the packaged assets, nothing else.

A participant text is written by a stranger. Whatever its HTML asks for, the renderer only
opens ``file:`` URLs whose real path (symlinks resolved) lies inside one of the allowed
folders; any other address (another folder, ``../``, ``/etc``, the network) is refused and
the resource is left out, so no byte of another file can reach a published handout.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from kurikulum.handouts.native import load_weasyprint

MEDIA_TYPES = {".css": "text/css", ".woff": "font/woff", ".woff2": "font/woff2", ".svg": "image/svg+xml"}


def confined_fetcher(allowed: tuple[str, ...]):
    """A WeasyPrint URL fetcher that reads files under ``allowed`` folders only."""
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = tuple(Path(folder).resolve() for folder in allowed)

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"not allowed in a handout: {url[:80]}")
            path = Path(url2pathname(parts.path)).resolve()
            if not any(path == root or root in path.parents for root in roots) or not path.is_file():
                raise ValueError(f"outside the module and the handout assets: {url[:80]}")
            media_type = MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": media_type})

    return ConfinedFetcher()
