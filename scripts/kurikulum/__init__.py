"""The curriculum tool (kurikulum): load, validate, schedule, translate, catalog and publish modules."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kurikulum")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
