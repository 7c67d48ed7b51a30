"""Private fields and hidden items: find them, and make a public copy of the data without them."""

from __future__ import annotations

import dataclasses
import re
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


def is_hidden(node: Node) -> bool:
    """True for an item of a list that must not appear in public at all (a hotel that has not agreed
    to be named): the model says so with a ``hidden_from_public`` property."""
    return node.is_item and getattr(node.value, "hidden_from_public", False) is True


def private_nodes(value: object) -> Iterator[Node]:
    """Every private field under ``value`` that holds something (not what is inside it)."""
    for node in walk(value, prune=is_private):
        if node.value is not None and is_private(node):
            yield node


def withheld_nodes(value: object) -> Iterator[Node]:
    """The fields that name each hidden item under ``value`` (its ``IDENTIFYING`` fields, e.g. a
    hotel's name), for the privacy guard to look for in public outputs.

    A value that a shown item of the same list also has (two hotels of one chain with the same
    name), or that is part of a shown item's value ("Grand Hotel" beside "Grand Hotel Downtown"),
    is left out: a public page may show it for the other item.
    """
    hidden: list[Node] = []
    shown: list[tuple[str, ...]] = []
    for node in walk(value, prune=lambda n: is_private(n) or is_hidden(n)):
        if not node.is_item or not isinstance(node.value, BaseModel):
            continue
        names = getattr(type(node.value), "IDENTIFYING", ())
        if is_hidden(node):
            hidden.append(node)
        else:
            shown += [_words(getattr(node.value, name)) for name in names if getattr(node.value, name, None)]
    for node in hidden:
        for name in getattr(type(node.value), "IDENTIFYING", ()):
            text = getattr(node.value, name, None)
            if text and not any(_contains(words, _words(text)) for words in shown):
                yield Node(node.loc + (name,), text, type(node.value), name)


def _words(text: object) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", str(text).casefold()))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return bool(part) and any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


_HIDE = object()
"""Marks a list item that the public view removes (in the tree ``_redact`` builds)."""


def _redact(value: object) -> object:
    """``value`` with every private field emptied and every hidden item removed; parts without
    either stay the same objects.

    One walk finds the private fields and hidden items; one rebuild copies only the models and
    lists on the way to them, so the work grows with the size of the data, not with its depth
    times the number of private values.
    """
    blanks: dict = {}
    for node in walk(value, prune=lambda n: is_private(n) or is_hidden(n)):
        hide = is_hidden(node)
        if not hide and not (node.value is not None and is_private(node)):
            continue
        branch = blanks
        for part in node.loc[:-1]:
            branch = branch.setdefault(part, {})
        branch[node.loc[-1]] = _HIDE if hide else None
    return _rebuild(value, blanks) if blanks else value


def _rebuild(value: object, blanks: dict | None) -> object:
    """``value`` with the parts that ``blanks`` names emptied (None) or removed (``_HIDE``): a tree
    of locations. A model that loses hidden items of a list keeps their figures when it knows how
    (a ``withhold(removed)`` method, see ``Outreach``)."""
    if blanks is None:
        return None
    if isinstance(value, BaseModel):
        removed: list = []
        for name, below in blanks.items():
            if isinstance(below, dict):
                items = getattr(value, name)
                removed += [items[i] for i, mark in below.items() if mark is _HIDE]
        copy = value.model_copy(update={name: _rebuild(getattr(value, name), below) for name, below in blanks.items()})
        withhold = getattr(copy, "withhold", None)
        return withhold(removed) if removed and withhold is not None else copy
    items = list(value)  # the walk enters only models, lists and tuples
    for i, below in blanks.items():
        if below is not _HIDE:
            items[i] = _rebuild(items[i], below)
    kept = [item for i, item in enumerate(items) if blanks.get(i) is not _HIDE]
    return type(value)(kept)


def public_view(data: CoalitionData) -> CoalitionData:
    """A copy of ``data`` with every private field emptied and every hidden item (a hotel that has
    not agreed to be named) removed: what the website and public PDFs see."""
    if data.is_public:
        return data
    changes = {f.name: _redact(getattr(data, f.name)) for f in dataclasses.fields(data)
               if isinstance(getattr(data, f.name), Model)}
    return dataclasses.replace(data, is_public=True, **changes)


def private_values(data: CoalitionData) -> list[str]:
    """Every private value in the data, and the names of hidden items (to prove none of them
    reaches a public output)."""
    values: list[str] = []
    for f in dataclasses.fields(data):
        values.extend(str(node.value) for node in private_nodes(getattr(data, f.name)))
        values.extend(str(node.value) for node in withheld_nodes(getattr(data, f.name)))
    return [v for v in values if v.strip()]
