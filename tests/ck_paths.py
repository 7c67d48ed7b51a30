"""Paths shared by the top-level tests (a module name no other test folder uses)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
FJORD = Path(__file__).resolve().parent / "fixtures" / "fjord"
