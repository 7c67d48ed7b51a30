"""Values the theme overrides read from data (``config.extra.ck``), with readable colours."""

from __future__ import annotations

from typing import Any

from coalition_kit.model import CoalitionData
from coalition_kit.render.colors import contrast, luminance, readable_on  # noqa: F401 (used by tests)
from coalition_kit.render.hotline import Reach
from coalition_kit.render.words import Words


def theme_settings(data: CoalitionData, lang: str) -> dict[str, Any]:
    """Values the theme overrides read as ``config.extra.ck`` (escape them with |e there)."""
    c = data.coalition
    hotline = c.primary_hotline
    text = lambda value: data.text(value, lang)  # noqa: E731
    return {
        "name": text(c.name),
        "short_name": text(c.short_name or c.name),
        "tagline": text(c.tagline) if c.tagline else "",
        # Optional notice for the footer (e.g. that this edition was made from public information).
        "notice": text(c.notice) if c.notice else "",
        "email": c.email,
        "website": c.website,
        "lang": lang,
        "emergency_number": c.emergency_number,
        "emergency_tel_href": c.emergency_tel_href,
        "quick_exit_url": c.quick_exit_url,
        "primary": c.colors.primary,
        "accent": c.colors.accent,
        # Colours derived so that text on them passes WCAG AA whatever the data says.
        **readable_colors(c.colors.primary, c.colors.accent),
        "logo": logo_file_name(data),
        # Already-escaped HTML in the one hotline wording (render/hotline.py): print it without |e.
        "hotline_html": Reach(hotline, text, words=Words(lang)).html_pieces(),
        # The fixed words of the overrides in this language (render/words.py): ck.L.exit_button…
        "L": Words(lang),
    }


# --- colours -------------------------------------------------------------------

#: Surfaces text sits on in each scheme: Material's page background (white; slate is
#: hsl(225, 15%, 14%)) and the tinted boxes and bars of overrides/assets/ck/site.css.
LIGHT_SURFACES = ("#ffffff", "#f6f7f9", "#f1f3f5")
DARK_SURFACES = ("#1e2129", "#262a34", "#14161b")


def readable_colors(primary: str, accent: str) -> dict[str, str]:
    """Header, link and focus colours the theme uses, each with AA contrast (4.5:1, kept at 4.7 for rounding)."""
    on_primary = "#ffffff" if contrast(primary, "#ffffff") >= contrast(primary, "#111111") else "#111111"
    header = readable_on(primary, on_primary)  # the header background, adjusted against its text
    return {
        "on_primary": on_primary,
        "header_bg": header,
        "link_light": readable_on(accent, *LIGHT_SURFACES),
        "link_dark": readable_on(accent, *DARK_SURFACES),
        "heading_light": readable_on(primary, *LIGHT_SURFACES),
        "heading_dark": readable_on(primary, *DARK_SURFACES),
    }


def logo_file_name(data: CoalitionData) -> str:
    """Name the logo gets in the site (assets/ck/logo.<ext>), or '' when the data has none."""
    path = data.logo_path()
    if path is None or not path.is_file():
        return ""
    return "logo" + path.suffix.lower()
