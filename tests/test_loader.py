"""The loader reports every problem as FILE:LINE:COLUMN: message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError, Problem


def problems_for(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_data(data_dir)
    return caught.value.problems


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_fixture_is_valid(fjord_copy: Path) -> None:
    data = load_data(fjord_copy)
    assert data.coalition.paper == "a4"


def test_invalid_yaml_syntax(fjord_copy: Path) -> None:
    path = fjord_copy / "building.yml"
    replace(path, "    summary: Two", "    summary: [Two")
    problem = only(problems_for(fjord_copy))
    assert problem.file.endswith("building.yml")
    assert problem.line >= line_of(path, "summary: [Two")
    assert problem.message.startswith("invalid YAML syntax")


def test_tab_indentation(fjord_copy: Path) -> None:
    path = fjord_copy / "building.yml"
    replace(path, "    summary: Two", "\tsummary: Two")
    problem = only(problems_for(fjord_copy))
    assert (problem.line, problem.column) == (line_of(path, "summary: Two"), 1)
    assert "tab" in problem.message


def test_duplicate_key_is_an_error(fjord_copy: Path) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, "city: Fjordby\n", "city: Fjordby\ncity: Bergen\n")
    problem = only(problems_for(fjord_copy))
    assert problem.line == line_of(path, "city: Bergen")
    assert problem.column == 1
    assert "duplicate key 'city'" in problem.message
    assert f"line {line_of(path, 'city: Fjordby')}" in problem.message


def test_unknown_key_suggests_the_near_miss(fjord_copy: Path) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, "name: Fjordby Alliance Against Exploitation", "nmae: Fjordby Alliance Against Exploitation")
    problems = problems_for(fjord_copy)
    unknown = [p for p in problems if "unknown field 'nmae'" in p.message]
    assert unknown and "did you mean 'name'?" in unknown[0].message
    assert (unknown[0].line, unknown[0].column) == (line_of(path, "nmae:"), 1)
    # the renamed key also leaves 'name' missing: both are reported in one run
    assert any("missing required field 'name'" in p.message for p in problems)


def test_missing_required_field_points_at_its_parent(fjord_copy: Path) -> None:
    path = fjord_copy / "hotel_project.yml"
    replace(path, "    staff: reception staff\n", "")
    problem = only(problems_for(fjord_copy))
    assert "missing required field 'staff'" in problem.message
    assert problem.line == line_of(path, "- id: reception")


def test_wrong_type(fjord_copy: Path) -> None:
    path = fjord_copy / "building.yml"
    replace(path, "    checklist: [Make a list of ten people to call, Book a room]", "    checklist: Book a room")
    problem = only(problems_for(fjord_copy))
    assert problem.line == line_of(path, "checklist: Book a room")
    assert "should be a list" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("email: kontakt@fjordby-alliance.example.org", "email: kontakt.fjordby-alliance.example.org", "not a valid email address"),
        ("website: https://fjordby-alliance.example.org", "website: fjordby-alliance", "must start with https://"),
        ('emergency_number: "112"', "emergency_number: call-the-police", "not a valid phone number"),
        ("    verified: 2026-01-15\n  - id: fjord-emergency", "    verified: 2026-02-30\n  - id: fjord-emergency", "not a valid date"),
    ],
)
def test_invalid_scalar_values(fjord_copy: Path, old: str, new: str, expected: str) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, old, new)
    problem = only(problems_for(fjord_copy))
    assert expected in problem.message
    assert problem.line == line_of(path, new.strip().splitlines()[0])


def test_empty_file(fjord_copy: Path) -> None:
    (fjord_copy / "focus_areas.yml").write_text("# nothing here yet\n", encoding="utf-8")
    problem = only(problems_for(fjord_copy))
    assert (problem.file.endswith("focus_areas.yml"), problem.line, problem.message) == (True, 1, "this file is empty")


def test_file_that_is_not_utf8(fjord_copy: Path) -> None:
    path = fjord_copy / "stakeholders.yml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Harbour office", "Havnekontor på kaia").encode("latin-1"))
    problem = only(problems_for(fjord_copy))
    assert (problem.line, problem.column) == (3, 24)  # the 'å' in '    name: Havnekontor på kaia'
    assert "not UTF-8" in problem.message


def test_yaml_11_surprises_keep_the_text(fjord_copy: Path) -> None:
    data = load_data(fjord_copy)
    assert data.coalition.country == "NO"  # not False
    path = fjord_copy / "statistics.yml"
    replace(path, 'value: "12%"', "value: 1.10")
    data = load_data(fjord_copy)
    assert data.statistics.statistics[0].value == "1.10"  # not 1.1


def test_every_problem_in_one_run(fjord_copy: Path) -> None:
    replace(fjord_copy / "coalition.yml", "paper: a4", "paper: a5")
    replace(fjord_copy / "building.yml", "    title: Gather", "    titel: Gather")
    (fjord_copy / "myths.yml").write_text("myths:\n  - id: x\n    myth: M\n", encoding="utf-8")
    problems = problems_for(fjord_copy)
    files = {Path(p.file).name for p in problems}
    assert {"coalition.yml", "building.yml", "myths.yml"} <= files
    assert any("'a5' is not allowed" in p.message for p in problems)


def test_missing_and_misnamed_files(fjord_copy: Path) -> None:
    (fjord_copy / "focus_areas.yml").rename(fjord_copy / "focus_area.yml")
    problems = problems_for(fjord_copy)
    messages = " | ".join(p.message for p in problems)
    assert "required file is missing" in messages
    assert "did you mean 'focus_areas.yml'?" in messages


def test_unknown_language_in_a_text(fjord_copy: Path) -> None:
    path = fjord_copy / "building.yml"
    replace(path, "    title: Gather a first circle", "    title: {en: Gather a first circle, fr: Réunir}")
    problem = only(problems_for(fjord_copy))
    assert "language 'fr' is not listed" in problem.message
    assert problem.line == line_of(path, "fr: Réunir")


def test_duplicate_id_points_at_the_repeat(fjord_copy: Path) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, "  - id: fjord-emergency", "  - id: fjord-helpline")
    problem = only(problems_for(fjord_copy))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "- id: fjord-helpline"
    assert problem.line != line_of(path, "- id: fjord-helpline")  # the second one, not the first
    assert problem.message == "id 'fjord-helpline' is used twice in this list (first in item 1); each id must be unique"


def test_every_repeated_id_is_reported_where_it_is(fjord_copy: Path) -> None:
    path = fjord_copy / "hotel_project.yml"
    replace(path, "{id: say, title: Say it", "{id: see, title: Say it")
    replace(path, "{id: stop, title: Stop it", "{id: see, title: Stop it")
    problems = problems_for(fjord_copy)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(path, "title: Say it"), "id 'see' is used twice in this list (first in item 1); each id must be unique"),
        (line_of(path, "title: Stop it"), "id 'see' is used twice in this list (first in item 1); each id must be unique"),
    ]
    assert all(p.file.endswith("hotel_project.yml") for p in problems)


def test_unknown_languages_deep_in_the_data(fjord_copy: Path) -> None:
    path = fjord_copy / "hotel_project.yml"
    replace(path, "signs: [A guest who never holds their own passport]",
            "signs: [{en: A guest who never holds their own passport, nb: En gjest, de: Ein Gast}]")
    problems = problems_for(fjord_copy)
    assert [p.message for p in problems] == [
        "language 'nb' is not listed in coalition.yml languages (en)",
        "language 'de' is not listed in coalition.yml languages (en)",
    ]
    text = path.read_text(encoding="utf-8").splitlines()[problems[0].line - 1]
    assert text[problems[0].column - 1:].startswith("En gjest")  # the text in that language
    assert text[problems[1].column - 1:].startswith("Ein Gast")


def test_unclosed_quote_points_at_the_quote(fjord_copy: Path) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, "city: Fjordby", 'city: "Fjordby')
    problem = only(problems_for(fjord_copy))
    assert (problem.line, problem.column) == (line_of(path, 'city: "Fjordby'), 7)
    assert "quotation mark opened here is never closed" in problem.message


def test_bad_indentation_is_said_in_plain_words(fjord_copy: Path) -> None:
    path = fjord_copy / "coalition.yml"
    replace(path, "  primary: \"#0b6e4f\"", " primary: \"#0b6e4f\"")
    problem = only(problems_for(fjord_copy))
    assert "not indented like the lines around it" in problem.message
    assert "<block" not in problem.message


def test_a_text_without_a_listed_language_is_reported_at_its_line(fjord_copy: Path) -> None:
    """With languages [en, es], a text given in English only is a warning at its own line."""
    from coalition_kit.load.problems import Problem

    coalition = fjord_copy / "coalition.yml"
    text = coalition.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, es]")
    coalition.write_text(text, encoding="utf-8")
    warnings: list[Problem] = []
    load_data(fjord_copy, warnings)
    missing = [w for w in warnings if w.message == "missing es translation"]
    name_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("tagline:"))
    assert any(w.file.endswith("coalition.yml") and w.line == name_line for w in missing)
    assert all(w.warning for w in missing)
    translated = text.replace(text.splitlines()[name_line - 1],
                              "tagline: {en: See it. Say it. Stop it., es: Verlo. Decirlo. Detenerlo.}")
    coalition.write_text(translated, encoding="utf-8")
    again: list[Problem] = []
    load_data(fjord_copy, again)
    assert not [w for w in again if w.line == name_line and w.file.endswith("coalition.yml")]
