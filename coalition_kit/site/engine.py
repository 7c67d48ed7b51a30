"""The site engine (MkDocs): the one module besides the macros adapter that calls its API.

Moving to another engine with the same ``mkdocs.yml`` and macros contract means rewriting
this module and ``macros.py``; the pipeline only calls ``build_site`` and ``markdown_settings``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.utils import markdown_extensions

from coalition_kit.render.disk_cache import TemplateCache
from coalition_kit.render.pages import MarkdownSettings
from coalition_kit.site.inputs import SiteInputs
from coalition_kit.site.languages import (
    PAGES_LANGUAGE, alternates, site_url_for, stage_docs, translate_nav, untranslated_nav_titles, uses_pages_language,
)

#: The key of the engine's config that carries the pipeline's ``SiteInputs`` to the adapter.
INPUTS_KEY = "coalition_kit_inputs"


class SiteBuildError(Exception):
    """The site engine failed or warned; the message lists what it said."""


_TEMPLATE_CACHE = "coalition-kit-templates"


class _CompiledTemplates(BasePlugin):
    """Gives the theme's Jinja environment a cache of compiled templates (``render.disk_cache``):
    compiling Material's templates took a third of the engine's own time at every build."""

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        env.bytecode_cache = TemplateCache(env)
        return env


#: The files of the installed theme's folders, by folder and by what decides which are copied.
_THEME_LISTINGS: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[str]] = {}


def _list_theme_files_once(theme: Any) -> None:
    """The engine lists the theme's thousands of files (icons…) at each build to find the ones
    to copy; list the installed theme's folders once per process (a preview rebuilds often),
    and the project's own ``custom_dir`` (overrides/) every time: it may change."""
    original = theme.get_env

    def get_env() -> jinja2.Environment:
        env = original()
        plain = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            loader = env.loader
            if extensions is not None or filter_func is None or not isinstance(loader, jinja2.FileSystemLoader):
                return plain(extensions, filter_func)
            custom = os.path.abspath(theme.custom_dir) if theme.custom_dir else None
            decides = (tuple(theme.static_templates), tuple(markdown_extensions))
            found: set[str] = set()
            for folder in loader.searchpath:
                listed = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks).list_templates
                if os.path.abspath(folder) == custom:
                    found.update(name for name in listed() if filter_func(name))
                    continue
                key = (os.path.abspath(folder), *decides)
                if key not in _THEME_LISTINGS:
                    _THEME_LISTINGS[key] = [name for name in listed() if filter_func(name)]
                found.update(_THEME_LISTINGS[key])
            return sorted(found)

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


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
    """Render the pages into ``site_dir`` with ``inputs`` (a strict build: any warning fails it), in
    ``inputs.lang``: Material's interface, search and the navigation in that language, and each
    page's translation (``site.languages``). ``serve_url`` is the main language's address when
    previewing; a language other than the main one is served from its folder under it."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with tempfile.TemporaryDirectory(prefix="ck-pages-") as staged:
            url = site_url_for(serve_url or inputs.data.coalition.site_url, inputs.lang, inputs.data)
            overrides = {"site_url": url} if url else {}
            config = load_config(str(mkdocs_yml), site_dir=str(site_dir), strict=True, **overrides)
            _in_language(config, inputs, Path(staged), serve_url)
            config[INPUTS_KEY] = inputs
            config.plugins[_TEMPLATE_CACHE] = _CompiledTemplates()
            _list_theme_files_once(config.theme)
            mkdocs_build(config, serve_url=url if serve_url else None)
    except (Abort, MkDocsException) as exc:
        detail = "\n  ".join(handler.messages) or str(exc)
        raise SiteBuildError(f"the website build failed:\n  {detail}") from exc
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise SiteBuildError("the website build reported problems:\n  " + "\n  ".join(handler.messages))


def _in_language(config: Any, inputs: SiteInputs, staged: Path, serve_url: str | None) -> None:
    """Set ``config`` for ``inputs.lang``: set before the plugins start, so that Material's search
    takes its language (stemming, separator) from the theme's."""
    lang = inputs.lang
    config.theme["language"] = lang
    config.extra["alternate"] = alternates(inputs.data, lang, serve_url or inputs.data.coalition.site_url)
    config.extra["ck_fallback"] = []
    config.extra["ck_source_lang"] = PAGES_LANGUAGE
    if uses_pages_language(lang):
        return
    docs = Path(config.docs_dir)
    config.extra["ck_fallback"] = stage_docs(docs, lang, staged)
    config.docs_dir = str(staged)
    config.nav = translate_nav(config.nav, nav_translations(config, lang), docs)


def nav_translations(config: Any, lang: str) -> dict[str, str]:
    """``extra.nav_translations.<lang>`` of mkdocs.yml: English navigation title -> translation."""
    tables = config.extra.get("nav_translations") or {}
    return dict(tables.get(lang) or {})


def missing_nav_titles(mkdocs_yml: Path, lang: str) -> list[str]:
    """The English navigation titles mkdocs.yml does not translate into ``lang``."""
    if uses_pages_language(lang):
        return []
    nav, extra, docs_dir = _nav_settings(mkdocs_yml.resolve(), hashlib.sha256(mkdocs_yml.read_bytes()).hexdigest())
    tables = extra.get("nav_translations") or {}
    return untranslated_nav_titles(nav, dict(tables.get(lang) or {}), docs_dir)


@lru_cache(maxsize=4)
def _nav_settings(mkdocs_yml: Path, _content: str) -> tuple[Any, dict[str, Any], Path]:
    """``nav``, ``extra`` and the docs folder of mkdocs.yml, read as MkDocs reads the file
    (``INHERIT``, ``!ENV``) but without loading its theme and plugins, which the check of the
    navigation titles does not need (MkDocs takes ``nav`` and ``extra`` as they are written)."""
    from mkdocs.utils.yaml import yaml_load

    with open(mkdocs_yml, "rb") as source:
        raw = yaml_load(source)
    docs_dir = Path(raw.get("docs_dir") or "docs")
    return raw.get("nav"), dict(raw.get("extra") or {}), docs_dir if docs_dir.is_absolute() else mkdocs_yml.parent / docs_dir
