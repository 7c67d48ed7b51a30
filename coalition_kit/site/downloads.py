"""Publish the public PDFs of the manifest under the site's downloads/ folder."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_downloads(entries: list[dict], dist_dir: Path, target: Path) -> list[Path]:
    """Copy every public PDF listed (and present) into ``target``; private editions never."""
    copied = []
    for entry in entries:
        source = dist_dir / entry["file"]
        if entry.get("public") and source.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / entry["file"])
            copied.append(target / entry["file"])
    return copied
