"""Helpers for the notebook tests (imported by conftest.py and the tests).

The pages printed are tests/notebook/docs (small pages that use the fixture's data), copied
to a temporary folder with one deliberately oversized table added, so the tests do not
depend on the website's prose. The builds themselves are shared: tests/conftest.py.
"""

from __future__ import annotations

import subprocess

from ck_builds import OVERSIZED_ROWS, Pdf, command, notebook_docs  # noqa: F401 - used by the tests
from ck_paths import EPOCH, FJORD, NOTEBOOK_PAGES, ROOT  # noqa: F401 - used by the tests

PAGES = NOTEBOOK_PAGES
PRIVATE_VALUE = "PRIVATE-NOTE-FJORD-7731"


def run_cli(*args: str, epoch: str | None = EPOCH) -> subprocess.CompletedProcess:
    """``python build_notebook.py ARGS``."""
    return command("build_notebook.py", *args, epoch=epoch, timeout=600)
