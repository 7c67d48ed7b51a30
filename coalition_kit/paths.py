"""Where things are by default: the project root holds data/, docs/, mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding mkdocs.yml: the working folder if it has one, else the checkout."""
    cwd = Path.cwd()
    if (cwd / "mkdocs.yml").is_file():
        return cwd
    return PACKAGE_DIR.parent


def default_data_dir() -> Path:
    env = os.environ.get("COALITION_DATA")
    return Path(env) if env else project_root() / "data"


def docs_dir() -> Path:
    return project_root() / "docs"
