"""Write the hotels of outreach.yml: YAML text made here, checked by the loader, swapped in whole.

Only ``load.yaml_source`` may import a YAML library, and it only reads. So the hotels are written
as text by this module, with every free text double-quoted and escaped (a name such as
``Inn: "The Best" # 1`` or ``null`` stays that text) and every other value in a form the loader
reads back exactly (ids, dates, numbers, true/false). The rest of the file (its comment header,
the volunteers, any other key and its comments) is kept byte for byte: only the lines of the
top-level ``hotels:`` key are replaced.

Before the file is replaced, the whole data folder is loaded again, from a copy holding the new
file, and the hotels read back must equal the hotels written. The new file then replaces the old
one in one step (written beside it, flushed, renamed), so a failure leaves the old file as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from coalition_kit.load.loader import display_path, load_data
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.load.yaml_source import read_yaml
from coalition_kit.model import CoalitionData
from coalition_kit.model.outreach import Assessment, Hotel, Session

OUTREACH = "outreach.yml"
_PLAIN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # ids and statuses: nothing YAML could read otherwise
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
            "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}

NEW_FILE_HEADER = """# yaml-language-server: $schema=../schema/outreach.schema.json
# PRIVATE: the coalition's hotel outreach tracker and volunteer list, shown only in the volunteer notebook.
#
# Written by "coalition tracker import"; see data/outreach.yml of the toolkit for how to edit it.
"""


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar: every character that YAML would read differently
    (quote, backslash, line breaks, control and invisible characters) written as an escape."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or 0xd800 <= ord(ch) < 0xe000 or ord(ch) in (0xfffe, 0xffff):
            out.append(f"\\x{ord(ch):02X}" if ord(ch) < 0x100 else f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plain_or_quoted(text: str) -> str:
    return text if _PLAIN.match(text) and text not in ("null",) else quoted(text)


def number(value: int | Decimal) -> str:
    return str(value)


def _mapping(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"


def _session_lines(session: Session) -> list[str]:
    lines = [f"      - date: {session.date.isoformat()}"]
    if session.scope:
        lines.append(f"        scope: {plain_or_quoted(session.scope)}")
    if session.trainers:
        lines.append("        trainers: [" + ", ".join(plain_or_quoted(t) for t in session.trainers) + "]")
    staff = [(key, number(count)) for key, count in session.staff.by_key().items() if count]
    if staff:
        lines.append(f"        staff: {_mapping(staff)}")
    if session.assessment is not None:
        lines.append(f"        assessment: {_mapping(_assessment_pairs(session.assessment))}")
    if session.notes:
        lines.append(f"        notes: {quoted(session.notes)}")
    return lines


def _assessment_pairs(a: Assessment) -> list[tuple[str, str]]:
    pairs = [("assessed", number(a.assessed)), ("out_of", number(a.out_of)), ("pre_mean", number(a.pre_mean)),
             ("post_mean", number(a.post_mean))]
    if a.confident_before is not None:
        pairs.append(("confident_before", number(a.confident_before)))
    if a.confident_after is not None:
        pairs.append(("confident_after", number(a.confident_after)))
    return pairs


def hotels_block(hotels: list[Hotel]) -> str:
    """The ``hotels:`` key with every hotel, as YAML text ending with a line break."""
    if not hotels:
        return "hotels: []\n"
    lines = ["hotels:"]
    for h in hotels:
        lines.append(f"  - id: {plain_or_quoted(h.id)}")
        lines.append(f"    name: {quoted(h.name)}")
        optional = [("scope", plain_or_quoted(h.scope) if h.scope else None),
                    ("city", quoted(h.city) if h.city else None),
                    ("rooms", number(h.rooms) if h.rooms is not None else None),
                    ("status", h.status),
                    ("recognised_publicly", "true" if h.recognised_publicly else "false"),
                    ("refresher_due", h.refresher_due.isoformat() if h.refresher_due else None),
                    ("manager_name", quoted(h.manager_name) if h.manager_name else None),
                    ("manager_phone", quoted(h.manager_phone) if h.manager_phone else None),
                    ("manager_email", quoted(h.manager_email) if h.manager_email else None),
                    ("notes", quoted(h.notes) if h.notes else None)]
        lines += [f"    {key}: {value}" for key, value in optional if value is not None]
        if h.sessions:
            lines.append("    sessions:")
            for session in h.sessions:
                lines += _session_lines(session)
    return "\n".join(lines) + "\n"


def _top_level_keys(path: Path) -> list[tuple[int, str]]:
    """(line, key) of each top-level key of the file, in order."""
    doc, problems = read_yaml(path, display_path(path))
    if doc is None:
        raise DataError(problems)
    return sorted((pos[0], loc[0]) for loc, pos in doc.positions.keys.items() if len(loc) == 1)


def with_hotels(path: Path, hotels: list[Hotel]) -> str:
    """The text of ``path`` (outreach.yml) with its ``hotels:`` key replaced by ``hotels``; the
    comments and keys around it are kept. A file without that key gets it after its other keys."""
    if not path.exists():
        return NEW_FILE_HEADER + "\n" + hotels_block(hotels) + "\nvolunteers: []\n"
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    keys = _top_level_keys(path)
    found = [i for i, (_, key) in enumerate(keys) if key == "hotels"]
    block = hotels_block(hotels)
    if not found:
        return text + ("" if text.endswith("\n") else "\n") + "\n" + block
    start = keys[found[0]][0] - 1
    end = keys[found[0] + 1][0] - 1 if found[0] + 1 < len(keys) else len(lines)
    while end > start + 1 and _comment_or_blank(lines[end - 1]):  # comments above the next key stay with it
        end -= 1
    tail = lines[end:]
    gap = "\n" if tail and tail[0].strip() else ""  # one blank line before the next key, as before
    return "".join(lines[:start]) + block + gap + "".join(tail)


def _comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def verified(data_dir: Path, new_text: str) -> CoalitionData:
    """Load the whole data folder with ``new_text`` as its outreach.yml (in a copy); raise
    DataError naming the data folder's own outreach.yml when it does not load."""
    with tempfile.TemporaryDirectory(prefix="ck-tracker-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        (copy / OUTREACH).write_text(new_text, encoding="utf-8")
        try:
            return load_data(copy)
        except DataError as exc:
            shown = display_path(data_dir / OUTREACH)
            raise DataError([Problem(shown if p.file.endswith(OUTREACH) else p.file, p.line, p.column,
                                     "the written file would not load: " + p.message, p.hint)
                             for p in exc.problems]) from None


def replace_file(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` in one step: beside it first, flushed to disk, then renamed over it
    (line breaks are written as they are in ``text``)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:  # a new file gets the usual permissions, not mkstemp's owner-only ones
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_hotels(data_dir: Path, hotels: list[Hotel]) -> CoalitionData:
    """Replace the hotels of ``data_dir``/outreach.yml with ``hotels``, checked first (see the module)."""
    path = data_dir / OUTREACH
    text = with_hotels(path, hotels)
    data = verified(data_dir, text)
    if list(data.outreach.hotels) != list(hotels):
        raise DataError([Problem(display_path(path), 1, 1, "the hotels read back differ from the hotels "
                                 "written; nothing was changed (please report this as a bug)")])
    replace_file(path, text)
    return data


__all__ = ["hotels_block", "quoted", "replace_file", "verified", "with_hotels", "write_hotels"]
