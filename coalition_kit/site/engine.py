"""The site engine (MkDocs): the one module besides the macros adapter that calls its API.

Moving to another engine with the same ``mkdocs.yml`` and macros contract means rewriting
this module and ``macros.py``; the pipeline only calls ``build_site`` and ``markdown_settings``.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from coalition_kit.render.pages import MarkdownSettings
from coalition_kit.site.inputs import SiteInputs

#: The key of the engine's config that carries the pipeline's ``SiteInputs`` to the adapter.
INPUTS_KEY = "coalition_kit_inputs"


class SiteBuildError(Exception):
    """The site engine failed or warned; the message lists what it said."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def markdown_settings(mkdocs_yml: Path) -> MarkdownSettings:
    """The Markdown extensions and their options as MkDocs itself reads them from ``mkdocs_yml``
    (so any setting MkDocs accepts, ``!!python/name:`` tags included, prints too)."""
    return _markdown_settings(mkdocs_yml.resolve(), hashlib.sha256(mkdocs_yml.read_bytes()).hexdigest())


@lru_cache(maxsize=4)
def _markdown_settings(mkdocs_yml: Path, _content: str) -> MarkdownSettings:
    config = load_config(str(mkdocs_yml))
    return MarkdownSettings(tuple(config["markdown_extensions"]), dict(config["mdx_configs"]))


def build_site(mkdocs_yml: Path, inputs: SiteInputs, site_dir: Path, *, serve_url: str | None = None) -> None:
    """Render the pages into ``site_dir`` with ``inputs`` (a strict build: any warning fails it)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        overrides = {"site_url": serve_url} if serve_url else {}
        config = load_config(str(mkdocs_yml), site_dir=str(site_dir), strict=True, **overrides)
        config[INPUTS_KEY] = inputs
        mkdocs_build(config, serve_url=serve_url)
    except (Abort, MkDocsException) as exc:
        detail = "\n  ".join(handler.messages) or str(exc)
        raise SiteBuildError(f"the website build failed:\n  {detail}") from exc
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise SiteBuildError("the website build reported problems:\n  " + "\n  ".join(handler.messages))
