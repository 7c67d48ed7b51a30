"""``coalition new DIR``: a new coalition's data folder, made from the default data.

What is shared stays: the guide, the Hotel-Motel Project, signs, forms, the readiness model
and the credit to the program's designer. What is the default coalition's own goes: entries
marked ``scope: default-coalition``, its events and its tracker, its contacts and notice. An
entry marked with a country (``scope: US``) stays only for a coalition in that country; outside
the United States the hotlines become ``FILL IN`` entries that ``coalition check`` reports at
their line until the new coalition writes its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_kit.fork.yaml_edit import YamlText
from coalition_kit.load.loader import FILL_IN
from coalition_kit.model import DATA_FILES
from coalition_kit.model.base import DEFAULT_COALITION_SCOPE, dialable
from coalition_kit.model.default_coalition import DEFAULT

#: Files that are the default coalition's alone: its events and its (private) tracker.
NOT_COPIED = ("events.yml", "outreach.yml")

#: Where paper is Letter: the United States and Canada; A4 everywhere else.
LETTER_COUNTRIES = frozenset({"US", "CA"})

#: Emergency numbers offered as the default answer; anything else is asked for.
EMERGENCY_NUMBERS: dict[str, str] = {
    "US": "911", "CA": "911", "MX": "911", "GB": "999", "IE": "112", "AU": "000", "NZ": "111",
    **{code: "112" for code in ("AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
                                 "HR", "HU", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL",
                                 "PT", "RO", "SE", "SI", "SK", "UA", "IN")},
}


def paper_for(country: str) -> str:
    return "letter" if country in LETTER_COUNTRIES else "a4"


def time_zones(country: str) -> list[str]:
    """The IANA time zones of ``country``, the most populous region's first (tz database order)."""
    from importlib.resources import files

    table = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    return [row.split("\t")[2] for row in table.splitlines() if row.startswith(country + "\t")]


@dataclass(frozen=True)
class NewCoalition:
    """The answers ``coalition new`` asks for."""

    name: str
    city: str
    region: str
    country: str
    email: str
    website: str
    paper: str
    languages: tuple[str, ...]
    emergency_number: str
    timezone: str


def create(default_dir: Path, target: Path, new: NewCoalition) -> list[str]:
    """Write the new coalition's data files into ``target``; return the names written."""
    texts: dict[str, str] = {}
    dropped_ids: dict[str, set[str]] = {}  # file -> ids of the entries left out of it
    edits: dict[str, YamlText] = {}
    for spec in DATA_FILES:
        source = default_dir / spec.name
        if spec.name in NOT_COPIED or not source.exists():
            continue
        edit = YamlText.read(source)
        if isinstance(edit.data, dict) and not _kept(edit.data.get("scope"), new.country):
            continue  # the whole file is one country's (law.yml) or the default coalition's
        if spec.name == "coalition.yml" and new.country != "US":
            # Outside the United States every hotline is the new coalition's to fill in.
            edit.set_block(("hotlines",), _hotlines_to_fill_in(new))
            kept = {line["id"] for line in _hotlines_to_fill_in(new)}
            dropped_ids[spec.name] = {line.get("id") for line in edit.data.get("hotlines", [])} - kept
        dropped_ids.setdefault(spec.name, set()).update(_drop_out_of_scope(edit, edit.data, (), new.country))
        edits[spec.name] = edit
    for edit in edits.values():
        _drop_references(edit, edit.data, (), dropped_ids)
    _new_identity(edits["coalition.yml"], new)
    _new_area(edits["hotel_project.yml"], new)
    _bilingual_only_if_both(edits.get("editions.yml"), new)
    volunteers = edits.get("volunteer_program.yml")
    if volunteers is not None and "commitment_source" in volunteers.data:
        volunteers.delete_key(("commitment_source",))  # the default coalition's call for volunteers
    for name, edit in edits.items():
        texts[name] = _own_emergency_number(edit.result(), new.emergency_number)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (target / name).write_text(text, encoding="utf-8")
    for spec in DATA_FILES:  # writing over a data folder: what a new coalition does not have goes
        if spec.name not in texts and (target / spec.name).exists():
            (target / spec.name).unlink()
    return sorted(texts)


def _own_emergency_number(text: str, number: str) -> str:
    """The shared texts say "call 911"; a coalition elsewhere gets its own number there."""
    default = DEFAULT.emergency_number
    if dialable(number) == dialable(default):
        return text
    return re.sub(rf"(?<![\d-]){re.escape(default)}(?![\d-])", number, text)


# --- what is left out -----------------------------------------------------------------------


def _kept(scope: Any, country: str) -> bool:
    return scope is None or (scope != DEFAULT_COALITION_SCOPE and scope == country)


def _drop_out_of_scope(edit: YamlText, value: Any, path: tuple, country: str) -> set[str]:
    """Delete every list entry whose scope leaves it out; return the ids of what went."""
    dropped: set[str] = set()
    if edit.touched(path):
        return dropped
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and not _kept(item.get("scope"), country):
                edit.delete_key(path + (key,))  # a group of fields that is not the new coalition's
            else:
                dropped |= _drop_out_of_scope(edit, item, path + (key,), country)
    elif isinstance(value, list):
        gone = {i for i, item in enumerate(value) if isinstance(item, dict) and not _kept(item.get("scope"), country)}
        edit.delete_items(path, gone)
        for i, item in enumerate(value):
            if i in gone:
                if isinstance(item.get("id"), str):
                    dropped.add(item["id"])
            else:
                dropped |= _drop_out_of_scope(edit, item, path + (i,), country)
    return dropped


