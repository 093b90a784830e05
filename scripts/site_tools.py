"""Helpers shared by the browser tests and the benchmarks: a repository copy, chromium, a loopback server."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import yaml

REPO = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("mkdocs.yml", "docs", "modules", "overrides", "scripts")
# As root on a machine with no network but the package registries: no sandbox, and none of
# chromium's background connections (they would be refused, many at a time).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def copy_repository(target: Path, *, with_cache: bool = False, with_git: bool = False) -> Path:
    """The files a build reads, copied so that builds never touch the work tree."""
    target.mkdir(parents=True)
    for name in (*BUILD_INPUTS, *((".cache",) if with_cache else ())):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    if with_git and (REPO / ".git").exists():
        # The history only: handouts print the revision and take their date from the commit.
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(target / ".gitclone")], check=True)
        (target / ".gitclone" / ".git").rename(target / ".git")
        shutil.rmtree(target / ".gitclone")
    return target


def site_prefix(root: Path) -> str:
    """The path part of the site's address: the site is served under it, as on its public address."""
    config = yaml.safe_load((root / "modules" / "organisasi.yml").read_text(encoding="utf-8")) or {}
    return urlparse(config.get("situs") or "").path.strip("/")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, prefix: str = "") -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) under ``/prefix/``; yield its address."""
    with tempfile.TemporaryDirectory() as document_root:
        if prefix:
            mount = Path(document_root) / prefix
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(site, target_is_directory=True)
        handler = functools.partial(QuietHandler, directory=document_root if prefix else str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{prefix}/" if prefix else "")
        finally:
            server.shutdown()
            server.server_close()
