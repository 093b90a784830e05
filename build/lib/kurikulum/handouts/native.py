"""Importing WeasyPrint, whose native libraries (Pango, HarfBuzz) may be missing on a fresh machine.

WeasyPrint raises ``OSError`` at import time when ``libpango`` cannot be loaded. We turn
that into :class:`RendererMissing`, whose message says exactly what to install, so the
build stops with one clear paragraph instead of a traceback.
"""

from __future__ import annotations

from types import ModuleType

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1"


class RendererMissing(RuntimeError):
    """WeasyPrint or one of its native libraries cannot be loaded."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "Lembar peserta (PDF) tidak bisa dibuat: pustaka WeasyPrint tidak dapat dimuat.\n"
            "Handouts (PDF) cannot be made: the WeasyPrint libraries cannot be loaded.\n"
            f"    {detail}\n"
            "Pasang / install (Debian, Ubuntu):\n"
            f"    sudo apt-get install {DEBIAN_PACKAGES}\n"
            "lalu / then:  make setup"
        )
        self.detail = detail


def load_weasyprint() -> ModuleType:
    """Return the ``weasyprint`` module, or raise :class:`RendererMissing` with install instructions."""
    try:
        import weasyprint
    except OSError as error:  # libpango / libgobject not found
        raise RendererMissing(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    except ImportError as error:  # the Python package itself is not installed
        raise RendererMissing(f"{error} (pip install -e . )") from None
    return weasyprint
