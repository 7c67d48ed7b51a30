"""Notebook tests: build the fixture coalition's PDFs once per session, then check the files.

The pages printed are tests/notebook/docs (small pages that use the fixture's data), copied
to a temporary folder with one deliberately oversized table added, so the tests do not
depend on the website's prose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nb_support import FJORD, PAGES, Build, oversized_table, run_cli

from coalition_kit.load.loader import load_data


@pytest.fixture(scope="session")
def nb_docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("nb") / "docs"
    shutil.copytree(PAGES, docs)
    with (docs / "resources" / "sources.md").open("a", encoding="utf-8") as handle:
        handle.write(oversized_table())
    return docs


def _build(tmp_path_factory, nb_docs: Path, name: str, data_dir: Path = FJORD, *extra: str) -> Build:
    dist = tmp_path_factory.mktemp(name) / "dist"
    result = run_cli("--data", str(data_dir), "--docs", str(nb_docs), "--dist", str(dist), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(dist, result.stdout, load_data(data_dir), nb_docs)


@pytest.fixture(scope="session")
def built(tmp_path_factory, nb_docs) -> Build:
    """Every edition of the fixture coalition, built once with SOURCE_DATE_EPOCH."""
    return _build(tmp_path_factory, nb_docs, "first")


@pytest.fixture(scope="session")
def rebuilt(tmp_path_factory, nb_docs, built) -> Build:
    """The same build again, in another folder, for the reproducibility check."""
    return _build(tmp_path_factory, nb_docs, "second")


@pytest.fixture(scope="session")
def letter_build(tmp_path_factory, nb_docs) -> Build:
    """The fixture switched to US Letter paper: the staff handout and the wallet cards."""
    data = tmp_path_factory.mktemp("letter") / "data"
    shutil.copytree(FJORD, data)
    coalition = data / "coalition.yml"
    coalition.write_text(coalition.read_text(encoding="utf-8").replace("paper: a4", "paper: letter"),
                         encoding="utf-8")
    return _build(tmp_path_factory, nb_docs, "letter-dist", data, "--edition", "staff",
                  "--edition", "wallet-card", "--edition", "poster")
