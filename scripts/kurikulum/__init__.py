"""Ruang Hak's curriculum model: load, validate, schedule, translate, catalog and publish modules."""

__version__ = "0.1.0"
