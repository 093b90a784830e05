"""Printable handouts from the curriculum model: A4 sheet, A5 booklet, WhatsApp images and print packs.

Entry points:

- :func:`render_all` renders (or reuses from ``.cache/handouts/``) every handout and
  print pack, returns a :class:`HandoutRun` (files for catalog.json, ``handout-pages``
  findings, what was rendered and what reused) and, given ``out_dir``, publishes the
  files under ``out_dir/unduh/``.
- :func:`publish_manifest` publishes the last run into a site folder without rendering.
- :class:`RendererMissing` is raised, with what to install, when WeasyPrint's native
  libraries cannot be loaded.

Nothing here imports MkDocs.
"""

from kurikulum.handouts.native import RendererMissing
from kurikulum.handouts.run import A4_PAGE_BUDGET, DOWNLOADS, HandoutRun, publish, publish_manifest, read_manifest, render_all

__all__ = [
    "A4_PAGE_BUDGET",
    "DOWNLOADS",
    "HandoutRun",
    "RendererMissing",
    "publish",
    "publish_manifest",
    "read_manifest",
    "render_all",
]
