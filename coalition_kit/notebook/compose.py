"""Compose one edition of the notebook as a single HTML document for WeasyPrint."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from coalition_kit.model import CoalitionData
from coalition_kit.model.editions import Edition
from coalition_kit.notebook.fonts import FAMILY, font_face_css
from coalition_kit.render.blocks import Blocks
from coalition_kit.render.pages import render_page

_ENV = Environment(
    loader=PackageLoader("coalition_kit.notebook", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class Section:
    """A docs page rendered for print, with ids made unique within the book."""

    page: str
    anchor: str
    title: str
    html: Markup


@dataclass
class ComposedPart:
    title: str
    intro: str
    anchor: str
    sections: list[Section] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def page_anchor(page: str) -> str:
    return "page-" + re.sub(r"[^a-z0-9]+", "-", page.lower().removesuffix(".md")).strip("-")


def build_date() -> datetime:
    """The build's date: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc).replace(microsecond=0)


def _prefix_ids(html: str, anchor: str) -> str:
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{anchor}--{m.group(1)}"', html)
    html = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{anchor}--{m.group(1)}"', html)
    return html


def _first_heading(html: str, fallback: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else fallback


def compose_edition(data: CoalitionData, edition: Edition, lang: str, docs_dir: Path, mkdocs_yml: Path) -> str:
    """The whole edition as one HTML string."""
    blocks = Blocks(data, lang, output="print")
    parts: list[ComposedPart] = []
    for index, part in enumerate(edition.parts, start=1):
        composed = ComposedPart(blocks.t(part.title), blocks.t(part.intro) if part.intro else "", f"part-{index}",
                                forms=list(part.forms))
        for page in part.pages:
            path = docs_dir / page
            if not path.is_file():
                raise FileNotFoundError(f"editions.yml: edition '{edition.id}' lists page '{page}', "
                                        f"but docs/{page} does not exist")
            html, _toc = render_page(path, blocks, mkdocs_yml)
            anchor = page_anchor(page)
            html = _prefix_ids(html, anchor)
            composed.sections.append(Section(page, anchor, _first_heading(html, page), Markup(html)))
        parts.append(composed)
    when = build_date()
    c = data.coalition
    return _ENV.get_template("book.html").render(
        c=c,
        t=blocks.t,
        lang=lang,
        edition=edition,
        parts=parts,
        font_faces=Markup(font_face_css()),
        font_family=FAMILY,
        paper="letter" if c.paper == "letter" else "A4",
        created=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        date_label=when.strftime("%B %Y"),
        org=blocks.t(c.name),
        org_short=blocks.t(c.short_name or c.name),
        hotline=c.primary_hotline,
    )
