"""volunteer_program.yml: how volunteer pairs train hotel staff."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Count, Model, Slug, Sources, Text


class VolunteerRole(Model):
    id: Slug
    name: Text
    duties: list[Text] = Field(min_length=1)


class VisitStep(Model):
    title: Text
    detail: Text


class SessionSegment(Model):
    minutes: Count
    title: Text
    script: Text = Field(description="What the trainer says or does")


class Objection(Model):
    objection: Text
    answer: Text


class FollowUp(Model):
    when: Text
    what: Text


class VolunteerProgram(Model):
    summary: Text
    roles: list[VolunteerRole] = Field(min_length=1)
    commitment: list[Text] = Field(min_length=1)
    visit: list[VisitStep] = Field(min_length=1)
    session: list[SessionSegment] = Field(min_length=1)
    session_topics_source: Sources | None = None
    objections: list[Objection] = Field(default_factory=list)
    policy_template: list[Text] = Field(default_factory=list, description="Clauses of a hotel anti-trafficking policy")
    follow_up: list[FollowUp] = Field(default_factory=list)

    @property
    def session_minutes(self) -> int:
        return sum(s.minutes for s in self.session)
