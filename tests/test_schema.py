"""schema/ holds one JSON Schema per data file, up to date, referenced from each data file."""

from __future__ import annotations

import json

import pytest

from ck_paths import DEFAULT_DATA, ROOT
from coalition_kit.model import DATA_FILES
from coalition_kit.schema import schema_file_name, schema_text


@pytest.mark.parametrize("spec", DATA_FILES, ids=lambda s: s.name)
def test_committed_schema_is_current(spec) -> None:
    committed = ROOT / "schema" / schema_file_name(spec)
    assert committed.is_file(), f"{committed} is missing: run 'make schema'"
    assert committed.read_text(encoding="utf-8") == schema_text(spec), (
        f"{committed.name} is stale: run 'make schema' and commit the result")


@pytest.mark.parametrize("spec", DATA_FILES, ids=lambda s: s.name)
def test_schema_is_draft7_for_editors(spec) -> None:
    schema = json.loads(schema_text(spec))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)


def test_each_default_data_file_references_its_schema() -> None:
    for spec in DATA_FILES:
        path = DEFAULT_DATA / spec.name
        if not path.exists():
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema_file_name(spec)}", path.name


def test_private_fields_are_marked_in_the_schema() -> None:
    outreach = json.loads(schema_text(next(s for s in DATA_FILES if s.name == "outreach.yml")))
    hotel = outreach["definitions"]["Hotel"]["properties"]
    assert hotel["manager_phone"]["x-private"] is True
    assert "x-private" not in hotel["name"]
