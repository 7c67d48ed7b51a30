"""Files the site needs that are not pages: the self-hosted font and the coalition's logo.

Written into the built site after MkDocs has rendered it (no font CDN, ever): the
Atkinson Hyperlegible files come from the ``fontpkg_atkinson_hyperlegible`` package,
compressed to WOFF2 when fontTools and Brotli are present (they come with WeasyPrint).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from functools import lru_cache
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.render.disk_cache import cache_folder, read_entry, write_entry
from coalition_kit.render.fonts import font_files
from coalition_kit.site.theme import logo_file_name

FONT_FOLDER = "assets/fonts"
LOGO_FOLDER = "assets/ck"


@lru_cache(maxsize=8)
def _woff2(ttf: Path, epoch: str | None) -> bytes:
    """The font as WOFF2 bytes: the same for the same font, converter and ``epoch``.

    fontTools stamps the font's ``head.modified`` with SOURCE_DATE_EPOCH (``epoch``), or the
    current time when it is not set. Converting the four faces takes more than a second, so the
    result is kept in the user's cache folder under the SHA-256 of the TrueType bytes, the
    converter's versions and ``epoch``: a changed font, converter or epoch makes a new entry.
    (Without an epoch the cached stamp is the time of the first conversion, as good a build
    time as any.) The cache only saves time: when its folder cannot be read or written, the
    font is converted in memory as before."""
    source = ttf.read_bytes()
    key = hashlib.sha256(b"\0".join([source, _converter().encode("utf-8"), (epoch or "").encode("utf-8")]))
    cached = cache_folder("fonts") / f"{key.hexdigest()}.woff2"
    found = read_entry(cached)
    if found and found.startswith(_WOFF2_SIGNATURE):
        return found
    converted = _convert(source)
    write_entry(cached, converted)
    return converted


_WOFF2_SIGNATURE = b"wOF2"


def _converter() -> str:
    """The versions the WOFF2 bytes depend on: fontTools and the Brotli it compresses with."""
    import fontTools

    try:  # the order fontTools.ttLib.woff2 tries them in
        import brotlicffi as brotli
    except ImportError:
        import brotli
    return f"fontTools {fontTools.version}; {brotli.__name__} {getattr(brotli, '__version__', '?')}"


def _convert(ttf: bytes) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(ttf))
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
        target.write_bytes(_woff2(source, os.environ.get("SOURCE_DATE_EPOCH")))
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