#: Lists of ids, by their key, and the file whose entries they name.
REFERENCES = {"why_hotels": "statistics.yml", "hotlines": "coalition.yml", "lines": "coalition.yml"}


def _drop_references(edit: YamlText, value: Any, path: tuple, dropped: dict[str, set[str]]) -> None:
    """Delete the items of lists of ids (``why_hotels``, a step's ``hotlines``) naming what went."""
    if edit.touched(path):
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _drop_references(edit, item, path + (key,), dropped)
    elif isinstance(value, list):
        named = REFERENCES.get(str(path[-1])) if path else None
        if named and value and all(isinstance(item, str) for item in value):
            ids = dropped.get(named, set())
            edit.delete_items(path, {i for i, item in enumerate(value) if item in ids})
        else:
            for i, item in enumerate(value):
                _drop_references(edit, item, path + (i,), dropped)


# --- the new coalition's own ------------------------------------------------------------------


#: coalition.yml fields that describe the default coalition alone (it was founded in 2013,
#: has a training address, a published site and a notice about its edition).
_DEFAULT_ONLY_FIELDS = ("short_name", "founded", "training_email", "site_url", "notice", "logo")


def _new_identity(edit: YamlText, new: NewCoalition) -> None:
    data = edit.data
    for key in ("name", "city", "region", "country", "email", "website", "paper", "timezone", "emergency_number"):
        if key in data:
            edit.set_scalar((key,), getattr(new, key))
    edit.set_block(("languages",), list(new.languages))
    for key in _DEFAULT_ONLY_FIELDS:
        if key in data:
            edit.delete_key((key,))
    if new.country != "US":
        for key in ("quick_exit_url", "sources_checked"):  # a US weather site; hotlines not yet checked
            if key in data:
                edit.delete_key((key,))
        return
    for i, line in enumerate(data.get("hotlines", [])):
        if line.get("kind") == "emergency" and dialable(line.get("number", "")) != dialable(new.emergency_number):
            edit.set_scalar(("hotlines", i, "number"), new.emergency_number)
            if "tel" in line:
                edit.set_scalar(("hotlines", i, "tel"), dialable(new.emergency_number))


def _hotlines_to_fill_in(new: NewCoalition) -> list[dict[str, Any]]:
    """The hotline entries a coalition outside the United States writes itself."""
    return [
        {
            "id": "national-hotline",
            "kind": "hotline",
            "name": f"{FILL_IN}: the name of the human trafficking hotline that serves {new.city}",
            "number": f"{FILL_IN}: its phone number as people read it",
            "when_to_use": f"{FILL_IN}: who answers, what they do with a call, and whether it is confidential",
            "source": [{"name": f"{FILL_IN}: the hotline's own page that gives these details",
                        "url": f"{FILL_IN}: the address of that page (https://...)"}],
            "verified": f"{FILL_IN}: the day you checked these details (YYYY-MM-DD)",
        },
        {
            "id": "emergency",
            "kind": "emergency",
            "name": "Emergency (police, fire and ambulance)",
            "number": new.emergency_number,
            "hours": "Always",
            "when_to_use": ("When someone is in immediate danger: violence, threats, assault or an urgent "
                            "medical need. A call reaches the emergency services."),
            "source": [{"name": f"{FILL_IN}: the page of the emergency services that gives this number",
                        "url": f"{FILL_IN}: the address of that page (https://...)"}],
            "verified": f"{FILL_IN}: the day you checked the number (YYYY-MM-DD)",
        },
    ]


def _bilingual_only_if_both(edit: YamlText | None, new: NewCoalition) -> None:
    """A piece printed in two languages stays so only when the new coalition builds both."""
    for i, edition in enumerate((edit.data.get("editions") or []) if edit else []):
        both = edition.get("bilingual") if isinstance(edition, dict) else None
        if both and not all(lang in new.languages for lang in both):
            edit.delete_key(("editions", i, "bilingual"))


def _new_area(edit: YamlText, new: NewCoalition) -> None:
    """The project's area and the texts about the national hotline are the new coalition's own."""
    data = edit.data
    if "area" in data:
        edit.set_scalar(("area",), f"Every hotel and motel in and around {new.city}, {new.region}. Every employee "
                                   "is included: managers, front desk, housekeeping, maintenance and restaurant staff.")
    if "goal_source" in data:
        edit.delete_key(("goal_source",))
    card = data.get("safety_card")
    if isinstance(card, dict) and new.country != "US":
        if "lead" in card:
            edit.set_scalar(("safety_card", "lead"),
                            f"{FILL_IN}: a short, discreet heading such as 'Need to talk? Confidential help.' "
                            "(say 'any time' only if your hotline answers day and night)")
        if "what_happens" in card:
            edit.set_scalar(("safety_card", "what_happens"),
                            f"{FILL_IN}: in about 200 characters, when the hotline answers, in which languages, "
                            "and that the caller decides what happens next")
        if "source" in card:
            edit.set_block(("safety_card", "source"),
                           [{"name": f"{FILL_IN}: the hotline's own page", "url": f"{FILL_IN}: its address (https://...)"}])
