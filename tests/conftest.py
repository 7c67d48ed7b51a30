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


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default coalition, copied to a temporary folder and built once (site/ and dist/)."""
    import subprocess
    import sys

    from ck_paths import DEFAULT_DATA, ROOT

    out = tmp_path_factory.mktemp("default-build")
    shutil.copytree(DEFAULT_DATA, out / "data")
    result = subprocess.run(
        [sys.executable, "-m", "coalition_kit.cli", "build", "--data", str(out / "data"),
         "--site-dir", str(out / "site"), "--dist", str(out / "dist")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (out / "build.log").write_text(result.stdout, encoding="utf-8")
    return out
