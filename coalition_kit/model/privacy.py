"""Private fields: find them, and make a public copy of the data without them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from pydantic import BaseModel

from coalition_kit.model import CoalitionData
from coalition_kit.model.base import Model


def is_private_field(model: type[BaseModel], name: str) -> bool:
    extra = model.model_fields[name].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("x-private"))


def _redact(value: object) -> object:
    if isinstance(value, Model):
        changes: dict[str, object] = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            if is_private_field(type(value), name):
                if current is not None:
                    changes[name] = None
            else:
                redacted = _redact(current)
                if redacted is not current:
                    changes[name] = redacted
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list):
        items = [_redact(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    return value


def public_view(data: CoalitionData) -> CoalitionData:
    """A copy of ``data`` with every private field emptied: what the website and public PDFs see."""
    if data.is_public:
        return data
    changes = {f.name: _redact(getattr(data, f.name)) for f in dataclasses.fields(data)
               if isinstance(getattr(data, f.name), Model)}
    return dataclasses.replace(data, is_public=True, **changes)


def _walk_private(value: object) -> Iterator[str]:
    if isinstance(value, Model):
        for name in type(value).model_fields:
            current = getattr(value, name)
            if is_private_field(type(value), name):
                if current is not None:
                    yield str(current)
            else:
                yield from _walk_private(current)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_private(item)


def private_values(data: CoalitionData) -> list[str]:
    """Every private value in the data (to prove none of them reaches a public output)."""
    values: list[str] = []
    for f in dataclasses.fields(data):
        values.extend(_walk_private(getattr(data, f.name)))
    return [v for v in values if v.strip()]
