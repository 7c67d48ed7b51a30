"""The answers to ``coalition new``, checked with the same rules as coalition.yml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from coalition_kit.fork.new import EMERGENCY_NUMBERS, NewCoalition, paper_for, time_zones
from coalition_kit.model.base import CountryCode, Email, Phone, TimeZone, Url
from coalition_kit.model.identity import SUPPORTED_LANGUAGES, BuildLanguage


class AnswerError(ValueError):
    """An answer that coalition.yml would refuse, named by its option."""


def _checked(kind: Any, value: Any, option: str) -> Any:
    try:
        return TypeAdapter(kind).validate_python(value)
    except ValidationError as exc:
        message = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise AnswerError(f"{option}: {message}") from None


def checked_answers(answers: dict[str, str | None], ask: Callable[..., str] | None = None) -> NewCoalition:
    """A ``NewCoalition`` from the options given; what is left out is derived from the country,
    or asked for with ``ask`` when there is no default and a person is at the keyboard."""
    for key in ("name", "city", "region"):
        if not (answers.get(key) or "").strip():
            raise AnswerError(f"--{key}: give a value")
    country = _checked(CountryCode, (answers.get("country") or "").strip(), "--country")
    if ask is not None:  # a person at the keyboard: ask for what has a default too, showing it
        answers = dict(answers)
        if not answers.get("paper"):
            answers["paper"] = ask("Paper size (letter or a4)", default=paper_for(country))
        if not answers.get("languages"):
            answers["languages"] = ask(f"Languages, main one first ({', '.join(SUPPORTED_LANGUAGES)})", default="en")
        if not answers.get("emergency_number") and country in EMERGENCY_NUMBERS:
            answers["emergency_number"] = ask("Emergency number", default=EMERGENCY_NUMBERS[country])
    if answers.get("paper") not in (None, "letter", "a4"):
        raise AnswerError(f"--paper: '{answers['paper']}' is not allowed; use letter or a4")
    languages = tuple(code.strip() for code in (answers.get("languages") or "en").split(",") if code.strip())
    for code in languages:
        _checked(BuildLanguage, code, "--languages")
    if len(set(languages)) != len(languages) or not languages:
        raise AnswerError(f"--languages: list each language once, e.g. en or en,es "
                          f"(supported: {', '.join(SUPPORTED_LANGUAGES)})")
    emergency = answers.get("emergency_number") or EMERGENCY_NUMBERS.get(country)
    if not emergency:
        if ask is None:
            raise AnswerError(f"--emergency-number: give the emergency number for {country} (e.g. 112)")
        emergency = ask("Emergency number")
    zones = time_zones(country)
    zone = answers.get("timezone")
    if not zone:
        if not zones:
            if ask is None:
                raise AnswerError(f"--timezone: give the time zone, e.g. Europe/London")
            zone = ask("Time zone (e.g. Europe/London)")
        elif len(zones) > 1 and ask is not None:
            zone = ask("Time zone", default=zones[0])
        else:
            zone = zones[0]
    return NewCoalition(
        name=answers["name"].strip(),  # type: ignore[union-attr]
        city=answers["city"].strip(),  # type: ignore[union-attr]
        region=answers["region"].strip(),  # type: ignore[union-attr]
        country=country,
        email=_checked(Email, answers.get("email") or "", "--email"),
        website=_checked(Url, answers.get("website") or "", "--website"),
        paper=answers.get("paper") or paper_for(country),
        languages=languages,
        emergency_number=_checked(Phone, emergency, "--emergency-number"),
        timezone=_checked(TimeZone, zone, "--timezone"),
    )


def next_steps(target: Path, new: NewCoalition) -> list[str]:
    """What to do next, in the order a new coalition does it."""
    data = f" --data {target}"
    steps = [f"Paper: {new.paper}; time zone: {new.timezone}; emergency number: {new.emergency_number}."]
    if new.country != "US":
        steps.append(f"Next: fill in your hotlines. Every value marked FILL IN is listed, with its line, by:")
        steps.append(f"  coalition check{data}")
    else:
        steps.append(f"Next: check the data (coalition check{data}), then review each file (see the README).")
    steps.append(f"Preview: coalition serve{data}    Build the site and PDFs: coalition build{data}")
    return steps
