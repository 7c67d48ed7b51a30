"""Unit tests of the model: localized text, hotline links, privacy."""

from __future__ import annotations

from pathlib import Path

import pytest

from pydantic import BaseModel

from ck_paths import DEFAULT_DATA, FJORD
from coalition_kit.load.loader import load_data
from coalition_kit.model import Model
from coalition_kit.model.base import tel_href, text_for
from coalition_kit.model.identity import Hotline
from coalition_kit.model.outreach import Hotel, Outreach, Volunteer
from coalition_kit.model.privacy import is_private, private_nodes, private_values, public_view
from coalition_kit.model.walk import walk


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
    assert line.model_copy(update={"text_keyword": None}).sms_href == "sms:233733"
    assert line.model_copy(update={"tel": "+18883737888"}).tel_href == "tel:+18883737888"


def test_tel_href_keeps_digits_and_plus() -> None:
    assert tel_href("+47 (0) 22-33.44 55") == "tel:+47022334455"
    assert tel_href("112") == "tel:112"


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


# --- the walk over the model ------------------------------------------------------------


def _at(value: object, loc: tuple) -> object:
    for part in loc:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _outreach() -> Outreach:
    return Outreach.model_validate({
        "hotels": [
            {"id": "a", "name": "Hotel A", "city": "North", "status": "trained", "recognised_publicly": "true",
             "manager_name": "Secret Manager", "notes": "secret note",
             "sessions": [{"date": "2026-01-02", "staff": {"front-desk": "4"}, "notes": "secret visit note"},
                          {"date": "2026-02-03"}]},
            {"id": "b", "name": "Hotel B", "recognised_publicly": "true"},
        ],
        "volunteers": [{"id": "v", "role": "trainer", "email": "v@example.org"}],
    })


def test_walk_reports_every_node_with_its_location_in_order() -> None:
    outreach = _outreach()
    nodes = list(walk(outreach))
    assert nodes[0].loc == () and nodes[0].value is outreach and nodes[0].owner is None
    locs = [n.loc for n in nodes]
    assert locs[:4] == [(), ("hotels",), ("hotels", 0), ("hotels", 0, "id")]  # depth first, fields in order
    assert ("hotels", 0, "sessions", 1, "date") in locs
    assert locs.index(("hotels", 0, "sessions", 1, "notes")) < locs.index(("hotels", 1))
    assert locs[-2:] == [("volunteers", 0, "email"), ("illustrative",)]
    assert len(locs) == len(set(locs))
    for node in nodes:
        assert _at(outreach, node.loc) is node.value  # the location leads to the value
    visit_notes = next(n for n in nodes if n.loc == ("hotels", 0, "sessions", 0, "notes"))
    assert (visit_notes.owner.__name__, visit_notes.field, visit_notes.is_item) == ("Session", "notes", False)
    item = next(n for n in nodes if n.loc == ("hotels", 1))
    assert (item.owner, item.field, item.is_item) == (Outreach, "hotels", True)  # an item belongs to its list's field


def test_walk_starts_where_it_is_told() -> None:
    outreach = _outreach()
    nodes = list(walk(outreach.hotels[1], ("hotels", 1)))
    assert nodes[0].loc == ("hotels", 1) and all(n.loc[:2] == ("hotels", 1) for n in nodes)


def test_walk_keeps_texts_in_several_languages_whole() -> None:
    from coalition_kit.model.readiness import Dimension

    nodes = list(walk(Dimension.model_validate({"letter": "A", "name": {"en": "North", "es": "Norte"},
                                                "question": "Q"})))
    name = [n for n in nodes if n.loc[:1] == ("name",)]
    assert len(name) == 1  # the text, never its languages
    assert name[0].value == {"en": "North", "es": "Norte"}
    assert (name[0].owner, name[0].field) == (Dimension, "name")


def test_walk_can_prune() -> None:
    nodes = list(walk(_outreach(), prune=lambda n: n.loc == ("hotels",)))
    assert ("hotels",) in [n.loc for n in nodes]
    assert not any(n.loc[:1] == ("hotels",) and len(n.loc) > 1 for n in nodes)


def test_private_fields_are_found_where_they_are() -> None:
    outreach = _outreach()
    found = {n.loc: n.value for n in private_nodes(outreach)}
    assert found == {
        ("hotels", 0, "manager_name"): "Secret Manager",
        ("hotels", 0, "notes"): "secret note",
        ("hotels", 0, "sessions", 0, "notes"): "secret visit note",
        ("volunteers", 0, "email"): "v@example.org",
    }
    empty = [n for n in walk(outreach) if is_private(n) and n.value is None]
    assert ("hotels", 1, "manager_name") in [n.loc for n in empty]  # empty ones are not reported
    assert is_private(next(n for n in walk(outreach) if n.loc == ("volunteers", 0, "name")))
    assert not any(is_private(n) for n in walk(outreach) if n.loc[-1:] in (("id",), ("city",), ("role",)))


def _leaves(value: object) -> dict[tuple, object]:
    return {n.loc: n.value for n in walk(value) if not isinstance(n.value, (BaseModel, list))}


@pytest.mark.parametrize("folder", [DEFAULT_DATA, FJORD], ids=["default", "fjord"])
def test_public_view_empties_every_private_field_and_nothing_else(folder: Path) -> None:
    data = load_data(folder)
    public = public_view(data)
    assert private_values(data) and private_values(public) == []
    for name in data.__dataclass_fields__:
        before, after = getattr(data, name), getattr(public, name)
        if not isinstance(before, Model):
            continue
        if isinstance(before, Outreach):  # hotels that did not agree to be named are removed outright
            before = before.model_copy(update={"hotels": [h for h in before.hotels if h.recognised_publicly]})
        private = {n.loc for n in walk(before) if is_private(n)}
        if not any(n.value is not None for n in walk(before) if n.loc in private):
            assert after is before, name  # nothing private: the very same model
        old, new = _leaves(before), _leaves(after)
        assert old.keys() == new.keys(), name
        for loc, value in old.items():
            if loc in private:
                assert new[loc] is None, (name, loc)
            else:
                assert new[loc] == value, (name, loc)


def test_public_view_copies_only_what_holds_a_private_value() -> None:
    from coalition_kit.model.privacy import _redact

    outreach = _outreach()
    redacted = _redact(outreach)
    assert redacted.hotels[1] is outreach.hotels[1]  # nothing private in it
    assert redacted.hotels[0].sessions[1] is outreach.hotels[0].sessions[1]
    assert redacted.hotels[0].city is outreach.hotels[0].city
    assert redacted.hotels[0].sessions[0].notes is None and redacted.hotels[0].sessions[0].staff.front_desk == 4
    assert isinstance(redacted.volunteers[0], Volunteer) and redacted.volunteers[0].email is None
    assert outreach.hotels[0].notes == "secret note"  # the original is untouched
