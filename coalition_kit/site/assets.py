"""Files the site needs that are not pages: the self-hosted font and the coalition's logo.

Written into the built site after MkDocs has rendered it (no font CDN, ever): the
Atkinson Hyperlegible files come from the ``fontpkg_atkinson_hyperlegible`` package,
compressed to WOFF2 when fontTools and Brotli are present (they come with WeasyPrint).
"""

from __future__ import annotations

import io
import shutil
from functools import lru_cache
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.render.fonts import font_files
from coalition_kit.site.theme import logo_file_name

FONT_FOLDER = "assets/fonts"
LOGO_FOLDER = "assets/ck"


@lru_cache(maxsize=8)
def _woff2(ttf: Path) -> bytes:
    """The font as WOFF2 bytes (deterministic: same input, same bytes)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(ttf))
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


def write_fonts(site_dir: Path) -> list[Path]:
    """Copy the four faces into ``site_dir/assets/fonts`` as WOFF2."""
    folder = site_dir / FONT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in font_files().values():
        target = folder / f"{source.stem}.woff2"
        target.write_bytes(_woff2(source))
        written.append(target)
    return written


def write_logo(data: CoalitionData, site_dir: Path) -> Path | None:
    name = logo_file_name(data)
    path = data.logo_path()
    if not name or path is None:
        return None
    target = site_dir / LOGO_FOLDER / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target
