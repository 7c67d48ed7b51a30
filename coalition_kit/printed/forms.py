"""Print-only forms and worksheets: each starts on its own page and can be printed alone.

A form's layout is a macro in ``templates/forms.html``; what is a list in data (roles,
sessions, sectors, committees, hotels…) comes from the model here, so a coalition's
forms follow its own data. Parts of editions.yml name forms by their slug.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from coalition_kit.model import CoalitionData
from coalition_kit.model.outreach import STAFF_ROLES, Hotel, HotelStatus, Volunteer, VolunteerRole
from coalition_kit.render.blocks import Blocks
from coalition_kit.render.progress import STATUS_LABELS, readiness_interviews
from coalition_kit.render.words import Words


@dataclass(frozen=True)
class Form:
    """A form; its title and purpose, like every fixed word of its layout, are in the translation
    table (``render/words.py``: ``form_<slug>`` and ``form_<slug>_purpose``)."""

    slug: str
    context: Callable[[CoalitionData, Blocks], dict[str, Any]]
    internal: bool = False
    """An internal form lists the coalition's own records (outreach, volunteers): only an
    edition with ``includes_private: true`` may print it."""
    pages: int | None = 1
    """At most this many pages; None for records as long as the data (the tracker report)."""

    @property
    def key(self) -> str:
        return "form_" + self.slug.replace("-", "_")

    def title_in(self, words: Words) -> str:
        return str(words.get(self.key))

    def purpose_in(self, words: Words) -> str:
        return str(words.get(self.key + "_purpose"))

    @property
    def title(self) -> str:
        """The title in English."""
        return self.title_in(Words("en"))

    @property
    def purpose(self) -> str:
        return self.purpose_in(Words("en"))


def _none(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {}


def _assessment(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """Questions derived from the hotel project data: the three R's, signs by role, myths, response."""
    t = blocks.text
    roles = [t(r.staff) for r in data.hotel.roles][:4]
    myths = [t(m.myth) for m in data.myths.myths][:4]
    return {"roles": roles, "myths": myths, "r_count": len(data.hotel.three_rs)}


def _evaluation(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"segments": [blocks.text(s.title) for s in data.volunteers.session]}


#: Layouts of the pieces a visit leaves at a hotel (a book edition is left only if it is about the
#: hotel project: the manager guide).
_LEFT_AT_A_HOTEL = ("handout", "poster", "role-posters", "cards", "safety-cards")


def left_at_a_hotel(data: CoalitionData, blocks: Blocks) -> list[str]:
    """The printed pieces a visit can leave at a hotel, from editions.yml: every public piece for hotel
    staff, the book editions about the hotel project (the manager guide), and the policy template
    when an edition prints it. Never the internal notebook or a coalition's own workbook."""
    pieces: list[str] = []
    for edition in data.editions.editions:
        if edition.includes_private:
            continue
        about_hotels = any(page.startswith("hotel-project/") for part in edition.parts for page in part.pages)
        if edition.layout in _LEFT_AT_A_HOTEL or (edition.layout == "book" and about_hotels):
            pieces.append(blocks.text(edition.title))
    if any("policy-template" in part.forms for e in data.editions.editions if not e.includes_private
           for part in e.parts):
        pieces.append(FORMS["policy-template"].title_in(blocks.words))
    return pieces


def _visit_log(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"left": left_at_a_hotel(data, blocks),
            "follow_up": [(blocks.text(f.when), blocks.text(f.what)) for f in data.volunteers.follow_up]}


_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net", "example")


def is_example(record: Hotel | Volunteer) -> bool:
    """True for a record whose phone or email is one reserved for examples, so it cannot be real:
    a 555-0100 to 555-0199 number (North America) or an address at example.org, .com or .net, or
    under .example (RFC 2606). The default data ships such records to show how outreach.yml works;
    the forms print blank rows in their place, never a made-up hotel or volunteer."""
    if isinstance(record, Hotel):
        phones, emails = [record.manager_phone], [record.manager_email]
    else:
        phones, emails = [record.phone], [record.email]
    for phone in filter(None, phones):
        digits = "".join(ch for ch in str(phone) if ch.isdigit())
        if len(digits) >= 7 and digits[-7:-4] == "555" and digits[-4:-2] == "01":
            return True
    for email in filter(None, emails):
        domain = str(email).rsplit("@", 1)[-1].lower().rstrip(".")
        if any(domain == d or domain.endswith("." + d) for d in _EXAMPLE_DOMAINS):
            return True
    return False


