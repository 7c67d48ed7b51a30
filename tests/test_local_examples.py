"""Error messages give examples from the coalition's own country (coalition.yml's ``country``)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter

from ck_builds import edit
from coalition_kit.load.examples import BY_COUNTRY, ELSEWHERE
from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.model.base import PHONE_EXAMPLE, TEL_EXAMPLE, Phone, Tel

US_ZONE = "America/Chicago"


def messages(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_data(data_dir)
    return [p.message for p in caught.value.problems]


def break_phone_tel_zone(coalition: Path) -> None:
    """Three bad values in the fixture's coalition.yml: a phone number, a tel: number, a time zone."""
    edit(coalition, 'emergency_number: "112"', 'emergency_number: "11x2"')
    edit(coalition, 'tel: "+4700000001"', 'tel: "1-888-373-7888"')  # the U.S. example, as a wrong tel:
    edit(coalition, "timezone: Europe/Oslo", "timezone: Europe/Fjordby")


def test_a_norwegian_coalition_gets_norwegian_examples(fjord_copy: Path) -> None:
    break_phone_tel_zone(fjord_copy / "coalition.yml")
    found = messages(fjord_copy)
    phone, tel, zone = (next(m for m in found if m.startswith(key)) for key in ("emergency", "hotlines", "timezone"))
    norway = BY_COUNTRY["NO"]
    assert phone == f"emergency_number: '11x2' is not a valid phone number (example: {norway.phone})"
    # The value quoted is the user's own, even when it happens to be the U.S. example.
    assert tel == f"hotlines > item 1 > tel: '{PHONE_EXAMPLE}' is not a valid tel: number (example: {norway.tel})"
    assert zone == "timezone: 'Europe/Fjordby' is not a known time zone; use a name such as Europe/Oslo"


def test_a_us_coalition_keeps_the_us_examples(fjord_copy: Path) -> None:
    coalition = fjord_copy / "coalition.yml"
    edit(coalition, "country: NO", "country: US")
    break_phone_tel_zone(coalition)
    found = " | ".join(messages(fjord_copy))
    assert f"(example: {PHONE_EXAMPLE})" in found and f"(example: {TEL_EXAMPLE})" in found
    assert US_ZONE in found


def test_another_country_gets_an_international_example(fjord_copy: Path) -> None:
    coalition = fjord_copy / "coalition.yml"
    edit(coalition, "country: NO", "country: KE")  # Kenya: not in the table
    break_phone_tel_zone(coalition)
    found = " | ".join(messages(fjord_copy))
    assert f"(example: {ELSEWHERE.phone})" in found and f"(example: {ELSEWHERE.tel})" in found
    assert f"(example: {PHONE_EXAMPLE})" not in found
    assert US_ZONE in found  # no single zone to offer: the generic examples stay


def test_the_example_follows_the_country_even_when_another_file_has_the_problem(fjord_copy: Path) -> None:
    edit(fjord_copy / "coalition.yml", "country: NO", "country: GB")
    edit(fjord_copy / "outreach.yml", 'manager_phone: "+47 0000 0099"', 'manager_phone: "call me"')
    found = " | ".join(messages(fjord_copy))
    assert f"(example: {BY_COUNTRY['GB'].phone})" in found, found


@pytest.mark.parametrize("country", sorted(BY_COUNTRY))
def test_every_example_is_valid_data(country: str) -> None:
    """An example the message offers must be accepted where it is offered."""
    examples = BY_COUNTRY[country]
    assert TypeAdapter(Phone).validate_python(examples.phone) == examples.phone
    assert TypeAdapter(Tel).validate_python(examples.tel) == examples.tel
    assert examples.timezone is None or ZoneInfo(examples.timezone)
    digits = "".join(c for c in examples.phone if c.isdigit())
    assert examples.tel.endswith(digits.lstrip("0")[-6:]), "the tel: example dials the phone example"
