"""volunteer_program.yml: how volunteer pairs train hotel staff."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Count, Model, Slug, Sources, Text


class VolunteerRole(Model):
    id: Slug
    name: Text
    duties: list[Text] = Field(min_length=1)
    source: Sources | None = None


class VisitStep(Model):
    title: Text
    detail: Text


class SessionSegment(Model):
    minutes: Count
    title: Text
    script: Text = Field(description="What the trainer says or does")
    hotlines: list[Slug] = Field(default_factory=list, description="Ids of hotlines in coalition.yml to show "
                                 "with this part (their numbers come from there)")


class Objection(Model):
    objection: Text
    answer: Text
    source: Sources | None = None


class FollowUp(Model):
    when: Text
    what: Text
    source: Sources | None = None


class VolunteerProgram(Model):
    summary: Text
    roles: list[VolunteerRole] = Field(min_length=1)
    commitment: list[Text] = Field(min_length=1)
    commitment_source: Sources | None = None
    visit: list[VisitStep] = Field(min_length=1)
    session: list[SessionSegment] = Field(min_length=1)
    objections: list[Objection] = Field(default_factory=list)
    policy_template: list[Text] = Field(default_factory=list, description="Clauses of a hotel anti-trafficking policy")
    policy_source: Sources | None = None
    follow_up: list[FollowUp] = Field(default_factory=list)

    @property
    def session_minutes(self) -> int:
        return sum(s.minutes for s in self.session)
