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


class HotelProject(Model):
    goal: Text
    area: Text = Field(description="The designated area, e.g. 'every hotel and motel within 50 miles'")
    goal_source: Sources | None = Field(default=None, description="Where the goal and area are described")
    why_hotels: list[Slug] = Field(default_factory=list, description="Ids of statistics that explain why hotels")
    three_rs: list[ThreeR] = Field(min_length=3, max_length=3)
    caveat: Text = Field(description="Shown with every list of signs: one sign alone proves nothing")
    roles: list[Role] = Field(min_length=1)
    response: list[ResponseStep] = Field(min_length=1)
    details_to_note: list[Text] = Field(min_length=1)
    provides: list[Offer] = Field(min_length=1)
