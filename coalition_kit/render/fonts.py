"""The notebook's font: Atkinson Hyperlegible, installed as a Python package."""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

FAMILY = atkinson.FAMILY
_FILES = {
    ("normal", "normal"): "AtkinsonHyperlegible-Regular.ttf",
    ("bold", "normal"): "AtkinsonHyperlegible-Bold.ttf",
    ("normal", "italic"): "AtkinsonHyperlegible-Italic.ttf",
    ("bold", "italic"): "AtkinsonHyperlegible-BoldItalic.ttf",
}


def font_files() -> dict[tuple[str, str], Path]:
    return {key: Path(atkinson.ROOT) / "files" / name for key, name in _FILES.items()}


def font_face_css() -> str:
    rules = []
    for (weight, style), path in font_files().items():
        rules.append(
            f"@font-face {{ font-family: '{FAMILY}'; font-weight: {weight}; font-style: {style}; "
            f"src: url('{path.as_uri()}'); }}"
        )
    return "\n".join(rules)
