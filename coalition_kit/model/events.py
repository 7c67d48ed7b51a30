"""events.yml: public events, each downloadable as an .ics file."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from coalition_kit.model.base import Date, Model, Slug, Text, Url


def _time(value: Any) -> str:
    text = str(value).strip()
    match = re.match(r"^([01]\d|2[0-3]):([0-5]\d)$", text)
    if not match:
        raise ValueError(f"'{value}' is not a time; write it as HH:MM in 24-hour form, e.g. 18:30")
    return text


Time = Annotated[str, PlainValidator(_time), WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"})]


class Event(Model):
    id: Slug
    title: Text
    date: Date
    start: Time
    end: Time
    location: Text
    description: Text
    url: Url | None = None

    @model_validator(mode="after")
    def _order(self) -> "Event":
        if self.end <= self.start:
            raise ValueError(f"the event ends ({self.end}) before it starts ({self.start})")
        return self


class Events(Model):
    events: list[Event] = Field(default_factory=list)
