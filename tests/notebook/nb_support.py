"""Helpers for the notebook tests (imported by conftest.py and the tests): build the fixture coalition's PDFs once per session, then check the files.

The pages printed are tests/notebook/docs (small pages that use the fixture's data), copied
to a temporary folder with one deliberately oversized table added, so the tests do not
depend on the website's prose.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from coalition_kit.load.loader import load_data

ROOT = Path(__file__).resolve().parents[2]
FJORD = ROOT / "tests" / "fixtures" / "fjord"
PAGES = Path(__file__).resolve().parent / "docs"
EPOCH = "1700000000"
PRIVATE_VALUE = "PRIVATE-NOTE-FJORD-7731"
OVERSIZED_ROWS = 150


def oversized_table() -> str:
    rows = "\n".join(f"| Row {n} | ROWMARK-{n:03d} | A cell of text that keeps the row a little taller |"
                     for n in range(1, OVERSIZED_ROWS + 1))
    return ("\n## A table taller than a page\n\n| Row | Marker | Text |\n| --- | --- | --- |\n" + rows +
            f"\n| End | LAST-ROW-OF-THE-TABLE | the end |\n\nText after the table: AFTER-THE-TABLE.\n")


@dataclass
class Pdf:
    path: Path

    @cached_property
    def pages(self) -> list[str]:
        """Text of each page (pdftotext -layout), index 0 is page 1."""
        out = subprocess.run(["pdftotext", "-layout", str(self.path), "-"], check=True,
                             capture_output=True, text=True).stdout
        pages = out.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages

    @cached_property
    def text(self) -> str:
        return "\n".join(self.pages)

    @cached_property
    def flat(self) -> str:
        """All text in reading order with every space and line break removed (split words join up)."""
        out = subprocess.run(["pdftotext", "-raw", str(self.path), "-"], check=True,
                             capture_output=True, text=True).stdout
        return "".join(out.split())

    @cached_property
    def reader(self):
        from pypdf import PdfReader
        return PdfReader(str(self.path))


@dataclass
class Build:
    dist: Path
    output: str
    data: object
    docs: Path
    pdfs: dict[str, Pdf] = field(default_factory=dict)

    def pdf(self, name: str) -> Pdf:
        if name not in self.pdfs:
            self.pdfs[name] = Pdf(self.dist / name)
        return self.pdfs[name]

    @property
    def manifest(self) -> dict:
        return json.loads((self.dist / "manifest.json").read_text(encoding="utf-8"))


def run_cli(*args: str, epoch: str | None = EPOCH) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, str(ROOT / "build_notebook.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


