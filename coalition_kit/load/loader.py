"""Load and validate a data folder into ``CoalitionData``, collecting every problem."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from coalition_kit.load.data_files import data_file_problem
from coalition_kit.load.examples import data_country, with_local_examples
from coalition_kit.load.leftovers import leftovers
from coalition_kit.load.translations import missing_translations
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.load.yaml_source import Positions, YamlDocument, read_yaml
from coalition_kit.model import DATA_FILES, CoalitionData, DataFile
from coalition_kit.model.base import LANG_RE, LocatedError, Source
from coalition_kit.model.identity import SUPPORTED_LANGUAGES
from coalition_kit.model.walk import Loc, walk


#: Hosts that republish other publishers' documents: document-sharing sites, scrapers,
#: look-alike domains and bare content-delivery copies of statutes. A fact is cited from its
#: publisher's own page (the agency, the journal, the legislature, the organization), never
#: from one of these: a copy may be altered, out of date, or gone tomorrow. A source whose
#: host is, or ends with, one of these gets a warning from ``coalition check``.
#: Add a host here when you meet a new one.
MIRROR_HOSTS: frozenset[str] = frozenset({
    "docslib.org",          # document scraper (copies of government toolkits)
    "scribd.com",           # document sharing
    "paperzz.com",          # document scraper
    "slideshare.net",       # slide sharing
    "issuu.com",            # publication sharing
    "yumpu.com",            # publication sharing
    "docplayer.net",        # document scraper
    "vdocuments.net",       # document scraper
    "vdocuments.site",      # document scraper
    "pdfslide.net",         # document scraper
    "documents.pub",        # document scraper
    "1library.net",         # document scraper
    "studylib.net",         # document sharing
    "docsbay.net",          # document scraper
    "coursehero.com",       # document sharing
    "fxbaogao.com",         # report-sharing site (copies of others' reports)
    "cricutcom-setup.com",  # look-alike domain serving a copy of a journal article
    "cloudfront.net",       # bare CDN host; seen serving unofficial copies of the U.S. and California codes
})


def mirror_host(url: str) -> str | None:
    """The entry of ``MIRROR_HOSTS`` that ``url``'s host is or belongs to, or None."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for mirror in MIRROR_HOSTS:
        if host == mirror or host.endswith("." + mirror):
            return mirror
    return None


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def load_data(data_dir: Path | str, warnings: list[Problem] | None = None) -> CoalitionData:
    """Read every data file; raise ``DataError`` listing all problems, or return the model.

    Problems that do not stop a build (an ``http:`` source…) are added to ``warnings``.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, 1, "data folder not found",
                                 hint="Pass the folder that holds coalition.yml with --data.")])
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    known = {f.name for f in DATA_FILES}
    for path in sorted(data_dir.glob("*.y*ml")):
        if path.name not in known:
            close = difflib.get_close_matches(path.name, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known files: " + ", ".join(sorted(known))
            problems.append(Problem(display_path(path), 1, 1, f"unknown data file '{path.name}' ({hint})"))
    for spec in DATA_FILES:
        path = data_dir / spec.name
        if path.is_symlink() and data_dir.resolve() not in path.resolve().parents:
            problems.append(Problem(display_path(path), 1, 1, "this file is a link to a file outside the data folder",
                                    hint="Copy the file into the data folder instead of linking to it."))
            continue
        if not path.exists():
            if spec.required:
                problems.append(Problem(display_path(path), 1, 1, f"required file is missing ({spec.purpose})",
                                        hint="Copy it from the default data/ folder and edit it."))
            continue
        model, file_problems = _load_file(path, spec)
        problems.extend(file_problems)
        if model is not None:
            values[spec.attribute] = model
    if not problems:
        problems.extend(_cross_checks(values, data_dir))
    if problems:
        raise DataError(with_local_examples(problems, data_country(data_dir)))
    if warnings is not None:
        locate = _locator()
        warnings.extend(_warnings(values, data_dir, locate))
        warnings.extend(leftovers(values, data_dir, locate))
        warnings.extend(missing_translations(values, data_dir, locate))
    return CoalitionData(data_dir=data_dir.resolve(), **values)


def _warnings(values: dict[str, Any], data_dir: Path, locate) -> list[Problem]:
    """Problems with sources that do not stop a build.

    - A source cited over plain http: allowed (some publishers have no https page), but a
      reader's browser may warn, and an https page is better where one exists.
    - A source on a mirror or scraper host (``MIRROR_HOSTS``): the fact should be cited
      from its publisher's own page instead.
    """
    found = []
    for spec in DATA_FILES:
        model = values.get(spec.attribute)
        for node in walk(model) if model is not None else ():
            if not isinstance(node.value, Source):
                continue
            url = node.value.url
            if url.lower().startswith("http:"):
                found.append(_located(data_dir / spec.name, node.loc + ("url",), locate,
                                        "this source's address uses http:, not https:; give the https address "
                                        "if the publisher has one", warning=True))
            mirror = mirror_host(url)
            if mirror:
                found.append(_located(data_dir / spec.name, node.loc + ("url",), locate,
                                        f"this source is a copy on a mirror or document-sharing site ({mirror}); "
                                        "cite the publisher's own page instead, or drop the claim", warning=True))
    return found


def _located(path: Path, loc: tuple, locate, message: str, *, warning: bool = False) -> Problem:
    """Like ``problem_at``, with a ``_locator()`` that reads each file once (linear in the data)."""
    line, col = locate(path, loc)
    return Problem(display_path(path), line, col, message, warning=warning)


def _locator():
    """``locate(path, loc)``: the line and column of ``loc`` in the data file ``path``, each file read once."""
    documents: dict[Path, YamlDocument | None] = {}

    def locate(path: Path, loc: tuple) -> tuple[int, int]:
        if path not in documents:
            documents[path] = read_yaml(path, display_path(path))[0]
        doc = documents[path]
        return doc.positions.locate(loc) if doc else (1, 1)

    return locate


def _load_file(path: Path, spec: DataFile) -> tuple[BaseModel | None, list[Problem]]:
    display = display_path(path)
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [Problem(display, 1, 1, "this file should hold 'key: value' lines at the top level")]
    unfilled = _unfilled(doc)
    if unfilled:
        return None, problems + unfilled
    try:
        model = spec.model.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + _problems_from(exc, doc, spec.model)
    return (model if not problems else None), problems


#: How ``coalition new`` marks a value the new coalition must write itself, e.g.
#: ``number: "FILL IN: the national hotline's number"``.
FILL_IN = "FILL IN"


def _unfilled(doc: YamlDocument) -> list[Problem]:
    """A problem at each value still marked ``FILL IN``, saying what to write there."""
    found = []

    def visit(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, path + (i,))
        elif isinstance(value, str) and value.strip().startswith(FILL_IN):
            what = value.strip()[len(FILL_IN):].lstrip(" :").strip()
            line, col = doc.positions.locate(path)
            found.append(Problem(doc.file, line, col, f"{_where(path)}: not filled in yet" + (f": {what}" if what else ""),
                                 hint="Write the real value here; nothing is built until every FILL IN is replaced."))

    visit(doc.data, ())
    return found


def _problems_from(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    problems: dict[tuple[int, int, str], Problem] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        located = error.get("ctx", {}).get("error")
        if isinstance(located, LocatedError):  # a model's own check named the place inside it
            loc += located.loc
        kind = error["type"]
        line, col = doc.positions.locate(loc, prefer_key=kind == "extra_forbidden")
        message = _message(error, loc, doc.positions, model, doc.data)
        problems.setdefault((line, col, message), Problem(doc.file, line, col, message))
    return list(problems.values())


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    return parts[-1] if parts else "this file"


def _where(loc: tuple) -> str:
    """A readable path such as 'hotlines item 2 > number'."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"item {part + 1}")
        else:
            out.append(str(part))
    return " > ".join(out)


