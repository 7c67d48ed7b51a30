"""readiness.yml: the Community Readiness Model (stages and dimensions) and the coalition's own
assessment (``results``: interviews scored on each dimension)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from coalition_kit.model.base import Count, Date, LocatedError, Model, Sources, Text

LOWEST_SCORE, HIGHEST_SCORE = Decimal(1), Decimal(9)


def _score(value: Any) -> Decimal:
    text = str(value).strip()
    if re.match(r"^\d+,\d+$", text):
        raise ValueError(f"'{value}': write a decimal with a point, not a comma: {text.replace(',', '.')}")
    if not re.match(r"^\d+(\.\d+)?$", text):
        raise ValueError(f"'{value}' is not a score; scores are numbers from 1 to 9, such as 4 or 4.5")
    score = Decimal(text)
    if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise ValueError(f"{text} is outside the scale: scores run from 1 to 9")
    return score


Score = Annotated[Decimal, PlainValidator(_score),
                  WithJsonSchema({"type": ["number", "string"], "minimum": 1, "maximum": 9})]
"""A readiness score from 1 to 9; decimals allowed (4.5), kept exact as written."""


class Stage(Model):
    number: Count
    name: Text
    description: Text
    actions: list[Text] = Field(min_length=1, description="What to do at this stage")


class Dimension(Model):
    letter: str = Field(pattern=r"^[A-Z]$")
    name: Text
    question: Text


class DimensionScore(Model):
    """One dimension of one interview: each scorer's rating and the score they agreed on."""

    scorer_1: Score | None = Field(default=None, description="The first scorer's rating (1 to 9)")
    scorer_2: Score | None = Field(default=None, description="The second scorer's rating (1 to 9)")
    combined: Score = Field(description="The score both scorers agreed on after discussing it (1 to 9)")


class Interview(Model):
    """One key-informant interview. Say who by role only (e.g. hotel manager), never by name."""

    informant: str = Field(description="The informant's role, e.g. 'hotel general manager'; never a name")
    date: Date
    scores: dict[str, DimensionScore] = Field(description="One entry per dimension letter, e.g. "
                                                          "A: {scorer_1: 4, scorer_2: 5, combined: 4.5}")


class Results(Model):
    """The coalition's readiness assessment: the interviews and their scores."""

    illustrative: bool = Field(default=False, description=(
        "true while these are made-up example scores: pages then say the result is illustrative"))
    community: Text | None = Field(default=None, description="The issue and the community assessed, e.g. "
                                                             "'human trafficking in the hotels of our area'")
    interviews: list[Interview] = Field(min_length=1)


class Readiness(Model):
    summary: Text
    stages: list[Stage] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    assessment: list[Text] = Field(min_length=1, description="How an assessment is done, step by step")
    source: Sources
    results: Results | None = Field(default=None, description="Our own assessment: interviews and their scores")

    @model_validator(mode="after")
    def _numbered(self) -> "Readiness":
        numbers = [s.number for s in self.stages]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("stages must be numbered 1, 2, 3 … in order")
        return self

    @model_validator(mode="after")
    def _every_dimension_scored(self) -> "Readiness":
        if self.results is None:
            return self
        letters = [d.letter for d in self.dimensions]
        for i, interview in enumerate(self.results.interviews):
            where = ("results", "interviews", i, "scores")
            for letter in interview.scores:
                if letter not in letters:
                    raise LocatedError(where + (letter,), f"no dimension '{letter}' in dimensions "
                                                          f"(known: {', '.join(letters)})")
            missing = [letter for letter in letters if letter not in interview.scores]
            if missing:
                raise LocatedError(where, f"no score for dimension {', '.join(missing)}; score every "
                                          "dimension of every interview")
        return self

    def stage(self, number: int) -> Stage | None:
        return next((s for s in self.stages if s.number == number), None)
