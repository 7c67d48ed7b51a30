"""Private fields: find them, and make a public copy of the data without them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from coalition_kit.model import CoalitionData
from coalition_kit.model.base import Model
from coalition_kit.model.walk import Node, walk


@cache  # asked for every value of the data: the answer depends only on the class
def is_private_field(model: type[BaseModel], name: str) -> bool:
    extra = model.model_fields[name].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("x-private"))


def is_private(node: Node) -> bool:
    """True when ``node`` is held by a private field."""
    return node.owner is not None and is_private_field(node.owner, node.field)


def private_nodes(value: object) -> Iterator[Node]:
    """Every private field under ``value`` that holds something (not what is inside it)."""
    for node in walk(value, prune=is_private):
        if node.value is not None and is_private(node):
            yield node


def _redact(value: object) -> object:
    """``value`` with every private field emptied; parts without one stay the same objects.

    One walk finds the private fields; one rebuild copies only the models and lists on
    the way to them, so the work grows with the size of the data, not with its depth
    times the number of private values.
    """
    blanks: dict = {}
    for node in private_nodes(value):
        branch = blanks
        for part in node.loc[:-1]:
            branch = branch.setdefault(part, {})
        branch[node.loc[-1]] = None
    return _rebuild(value, blanks) if blanks else value


def _rebuild(value: object, blanks: dict | None) -> object:
    """``value`` with the parts that ``blanks`` names emptied: a tree of locations, None at each part."""
    if blanks is None:
        return None
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _rebuild(getattr(value, name), below) for name, below in blanks.items()})
    items = list(value)  # the walk enters only models, lists and tuples
    for i, below in blanks.items():
        items[i] = _rebuild(items[i], below)
    return type(value)(items)


def public_view(data: CoalitionData) -> CoalitionData:
    """A copy of ``data`` with every private field emptied: what the website and public PDFs see."""
    if data.is_public:
        return data
    changes = {f.name: _redact(getattr(data, f.name)) for f in dataclasses.fields(data)
               if isinstance(getattr(data, f.name), Model)}
    return dataclasses.replace(data, is_public=True, **changes)


def private_values(data: CoalitionData) -> list[str]:
    """Every private value in the data (to prove none of them reaches a public output)."""
    values: list[str] = []
    for f in dataclasses.fields(data):
        values.extend(str(node.value) for node in private_nodes(getattr(data, f.name)))
    return [v for v in values if v.strip()]