def _sibling_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at the mapping that holds ``loc``'s last key."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: dict, loc: tuple, positions: Positions, model: type[BaseModel], data: Any) -> str:
    kind = error["type"]
    name = _field_name(loc)
    where = _where(loc)
    given = error.get("input")
    if kind == "missing":
        return f"missing required field '{name}'" + (f" (in {_where(loc[:-1])})" if len(loc) > 1 else "")
    if kind == "extra_forbidden":
        allowed = _sibling_fields(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        tip = f"; did you mean '{close[0]}'?" if close else (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        return f"unknown field '{name}'{tip}"
    if kind == "value_error":
        text = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{where}: {text}" if where else text
    if kind in ("list_type",):
        return f"{where}: should be a list (lines starting with '- ')"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where}: should be a group of 'key: value' lines, not {_describe(given)}"
    if kind in ("string_type",):
        return f"{where}: should be text, not {_describe(given)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where}: '{given}' is not allowed; use one of {expected}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: should be true or false, not '{given}'"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where}: should be a whole number, not '{given}'"
    if kind in ("too_short",):
        return f"{where}: needs at least {error.get('ctx', {}).get('min_length', 1)} item(s)"
    if kind in ("too_long",):
        return f"{where}: has too many items (at most {error.get('ctx', {}).get('max_length')})"
    if kind in ("string_pattern_mismatch",):
        return f"{where}: '{given}' is not in the expected form"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}: '{given}' is too small"
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"'{value}'"