def _outreach(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """The tracker lists the coalition's own hotels (private fields are empty in public data), then
    blank rows to fill in by hand; example records are left out."""
    hotels = [h for h in data.outreach.hotels if not is_example(h)]
    return {"hotels": hotels, "blank_rows": max(4, 14 - len(hotels)),
            "statuses": [blocks.words.get(f"status_{status}") for status in get_args(HotelStatus)]}


def _roster(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """Volunteers from outreach.yml by role, then blank rows; names and contacts are private
    (internal editions only); example records are left out."""
    roles = sorted(get_args(VolunteerRole), key=lambda role: role != "coordinator")  # who leads comes first
    order = {role: i for i, role in enumerate(roles)}
    volunteers = sorted((v for v in data.outreach.volunteers if not is_example(v)),
                        key=lambda v: order.get(v.role, len(roles)))
    return {"volunteers": volunteers, "blank_rows": max(6, 16 - len(volunteers)),
            "roles": [blocks.words.get(f"role_{role}") for role in roles]}


def _policy(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """The policy clauses and the follow-up schedule from volunteer_program.yml, to fill in and sign."""
    return {"clauses": [blocks.text(c) for c in data.volunteers.policy_template],
            "follow_up": [(blocks.text(f.when), blocks.text(f.what)) for f in data.volunteers.follow_up]}


def _agenda(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    committees: list[str] = []
    for area in data.focus_areas.areas:
        name = blocks.text(area.committee)
        if name not in committees:
            committees.append(name)
    w = blocks.words
    items = [w.agenda_welcome, w.agenda_last]
    items += [w.text("agenda_report", name=name) for name in committees]
    items += [w.agenda_hotels, w.agenda_events, w.agenda_decide]
    return {"agenda": items}


def _charter(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"areas": [blocks.text(a.name) for a in data.focus_areas.areas]}


def _stakeholders(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"sectors": [blocks.text(s.name) for s in data.stakeholders.sectors]}


def _readiness(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"dimensions": [(d.letter, blocks.text(d.name)) for d in data.readiness.dimensions],
            "stages": [(s.number, blocks.text(s.name)) for s in data.readiness.stages]}


def _tracker_report(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """Every hotel of the tracker (example records too, under the illustrative notice: this is a
    report of the data, not a form to fill in), its sessions with the trainers' names, and the
    refreshers overdue as of the build date."""
    p = blocks.progress()
    names = {v.id: v.name or v.id for v in data.outreach.volunteers}
    sessions = sorted(((s, h) for h in data.outreach.hotels for s in h.sessions), key=lambda pair: pair[0].date)
    return {"p": p, "hotels": data.outreach.hotels, "sessions": sessions, "names": names,
            "statuses": STATUS_LABELS, "roles": [(key, label) for _, key, label in STAFF_ROLES],
            "overdue": p.outreach.overdue}


def _readiness_results(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """The scoring sheet filled in from readiness.yml's results: each interview's scores per
    dimension, the dimension scores and stages, the overall stage, the weakest dimensions."""
    p = blocks.progress()
    return {"p": p, "r": p.readiness, "interviews": readiness_interviews(data),
            "dimensions": data.readiness.dimensions}


FORMS: dict[str, Form] = {f.slug: f for f in (
    Form("sign-in", _none),
    Form("assessment", _assessment),
    Form("evaluation", _evaluation),
    Form("certificate", _none),
    Form("visit-log", _visit_log),
    Form("outreach-tracker", _outreach, internal=True),
    Form("volunteer-roster", _roster, internal=True),
    Form("policy-template", _policy, pages=2),
    Form("meeting-agenda", _agenda),
    Form("committee-charter", _charter),
    Form("stakeholder-map", _stakeholders),
    Form("mission-statement", _none),
    Form("policies-checklist", _none),
    Form("funding-plan", _none),
    Form("readiness-scoring", _readiness),
    Form("tracker-report", _tracker_report, internal=True, pages=None),
    Form("readiness-results", _readiness_results, internal=True, pages=None),
)}


def unknown_form_message(slug: str) -> str:
    return f"the form '{slug}' does not exist (known forms: {', '.join(FORMS)})"


def internal_form_message(slug: str) -> str:
    return (f"the form '{slug}' is internal (it lists the coalition's own records), so only an edition "
            "with includes_private: true may list it")
