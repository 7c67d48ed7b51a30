"""Edit a data file's text in place: delete list items or keys, replace values.

``coalition new`` copies the default data into a new coalition's folder. Writing the files
out again from their values would lose every comment, and the comments are the how-to for
the people who edit the files. So the edits are made on the text, at the positions the
loader recorded, and everything else (comments, blank lines, quoting) stays as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_kit.load.yaml_source import YamlDocument, read_yaml

DataPath = tuple[str | int, ...]
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()'/+@:_-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if (_PLAIN.match(value) and value.lower() not in _YAML_WORDS and not value.endswith((" ", ":"))
            and ": " not in value):
        return value
    return json.dumps(value, ensure_ascii=False)


def block(value: Any, indent: int) -> str:
    """``value`` (mappings, lists and text) as block YAML lines indented by ``indent`` spaces."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines.append(block(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {_inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner = block(item, indent + 2).splitlines()
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_inline(item)}")
    else:
        lines.append(pad + _inline(value))
    return "\n".join(lines)


def _inline(value: Any) -> str:
    if isinstance(value, list) and not value:
        return "[]"
    if isinstance(value, dict) and not value:
        return "{}"
    return scalar(str(value))


@dataclass
class YamlText:
    """A data file's text and the edits to make to it; ``result()`` applies them."""

    doc: YamlDocument
    _edits: list[tuple[int, int, str]] = field(default_factory=list)
    _replaced: list[DataPath] = field(default_factory=list)

    def touched(self, path: DataPath) -> bool:
        """True when ``path`` or what holds it is already deleted or replaced (edits never overlap)."""
        return any(path[: len(done)] == done for done in self._replaced)

    @classmethod
    def read(cls, path: Path) -> "YamlText":
        doc, problems = read_yaml(path, path.name)
        if doc is None or problems:
            raise ValueError(f"{path.name} cannot be read: {problems[0] if problems else 'empty'}")
        return cls(doc)

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def text(self) -> str:
        return self.doc.text

    # --- positions ----------------------------------------------------------------------

    def _span(self, path: DataPath) -> tuple[int, int]:
        return self.doc.positions.spans[path]

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        """The index just after the newline that ends the line holding ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def _content_end(self, path: DataPath, value: Any) -> int:
        """Where the last character of ``value``'s own text is (not the comments after it)."""
        if isinstance(value, dict) and value:
            return max(self._content_end(path + (k,), v) for k, v in value.items())
        if isinstance(value, list) and value and not self.text[self._span(path)[0]] == "[":
            return max(self._content_end(path + (i,), v) for i, v in enumerate(value))
        start, end = self._span(path)
        return len(self.text[start:end].rstrip()) + start

    def _lines_of(self, path: DataPath, value: Any) -> tuple[int, int]:
        """The whole lines that hold ``value`` (from the start of its first line)."""
        start = self._line_start(self._span(path)[0])
        return start, self._line_end(self._content_end(path, value) - 1)

    def _comments_above(self, start: int) -> int:
        """Move ``start`` up over the comment lines directly above it (no blank line between)."""
        while start > 0:
            previous = self._line_start(start - 1)
            if not self.text[previous:start].strip().startswith("#"):
                break
            start = previous
        return start

    # --- edits ---------------------------------------------------------------------------

    def delete_items(self, path: DataPath, indexes: set[int]) -> None:
        """Delete the items ``indexes`` of the list at ``path`` (and the comments just above each)."""
        items = _get(self.data, path)
        if not indexes:
            return
        self._replaced.extend(path + (i,) for i in indexes)
        start, end = self._span(path)
        if self.text[start] == "[":  # a list written [a, b, c]
            kept = [self.text.__getitem__(slice(*self._span(path + (i,)))) for i in range(len(items))
                    if i not in indexes]
            self._edits.append((start, end, "[" + ", ".join(kept) + "]"))
            return
        if len(indexes) >= len(items):  # "key:" and its items become "key: []"
            key_line, _ = self.doc.positions.keys[path]
            key_end = self._line_end(_index_of_line(self.text, key_line)) - 1
            _, last = self._lines_of(path, items)
            self._edits.append((key_end, last - 1, " []"))
            return
        for i in sorted(indexes):
            first, last = self._lines_of(path + (i,), items[i])
            if i > 0:
                first = self._comments_above(first)
            self._edits.append((first, last, ""))

    def delete_key(self, path: DataPath) -> None:
        """Delete ``key: value`` at ``path`` (and the comments just above it)."""
        self._replaced.append(path)
        key_line, _ = self.doc.positions.keys[path]
        start = self._comments_above(_index_of_line(self.text, key_line))
        _, end = self._lines_of(path, _get(self.data, path))
        self._edits.append((start, end, ""))

    def set_scalar(self, path: DataPath, value: str) -> None:
        """Replace the text value at ``path`` (a folded ``>-`` text becomes one quoted line)."""
        self._replaced.append(path)
        current = _get(self.data, path)
        start, end = self._span(path)
        if isinstance(current, (dict, list)) and self.text[start] not in "[{":
            # a block value (a text per language, say) on the lines below its key: one line now
            key_line, _ = self.doc.positions.keys[path]
            key_end = self._line_end(_index_of_line(self.text, key_line)) - 1
            _, last = self._lines_of(path, current)
            self._edits.append((key_end, last - 1, " " + scalar(value)))
            return
        end = start + len(self.text[start:end].rstrip())
        self._edits.append((start, end, scalar(value)))

    def set_block(self, path: DataPath, value: Any) -> None:
        """Replace the list or mapping at ``path`` with ``value`` written as block YAML."""
        self._replaced.append(path)
        current = _get(self.data, path)
        start, end = self._span(path)
        if self.text[start] == "[" and isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
            self._edits.append((start, end, "[" + ", ".join(scalar(str(v)) for v in value) + "]"))
            return
        if self.text[start] in "[{" or not current:
            key_line, key_col = self.doc.positions.keys[path]
            indent = key_col - 1 + 2
            line_end = self._line_end(start)
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            self._edits.append((start, line_end - 1, "\n" + block(value, indent)))
            return
        first, last = self._lines_of(path, current)
        indent = start - first  # a block list starts at its first "-", a mapping at its first key
        self._edits.append((first, last, block(value, indent) + "\n"))

    def result(self) -> str:
        """The text with every edit made (edits must not overlap)."""
        text = self.text
        for start, end, new in sorted(self._edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _index_of_line(text: str, line: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = text.index("\n", index) + 1
    return index
