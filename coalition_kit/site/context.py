"""What the website build needs from data: loaded once per build, public view only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coalition_kit.load.loader import load_data
from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import public_view


def site_data(config_dir: Path) -> CoalitionData:
    """The public view of the data folder named by COALITION_DATA (default: data/ beside mkdocs.yml)."""
    data_dir = Path(os.environ.get("COALITION_DATA") or config_dir / "data")
    return public_view(load_data(data_dir))


def dist_dir(config_dir: Path) -> Path:
    return Path(os.environ.get("COALITION_DIST") or config_dir / "dist")


def site_language(data: CoalitionData) -> str:
    return os.environ.get("COALITION_LANG") or data.coalition.main_language


def theme_settings(data: CoalitionData, lang: str) -> dict[str, Any]:
    """Values the theme overrides read as ``config.extra.ck`` (escape them with |e there)."""
    c = data.coalition
    hotline = c.primary_hotline
    text = lambda value: data.text(value, lang)  # noqa: E731
    return {
        "name": text(c.name),
        "short_name": text(c.short_name or c.name),
        "tagline": text(c.tagline) if c.tagline else "",
        "email": c.email,
        "website": c.website,
        "lang": lang,
        "emergency_number": c.emergency_number,
        "quick_exit_url": c.quick_exit_url,
        "primary": c.colors.primary,
        "accent": c.colors.accent,
        "hotline": {
            "name": text(hotline.name),
            "number": hotline.number,
            "tel_href": hotline.tel_href,
            "text_number": hotline.text_number,
            "text_keyword": hotline.text_keyword,
            "sms_href": hotline.sms_href,
        },
    }
