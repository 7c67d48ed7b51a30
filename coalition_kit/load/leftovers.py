"""Leftovers in a fork: texts that still speak of the default coalition, or of another country.

A coalition that starts from the default data rewrites its identity, but a sentence deep in
a data file or a page can still name the default's city, website, emails, emergency number
or hotlines, and an entry marked ``scope`` can still belong to the default coalition or to
another country. ``coalition check`` reports each as a warning at its line, so that the
forker sees what to rewrite (``--strict`` makes them fail). The program credit
(``hotel_project.yml`` ``program_credit``) is the one place the default's name belongs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_kit.load.problems import Problem
from coalition_kit.model import DATA_FILES
from coalition_kit.model.base import DEFAULT_COALITION_SCOPE, ID_RE, Model, dialable
from coalition_kit.model.default_coalition import DEFAULT, is_default_coalition
from coalition_kit.model.walk import walk

#: Fields where the default coalition's name and city belong in every fork.
CREDIT_FIELDS = frozenset({"program_credit"})


@dataclass(frozen=True)
class Needle:
    """A value of the default coalition's that a fork's text should not name."""

    what: str
    pattern: re.Pattern[str]


def _words(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.@])" + re.escape(text) + r"(?![\w@])", re.IGNORECASE)


def _number(number: str) -> re.Pattern[str]:
    """A phone number however it is written: 1-888-373-7888, (888) 373 7888, 18883737888."""
    digits = dialable(number).lstrip("+")
    if digits.startswith("1") and len(digits) == 11:
        digits = digits[1:]
        prefix = r"(?:\+?1[\s.\-]?)?"
    else:
        prefix = ""
    body = r"[\s.\-()]*".join(digits)
    return re.compile(r"(?<![\d])" + prefix + r"\(?" + body + r"(?!\d)")


def needles(coalition: Any) -> list[Needle]:
    """What a fork with this ``coalition.yml`` should no longer name."""
    found = [Needle(f"the default coalition's city ({DEFAULT.city})", _words(DEFAULT.city)),
             Needle(f"the default coalition's state ({DEFAULT.region})", _words(DEFAULT.region)),
             Needle(f"the default coalition's website ({_host(DEFAULT.website)})", _words(_host(DEFAULT.website)))]
    found += [Needle(f"the default coalition's email ({email})", _words(email)) for email in DEFAULT.emails]
    own = [dialable(line.number).lstrip("+") for line in coalition.hotlines if line.number]
    own += [dialable(line.text_number).lstrip("+") for line in coalition.hotlines if line.text_number]
    own.append(dialable(coalition.emergency_number).lstrip("+"))
    if dialable(DEFAULT.emergency_number) not in own:
        found.append(Needle(f"the emergency number {DEFAULT.emergency_number} (yours is {coalition.emergency_number})",
                            _number(DEFAULT.emergency_number)))
    for number in DEFAULT.hotline_numbers:
        if dialable(number).lstrip("+") not in own:
            found.append(Needle(f"the hotline number {number}, which is not in your coalition.yml", _number(number)))
    return found


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.")


def leftovers(values: dict[str, Any], data_dir: Path, locate) -> list[Problem]:
    """Warnings for a fork's leftovers in its data; nothing for the default coalition itself.

    ``locate(path, loc)`` gives the (line, column) of a data location in a file.
    """
    coalition = values.get("coalition")
    if coalition is None or is_default_coalition(coalition):
        return []
    looked_for = needles(coalition)
    found: list[Problem] = []
    for spec in DATA_FILES:
        model = values.get(spec.attribute)
        if model is None:
            continue
        path = data_dir / spec.name
        for loc, scope in _scoped_entries(model):
            if scope == DEFAULT_COALITION_SCOPE:
                message = ("this entry is the default coalition's own (scope: default-coalition); rewrite it "
                           "for your coalition and delete the scope line, or delete the entry")
            elif scope != coalition.country:
                message = (f"this entry holds facts for {scope}, and your coalition is in {coalition.country} "
                           f"(scope: {scope}); write your country's own, or delete the entry")
            else:
                continue
            found.append(_problem(path, locate(path, loc + ("scope",)), message))
        for loc, text in _texts(model):
            for needle in looked_for:
                if needle.pattern.search(text):
                    found.append(_problem(path, locate(path, loc), f"still names {needle.what}; "
                                          "rewrite it for your coalition"))
    return found


def _problem(path: Path, position: tuple[int, int], message: str) -> Problem:
    from coalition_kit.load.loader import display_path

    return Problem(display_path(path), position[0], position[1], message, warning=True)


def _scoped_entries(model: Model) -> Iterator[tuple[tuple, str]]:
    if model.scope:
        yield (), model.scope
    for node in walk(model):
        if node.loc and isinstance(node.value, Model) and node.value.scope:
            yield node.loc, node.value.scope


def _texts(model: Model) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every text in the model, outside the program credit."""
    for node in walk(model, prune=lambda n: bool(n.loc) and n.loc[-1] in CREDIT_FIELDS):
        if node.loc and node.loc[-1] in CREDIT_FIELDS:
            continue
        value = node.value
        if isinstance(value, str):
            if not ID_RE.match(value):  # an id names an entry; it is never shown
                yield node.loc, value
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            for lang, text in value.items():
                yield node.loc + (lang,), text


_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")
_BLOCK = re.compile(r"\{%-?\s*(if|endif)\b([^%]*)%\}")


def page_leftovers(coalition: Any, docs_dir: Path) -> list[Problem]:
    """Leftovers in the pages, outside ``{% if default_coalition() %}`` blocks."""
    from coalition_kit.load.loader import display_path

    if is_default_coalition(coalition):
        return []
    looked_for = needles(coalition)
    found = []
    for page in sorted(docs_dir.rglob("*.md")):
        depth_in_default = 0  # how deep inside a default-coalition block (0: outside)
        depth = 0
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            outside = depth_in_default == 0
            for match in _BLOCK.finditer(line):
                if match.group(1) == "if":
                    depth += 1
                    if depth_in_default or "default_coalition()" in match.group(2):
                        depth_in_default += 1
                else:
                    depth -= 1
                    if depth_in_default:
                        depth_in_default -= 1
            if not (outside and depth_in_default == 0):
                continue
            shown = _JINJA.sub(lambda m: " " * len(m.group(0)), line)  # macro arguments are ids, not text
            for needle in looked_for:
                match = needle.pattern.search(shown)
                if match:
                    found.append(Problem(display_path(page), number, match.start() + 1,
                                         f"still names {needle.what}; rewrite it for your coalition, or put it "
                                         "in a {% if default_coalition() %} block", warning=True))
    return found
