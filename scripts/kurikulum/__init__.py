"""The curriculum tool (kurikulum): load, validate, schedule, translate, catalog and publish modules."""

__version__ = "0.1.0"
