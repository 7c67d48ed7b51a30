"""hotel_project.yml: the Hotel-Motel Project (Realize, Recognize, Respond)."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Model, Slug, Sources, Text


class ThreeR(Model):
    id: Slug
    title: Text
    summary: Text
    points: list[Text] = Field(min_length=1)
    source: Sources | None = None


class Role(Model):
    id: Slug
    name: Text
    staff: Text = Field(description="Who this list is for, e.g. 'front desk, concierge, bell, valet, security'")
    signs: list[Text] = Field(min_length=1)
    source: Sources


class ResponseStep(Model):
    title: Text
    detail: Text
    never: bool = Field(default=False, description="true for a 'never do this' step")
    hotlines: list[Slug] = Field(default_factory=list, description="Ids of hotlines in coalition.yml whose "
                                 "numbers are shown with this step")
    source: Sources | None = None


class Offer(Model):
    id: Slug
    title: Text
    description: Text
    source: Sources | None = None


class SafetyCard(Model):
    """What the discreet safety card says: a card staff may offer a person who may be controlled.

    Nothing on its face may name trafficking, abuse, exploitation or the coalition: a card that
    says what it is for can put the person who carries it in danger."""

    lead: Text = Field(description="A neutral heading, e.g. 'Need to talk? Confidential, any time'; it must not "
                                   "name trafficking, abuse, exploitation or the coalition")
    what_happens: Text = Field(description="One or two plain sentences on what happens when someone calls or "
                                           "texts: confidential, hours, languages, who decides what comes next")
    lines: list[Slug] = Field(min_length=1, description="Ids of hotlines in coalition.yml whose numbers the card "
                                                        "shows, in this order")
    source: Sources = Field(description="Where what_happens comes from: the hotline's own pages")


class HotelProject(Model):
    goal: Text
    area: Text = Field(description="The designated area, e.g. 'every hotel and motel within 50 miles'")
    goal_source: Sources | None = Field(default=None, description="Where the goal and area are described")
    program_credit: Text | None = Field(default=None, description=(
        "Who designed the Hotel-Motel Project. Keep it when you use the program: it is the one place "
        "where another coalition's name and city belong"))
    why_hotels: list[Slug] = Field(default_factory=list, description="Ids of statistics that explain why hotels")
    three_rs: list[ThreeR] = Field(min_length=3, max_length=3)
    caveat: Text = Field(description="Shown with every list of signs: one sign alone proves nothing")
    roles: list[Role] = Field(min_length=1)
    response: list[ResponseStep] = Field(min_length=1)
    details_to_note: list[Text] = Field(min_length=1)
    provides: list[Offer] = Field(min_length=1)
    safety_card: SafetyCard | None = Field(default=None, description=(
        "The discreet safety card staff may offer a person who may be controlled, only when it is safe: "
        "its heading, what happens when you call, and which hotlines it shows"))
