"""Render a docs/ page (Markdown + macro calls) to HTML outside MkDocs.

The notebook uses this so printed sections are the website's own pages, rendered with
the same macros and the Markdown extensions that mkdocs.yml lists.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml
from jinja2 import Environment, StrictUndefined

from coalition_kit.render.blocks import Blocks

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


@lru_cache(maxsize=4)
def markdown_settings(mkdocs_yml: Path) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The extensions and their options, as mkdocs.yml lists them."""
    config = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
    names: list[Any] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict):
            for name, opts in entry.items():
                names.append(name)
                options[name] = dict(opts or {})
        else:
            names.append(entry)
    return names, options


def render_macros(source: str, blocks: Blocks) -> str:
    """Expand ``{{ macro() }}`` calls in a page exactly as the site build does."""
    env = Environment(undefined=StrictUndefined, autoescape=True)  # as the site does (site/macros.py)
    template = env.from_string(_FRONT_MATTER.sub("", source, count=1))
    return template.render(**blocks.variables(), **blocks.macros())


def render_page(page: Path, blocks: Blocks, mkdocs_yml: Path) -> tuple[str, list[dict[str, Any]]]:
    """HTML of one page and its table of contents tokens."""
    names, options = markdown_settings(mkdocs_yml)
    md = markdown.Markdown(extensions=names, extension_configs=options)
    html = md.convert(render_macros(page.read_text(encoding="utf-8"), blocks))
    return html, list(getattr(md, "toc_tokens", []))
