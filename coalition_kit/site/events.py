"""Write one iCalendar (.ics) file per event (RFC 5545), deterministic for reproducible builds."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

from coalition_kit.model import CoalitionData


_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every kind of
    line break written as ``\\n`` (a bare carriage return would start a new property), and
    the control characters a TEXT value may not hold dropped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", text))


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets as RFC 5545 asks."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(day: date, hhmm: str, zone: ZoneInfo) -> str:
    """Local wall-clock time in the coalition's zone, written in UTC so every calendar reads it
    the same way without a VTIMEZONE block."""
    hour, minute = (int(x) for x in hhmm.split(":"))
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return local.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def event_ics(data: CoalitionData, event_id: str, lang: str) -> str:
    event = next(e for e in data.events.events if e.id == event_id)
    zone = ZoneInfo(data.coalition.timezone)  # checked when the data was loaded
    host = (data.coalition.site_url or data.coalition.website).split("//", 1)[-1].split("/")[0]
    stamp = datetime.combine(event.date, datetime.min.time()).strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Coalition Kit//Events//EN", "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{event.id}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(event.date, event.start, zone)}",
        f"DTEND:{_utc(event.date, event.end, zone)}",
        f"SUMMARY:{_escape(data.text(event.title, lang))}",
        f"LOCATION:{_escape(data.text(event.location, lang))}",
        f"DESCRIPTION:{_escape(data.text(event.description, lang))}",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def write_ics_files(data: CoalitionData, folder: Path, lang: str) -> list[Path]:
    written = []
    if not data.events.events:
        return written
    folder.mkdir(parents=True, exist_ok=True)
    for event in data.events.events:
        path = folder / f"{event.id}.ics"
        path.write_text(event_ics(data, event.id, lang), encoding="utf-8", newline="")
        written.append(path)
    return written
