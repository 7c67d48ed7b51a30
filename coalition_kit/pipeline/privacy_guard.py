"""Last line of defence: fail the build when a private value shows up in a public output.

Private values are the private fields' values and the names of hidden items (a hotel that has
not agreed to be named publicly: ``model.privacy.withheld_nodes``).

The private values are gathered once per build. Each is matched as a whole value, in the
form people write it differently: a phone number by its digits (``402-555-0100`` matches
``(402) 555 0100``), an email address case-folded, any other text as the same sequence of
words, case-folded, whatever the spacing or markup between them. A report names the data
field and the output file, never the value itself (build logs are often public).

Each text is scanned once whatever the number of private values (a dictionary lookup per
word, digit run or address), so the guard grows linearly with the size of the site.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from coalition_kit.model import DATA_FILES, CoalitionData
from coalition_kit.model.privacy import private_nodes, withheld_nodes

_TEXT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".js", ".css", ".ics", ".md", ".svg"}
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT_RUN = re.compile(r"\d[\d\s().\-/]*\d")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
MIN_PHONE_DIGITS = 7
MIN_TEXT_CHARS = 4


@dataclass(frozen=True)
class PrivateField:
    """Where a private value is in the data: named in reports instead of the value."""

    file: str
    loc: tuple[str | int, ...]

    def __str__(self) -> str:
        return f"{self.file} ({' > '.join(str(part) for part in self.loc)})"


def _texts(value: object) -> list[str]:
    if isinstance(value, dict):  # a text in several languages
        return [str(v) for v in value.values()]
    return [str(value)]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


class PrivacyGuard:
    """The private values of one data set, ready to be looked for in any number of outputs."""

    def __init__(self, data: CoalitionData) -> None:
        self._phones: dict[str, PrivateField] = {}
        self._emails: dict[str, PrivateField] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], PrivateField]]] = defaultdict(list)
        for spec in DATA_FILES:
            value = getattr(data, spec.attribute)
            for node in [*private_nodes(value), *withheld_nodes(value)]:  # and the names of hidden hotels
                for text in _texts(node.value):
                    self._add(text.strip(), PrivateField(spec.name, node.loc))
        self._phone_lengths = sorted({len(d) for d in self._phones})

    def _add(self, text: str, where: PrivateField) -> None:
        digits = re.sub(r"\D", "", text)
        if _PHONE.match(text) and len(digits) >= MIN_PHONE_DIGITS:
            self._phones.setdefault(digits, where)
        elif _EMAIL.fullmatch(text):
            self._emails.setdefault(text.casefold(), where)
        elif len(text) >= MIN_TEXT_CHARS:
            words = _words(text)
            if words:
                self._phrases[words[0]].append((words, where))

    @property
    def empty(self) -> bool:
        return not (self._phones or self._emails or self._phrases)

    def fields_in(self, text: str) -> list[PrivateField]:
        """The private fields whose value appears in ``text`` (HTML, JSON or plain)."""
        if self.empty:
            return []
        plain = html.unescape(_TAG.sub(" ", html.unescape(text)))
        found: dict[PrivateField, None] = {}
        for run in _DIGIT_RUN.findall(plain) if self._phones else ():
            for where in self._phones_in(run):
                found[where] = None
        for address in _EMAIL.findall(plain) if self._emails else ():
            where = self._emails.get(address.casefold())
            if where is not None:
                found[where] = None
        if self._phrases:
            words = _words(plain)
            for i, word in enumerate(words):
                for phrase, where in self._phrases.get(word, ()):
                    if words[i:i + len(phrase)] == phrase:
                        found[where] = None
        return list(found)

    def _phones_in(self, run: str) -> list[PrivateField]:
        """Private numbers in a run of digit groups ("+1 (402) 555-0100"): digits that start
        or end at a group's edge (so a country code written before the number still matches)."""
        groups = re.findall(r"\d+", run)
        digits = "".join(groups)
        bounds, offset = [0], 0
        for group in groups:
            offset += len(group)
            bounds.append(offset)
        ends = set(bounds)
        found = []
        for length in self._phone_lengths:
            starts = {b for b in bounds if b + length <= len(digits)}
            starts |= {b - length for b in ends if b - length >= 0}
            for start in sorted(starts):
                where = self._phones.get(digits[start:start + length])
                if where is not None:
                    found.append(where)
        return found

    def leaks_in_folder(self, folder: Path, shown_as: Path | None = None) -> list[str]:
        """'file: private value from FIELD' for every private value in a text file under ``folder``."""
        found: list[str] = []
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in _TEXT_SUFFIXES:
                text = path.read_text(encoding="utf-8", errors="replace")
                shown = (shown_as / path.relative_to(folder)) if shown_as else path
                found += [f"{shown}: private value from {where}" for where in self.fields_in(text)]
        return found
