"""Printable handouts from the module views: A4 sheet, A5 booklet, WhatsApp cards and print packs.

- :func:`kurikulum.handouts.render.render_all` renders (or reuses from ``.cache/handouts/``)
  every handout and print pack and returns a :class:`~kurikulum.handouts.manifest.HandoutRun`.
- :mod:`kurikulum.handouts.manifest` holds what a run made and publishes it into a site;
  it imports no PDF library, so the site can link handouts without loading the renderer.
- :class:`kurikulum.handouts.native.RendererMissing` is raised, with what to install, when
  WeasyPrint's native libraries cannot be loaded.
"""
