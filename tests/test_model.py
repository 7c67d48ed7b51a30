"""Unit tests of the model: localized text, hotline links, privacy."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_kit.load.loader import load_data
from coalition_kit.model.base import text_for
from coalition_kit.model.identity import Hotline
from coalition_kit.model.privacy import private_values, public_view


def test_text_accepts_plain_text_or_languages() -> None:
    assert text_for("Hello", "es") == "Hello"
    assert text_for({"en": "Hello", "es": "Hola"}, "es") == "Hola"
    assert text_for({"en": "Hello"}, "es", fallback="en") == "Hello"


def test_hotline_links() -> None:
    line = Hotline.model_validate({
        "id": "x", "name": "X", "kind": "hotline", "number": "1-888-373-7888", "text_number": "233733",
        "text_keyword": "HELP", "hours": "24/7", "languages": "en", "when_to_use": "always",
        "source": {"name": "S", "url": "https://example.org"}, "verified": "2026-01-01",
    })
    assert line.tel_href == "tel:18883737888"
    assert line.sms_href == "sms:233733?&body=HELP"


def test_hotline_needs_a_way_to_reach_it() -> None:
    with pytest.raises(ValueError, match="needs a 'number' or a 'url'"):
        Hotline.model_validate({"id": "x", "name": "X", "kind": "hotline", "hours": "h", "languages": "l",
                                "when_to_use": "w", "source": {"name": "S", "url": "https://example.org"},
                                "verified": "2026-01-01"})


def test_public_view_removes_every_private_value(fjord_copy: Path) -> None:
    data = load_data(fjord_copy)
    secrets = private_values(data)
    assert {"PRIVATE-NOTE-FJORD-7731", "Privat Testperson Zeta", "Volunteer Quux Private"} <= set(secrets)
    public = public_view(data)
    assert private_values(public) == []
    assert public.outreach.hotels[0].name == "Fjord Lodge (fictional)"  # public fields stay
    assert data.outreach.hotels[0].notes == "PRIVATE-NOTE-FJORD-7731"  # the original is untouched
    assert public.is_public and not data.is_public


def test_all_sources_are_collected_once(fjord_copy: Path) -> None:
    urls = [s.url for s in load_data(fjord_copy).all_sources()]
    assert len(urls) == len(set(urls))
    assert "https://safeline.example.org/about" in urls
    assert "https://fjordby-alliance.example.org/report" in urls


def test_a_manifest_made_from_other_data_is_not_listed(tmp_path: Path) -> None:
    from coalition_kit.outputs.manifest import ManifestEntry, read_manifest, write_manifest

    entry = ManifestEntry("staff-en.pdf", "staff", "en", "a4", 2, 10, "1 KB", "0" * 64, True)
    write_manifest(tmp_path, [entry], data_digest="aaa")
    assert [e["file"] for e in read_manifest(tmp_path, "aaa")] == ["staff-en.pdf"]
    assert read_manifest(tmp_path, "bbb") == []
