"""Last line of defence: fail the build when a private value shows up in a public output."""

from __future__ import annotations

import html
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import private_values

_TEXT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".js", ".css", ".ics", ".md"}


def _needles(data: CoalitionData) -> list[str]:
    return [v for v in private_values(data) if len(v.strip()) >= 4]


def leaks_in_text(data: CoalitionData, text: str) -> list[str]:
    unescaped = html.unescape(text)
    return [v for v in _needles(data) if v in text or v in unescaped]


def leaks_in_folder(data: CoalitionData, folder: Path) -> list[str]:
    """'file: value' for every private value found in a text file under ``folder``."""
    found: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in _TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path}: private value '{value[:20]}…'" for value in leaks_in_text(data, text)]
    return found
