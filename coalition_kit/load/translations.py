"""Missing translations: each text that a listed language has no words for.

A coalition that lists ``languages: [en, es]`` promises readers both. A text given only in
the main language is still built (its words are shown in that language), and ``coalition
check`` names it, field by field, so that the translators know what is left to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from coalition_kit.load.problems import Problem
from coalition_kit.model import DATA_FILES
from coalition_kit.model.base import Source, Text
from coalition_kit.model.identity import Coalition
from coalition_kit.model.walk import walk

_TEXT_VALIDATOR = get_args(Text)[1]


@cache
def _is_text(annotation: Any) -> bool:
    """True when a field's type is ``Text`` (or a list or optional of it)."""
    if annotation is Text or _TEXT_VALIDATOR in getattr(annotation, "__metadata__", ()):
        return True
    return any(_is_text(arg) for arg in get_args(annotation))


#: Texts that are names: they may be given per language, and need not be.
_PROPER_NAMES = {(Source, "name"), (Coalition, "name"), (Coalition, "short_name")}


def _text_nodes(model: BaseModel) -> Iterator[tuple[tuple, Any]]:
    """Every text to translate, but not a name: the title of a cited source stays as its
    publisher wrote it (in the language the reader will find it in), and so does a coalition's."""
    for node in walk(model):
        if (node.owner, node.field) in _PROPER_NAMES:
            continue
        if node.owner is None or node.field is None or isinstance(node.value, (list, tuple)) or node.value is None:
            continue
        field = node.owner.model_fields[node.field]
        if _TEXT_VALIDATOR in field.metadata or _is_text(field.annotation):
            yield node.loc, node.value


def missing_translations(values: dict[str, Any], data_dir: Path,
                         locate: Callable[[Path, tuple], tuple[int, int]]) -> list[Problem]:
    """A warning at each text with no words in one of the coalition's other languages."""
    from coalition_kit.load.loader import display_path

    coalition = values.get("coalition")
    if coalition is None or len(coalition.languages) < 2:
        return []
    others = coalition.languages[1:]
    found = []
    for spec in DATA_FILES:
        model = values.get(spec.attribute)
        if model is None:
            continue
        path = data_dir / spec.name
        for loc, text in _text_nodes(model):
            given = set(text) if isinstance(text, dict) else set()
            for lang in others:
                if lang not in given:
                    line, col = locate(path, loc)
                    found.append(Problem(display_path(path), line, col, f"missing {lang} translation",
                                         warning=True))
    return found
