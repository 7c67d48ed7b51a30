"""JSON Schema for each data file, for editor completion (yaml-language-server).

Run ``python -m coalition_kit.schema`` (or ``make schema``) after changing a model;
a test fails when the committed files in schema/ are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from coalition_kit.model import DATA_FILES, DataFile
from coalition_kit.paths import Project

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def _draft7(node: Any) -> Any:
    """pydantic emits 2020-12 ($defs); yaml-language-server reads draft 7 (definitions)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            key = "definitions" if key == "$defs" else key
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft7(value)
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def schema_for(spec: DataFile) -> dict[str, Any]:
    schema = _draft7(spec.model.model_json_schema(mode="validation"))
    return {"$schema": DRAFT7, "title": spec.name, "description": spec.purpose, **schema}


def schema_text(spec: DataFile) -> str:
    return json.dumps(schema_for(spec), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_file_name(spec: DataFile) -> str:
    return spec.name.rsplit(".", 1)[0] + ".schema.json"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in DATA_FILES:
        path = folder / schema_file_name(spec)
        path.write_text(schema_text(spec), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    for path in write_schemas(Project.here().root / "schema"):
        print(path)


if __name__ == "__main__":
    main()
    sys.exit(0)
