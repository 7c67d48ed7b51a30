"""Render a docs/ page (Markdown + macro calls) to HTML outside the site engine.

The print side uses this so printed sections are the website's own pages, rendered with
the same macros and the Markdown extensions the site configuration lists (read by the
site engine's own loader and handed in as ``MarkdownSettings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, StrictUndefined

from coalition_kit.render.blocks import Blocks
from coalition_kit.render.jinja import Autoescape

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_MACROS = Environment(undefined=StrictUndefined, extensions=[Autoescape])  # as the site renders pages


@dataclass(frozen=True)
class MarkdownSettings:
    """Markdown extensions (names or instances) and their options, as the site uses them."""

    extensions: tuple[Any, ...] = ()
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


def render_macros(source: str, blocks: Blocks) -> str:
    """Expand ``{{ macro() }}`` calls in a page exactly as the site build does."""
    template = _MACROS.from_string(_FRONT_MATTER.sub("", source, count=1))
    return template.render(**blocks.variables(), **blocks.macros())


def render_page(page: Path, blocks: Blocks, settings: MarkdownSettings) -> str:
    """HTML of one page."""
    md = markdown.Markdown(extensions=list(settings.extensions), extension_configs=settings.configs)
    return md.convert(render_macros(page.read_text(encoding="utf-8"), blocks))
