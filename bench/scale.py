"""Data for the scaling rows: the default data with its lists multiplied, and a one-value edit.

Only the files whose lists grow are rewritten (read with PyYAML's BaseLoader, so every value
stays a string exactly as written); the others are copied byte for byte. Each copy gets a
unique id and a visibly different text, so nothing is deduplicated along the way.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

#: Events in the 1x data (the default data lists none): the Nx data has N times as many.
EVENTS_PER_SCALE = 4


def _read(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader: strings only)


class _NoAliases(yaml.SafeDumper):
    """Writes a value shared by several copies out in full each time (the loader refuses aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write(path: Path, content: dict[str, Any]) -> None:
    text = yaml.dump(content, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _tagged(text: Any, copy: int) -> Any:
    """``text`` (a string, or one per language) marked as copy number ``copy``."""
    if isinstance(text, dict):
        return {lang: f"{value} ({copy})" for lang, value in text.items()}
    return f"{text} ({copy})"


def _copies(items: list[dict[str, Any]], factor: int, fields: tuple[str, ...],
            extra: Callable[[dict[str, Any], int, int], None] | None = None) -> list[dict[str, Any]]:
    """``items`` ``factor`` times; copies after the first get ``-xK`` ids and tagged ``fields``."""
    out: list[dict[str, Any]] = []
    for copy in range(1, factor + 1):
        for index, item in enumerate(items):
            clone = dict(item)
            if copy > 1:
                clone["id"] = f"{item['id']}-x{copy}"
                for name in fields:
                    if name in clone:
                        clone[name] = _tagged(clone[name], copy)
            if extra is not None:
                extra(clone, copy, index)
            out.append(clone)
    return out


def _hotel_contacts(hotel: dict[str, Any], copy: int, index: int) -> None:
    """Distinct private contacts per copy, so the privacy guard has N times as many values."""
    serial = copy * 100 + index
    if "manager_phone" in hotel:
        hotel["manager_phone"] = f"402-555-{serial:04d}"
    if "manager_email" in hotel:
        hotel["manager_email"] = f"manager{serial}@example.org"


def _event(number: int) -> dict[str, str]:
    day = date(2030, 1, 1) + timedelta(days=number)
    return {"id": f"bench-event-{number}", "title": f"Awareness evening number {number} (fictional)",
            "date": day.isoformat(), "start": "18:30", "end": "20:00",
            "location": f"Example Community Hall, {100 + number} Example Street",
            "description": "An introduction to human trafficking, its signs and the hotline, with time to sign "
                           "up as a volunteer (a generated event for the benchmark)."}


def _scale_file(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / name
    content = _read(path)
    change(content)
    _write(path, content)


def _more_signs(hotel: dict[str, Any], factor: int) -> None:
    for role in hotel["roles"]:
        role["signs"] = [sign if copy == 1 else _tagged(sign, copy)
                         for copy in range(1, factor + 1) for sign in role["signs"]]


def make_scaled_data(source: Path, target: Path, factor: int, fitted_lists: bool = True) -> Path:
    """``target``: the data in ``source`` with stakeholders' sectors, hotels, events, glossary terms
    and each staff role's signs multiplied by ``factor`` (events: ``EVENTS_PER_SCALE`` × factor).

    ``fitted_lists=False`` leaves the sectors and the signs as they are: pieces of a fixed number
    of pages print all of them (the stakeholder map, the role posters, the staff handout) and
    rightly refuse to build when they no longer fit, so only data without them can be printed at 10×.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    if fitted_lists:
        _scale_file(target, "stakeholders.yml",
                    lambda c: c.update(sectors=_copies(c["sectors"], factor, ("name",))))
        _scale_file(target, "hotel_project.yml", lambda c: _more_signs(c, factor))
    _scale_file(target, "glossary.yml", lambda c: c.update(terms=_copies(c["terms"], factor, ("term",))))
    _scale_file(target, "outreach.yml",
                lambda c: c.update(hotels=_copies(c["hotels"], factor, ("name",), _hotel_contacts)))
    _scale_file(target, "events.yml",
                lambda c: c.update(events=[_event(n) for n in range(1, EVENTS_PER_SCALE * factor + 1)]))
    return target


_DEFINITION = re.compile(r"^(\s*)definition:\s*(.*)$")


def _first_text_line(lines: list[str], start: int) -> int:
    """The first line from ``start`` that is text, not a key: in ``definition: {en: >-`` form, the
    first line of the English text."""
    for i in range(start, len(lines)):
        if not re.match(r"^\s*[a-z_]+:\s*([>|][-+]?)?\s*$", lines[i]):
            return i
    raise ValueError("no text line after the definition")


def edit_one_value(data_dir: Path, mark: str) -> str:
    """Change one glossary definition (the first one) by appending ``mark``; returns what changed."""
    path = data_dir / "glossary.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        match = _DEFINITION.match(line)
        if not match:
            continue
        target = i if match.group(2) and match.group(2)[0] not in ">|" else _first_text_line(lines, i + 1)
        lines[target] = lines[target].rstrip("\n") + f" {mark}\n"
        path.write_text("".join(lines), encoding="utf-8")
        return f"glossary.yml line {target + 1}: the first term's definition"
    raise ValueError(f"no definition found in {path}")
