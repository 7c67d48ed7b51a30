"""Shared fixtures: paths to the project, the default data and the fixture coalition."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ck_paths import FJORD


@pytest.fixture
def fjord_copy(tmp_path: Path) -> Path:
    """A writable copy of the fictional Norwegian fixture coalition."""
    target = tmp_path / "data"
    shutil.copytree(FJORD, target)
    return target
