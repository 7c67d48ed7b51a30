"""Examples in error messages from the coalition's own country, where the data says which.

The validators give American examples (``model.base``: the U.S. hotline's number, a U.S.
time zone). A coalition in Norway told to write its helpline "such as 1-888-373-7888" has
to translate the example first, so before the problems are reported the loader swaps each
example for one of the country in coalition.yml. The numbers are made-up numbers in the
country's usual form, not real lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from coalition_kit.load.problems import Problem
from coalition_kit.load.yaml_source import read_yaml
from coalition_kit.model.base import PHONE_EXAMPLE, TEL_EXAMPLE, TIMEZONE_EXAMPLES


@dataclass(frozen=True)
class Examples:
    phone: str
    """A number as people read it (a ``Phone``)."""
    tel: str
    """The same number as a ``tel:`` link dials it (a ``Tel``)."""
    timezone: str | None
    """An IANA time zone of the country; None keeps the generic examples."""


#: Examples by ISO 3166 country code. Add a country here when you meet a new one.
BY_COUNTRY: dict[str, Examples] = {
    "AT": Examples("01 234 5678", "+4312345678", "Europe/Vienna"),
    "AU": Examples("02 5550 1234", "+61255501234", "Australia/Sydney"),
    "BE": Examples("02 123 45 67", "+3221234567", "Europe/Brussels"),
    "BR": Examples("11 1234-5678", "+551112345678", "America/Sao_Paulo"),
    "CA": Examples("1-613-555-0100", "+16135550100", "America/Toronto"),
    "CH": Examples("044 123 45 67", "+41441234567", "Europe/Zurich"),
    "DE": Examples("030 1234567", "+49301234567", "Europe/Berlin"),
    "DK": Examples("33 12 34 56", "+4533123456", "Europe/Copenhagen"),
    "ES": Examples("912 345 678", "+34912345678", "Europe/Madrid"),
    "FI": Examples("09 123 4567", "+35891234567", "Europe/Helsinki"),
    "FR": Examples("01 23 45 67 89", "+33123456789", "Europe/Paris"),
    "GB": Examples("020 7946 0000", "+442079460000", "Europe/London"),
    "IE": Examples("01 234 5678", "+35312345678", "Europe/Dublin"),
    "IN": Examples("011 2345 6789", "+911123456789", "Asia/Kolkata"),
    "IT": Examples("06 1234 5678", "+390612345678", "Europe/Rome"),
    "JP": Examples("03-1234-5678", "+81312345678", "Asia/Tokyo"),
    "MX": Examples("55 1234 5678", "+525512345678", "America/Mexico_City"),
    "NL": Examples("020 123 4567", "+31201234567", "Europe/Amsterdam"),
    "NO": Examples("22 12 34 56", "+4722123456", "Europe/Oslo"),
    "NZ": Examples("09 123 4567", "+6491234567", "Pacific/Auckland"),
    "PH": Examples("02 1234 5678", "+63212345678", "Asia/Manila"),
    "PT": Examples("21 123 4567", "+351211234567", "Europe/Lisbon"),
    "SE": Examples("08-123 456 78", "+46812345678", "Europe/Stockholm"),
    "ZA": Examples("012 345 6789", "+27123456789", "Africa/Johannesburg"),
}

#: For a country not in the table: a number in international form, the generic time zones.
ELSEWHERE = Examples("+44 20 7946 0000", "+442079460000", None)


def examples_for(country: str | None) -> Examples | None:
    """The examples for ``country``; None for the United States or an unknown country (keep them)."""
    if not country or country == "US":
        return None
    return BY_COUNTRY.get(country, ELSEWHERE)


def _swapped(message: str, examples: Examples) -> str:
    endings = [(PHONE_EXAMPLE, examples.phone), (TEL_EXAMPLE, examples.tel)]
    if examples.timezone:
        endings.append((TIMEZONE_EXAMPLES, examples.timezone))
    for old, new in endings:
        for before, after in ((f"(example: {old})", f"(example: {new})"), (f"such as {old}", f"such as {new}")):
            if message.endswith(before):  # only the example the validator wrote, never the value quoted
                return message[: -len(before)] + after
    return message


def with_local_examples(problems: list[Problem], country: str | None) -> list[Problem]:
    """``problems`` with their examples taken from ``country`` (an ISO code) where one is known."""
    examples = examples_for(country)
    if examples is None:
        return problems
    return [replace(p, message=_swapped(p.message, examples)) for p in problems]


def data_country(data_dir: Path) -> str | None:
    """The ``country`` written in ``data_dir``/coalition.yml, even when that file has problems."""
    path = Path(data_dir) / "coalition.yml"
    if path.is_symlink() or not path.is_file():  # never read past the data folder
        return None
    doc, _ = read_yaml(path, str(path))
    country = doc.data.get("country") if doc is not None and isinstance(doc.data, dict) else None
    return country.strip().upper() if isinstance(country, str) else None
