"""statistics.yml, glossary.yml, myths.yml: facts that are shown with their source."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Model, Slug, Sources, Text, Year


class Statistic(Model):
    id: Slug
    value: str = Field(description="The figure exactly as shown, e.g. 75%")
    wording: Text = Field(description="The exact sentence shown with the figure")
    population: Text = Field(description="Who was measured, e.g. 'survivors who answered a 2018 survey'")
    year: Year = Field(description="The year of the figure (the last year of a period)")
    period: str | None = Field(default=None, description="The period measured, when longer than a year, e.g. 2015-2018")
    source: Sources
    caveat: Text | None = None


class Statistics(Model):
    statistics: list[Statistic] = Field(default_factory=list)


class Term(Model):
    id: Slug
    term: Text
    definition: Text
    source: Sources | None = None


class Glossary(Model):
    terms: list[Term] = Field(default_factory=list)


class Myth(Model):
    id: Slug
    myth: Text
    fact: Text
    source: Sources


class Myths(Model):
    myths: list[Myth] = Field(default_factory=list)
