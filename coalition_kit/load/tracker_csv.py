"""``coalition tracker import`` and ``export``: the hotels and sessions of outreach.yml as one CSV file.

The layout is the one a volunteer with a spreadsheet already keeps: **one row per training
session**, the hotel's columns repeated on each of its rows, and one row with the session columns
left empty for a hotel without a session. A header row names the columns (in any order; case,
spaces, ``-`` and ``_`` do not matter: "Front desk" is ``front_desk``):

========================  ===============================================================
column                    what it holds
========================  ===============================================================
hotel_id                  short id: lowercase words joined by "-" (required)
name                      the property's name (required)
city                      its city or town
rooms                     number of rooms (a whole number)
status                    not-contacted, contacted, scheduled, trained or declined
recognised_publicly       yes when the hotel agreed to be named on the website, else no
refresher_due             when the next refresher training is due, YYYY-MM-DD
manager_name              PRIVATE: the manager's name
manager_phone             PRIVATE: the manager's phone
manager_email             PRIVATE: the manager's email
notes                     PRIVATE: notes about the hotel
session_date              date of the training session, YYYY-MM-DD (empty: no session)
trainers                  volunteer ids from outreach.yml, separated by ";"
front_desk … other        staff trained in each role: front_desk, housekeeping,
                          maintenance, food_and_beverage, managers, other (whole numbers)
assessed                  how many staff filled in the questionnaire before and after
out_of                    the highest possible score (100 when scores are percentages)
pre_mean, post_mean       mean score before and after (a number, with a point: 6.5)
confident_before/_after   how many felt confident to report a concern, before and after
session_notes             PRIVATE: notes from the session
========================  ===============================================================

Reading: UTF-8 (with or without the byte-order mark Excel writes) or, failing that, Windows-1252
(Excel's "CSV" on Windows); commas, semicolons or tabs between cells (from the header row). A
cell that Excel would read as a formula is written with a leading ' and read without it.

Import is all or nothing: every bad row is reported as ``FILE:LINE:COLUMN: header: message``
(LINE in the file, COLUMN the number of the column, counted from 1) and nothing is changed while
any row is bad. A column the file does not have keeps what outreach.yml holds for that hotel (or
session, matched by date), so a sheet without the private columns never erases contacts; a file
without ``session_date`` keeps every hotel's sessions. An empty cell empties the value.

Export writes every column, UTF-8 with a byte-order mark (so Excel shows accents right).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coalition_kit.load.loader import display_path, load_data
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.load.tracker_file import replace_file, write_hotels
from coalition_kit.model import CoalitionData
from coalition_kit.model.base import LocatedError
from coalition_kit.model.outreach import STAFF_ROLES, Hotel, Session


@dataclass(frozen=True)
class Column:
    name: str
    level: str  # "hotel" or "session"
    path: tuple[str, ...]  # where the value goes in the hotel's (or session's) data


COLUMNS: tuple[Column, ...] = (
    Column("hotel_id", "hotel", ("id",)),
    Column("name", "hotel", ("name",)),
    Column("city", "hotel", ("city",)),
    Column("rooms", "hotel", ("rooms",)),
    Column("status", "hotel", ("status",)),
    Column("recognised_publicly", "hotel", ("recognised_publicly",)),
    Column("refresher_due", "hotel", ("refresher_due",)),
    Column("manager_name", "hotel", ("manager_name",)),
    Column("manager_phone", "hotel", ("manager_phone",)),
    Column("manager_email", "hotel", ("manager_email",)),
    Column("notes", "hotel", ("notes",)),
    Column("session_date", "session", ("date",)),
    Column("trainers", "session", ("trainers",)),
    *(Column(name, "session", ("staff", key)) for name, key, _ in STAFF_ROLES),
    Column("assessed", "session", ("assessment", "assessed")),
    Column("out_of", "session", ("assessment", "out_of")),
    Column("pre_mean", "session", ("assessment", "pre_mean")),
    Column("post_mean", "session", ("assessment", "post_mean")),
    Column("confident_before", "session", ("assessment", "confident_before")),
    Column("confident_after", "session", ("assessment", "confident_after")),
    Column("session_notes", "session", ("notes",)),
)
BY_NAME = {c.name: c for c in COLUMNS}
REQUIRED = ("hotel_id", "name")
DATE_COLUMNS = {"refresher_due", "session_date"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def normalized(header: str) -> str:
    """ "Front desk", "front-desk", "FRONT_DESK " -> "front_desk"."""
    return re.sub(r"[\s\-_]+", "_", header.strip().lstrip("\ufeff").casefold()).strip("_")


# --- reading the file --------------------------------------------------------------------


def decode(raw: bytes, shown: str) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped), else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(shown, line, col, f"this file is neither UTF-8 nor Windows-1252 text (byte "
                                 f"0x{raw[exc.start]:02x})", hint="Save it from the spreadsheet as "
                                 "'CSV UTF-8 (comma delimited)'.")]) from None


@dataclass
class Row:
    line: int
    cells: dict[str, tuple[str, int]]  # column name -> (text, column number)

    def get(self, name: str) -> str:
        return self.cells[name][0] if name in self.cells else ""

    def col(self, name: str) -> int:
        return self.cells[name][1] if name in self.cells else 1


def _unformula(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA_START and len(text) > 1 else text


def read_rows(path: Path, shown: str) -> tuple[dict[str, tuple[int, str]], list[Row]]:
    """The header (column name -> (number, header as written)) and the rows with something in them."""
    text = decode(path.read_bytes(), shown)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    header: dict[str, tuple[int, str]] = {}
    rows: list[Row] = []
    end = 0
    for record in _records(reader):
        start, end, cells = end + 1, reader.line_num, record
        if not any(c.strip() for c in cells):
            continue
        if not header and not rows:
            for number, title in enumerate(cells, start=1):
                name = normalized(title)
                if not name:
                    continue
                if name not in BY_NAME:
                    problems.append(Problem(shown, start, number, f"unknown column '{title.strip()}'",
                                            hint="Known columns: " + ", ".join(BY_NAME) + "."))
                elif name in header:
                    problems.append(Problem(shown, start, number, f"column '{title.strip()}' is given twice "
                                            f"(first as column {header[name][0]})"))
                else:
                    header[name] = (number, title.strip())
            for name in REQUIRED:
                if name not in header:
                    problems.append(Problem(shown, start, 1, f"the header row has no '{name}' column",
                                            hint="Start from a file made by 'coalition tracker export'."))
            if problems:
                raise DataError(problems)
            header_width = len(cells)
            continue
        extra = [i for i, c in enumerate(cells[header_width:], start=header_width + 1) if c.strip()]
        if extra:
            problems.append(Problem(shown, start, extra[0], "this row has more cells than the header has columns"))
        by_number = {number: name for name, (number, _) in header.items()}
        row = Row(start, {name: (_unformula(cells[number - 1].strip()) if number <= len(cells) else "", number)
                          for number, name in by_number.items()})
        rows.append(row)
    if not header:
        raise DataError([Problem(shown, 1, 1, "this file is empty: it needs a header row and one row per session")])
    if problems:
        raise DataError(problems)
    return header, rows


def _records(reader: Any) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise DataError([Problem("", reader.line_num, 1, f"this line cannot be read as CSV ({exc})")]) from None


# --- turning rows into hotels --------------------------------------------------------------


@dataclass
class _HotelRows:
    first: Row
    rows: list[Row] = field(default_factory=list)
    session_rows: list[Row] = field(default_factory=list)


def _set(target: dict, path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value


def _cell_value(column: Column, text: str) -> Any:
    """The cell as the model reads it; None for an empty cell."""
    if not text:
        return None
    if column.name == "status":
        return normalized(text).replace("_", "-")
    if column.name == "trainers":
        return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    return text


def hotels_from_rows(rows: list[Row], header: dict[str, tuple[int, str]], current: CoalitionData,
                     shown: str) -> list[Hotel]:
    """Every hotel of the file, validated; raises DataError with a problem for each bad cell."""
    problems: list[Problem] = []
    title = {name: written for name, (_, written) in header.items()}
    groups: dict[str, _HotelRows] = {}
    has_sessions = "session_date" in header
    for row in rows:
        hotel_id = row.get("hotel_id")
        if not hotel_id:
            problems.append(Problem(shown, row.line, row.col("hotel_id"), f"{title['hotel_id']}: empty; every row "
                                    "needs the id of its hotel"))
            continue
        group = groups.setdefault(hotel_id, _HotelRows(row))
        group.rows.append(row)
        for name, column in BY_NAME.items():
            if column.level == "hotel" and name in header and row is not group.first:
                value, first_value = row.get(name), group.first.get(name)
                if value and value != first_value:
                    problems.append(Problem(shown, row.line, row.col(name), f"{title[name]}: '{value}' differs from "
                                            f"line {group.first.line} ('{first_value}') for the same hotel_id",
                                            hint="A hotel's columns are the same on each of its rows (or empty)."))
        session_cells = [n for n in header if BY_NAME[n].level == "session" and n != "session_date" and row.get(n)]
        if has_sessions and row.get("session_date"):
            group.session_rows.append(row)
        elif session_cells and has_sessions:
            problems.append(Problem(shown, row.line, row.col("session_date"),
                                    f"{title['session_date']}: empty, but this row has session columns filled in "
                                    f"({title[session_cells[0]]}…)",
                                    hint="Give the session's date, or empty the session columns of a hotel's only row."))
        elif session_cells:
            problems.append(Problem(shown, row.line, row.col(session_cells[0]),
                                    f"{title[session_cells[0]]}: a session is filled in, but the file has no "
                                    "session_date column", hint="Add a session_date column (one row per session)."))
    existing = {h.id: h for h in current.outreach.hotels}
    known = {v.id for v in current.outreach.volunteers}
    hotels: list[Hotel] = []
    for hotel_id, group in groups.items():
        hotel, hotel_problems = _hotel(hotel_id, group, header, title, existing.get(hotel_id), shown, has_sessions)
        problems += hotel_problems
        if hotel is None:
            continue
        for session, row in zip(hotel.sessions, group.session_rows if has_sessions else []):
            for trainer in session.trainers:
                if trainer not in known:
                    problems.append(Problem(shown, row.line, row.col("trainers"),
                                            f"{title.get('trainers', 'trainers')}: no volunteer '{trainer}' in "
                                            f"outreach.yml (known: {', '.join(sorted(known)) or 'none yet'})"))
        hotels.append(hotel)
    if not rows:
        problems.append(Problem(shown, 2, 1, "no rows below the header; nothing was changed",
                                hint="An import replaces every hotel; give at least one row."))
    if problems:
        raise DataError(problems)
    return hotels


def _hotel(hotel_id: str, group: _HotelRows, header: dict, title: dict, base: Hotel | None, shown: str,
           has_sessions: bool) -> tuple[Hotel | None, list[Problem]]:
    data: dict[str, Any] = base.model_dump(by_alias=True, exclude={"sessions"}) if base else {}
    for name in header:
        column = BY_NAME[name]
        if column.level == "hotel":
            _set(data, column.path, _cell_value(column, group.first.get(name)))
    if not has_sessions:
        data["sessions"] = [s.model_dump(by_alias=True) for s in base.sessions] if base else []
    else:
        data["sessions"] = [_session(row, header, _matching(base, group.session_rows, row)) for row in group.session_rows]
    try:
        return Hotel.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(error, group, header, title, shown) for error in exc.errors(include_url=False)]


def _matching(base: Hotel | None, session_rows: list[Row], row: Row) -> Session | None:
    """The session of outreach.yml that ``row`` stands for: the same date, the same occurrence of it."""
    if base is None:
        return None
    try:
        day = date.fromisoformat(row.get("session_date"))
    except ValueError:
        return None
    nth = sum(1 for r in session_rows[:session_rows.index(row)] if r.get("session_date") == row.get("session_date"))
    same = [s for s in base.sessions if s.date == day]
    return same[nth] if nth < len(same) else None


def _session(row: Row, header: dict, base: Session | None) -> dict[str, Any]:
    data: dict[str, Any] = base.model_dump(by_alias=True) if base else {}
    if data.get("assessment") is None:
        data.pop("assessment", None)
    for name in header:
        column = BY_NAME[name]
        if column.level == "session":
            _set(data, column.path, _cell_value(column, row.get(name)))
    if "assessment" in data and not any(v is not None for v in data["assessment"].values()):
        del data["assessment"]
    return data


def _column_of(loc: tuple, header: dict) -> str | None:
    """The column a model location comes from: ('sessions', 0, 'staff', 'front-desk') -> 'front_desk'."""
    level = "session" if loc and loc[0] == "sessions" else "hotel"
    path = tuple(str(p) for p in (loc[2:] if level == "session" else loc) if not isinstance(p, int))
    for column in COLUMNS:
        if column.level == level and path[:len(column.path)] == column.path:
            return column.name
    if level == "session" and path[:1] == ("assessment",):
        return next((n for n in ("assessed", "pre_mean", "post_mean") if n in header), "session_date")
    return None


def _problem(error: dict, group: _HotelRows, header: dict, title: dict, shown: str) -> Problem:
    loc = tuple(error["loc"])
    located = error.get("ctx", {}).get("error")
    if isinstance(located, LocatedError):
        loc += located.loc
    row = group.first
    if loc and loc[0] == "sessions" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(group.session_rows):
        row = group.session_rows[loc[1]]
    name = _column_of(loc, header) or "hotel_id"
    if name not in header:
        wanted = name
        name = "session_date" if loc and loc[0] == "sessions" and "session_date" in header else "hotel_id"
        prefix = f"{title[name]}: the file has no {wanted} column, and "
    else:
        prefix = f"{title[name]}: "
    hint = ("In the spreadsheet, format this column as text so that dates stay YYYY-MM-DD."
            if name in DATE_COLUMNS and error["type"] == "value_error" else None)
    return Problem(shown, row.line, row.col(name), prefix + _message(error, located), hint=hint)


def _message(error: dict, located: Any) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "value_error":
        return str(located or error.get("ctx", {}).get("error", error["msg"]))
    if kind == "missing":
        return f"missing {error['loc'][-1]}, which this needs"
    if kind == "literal_error":
        return f"'{given}' is not allowed; use one of {error.get('ctx', {}).get('expected', '')}"
    if kind in ("bool_parsing", "bool_type"):
        return f"'{given}' should be yes or no"
    return str(error["msg"])


def import_csv(csv_path: Path, data_dir: Path) -> CoalitionData:
    """Replace the hotels of ``data_dir``/outreach.yml with those of ``csv_path``, or change nothing
    and raise DataError listing every problem (see the module)."""
    shown = display_path(csv_path)
    current = load_data(data_dir)  # the rest of the data must be sound before anything is written
    try:
        header, rows = read_rows(csv_path, shown)
    except DataError as exc:
        raise DataError([p if p.file else Problem(shown, p.line, p.column, p.message, p.hint)
                         for p in exc.problems]) from None
    hotels = hotels_from_rows(rows, header, current, shown)
    return write_hotels(data_dir, hotels)


# --- writing the file ----------------------------------------------------------------------


def _safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (a leading ' that import removes again)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _hotel_cells(h: Hotel) -> list[str]:
    return [h.id, h.name, h.city or "", "" if h.rooms is None else str(h.rooms), h.status,
            "yes" if h.recognised_publicly else "no", h.refresher_due.isoformat() if h.refresher_due else "",
            h.manager_name or "", h.manager_phone or "", h.manager_email or "", h.notes or ""]


def _session_cells(s: Session | None) -> list[str]:
    if s is None:
        return [""] * (len(COLUMNS) - 11)
    a = s.assessment
    counts = [str(v) for v in s.staff.by_key().values()]

    def num(value: object) -> str:
        return "" if value is None else str(value)

    return [s.date.isoformat(), "; ".join(s.trainers), *counts, num(a and a.assessed), num(a and a.out_of),
            num(a and a.pre_mean), num(a and a.post_mean), num(a and a.confident_before),
            num(a and a.confident_after), s.notes or ""]


def csv_text(hotels: list[Hotel]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in COLUMNS])
    for h in hotels:
        for s in (h.sessions or [None]):
            writer.writerow([_safe_cell(cell) for cell in _hotel_cells(h) + _session_cells(s)])
    return out.getvalue()


def export_csv(data_dir: Path, csv_path: Path) -> int:
    """Write every hotel and session of ``data_dir``/outreach.yml to ``csv_path``; returns the rows."""
    data = load_data(data_dir)
    text = csv_text(list(data.outreach.hotels))
    replace_file(csv_path, text, encoding="utf-8-sig")
    return text.count("\r\n") - 1


__all__ = ["COLUMNS", "csv_text", "export_csv", "import_csv", "normalized"]
