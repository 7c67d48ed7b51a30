"""Build the website with MkDocs into a temporary folder, then move it into place."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from coalition_kit.build.files import publishable


class SiteBuildError(Exception):
    pass


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def build_environment(data_dir: Path, dist_dir: Path, lang: str | None = None):
    """Tell the macros module which data, dist and language to use (environment variables)."""
    saved = {k: os.environ.get(k) for k in ("COALITION_DATA", "COALITION_DIST", "COALITION_LANG")}
    os.environ["COALITION_DATA"] = str(data_dir.resolve())
    os.environ["COALITION_DIST"] = str(dist_dir.resolve())
    if lang:
        os.environ["COALITION_LANG"] = lang
    else:
        os.environ.pop("COALITION_LANG", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(root: Path, data_dir: Path, dist_dir: Path, site_dir: Path,
               finish: Callable[[Path], None] | None = None) -> None:
    """Run a strict MkDocs build; ``site_dir`` is replaced only when the build succeeds.

    ``finish`` runs on the staged site before it is moved into place (copy downloads,
    check for private data); if it raises, the old site stays.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with build_environment(data_dir, dist_dir):
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
            mkdocs_build(config)
        if handler.messages:
            raise SiteBuildError("the website build reported problems:\n  " + "\n  ".join(handler.messages))
        if finish is not None:
            finish(staging)
        publishable(staging)
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(site_dir, old)
            os.replace(staging, site_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, site_dir)
    except (Abort, MkDocsException) as exc:
        detail = "\n  ".join(handler.messages) or str(exc)
        raise SiteBuildError(f"the website build failed:\n  {detail}") from exc
    finally:
        logger.removeHandler(handler)
        shutil.rmtree(staging, ignore_errors=True)
