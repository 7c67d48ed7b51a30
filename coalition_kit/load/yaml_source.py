"""Read one YAML file into plain Python values plus the position of every key and value.

PyYAML's own constructors apply YAML 1.1 typing (``NO`` becomes ``False``, ``1.10``
becomes ``1.1``, ``0123`` becomes octal) and silently keep the last of two duplicate
keys. We use only its parser and composer: every scalar stays the text the user
wrote, duplicates are reported, and each node keeps its line and column so a
validation error can point at the exact spot.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from coalition_kit.load.problems import Problem

Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Positions:
    """Line and column (1-based) of each value and each mapping key, by data path."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Where each value's text starts and ends (character offsets in ``YamlDocument.text``),
    for tools that edit a data file in place and keep its comments (``coalition new``)."""

    def locate(self, path: Path_, *, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for ``path`` (walking up to a parent if needed)."""
        p = tuple(path)
        while True:
            if prefer_key and p in self.keys:
                return self.keys[p]
            if p in self.values:
                return self.values[p]
            if p in self.keys:
                return self.keys[p]
            if not p:
                return (1, 1)
            p = p[:-1]


@dataclass
class YamlDocument:
    file: str
    data: object
    positions: Positions
    text: str = ""


#: Limits that keep a hostile data file from exhausting memory or the stack.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32


class _LimitExceeded(Exception):
    def __init__(self, mark: yaml.Mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = mark.line + 1, mark.column + 1, message, hint


class _Limits:
    """Two limits on PyYAML's composer: no anchors or aliases (a few hundred bytes of nested
    aliases expand to gigabytes), and no nesting deeper than ``MAX_DEPTH``."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            raise _LimitExceeded(event.start_mark, "anchors (&name) and aliases (*name) are not supported",
                                 "Write each value out in full where it is needed.")
        if self._depth >= MAX_DEPTH:
            raise _LimitExceeded(event.start_mark, f"the data is nested more than {MAX_DEPTH} levels deep",
                                 "Check the indentation; no data file needs this many levels.")
        self._depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


class _LimitedLoader(_Limits, yaml.SafeLoader):
    """PyYAML's composer with the two limits (``_Limits``), over its pure-Python parser."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0


try:  # libyaml, which PyYAML wheels carry: the same events, five times faster than PyYAML's parser
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    CParser = None


if CParser is not None:
    class _FastLoader(_Limits, Composer, CParser, SafeConstructor, Resolver):
        """``_LimitedLoader``'s composer, limits included, over libyaml's parser: the nodes, their
        positions and their styles are the same (``_compose``); only slow pure-Python parsing goes."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._depth = 0

        def compose_scalar_node(self, anchor: object) -> Node:
            node = Composer.compose_scalar_node(self, anchor)
            if node.style == "":  # libyaml's plain style; PyYAML's is None
                node.style = None
            return node
else:  # pragma: no cover
    _FastLoader = None


def _compose(text: str) -> Node | None:
    """The document's node tree, parsed by libyaml when present. Any problem is found again by
    PyYAML's own parser, so that the problem reported is word for word the same either way."""
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except (yaml.YAMLError, _LimitExceeded):
            pass
    return yaml.compose(text, Loader=_LimitedLoader)


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path``; return the document, or None and the problems that stop parsing."""
    try:
        info = path.stat()  # follows a link: what would be read
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"this file cannot be read ({exc.strerror})")]
    if not stat.S_ISREG(info.st_mode):
        return None, [Problem(display, 1, 1, "this is not a regular file (a device, a folder or a pipe)",
                              hint="A data file must be an ordinary text file.")]
    if info.st_size > MAX_FILE_BYTES:
        return None, [Problem(display, 1, 1, f"this file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB "
                              f"({info.st_size:,} bytes)", hint="Split it up or remove what is not needed.")]
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display, 1, 1, f"this file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "this file is not UTF-8 text (byte 0x%02x cannot be read)" % raw[exc.start],
                hint="Save the file as UTF-8 in your editor (File > Save with encoding > UTF-8).",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _has_content(text):
        return None, [Problem(display, 1, 1, "this file is empty", hint="Copy the example from the default data/ folder and edit it.")]
    tab = _tab_indent(text)
    if tab:
        return None, [
            Problem(display, tab[0], tab[1], "a tab is used for indentation; YAML needs spaces",
                    hint="Replace the tab at the start of this line with spaces.")
        ]
    try:
        node = _compose(text)
    except _LimitExceeded as exc:
        return None, [Problem(display, exc.line, exc.col, exc.message, hint=exc.hint)]
    except yaml.MarkedYAMLError as exc:
        return None, [_unclosed_quote(text, display) or _syntax_problem(exc, display)]
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors are all marked
        return None, [Problem(display, 1, 1, f"invalid YAML syntax: {exc}")]
    if node is None:
        return None, [Problem(display, 1, 1, "this file is empty")]
    positions = Positions()
    problems: list[Problem] = []
    data = _convert(node, (), positions, problems, display)
    return YamlDocument(display, data, positions, text), problems


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+|-\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, display: str) -> Problem | None:
    """The first line whose quoted value does not end on that line (the usual cause of a
    parse error much further down, where PyYAML finally notices)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.group(1), match.group(2)
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return Problem(display, number, match.start(1) + 1, "invalid YAML syntax: a quotation mark opened "
                           "here is never closed", hint="Add the closing quotation mark at the end of the value.")
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    """Say what PyYAML found in words a volunteer knows, at the line where it went wrong."""
    context = (exc.context or "").strip()
    problem = (exc.problem or "invalid YAML").strip()
    mark = exc.problem_mark or exc.context_mark
    hint = "Check the indentation and that every 'key: value' has a space after the colon."
    if "quoted scalar" in context and exc.context_mark is not None:
        mark = exc.context_mark  # the quote that was never closed, not the end of the file
        message = "a quotation mark opened here is never closed"
        hint = "Add the closing quotation mark (\" or ') at the end of the value."
    elif "expected <block end>" in problem:
        message = "this line is not indented like the lines around it"
        hint = "Line it up with the other keys at the same level (use spaces, two per level)."
    elif "mapping values are not allowed" in problem:
        message = "a second ': ' on this line; a value containing ': ' must be in quotes"
        hint = "Put the value in double quotes, e.g. title: \"Note: read first\"."
    elif "flow" in context:
        message = f"a list or group in [ ] or {{ }} is not closed properly ({problem})"
    else:
        message = f"{context}: {problem}" if context else problem
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(display, line, col, f"invalid YAML syntax: {message}", hint=hint)


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            return True
    return False


def _tab_indent(text: str) -> tuple[int, int] | None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            return number, indent.index("\t") + 1
    return None


def _convert(node: Node, path: Path_, pos: Positions, problems: list[Problem], display: str) -> object:
    pos.values[path] = _pos(node)
    pos.spans[path] = (node.start_mark.index, node.end_mark.index)
    if isinstance(node, ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), pos, problems, display) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = _pos(key_node)
                problems.append(Problem(display, line, col, "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key == "<<":
                line, col = _pos(key_node)
                problems.append(Problem(display, line, col, "merge keys ('<<') are not supported; write the fields out"))
                continue
            if key in result:
                line, col = _pos(key_node)
                first = pos.keys[path + (key,)][0]
                problems.append(Problem(display, line, col, f"duplicate key '{key}' (first given on line {first}); keep only one"))
                continue
            pos.keys[path + (key,)] = _pos(key_node)
            result[key] = _convert(value_node, path + (key,), pos, problems, display)
        return result
    return None  # pragma: no cover
