"""The tracker's data and the readiness results: checked numbers at their line, the CSV import and
export (one row per session, all or nothing, bad rows at FILE:LINE:COLUMN), the YAML written back."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from ck_paths import DEFAULT_DATA
from coalition_kit.cli import main
from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.load.tracker_csv import COLUMNS, csv_text, export_csv, import_csv
from coalition_kit.load.tracker_file import hotels_block, quoted
from coalition_kit.model.outreach import Hotel


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the default data."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (found once) by ``new``; returns the line it is on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_data(folder)
    return [str(p) for p in caught.value.problems]


# --- numbers in data -----------------------------------------------------------------------


@pytest.mark.parametrize("score, message", [
    ("9.5", "9.5 is outside the scale: scores run from 1 to 9"),
    ("0", "0 is outside the scale: scores run from 1 to 9"),
    ('"4,5"', "write a decimal with a point, not a comma: 4.5"),
    ("high", "'high' is not a score"),
])
def test_readiness_scores_outside_1_to_9_are_reported_at_their_line(data: Path, score: str, message: str) -> None:
    path = data / "readiness.yml"
    line = edit(path, "B: {scorer_1: 3, scorer_2: 3, combined: 3}", f"B: {{scorer_1: 3, scorer_2: 3, combined: {score}}}")
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:{line}:") and message in found[0], found
    assert "results > interviews > item 2 > scores > B > combined" in found[0]


def test_a_scorer_rating_is_checked_too(data: Path) -> None:
    line = edit(data / "readiness.yml", "F: {scorer_1: 5, scorer_2: 5.5, combined: 5}",
                "F: {scorer_1: 10, scorer_2: 5.5, combined: 5}")
    assert [p.split(": ", 1)[0] for p in problems(data)] == [f"{data / 'readiness.yml'}:{line}:23"]


def test_an_unknown_or_missing_dimension_is_reported_at_the_interview(data: Path) -> None:
    path = data / "readiness.yml"
    line = edit(path, "E: {scorer_1: 3, scorer_2: 3, combined: 3}", "G: {scorer_1: 3, scorer_2: 3, combined: 3}")
    found = problems(data)
    assert found == [f"{path}:{line}:12: results > interviews > item 1 > scores > G: no dimension 'G' in "
                     "dimensions (known: A, B, C, D, E, F)"]


def test_tracker_numbers_are_numbers(data: Path) -> None:
    path = data / "outreach.yml"
    rooms = edit(path, "rooms: 84", "rooms: about 80")
    pre = edit(path, "pre_mean: 6.2, post_mean: 8.9", "pre_mean: 11, post_mean: 8.9")
    assert problems(data) == [
        f"{path}:{rooms}:12: hotels > item 1 > rooms: 'about 80' is not a whole number",
        f"{path}:{pre}:58: hotels > item 3 > sessions > item 1 > assessment > pre_mean: 11 is more than the highest "
        "possible score (10, out_of)"]


def test_trainers_are_volunteers_of_the_list(data: Path) -> None:
    path = data / "outreach.yml"
    line = edit(path, "trainers: [volunteer-sam, volunteer-jordan]", "trainers: [volunteer-sam, volunteer-zed]")
    assert problems(data) == [f"{path}:{line}:35: hotels > item 3 > sessions > item 1 > trainers > item 2: no volunteer "
                              "'volunteer-zed' in the volunteers list (known: volunteer-alex, volunteer-casey, "
                              "volunteer-jordan, volunteer-riley, volunteer-sam)"]


def test_more_confident_than_assessed_is_refused(data: Path) -> None:
    path = data / "outreach.yml"
    line = edit(path, "confident_before: 11, confident_after: 26", "confident_before: 11, confident_after: 31")
    assert problems(data) == [f"{path}:{line}:118: hotels > item 3 > sessions > item 1 > assessment > "
                              "confident_after: 31 is more than the number assessed (30)"]


# --- CSV -----------------------------------------------------------------------------------


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def test_export_then_import_changes_nothing_but_the_quoting(data: Path, tmp_path: Path) -> None:
    before = load_data(data).outreach
    original = (data / "outreach.yml").read_text(encoding="utf-8")
    assert export_csv(data, tmp_path / "t.csv") == 8  # 7 hotels, Example Inn with 2 sessions
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"hotel_id,name,city,rooms,status") and b"\r\n" in raw
    import_csv(tmp_path / "t.csv", data)
    after = (data / "outreach.yml").read_text(encoding="utf-8")
    assert load_data(data).outreach == before
    head, tail = original.split("\nhotels:\n")[0], original.split("\nvolunteers:\n")[1]
    assert after.startswith(head + "\nhotels:\n") and after.endswith("\nvolunteers:\n" + tail)  # header, volunteers kept


def test_a_bad_row_is_reported_at_its_line_and_column_and_nothing_changes(data: Path, tmp_path: Path) -> None:
    rows = rows_of(csv_text(list(load_data(data).outreach.hotels)))
    header = rows[0]
    rows[4][header.index("rooms")] = "120 rooms"  # Placeholder Suites, file line 5, column 4
    rows[5][header.index("pre_mean")] = "7,5"      # Demo Lodge's session, line 6
    rows[6][header.index("session_date")] = "10/6/2026"  # Mock Hotel, line 7, as Excel may write it
    path = write_rows(tmp_path / "bad.csv", rows)
    before = (data / "outreach.yml").read_bytes()
    with pytest.raises(DataError) as caught:
        import_csv(path, data)
    found = [str(p) for p in caught.value.problems]
    col = {name: header.index(name) + 1 for name in header}
    assert found == [
        f"{path}:5:{col['rooms']}: rooms: '120 rooms' is not a whole number",
        f"{path}:6:{col['pre_mean']}: pre_mean: '7,5': write a decimal with a point, not a comma: 7.5",
        f"{path}:7:{col['session_date']}: session_date: '10/6/2026' is not a valid date; write it as YYYY-MM-DD, "
        "e.g. 2026-05-01",
    ]
    assert (data / "outreach.yml").read_bytes() == before


def test_the_command_reports_bad_rows_and_exits_1(data: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "bad.csv", [["hotel_id", "name", "status", "Front desk"],
                                             ["x-inn", "X Inn", "trained", ""],
                                             ["y-inn", "Y Inn", "maybe", ""],
                                             ["z-inn", "Z Inn", "", "4"]])
    result = CliRunner().invoke(main, ["tracker", "import", str(path), "--data", str(data)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{path}:3:3: status: 'maybe' is not allowed; use one of 'not-contacted', "
                                             "'contacted', 'scheduled', 'trained' or 'declined'")
    assert (f"{path}:4:4: Front desk: a session is filled in, but the file has no session_date column"
            in result.output.splitlines())
    assert result.output.rstrip().endswith("2 problems found; nothing was changed.")


def test_header_problems_are_reported_on_the_first_line(data: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "h.csv", [["name", "Rooms", "colour"], ["A", "3", "red"]])
    with pytest.raises(DataError) as caught:
        import_csv(path, data)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:1: the header row has no 'hotel_id' column",
                                                       f"{path}:1:3: unknown column 'colour'"]


def test_excel_files_spreadsheet_headers_and_missing_columns(data: Path, tmp_path: Path) -> None:
    """Windows-1252 with semicolons and friendly headers; columns the file lacks keep their values."""
    path = write_rows(tmp_path / "excel.csv", [
        ["Hotel ID", "Name", "Status", "Recognised publicly", "Session date", "Front desk", "Trainers"],
        ["example-inn", "Example Inn Café (fictional)", "Trained", "Yes", "2026-03-10", "7", "volunteer-alex"],
        ["example-inn", "", "", "", "2026-04-14", "3", ""],
        ["new-motel", "New Motel (fictional)", "Not contacted", "no", "", "", ""],
    ], encoding="cp1252", delimiter=";")
    data_after = import_csv(path, data)
    hotels = {h.id: h for h in data_after.outreach.hotels}
    assert list(hotels) == ["example-inn", "new-motel"]
    inn = hotels["example-inn"]
    assert inn.name == "Example Inn Café (fictional)" and inn.status == "trained" and inn.recognised_publicly
    assert inn.manager_phone == "402-555-0101" and inn.city == "Riverton (fictional)"  # not in the file: kept
    first, second = inn.sessions
    assert (first.staff.front_desk, first.staff.housekeeping, first.trainers) == (7, 9, ["volunteer-alex"])
    assert first.notes and first.assessment.pre_mean == Decimal("5.8")  # kept from the session of the same date
    assert second.trainers == [] and second.staff.front_desk == 3  # an empty cell empties the value
    assert hotels["new-motel"].status == "not-contacted" and hotels["new-motel"].sessions == []


def test_a_file_without_session_columns_keeps_the_sessions(data: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "h.csv", [["\ufeffhotel_id", "name", "rooms"], ["demo-lodge", "Demo Lodge (fictional)", "60"]])
    hotels = import_csv(path, data).outreach.hotels
    assert [(h.id, h.rooms, len(h.sessions)) for h in hotels] == [("demo-lodge", 60, 1)]


def test_an_empty_file_or_unknown_trainer_changes_nothing(data: Path, tmp_path: Path) -> None:
    before = (data / "outreach.yml").read_bytes()
    only_header = write_rows(tmp_path / "e.csv", [[c.name for c in COLUMNS]])
    with pytest.raises(DataError, match="no rows below the header"):
        import_csv(only_header, data)
    trainer = write_rows(tmp_path / "t.csv", [["hotel_id", "name", "session_date", "trainers"],
                                              ["a", "A", "2026-01-01", "volunteer-alex; nobody"]])
    with pytest.raises(DataError) as caught:
        import_csv(trainer, data)
    assert str(caught.value.problems[0]).startswith(f"{trainer}:2:4: trainers: no volunteer 'nobody'")
    assert (data / "outreach.yml").read_bytes() == before


def test_cells_that_a_spreadsheet_would_run_are_written_inert_and_read_back(data: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "f.csv", [["hotel_id", "name", "notes", "manager_phone"],
                                           ["a", "=HYPERLINK(\"x\")", "'-note", "'+47 0000 0099"]])
    hotel = import_csv(path, data).outreach.hotels[0]
    assert (hotel.name, hotel.notes, hotel.manager_phone) == ('=HYPERLINK("x")', "-note", "+47 0000 0099")
    exported = rows_of(csv_text([hotel]))[1]
    assert exported[1] == "'=HYPERLINK(\"x\")" and exported[COLUMNS.index(next(c for c in COLUMNS if c.name == "manager_phone"))] == "'+47 0000 0099"


# --- the YAML written back -----------------------------------------------------------------


TRICKY = ["null", "true", "Inn: \"The Best\" # 1", "line\nbreak", "tab\there", "back\\slash", "  spaces  ",
          "\u2028sep", "café — ünïcode", "- dash", "[x]", "{y}", "&anchor *alias", "%percent", "@at `tick`"]


def test_any_text_is_written_as_a_yaml_string_that_reads_back_the_same(data: Path) -> None:
    hotels = [Hotel.model_validate({"id": f"x{i}", "name": text, "notes": text, "city": text})
              for i, text in enumerate(TRICKY)]
    (data / "outreach.yml").write_text(hotels_block(hotels), encoding="utf-8")
    read = load_data(data).outreach.hotels
    assert [(h.name, h.notes, h.city) for h in read] == [(text, text, text) for text in TRICKY]
    assert all(quoted(text).startswith('"') and "\n" not in quoted(text) for text in TRICKY)
