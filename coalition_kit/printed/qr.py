"""QR codes as inline SVG (segno): sharp at any print size, no image files."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, label: str, css_class: str = "qr") -> Markup:
    """An inline SVG QR code for ``url``, with a text alternative for tagged PDFs."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True,
                          svgclass=css_class, title=label)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))
