"""The one walk over the model: every value in the data, with where it is.

Every check or copy that has to look at the whole data (sources, private fields,
repeated ids, languages of texts) reads the model through ``walk`` instead of
recursing on its own, so they all agree on what the children of a value are:

- a model's children are its fields, in declaration order;
- a list's (or tuple's) children are its items;
- everything else is a leaf. Text in several languages (``{"en": ..., "es": ...}``)
  is a leaf too: it is reported once, as a whole, never entered as if it were a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

Loc = tuple[str | int, ...]
"""A location in a data file, as the loader's ``problem_at`` takes it: ("roles", 2, "signs", 0)."""


class Node(NamedTuple):
    """One value of the data, with its location and the field that holds it (a tuple: cheap to make)."""

    loc: Loc
    value: Any
    owner: type[BaseModel] | None = None
    """The model class whose field holds this value (``None`` for the value the walk starts at)."""
    field: str | None = None
    """That field's name. An item of a list belongs to the field that holds the list, so
    ``owner`` and ``field`` are the same for a list and for each of its items."""

    @property
    def is_item(self) -> bool:
        """True for an item of a list (its location ends with an index)."""
        return bool(self.loc) and isinstance(self.loc[-1], int)


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The content fields of ``model``: ``scope`` says whose an entry is and is no content."""
    return tuple(name for name in model.model_fields if name != "scope")


def children(node: Node) -> Iterator[Node]:
    """The values directly inside ``node``: a model's fields, or a list's items."""
    value = node.value
    if isinstance(value, BaseModel):
        model = type(value)
        for name in _field_names(model):
            yield Node(node.loc + (name,), getattr(value, name), model, name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield Node(node.loc + (i,), item, node.owner, node.field)


def walk(value: Any, loc: Loc = (), *, prune: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Every node from ``value`` down, depth first in field and item order, ``value`` itself first.

    ``prune(node)`` true means: report the node but not what is inside it.
    """
    stack = [Node(loc, value)]
    while stack:
        node = stack.pop()
        yield node
        if prune is None or not prune(node):
            stack.extend(reversed(list(children(node))))


__all__ = ["Loc", "Node", "children", "walk"]
