"""The staff handout (layout: handout): one sheet, both sides, for every hotel employee."""

from __future__ import annotations

from nb_support import Pdf


def _check_handout(pdf: Pdf, data) -> None:
    assert 1 <= len(pdf.pages) <= 2, f"the handout has {len(pdf.pages)} pages"
    flat = pdf.flat
    hotline = data.coalition.primary_hotline
    assert "".join(hotline.number.split()) in flat
    if hotline.text_number:
        assert "".join(hotline.text_number.split()) in flat
    assert data.coalition.emergency_number in flat
    for role in data.hotel.roles:
        assert "".join(data.text(role.name).split()) in flat, f"role missing: {data.text(role.name)}"
        for sign in role.signs:
            assert "".join(data.text(sign).split()) in flat, f"sign missing: {data.text(sign)}"
    assert "".join(data.text(data.hotel.caveat).split()) in flat
    for r in data.hotel.three_rs:
        assert "".join(data.text(r.title).split()) in flat
    for step in data.hotel.response:
        assert "".join(data.text(step.title).split()) in flat
    for detail in data.hotel.details_to_note:
        assert "".join(data.text(detail).split()) in flat
    home = str(data.coalition.site_url or data.coalition.website).rstrip("/")
    assert home.replace("https://", "") in flat
    # no cover, contents or part dividers
    assert "Contents" not in pdf.text and "PART 1" not in pdf.text.upper().replace("PA R T", "PART")


def test_fixture_handout_is_short_and_complete(fjord_build):
    _check_handout(fjord_build.pdf("staff-en.pdf"), fjord_build.data)


def test_fixture_handout_on_letter_paper(variant_build):
    _check_handout(variant_build.pdf("staff-en.pdf"), variant_build.data)


def test_handout_needs_no_parts():
    from coalition_kit.model.editions import Edition
    edition = Edition(id="staff", title="Staff handout", audience="Everyone", layout="handout")
    assert edition.parts == []


def test_default_handout_is_one_sheet_with_every_role_and_the_hotline(default_build):
    data = default_build.data
    assert data.edition("staff").layout == "handout"
    pdf = default_build.pdf(f"staff-{data.coalition.main_language}.pdf")
    _check_handout(pdf, data)
    assert len(pdf.pages) <= 2
