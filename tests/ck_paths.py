"""Paths shared by the top-level tests (a module name no other test folder uses)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
FJORD = Path(__file__).resolve().parent / "fixtures" / "fjord"
#: The pages the notebook tests print (small pages that use the fixture's data).
NOTEBOOK_PAGES = Path(__file__).resolve().parent / "notebook" / "docs"
#: SOURCE_DATE_EPOCH of every build the tests make (14 November 2023).
EPOCH = "1700000000"
