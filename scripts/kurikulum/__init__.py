"""The curriculum tool (kurikulum): load, validate, schedule, translate, catalog and publish modules."""


def __getattr__(name: str) -> str:
    """``kurikulum.__version__``, read from the installed package's metadata when first asked for (importlib.metadata is slow to import)."""
    if name != "__version__":
        raise AttributeError(f"module 'kurikulum' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("kurikulum")
    except PackageNotFoundError:  # run from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
