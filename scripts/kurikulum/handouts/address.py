"""The web address of a module's participant page, printed on its handout and encoded in its QR code."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml

from kurikulum import paths


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads mkdocs.yml even when it uses ``!!python/name`` or ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def site_url(root: Path) -> str | None:
    """``site_url`` from mkdocs.yml, ending in ``/``; None when it is not set."""
    config_path = root / "mkdocs.yml"
    if not config_path.exists():
        return None
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    url = config.get("site_url") if isinstance(config, dict) else None
    if not isinstance(url, str) or not url.strip():
        return None
    return url.strip().rstrip("/") + "/"


@dataclass(frozen=True)
class PageAddress:
    url: str | None  # full address for the QR code; None without site_url
    short: str  # what is printed: no scheme, no index.html


def participant_address(base_url: str | None, module_id: str, lang: str) -> PageAddress:
    page = posixpath.dirname(paths.site_file(paths.participant_dir(module_id), lang)) + "/"
    if base_url is None:
        return PageAddress(None, page)
    url = base_url + page
    return PageAddress(url, url.split("://", 1)[-1])
