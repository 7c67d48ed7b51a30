"""How to build a coalition: steps, who to invite, focus areas (building.yml, stakeholders.yml, focus_areas.yml)."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Model, Slug, Sources, Text


class Step(Model):
    id: Slug
    title: Text
    summary: Text
    details: Text | None = None
    checklist: list[Text] = Field(min_length=1)
    source: Sources | None = None


class Story(Model):
    """A short passage of one coalition's own experience that a page tells with ``story(id)``."""

    id: Slug
    text: Text
    source: Sources


class Building(Model):
    """building.yml: the ordered steps from one or two people to a lasting coalition."""

    steps: list[Step] = Field(min_length=1)
    stories: list[Story] = Field(default_factory=list, description=(
        "The coalition's own experience, told on the pages that name it with story(id); "
        "a page shows nothing for an id that is not here"))


class Sector(Model):
    id: Slug
    name: Text
    examples: list[Text] = Field(default_factory=list)
    why: Text = Field(description="Why this sector matters")
    brings: Text = Field(description="What they can bring")
    approach: Text = Field(description="How to approach them")
    care: Text | None = Field(default=None, description="A caution, e.g. for inviting survivors")
    source: Sources | None = None


class Stakeholders(Model):
    """stakeholders.yml: who to invite, one entry per sector."""

    sectors: list[Sector] = Field(min_length=1)


class FocusArea(Model):
    id: Slug
    name: Text
    summary: Text
    goals: list[Text] = Field(min_length=1)
    first_project: Text
    committee: Text
    source: Sources | None = None


class FocusAreas(Model):
    """focus_areas.yml: ways the coalition chooses to fight trafficking."""

    areas: list[FocusArea] = Field(min_length=1)
