"""Compose one edition as a single HTML document for WeasyPrint.

Book editions are the website's own docs/ pages (rendered by ``render.pages`` with the
same macros) between print-only pieces: cover, contents, part dividers and forms. The handout,
wallet cards, safety cards, poster and role posters are print-only layouts fed by the same data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from markupsafe import Markup

from coalition_kit.load.page_translations import page_source
from coalition_kit.model import CoalitionData
from coalition_kit.model.editions import Edition
from coalition_kit.render.fonts import FAMILY, font_face_css
from coalition_kit.printed.forms import FORMS
from coalition_kit.printed.links import LinkContext, page_anchor, page_url
from coalition_kit.printed.page_tree import print_page
from coalition_kit.printed.qr import qr_svg
from coalition_kit.render.blocks import Blocks
from coalition_kit.render.jinja import package_templates
from coalition_kit.render.pages import MarkdownSettings, render_page
from coalition_kit.render.words import SOURCE_LANGUAGE, Words

__all__ = ["compose_edition", "plan_edition", "page_anchor", "build_date", "Section", "FormPage", "ComposedPart"]

_ENV = package_templates("coalition_kit.printed")


def css_string(value: object) -> Markup:
    """A quoted CSS string (for ``content:``) that is safe inside a <style> element."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{text}"')


_ENV.filters["css"] = css_string


def wrapped_lines(texts: object, per_line: float) -> int:
    """About how many lines ``texts`` (one text or a list, each its own paragraph) take when
    about ``per_line`` characters fit on a line: word by word, as a printed line breaks. A fitted
    piece (role posters, the handout) uses it to set a long text a step smaller or tighter, so
    a longer language (Spanish runs a fifth longer than English) still fits its page."""
    count = 0
    for text in [texts] if isinstance(texts, str) else texts:
        line = 0
        count += 1
        for word in str(text).split():
            if line and line + 1 + len(word) > per_line:
                count += 1
                line = len(word)
            else:
                line += (1 if line else 0) + len(word)
    return count


_ENV.filters["wrapped_lines"] = wrapped_lines

# Paper sizes in millimetres (portrait).
PAPER = {"letter": ("letter", 215.9, 279.4), "a4": ("A4", 210.0, 297.0)}


@dataclass
class Section:
    """A docs page rendered for print, with ids made unique within the book."""

    page: str
    anchor: str
    title: str
    html: Markup


@dataclass
class FormPage:
    slug: str
    anchor: str
    title: str
    purpose: str
    context: dict[str, Any]
    pages: int | None = 1
    """At most this many pages (the build fails naming the form when data makes it run over); None: no limit."""


@dataclass
class ComposedPart:
    number: int
    title: str
    intro: str
    anchor: str
    sections: list[Section] = field(default_factory=list)
    forms: list[FormPage] = field(default_factory=list)


def build_date() -> datetime:
    """The build's date: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc).replace(microsecond=0)


def _site(data: CoalitionData) -> str:
    return str(data.coalition.site_url or data.coalition.website)


def plan_edition(data: CoalitionData, edition: Edition, lang: str, docs_dir: Path,
                 settings: MarkdownSettings) -> list[ComposedPart]:
    """The parts of a book edition, each with its rendered pages and its forms.

    The edition was checked against ``docs_dir`` and the forms when the data was validated
    (``checks.check_editions``).
    """
    blocks = Blocks(data, lang, output="print")
    c = data.coalition
    in_edition = frozenset(page for part in edition.parts for page in part.pages)
    parts: list[ComposedPart] = []
    for index, part in enumerate(edition.parts, start=1):
        composed = ComposedPart(index, blocks.text(part.title), blocks.text(part.intro) if part.intro else "",
                                f"part-{index}")
        for page in part.pages:
            ctx = LinkContext(page, in_edition, lambda p: (docs_dir / p).is_file(), _site(data), lang,
                              c.main_language, docs_dir)
            source, translated = page_source(docs_dir, page, lang)
            html, title = print_page(render_page(source, blocks, settings), ctx)
            if not translated:
                html = _untranslated(html, blocks.words)
            composed.sections.append(Section(page, page_anchor(page), title, Markup(html)))
        for slug in part.forms:
            spec = FORMS[slug]
            composed.forms.append(FormPage(slug, f"form-{slug}", spec.title_in(blocks.words),
                                           spec.purpose_in(blocks.words), spec.context(data, blocks), spec.pages))
        parts.append(composed)
    return parts


def _untranslated(html: str, words: Words) -> str:
    """A page not translated into the edition's language: its text marked as English (hyphenation,
    screen readers), under the same notice in the edition's language as on the website."""
    notice = str(Markup('<p class="untranslated" lang="{}">{}</p>').format(words.lang, words.untranslated))
    head, end, rest = html.partition("</h1>")  # after the page's title, which heads the section
    body = f"{head}{end}{notice}{rest}" if end else notice + html
    return f'<div lang="{SOURCE_LANGUAGE}">{body}</div>'


def _poster_signs(data: CoalitionData, blocks: Blocks, limit: int = 6) -> list[str]:
    """Signs for the poster: taken in turn from each staff role, so every department sees theirs."""
    pools = [list(role.signs) for role in data.hotel.roles]
    chosen: list[str] = []
    while len(chosen) < limit and any(pools):
        for pool in pools:
            if pool and len(chosen) < limit:
                text = blocks.text(pool.pop(0))
                if text not in chosen:
                    chosen.append(text)
    return chosen


