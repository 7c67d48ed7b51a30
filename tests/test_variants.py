"""Data shaped differently from both fixtures still builds: two languages, US Letter paper, events,
a logo, no text line, no statistics, no outreach file. A fork's data is rarely like ours.

The variant (ck_builds.make_variant) is built over a copy of the fixture's finished outputs, so
it is also the test that a data change rebuilds them. Its Letter PDFs are checked in
tests/notebook (test_files, test_handout).
"""

from __future__ import annotations

from ck_builds import VARIANT_BILINGUAL, VARIANT_TAGLINE, Build


def test_a_data_change_rebuilds_the_previous_outputs(variant_build: Build) -> None:
    assert "up to date" not in variant_build.output
    home = (variant_build.site / "index.html").read_text(encoding="utf-8")
    assert VARIANT_TAGLINE in home
    assert "See it. Say it. Stop it." not in home  # the fixture's tagline, from the build it replaced


def test_every_edition_in_both_languages(variant_build: Build) -> None:
    manifest = variant_build.manifest["files"]
    pairs = {(e["edition"], e["language"]) for e in manifest}
    editions = {e["edition"] for e in manifest}
    assert len(editions) == 8
    bilingual = {(e, "en+es") for e in VARIANT_BILINGUAL}  # editions.yml: bilingual: [en, es]
    assert pairs == {(e, lang) for e in editions for lang in ("en", "es")} | bilingual
    assert {p.name for p in variant_build.dist.glob("*.pdf")} == {e["file"] for e in manifest}
    assert {e["file"] for e in manifest if "+" in e["language"]} == {f"{e}-en-es.pdf" for e in VARIANT_BILINGUAL}


def test_events_have_calendar_files(variant_build: Build) -> None:
    ics = (variant_build.site / "events" / "harbour-talk.ics").read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "DTSTART:20270304T173000Z" in ics  # 18:30 in Oslo (UTC+1)
    assert "SUMMARY:An evening at the harbour hall" in ics
    page = (variant_build.site / "events" / "index.html").read_text(encoding="utf-8")
    assert 'href="harbour-talk.ics"' in page


def test_no_text_line_means_no_sms_link(variant_build: Build) -> None:
    home = (variant_build.site / "index.html").read_text(encoding="utf-8")
    assert "sms:" not in home
    assert 'href="tel:+4700000001"' in home


def test_the_logo_is_published(variant_build: Build) -> None:
    site = variant_build.site
    assert any(p.suffix == ".svg" and "logo" in p.name for p in site.rglob("*"))


def test_downloads_list_every_language(variant_build: Build) -> None:
    page = (variant_build.site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="staff-es.pdf"' in page and 'href="staff-en.pdf"' in page
    assert (variant_build.site / "downloads" / "staff-es.pdf").is_file()
