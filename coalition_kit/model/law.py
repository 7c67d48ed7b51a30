"""law.yml: what the law where the coalition works says, with sources. Differs by country."""

from __future__ import annotations

from pydantic import Field

from coalition_kit.model.base import Model, Sources, Text


class Definition(Model):
    term: Text
    definition: Text


class TrainingRule(Model):
    where: Text = Field(description="The place the rule applies, e.g. California")
    rule: Text = Field(description="What it requires, in plain words")
    source: Sources


class Law(Model):
    jurisdiction: Text = Field(description="Whose law this is, e.g. 'United States federal law'")
    definitions: list[Definition] = Field(min_length=1)
    minors: Text = Field(description="What the law says about children in commercial sex")
    source: Sources
    training_rules: list[TrainingRule] = Field(default_factory=list,
                                               description="Rules for training hotel staff or posting notices")
    training_topics: list[Text] = Field(default_factory=list,
                                        description="Topics a hotel training must cover, where a rule lists them")
    training_topics_source: Sources | None = None
