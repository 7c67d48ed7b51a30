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
from coalition_kit.model.outreach import HotelStatus, VolunteerRole
from coalition_kit.render.blocks import Blocks


@dataclass(frozen=True)
class Form:
    slug: str
    title: str
    purpose: str
    context: Callable[[CoalitionData, Blocks], dict[str, Any]]
    internal: bool = False
    """An internal form lists the coalition's own records (outreach, volunteers): only an
    edition with ``includes_private: true`` may print it."""


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


def _visit_log(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"offers": [blocks.text(o.title) for o in data.hotel.provides],
            "follow_up": [(blocks.text(f.when), blocks.text(f.what)) for f in data.volunteers.follow_up]}


def _outreach(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """The tracker lists the coalition's hotels; private fields are empty in public data."""
    return {"hotels": list(data.outreach.hotels), "blank_rows": max(4, 14 - len(data.outreach.hotels)),
            "statuses": list(get_args(HotelStatus))}


def _roster(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    """Volunteers from outreach.yml by role; names and contacts are private (internal editions only)."""
    roles = sorted(get_args(VolunteerRole), key=lambda role: role != "coordinator")  # who leads comes first
    order = {role: i for i, role in enumerate(roles)}
    volunteers = sorted(data.outreach.volunteers, key=lambda v: order.get(v.role, len(roles)))
    return {"volunteers": volunteers, "blank_rows": max(6, 16 - len(volunteers)), "roles": roles}


def _agenda(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    committees: list[str] = []
    for area in data.focus_areas.areas:
        name = blocks.text(area.committee)
        if name not in committees:
            committees.append(name)
    items = ["Welcome and introductions", "Actions from the last meeting"]
    items += [f"Report: {name}" for name in committees]
    items += ["Hotel and motel outreach", "Events and outreach", "Decisions and next steps"]
    return {"agenda": items}


def _charter(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"areas": [blocks.text(a.name) for a in data.focus_areas.areas]}


def _stakeholders(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"sectors": [blocks.text(s.name) for s in data.stakeholders.sectors]}


def _readiness(data: CoalitionData, blocks: Blocks) -> dict[str, Any]:
    return {"dimensions": [(d.letter, blocks.text(d.name)) for d in data.readiness.dimensions],
            "stages": [(s.number, blocks.text(s.name)) for s in data.readiness.stages]}


FORMS: dict[str, Form] = {f.slug: f for f in (
    Form("sign-in", "Training sign-in sheet", "Everyone who attends a training signs in.", _none),
    Form("assessment", "Before and after the training: what do you know?",
         "Staff fill this in at the start and again at the end of the session.", _assessment),
    Form("evaluation", "Training evaluation", "Tell us how the training went for you.", _evaluation),
    Form("certificate", "Certificate of completion", "Given to each person who completes the training.", _none),
    Form("visit-log", "Hotel visit log", "One sheet for each visit to a hotel or motel.", _visit_log),
    Form("outreach-tracker", "Hotel outreach tracker", "Where each hotel and motel is in the project.",
         _outreach, internal=True),
    Form("volunteer-roster", "Volunteer roster", "Who trains, who visits hotels, and how to reach them.",
         _roster, internal=True),
    Form("meeting-agenda", "Coalition meeting agenda", "A page to plan and record a meeting.", _agenda),
    Form("committee-charter", "Committee charter", "What a committee does, who is in it and how it works.",
         _charter),
    Form("stakeholder-map", "Stakeholder map and invitation tracker",
         "Who to invite from each sector, and where each invitation stands.", _stakeholders),
    Form("mission-statement", "Vision, mission and action plan",
         "Vision, mission, objectives, strategies and an action plan.", _none),
    Form("policies-checklist", "Policies and procedures checklist",
         "The policies a coalition agrees on, and where each one stands.", _none),
    Form("funding-plan", "Funding plan", "Where the money and in-kind support will come from.", _none),
    Form("readiness-scoring", "Community readiness scoring sheet",
         "Combined scores for each interview and dimension, and the community's stage.", _readiness),
)}


def unknown_form_message(slug: str) -> str:
    return f"the form '{slug}' does not exist (known forms: {', '.join(FORMS)})"


def internal_form_message(slug: str) -> str:
    return (f"the form '{slug}' is internal (it lists the coalition's own records), so only an edition "
            "with includes_private: true may list it")
