"""The generated site, engine-neutral: pages as HTML fragments, the search index, catalog.json."""
