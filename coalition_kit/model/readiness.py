"""readiness.yml: the Community Readiness Model (stages and dimensions)."""

from __future__ import annotations

from pydantic import Field, model_validator

from coalition_kit.model.base import Count, Model, Sources, Text


class Stage(Model):
    number: Count
    name: Text
    description: Text
    actions: list[Text] = Field(min_length=1, description="What to do at this stage")


class Dimension(Model):
    letter: str = Field(pattern=r"^[A-Z]$")
    name: Text
    question: Text


class Readiness(Model):
    summary: Text
    stages: list[Stage] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    assessment: list[Text] = Field(min_length=1, description="How an assessment is done, step by step")
    source: Sources

    @model_validator(mode="after")
    def _numbered(self) -> "Readiness":
        numbers = [s.number for s in self.stages]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("stages must be numbered 1, 2, 3 … in order")
        return self
