"""Notebook tests. The PDFs they read are the session's shared builds (tests/conftest.py):
the book editions printed from these tests' own pages (``notebook_build``), the fixture
coalition's full build (``fjord_build``: handout, cards, poster, files), the variant on US
Letter paper (``variant_build``) and the default data (``default_build``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nb_support import notebook_docs


@pytest.fixture(scope="session")
def nb_docs(tmp_path_factory) -> Path:
    """The pages the notebook tests print (tests/notebook/docs plus an oversized table), for the
    tests that run build_notebook.py themselves."""
    return notebook_docs(tmp_path_factory.mktemp("nb") / "docs")
