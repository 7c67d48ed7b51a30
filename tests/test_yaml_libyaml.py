"""Data files are parsed by libyaml when PyYAML has it (five times faster than its pure-Python
parser), with the same nodes, positions and problems as the pure-Python parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from ck_paths import ROOT
from coalition_kit.load import yaml_source
from coalition_kit.load.yaml_source import read_yaml

pytestmark = pytest.mark.skipif(yaml_source._FastLoader is None, reason="PyYAML without libyaml")

DATA_FILES = sorted([*(ROOT / "data").glob("*.yml"), *(ROOT / "tests" / "fixtures").rglob("*.yml")])


def shape(node: Node) -> tuple:
    """Everything the loader reads from a node: kind, tag, value, style, start and end marks."""
    marks = [(m.line, m.column, m.index) for m in (node.start_mark, node.end_mark)]
    if isinstance(node, MappingNode):
        value = [(shape(k), shape(v)) for k, v in node.value]
    elif isinstance(node, SequenceNode):
        value = [shape(item) for item in node.value]
    else:
        value = node.value
    return type(node).__name__, node.tag, value, getattr(node, "style", None), marks


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_parses_to_the_same_nodes(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    assert shape(yaml.compose(text, Loader=yaml_source._FastLoader)) == \
        shape(yaml.compose(text, Loader=yaml_source._LimitedLoader))


BAD = {
    "alias": "a: &x 1\nb: *x\n",
    "deep": "a:\n" + "".join("  " * i + "- \n" for i in range(40)),
    "indent": "a: 1\n  b: 2\nc: 3\n",
    "colon": "title: Note: read first\n",
    "quote": "a: \"open\nb: 2\nc: 3\n",
    "flow": "a: [1, 2\nb: 3\n",
    "control": "a: \x01\n",
    "plain and quoted nulls": "a:\nb: ~\nc: ''\nd: \"null\"\ne: null\n",
}


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_problems_and_values_are_word_for_word_the_same(text: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    fast = read_yaml(path, "x.yml")
    monkeypatch.setattr(yaml_source, "_FastLoader", None)
    slow = read_yaml(path, "x.yml")
    assert fast[1] == slow[1]
    assert (fast[0] is None) == (slow[0] is None)
    if fast[0] is not None:
        assert fast[0].data == slow[0].data and fast[0].positions == slow[0].positions