def _cross_checks(values: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Checks that span files: references between files and languages of texts."""
    problems: list[Problem] = []
    stats = values.get("statistics")
    hotel = values.get("hotel")
    if stats is not None and hotel is not None:
        known = {s.id for s in stats.statistics}
        for i, stat_id in enumerate(hotel.why_hotels):
            if stat_id not in known:
                problems.append(problem_at(data_dir / "hotel_project.yml", ("why_hotels", i),
                                    f"why_hotels: no statistic '{stat_id}' in statistics.yml"))
    for spec in DATA_FILES:
        model = values.get(spec.attribute)
        if model is not None:
            for loc, first, item_id in _duplicate_ids(model):
                problems.append(problem_at(data_dir / spec.name, loc,
                                    f"id '{item_id}' is used twice in this list (first in item {first + 1}); "
                                    "each id must be unique"))
    coalition = values.get("coalition")
    if coalition is not None:
        lines = {h.id for h in coalition.hotlines}
        volunteers = values.get("volunteers")
        references = [("hotel_project.yml", ("response",), hotel.response if hotel else []),
                      ("volunteer_program.yml", ("session",), volunteers.session if volunteers else [])]
        for file_name, base, items in references:
            for i, item in enumerate(items):
                for j, line_id in enumerate(item.hotlines):
                    if line_id not in lines:
                        problems.append(problem_at(data_dir / file_name, base + (i, "hotlines", j),
                                            f"hotlines: no hotline '{line_id}' in coalition.yml "
                                            f"(known: {', '.join(sorted(lines))})"))
        card = hotel.safety_card if hotel else None
        for j, line_id in enumerate(card.lines if card else []):
            if line_id not in lines:
                problems.append(problem_at(data_dir / "hotel_project.yml", ("safety_card", "lines", j),
                                    f"safety_card lines: no hotline '{line_id}' in coalition.yml "
                                    f"(known: {', '.join(sorted(lines))})"))
        if card is not None:
            problems.extend(_revealing_card_words(card, coalition, data_dir / "hotel_project.yml"))
        logo = coalition.logo
        problem = data_file_problem(data_dir, logo) if logo else None
        if problem:
            problems.append(problem_at(data_dir / "coalition.yml", ("logo",), f"logo: {problem}"))
        enabled = set(coalition.languages)
        for spec in DATA_FILES:
            model = values.get(spec.attribute)
            if model is None:
                continue
            for loc, lang in _text_languages(model):
                # A translation into another language the toolkit builds is kept for later (a
                # fork of a bilingual coalition may build one language); any other code is a mistake.
                if lang not in enabled and lang not in SUPPORTED_LANGUAGES:
                    problems.append(problem_at(data_dir / spec.name, loc + (lang,),
                                        f"language '{lang}' is not listed in coalition.yml languages "
                                        f"({', '.join(coalition.languages)})"))
    return problems


#: Word stems the discreet safety card must not carry: a card that says what it is for can
#: put the person who carries it in danger (English and Spanish stems). The coalition's own names are added to these.
REVEALING_WORDS = ("traffick", "abuse", "exploit", "slavery", "prostitut", "coalition",
                   "trata", "abus", "explot", "esclav", "coalici")


def _revealing_card_words(card: Any, coalition: Any, path: Path) -> list[Problem]:
    """The safety card's texts that name trafficking, abuse, exploitation or the coalition."""
    names = [n for n in (coalition.name, coalition.short_name) if n]
    banned = list(REVEALING_WORDS)
    for name in names:
        banned += [n.lower() for n in ([name] if isinstance(name, str) else name.values())]
    problems = []
    for field in ("lead", "what_happens"):
        value = getattr(card, field)
        texts = [value] if isinstance(value, str) else list(value.values())
        found = sorted({word for text in texts for word in banned if word in text.lower()})
        if found:
            problems.append(problem_at(path, ("safety_card", field),
                                       f"safety_card {field}: says '{found[0]}'; nothing on the safety card may "
                                       "name trafficking, abuse, exploitation or the coalition"))
    return problems


def _duplicate_ids(value: Any) -> Iterator[tuple[Loc, int, str]]:
    """(location of the repeated id, index of its first use, id) for every list of items with ids."""
    seen: dict[Loc, dict[str, int]] = {}  # list location -> id -> index of its first use
    for node in walk(value):
        if not node.is_item:
            continue
        item_id = getattr(node.value, "id", None)
        if isinstance(item_id, str):
            first = seen.setdefault(node.loc[:-1], {})
            if item_id in first:
                yield node.loc + ("id",), first[item_id], item_id
            else:
                first[item_id] = node.loc[-1]


def _text_languages(value: Any) -> Iterator[tuple[Loc, str]]:
    """(location, language) for each language of each text given in several languages."""
    for node in walk(value):
        text = node.value
        if isinstance(text, dict) and text and all(isinstance(k, str) and LANG_RE.match(k) for k in text):
            for key in text:
                yield node.loc, key


def problem_at(path: Path, loc: tuple, message: str, *, warning: bool = False) -> Problem:
    """A problem at the line and column of ``loc`` (a data path) in the file ``path``."""
    display = display_path(path)
    doc, _ = read_yaml(path, display)
    line, col = doc.positions.locate(loc) if doc else (1, 1)
    return Problem(display, line, col, message, warning=warning)