@dataclass
class SafetyLine:
    """One line on the discreet card: how to reach it, never its name (names can say what it is for)."""

    reach: Any
    emergency: bool


def _safety_card(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """The discreet card's words from ``safety_card`` in hotel_project.yml: a neutral lead, what
    happens when you call or text, and the lines (by id) whose numbers it gives. Without that
    mapping the card gives the main hotline's numbers alone. The emergency number closes the card
    unless the data lists the emergency line itself."""
    card = data.hotel.safety_card
    hotlines = [data.hotline(i) for i in card.lines] if card else [data.coalition.primary_hotline]
    lines = [SafetyLine(blocks.reach(h, links=False), h.kind == "emergency")
             for h in hotlines if h.number or h.text_number]
    emergency = data.coalition.emergency_number
    if any(line.emergency and line.reach.hotline.number == emergency for line in lines):
        emergency = None
    return {"lead": blocks.text(card.lead) if card else None,
            "what_happens": blocks.text(card.what_happens) if card else None,
            "lines": lines, "emergency": emergency}


def _piece_context(data: CoalitionData, edition: Edition, lang: str, docs_dir: Path) -> dict[str, Any]:
    blocks = Blocks(data, lang, output="print")
    c = data.coalition
    when = build_date()
    paper_name, width, height = PAPER[c.paper]
    home = page_url(_site(data), "index.md", lang, c.main_language)
    help_url = page_url(_site(data), "get-help.md", lang, c.main_language) \
        if (docs_dir / "get-help.md").is_file() else home
    logo = data.logo_path()
    org = blocks.text(c.name)
    return {
        "c": c, "t": blocks.text, "lang": lang, "edition": edition, "data": data, "L": blocks.words,
        "piece_title": blocks.text(edition.title),
        "font_faces": Markup(font_face_css()), "font_family": FAMILY,
        "paper": paper_name, "paper_w": width, "paper_h": height,
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "date_label": blocks.words.date(when.date(), "date_month"),
        "org": org, "org_short": blocks.text(c.short_name or c.name),
        "hotline": c.primary_hotline, "home_url": home, "help_url": help_url,
        "reach": lambda hotline: blocks.reach(hotline, links=False),  # the one hotline wording
        "qr_home": qr_svg(home, f"QR code: {home}"), "qr_help": qr_svg(help_url, f"QR code: {help_url}"),
        "logo_uri": logo.as_uri() if logo and logo.is_file() else None,
        "private": edition.includes_private,
        "rs": data.hotel.three_rs,
        "signs": _poster_signs(data, blocks),
        "card_signs": _poster_signs(data, blocks, limit=4),
        "notice": blocks.text(c.notice) if c.notice else None,  # cards' backs, posters' small print
        "caveat": blocks.text(data.hotel.caveat),
        "hotel": data.hotel,
        "step_lines": lambda step: _step_numbers(data, step),
    }


def _step_numbers(data: CoalitionData, step: Any) -> list[str]:
    """The numbers of the lines a response step names (e.g. 911, the tip line), for the handout."""
    numbers = []
    for hotline_id in step.hotlines:
        try:
            line = data.hotline(hotline_id)
        except KeyError:
            continue
        if line.number and line.number not in numbers:
            numbers.append(line.number)
    return numbers


#: The template of each layout that is not a book.
_TEMPLATES = {"handout": "handout.html", "cards": "cards.html", "poster": "poster.html",
              "safety-cards": "safety-cards.html", "role-posters": "role-posters.html"}

#: The template of each piece printed with two languages on one sheet (``bilingual`` in
#: editions.yml): what reads best, and fits, differs from piece to piece.
_BILINGUAL = {"poster": "poster-bilingual.html",         # one sheet: shared number, two columns of signs
              "role-posters": "role-posters-bilingual.html",  # the same, one sheet per role
              "handout": "handout-bilingual.html",       # front in one language, back in the other
              "safety-cards": "safety-cards.html"}       # each card: one language a side


def compose_edition(data: CoalitionData, edition: Edition, lang: str, docs_dir: Path,
                    settings: MarkdownSettings, second: str | None = None) -> str:
    """The whole edition as one HTML string; with ``second``, the piece in ``lang`` and ``second``
    on the same sheets (``sides``: each language's context, ``lang``'s first)."""
    context = _piece_context(data, edition, lang, docs_dir)
    if edition.layout == "book":
        context["parts"] = plan_edition(data, edition, lang, docs_dir, settings)
        return _ENV.get_template("book.html").render(**context)
    sides = [context] + ([_piece_context(data, edition, second, docs_dir)] if second else [])
    for side in sides:
        if edition.layout == "safety-cards":
            side["safety"] = _safety_card(data, Blocks(data, side["lang"], output="print"))
    context["sides"] = sides
    if second:
        context["piece_title"] = " / ".join(side["t"](edition.title) for side in sides)
        return _ENV.get_template(_BILINGUAL[edition.layout]).render(**context)
    return _ENV.get_template(_TEMPLATES[edition.layout]).render(**context)
