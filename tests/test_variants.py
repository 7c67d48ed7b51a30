"""Data shaped differently from both fixtures still builds: two languages, events, a logo,
no text line, no statistics, no outreach file. A fork's data is rarely like ours."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ck_paths import FJORD, ROOT

LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" role="img" aria-label="Logo">
<circle cx="20" cy="20" r="18" fill="#0b6e4f"/></svg>
"""

EVENTS = """events:
  - id: harbour-talk
    title: {en: An evening at the harbour hall, es: Una tarde en la sala del puerto}
    date: 2027-03-04
    start: "18:30"
    end: "20:00"
    location: Harbour hall, Fjordby
    description: A talk about fair work in fish processing; questions welcome.
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def variant_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variant")
    data = out / "data"
    shutil.copytree(FJORD, data)
    coalition = data / "coalition.yml"
    edit(coalition, "languages: [en]", "languages: [en, es]")
    edit(coalition, "tagline: See it. Say it. Stop it.", "tagline: {en: See it. Say it. Stop it., es: Verlo. Decirlo. Pararlo.}")
    edit(coalition, '    text_number: "2020"\n    text_keyword: SAFE\n', "")
    edit(coalition, "colors:", "logo: logo.svg\ncolors:")
    (data / "logo.svg").write_text(LOGO, encoding="utf-8")
    (data / "events.yml").write_text(EVENTS, encoding="utf-8")
    (data / "statistics.yml").write_text("statistics: []\n", encoding="utf-8")
    (data / "outreach.yml").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "coalition_kit.cli", "build", "--data", str(data),
         "--site-dir", str(out / "site"), "--dist", str(out / "dist")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_edition_in_both_languages(variant_build: Path) -> None:
    manifest = json.loads((variant_build / "dist" / "manifest.json").read_text(encoding="utf-8"))["files"]
    pairs = {(e["edition"], e["language"]) for e in manifest}
    editions = {e["edition"] for e in manifest}
    assert len(editions) == 5
    assert pairs == {(e, lang) for e in editions for lang in ("en", "es")}


def test_events_have_calendar_files(variant_build: Path) -> None:
    ics = (variant_build / "site" / "events" / "harbour-talk.ics").read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "DTSTART:20270304T173000Z" in ics  # 18:30 in Oslo (UTC+1)
    assert "SUMMARY:An evening at the harbour hall" in ics
    page = (variant_build / "site" / "events" / "index.html").read_text(encoding="utf-8")
    assert 'href="harbour-talk.ics"' in page


def test_no_text_line_means_no_sms_link(variant_build: Path) -> None:
    home = (variant_build / "site" / "index.html").read_text(encoding="utf-8")
    assert "sms:" not in home
    assert 'href="tel:+4700000001"' in home


def test_the_logo_is_published(variant_build: Path) -> None:
    site = variant_build / "site"
    assert any(p.suffix == ".svg" and "logo" in p.name for p in site.rglob("*"))


def test_downloads_list_every_language(variant_build: Path) -> None:
    page = (variant_build / "site" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="staff-es.pdf"' in page and 'href="staff-en.pdf"' in page
    assert (variant_build / "site" / "downloads" / "staff-es.pdf").is_file()
