"""The offline forms besides the zip: Kiwix (ZIM) files per language and the installable served site.

Engine-neutral: these modules read the built site folder, catalog.json and the settings,
never the site engine. :mod:`.zim` writes one ZIM per language from the offline site;
:mod:`.installable` writes the service worker, its file manifest and the web app manifests
of the served site; :mod:`.icon` draws the icon both use.
"""
