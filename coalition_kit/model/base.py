"""Shared field types for every data file.

All values reach the model as the text the user typed (see ``load.yaml_source``);
these types turn them into checked values with messages a volunteer can act on.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema

LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?(:\d+)?([/?#][^\s<>\"]*)?$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().\-]*$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: The examples the messages below give; ``load.examples`` swaps them for the coalition's own
#: country's where the data says which.
PHONE_EXAMPLE = "1-888-373-7888"
TEL_EXAMPLE = "+18883737888"
TIMEZONE_EXAMPLES = "America/Chicago or Europe/Oslo"


def _country(value: Any) -> str:
    from babel import Locale

    text = str(value).strip() if isinstance(value, str) else ""
    if len(text) != 2 or text.upper() not in Locale.parse("en").territories:
        raise ValueError(f"'{value}' is not a country code; use the two-letter ISO 3166 code, "
                         "such as US, GB, CA, NO or MX")
    if text != text.upper():
        raise ValueError(f"write the country code in capitals: {text.upper()}")
    return text


CountryCode = Annotated[str, PlainValidator(_country),
                        WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$", "examples": ["US", "GB"]})]
"""A two-letter ISO 3166 country code, e.g. US, GB, NO."""

DEFAULT_COALITION_SCOPE = "default-coalition"


def _scope(value: Any) -> str:
    if value == DEFAULT_COALITION_SCOPE:
        return value
    try:
        return _country(value)
    except ValueError:
        raise ValueError(f"scope '{value}' should be {DEFAULT_COALITION_SCOPE} (the default coalition's own) "
                         "or a two-letter country code such as US") from None


Scope = Annotated[str, PlainValidator(_scope), WithJsonSchema(
    {"anyOf": [{"const": DEFAULT_COALITION_SCOPE}, {"type": "string", "pattern": "^[A-Z]{2}$"}]})]


class Model(BaseModel):
    """Base for every data model: unknown keys are errors, values are not coerced silently.

    Any entry may say whose it is with ``scope`` (see ``model.scope``): ``default-coalition``
    for the default coalition's own story, or a country code such as ``US`` for one
    country's law, agencies, grants or figures. ``coalition new`` leaves such entries out
    of a new coalition's data, and ``coalition check`` points them out in a fork.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    scope: Scope | None = Field(default=None, description=(
        "Whose entry this is: 'default-coalition' (the default coalition's own story or results) or a "
        "country code such as US (true only in that country). Leave out for what every coalition shares."))


# --- localized text -------------------------------------------------------------------


def _text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("this text is empty")
        return value
    if isinstance(value, dict):
        if not value:
            raise ValueError("give the text, or one line per language such as 'en: ...'")
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                raise ValueError(f"'{lang}' is not a language code (use codes such as en, es, fr)")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the '{lang}' text is empty or not text")
        return dict(value)
    raise ValueError("should be text, or one line per language such as 'en: ...'")


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "description": "The text per language code, e.g. {en: ..., es: ...}",
            "patternProperties": {r"^[a-z]{2,3}(-[A-Z]{2})?$": {"type": "string", "minLength": 1}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}

Text = Annotated[str | dict[str, str], PlainValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]
"""Human-readable text: plain text, or a mapping of language code to text."""


def text_for(value: str | dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """The text of ``value`` in ``lang`` (or the fallback language, or the first given)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if lang in value:
        return value[lang]
    if fallback in value:
        return value[fallback]
    return next(iter(value.values()))


# --- checked scalars ------------------------------------------------------------------


def _checked(pattern: re.Pattern[str], what: str, example: str):
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"should be {what} such as {example}")
        value = value.strip()
        if not pattern.match(value):
            raise ValueError(f"'{value}' is not a valid {what} (example: {example})")
        return value

    return check


def _phone(value: Any) -> str:
    value = _checked(PHONE_RE, "phone number", PHONE_EXAMPLE)(value)
    digits = re.sub(r"\D", "", value)
    if len(digits) < 2 or len(digits) > 15:
        raise ValueError(f"'{value}' is not a valid phone number: it should have between 2 and 15 digits")
    return value


Email = Annotated[str, PlainValidator(_checked(EMAIL_RE, "email address", "info@example.org")),
                  WithJsonSchema({"type": "string", "format": "email"})]
def _public_web_address(value: Any, schemes: tuple[str, ...]) -> str:
    """A web address that is safe to publish as a link: an allowed scheme, a public host name,
    no credentials, no invisible or direction-changing characters."""
    example = "https://example.org/page"
    if not isinstance(value, str):
        raise ValueError(f"should be a web address such as {example}")
    value = value.strip()
    hidden = next((c for c in value if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")), None)
    if hidden is not None:
        raise ValueError(f"the address contains an invisible or direction-changing character "
                         f"(U+{ord(hidden):04X} {unicodedata.name(hidden, 'control')}); type it again by hand")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        wanted = " or ".join(f"{s}://" for s in schemes)
        raise ValueError(f"'{value}' must start with {wanted} (example: {example})")
    if "@" in parts.netloc:
        raise ValueError(f"'{value}' has a user name or password in it; give the address without them")
    host = (parts.hostname or "").rstrip(".")
    if not URL_RE.match(value) or not host:
        raise ValueError(f"'{value}' is not a valid web address (example: {example})")
    if _local_host(host):
        raise ValueError(f"'{value}' points to a local or private address ({host}); give a public address")
    return value


def _local_host(host: str) -> bool:
    """True for names and addresses that do not reach the public internet."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        name = host.lower()
        return "." not in name or name.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa"))
    return not address.is_global


Url = Annotated[str, PlainValidator(lambda v: _public_web_address(v, ("https",))),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"})]
"""A web address the site and the PDFs link to: https only, a public host."""

SourceUrl = Annotated[str, PlainValidator(lambda v: _public_web_address(v, ("https", "http"))),
                      WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
"""The address of a cited source: https, or http (with a warning) for a source with no https page."""
Phone = Annotated[str, PlainValidator(_phone),
                  WithJsonSchema({"type": "string", "pattern": PHONE_RE.pattern})]
Tel = Annotated[str, PlainValidator(_checked(re.compile(r"^\+?[0-9]{2,15}$"), "tel: number", TEL_EXAMPLE)),
                WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9]{2,15}$"})]


def dialable(number: str) -> str:
    """The number as a phone dials it: its digits and '+' only ("1-888-373-7888" -> "18883737888")."""
    return "".join(c for c in number if c.isdigit() or c == "+")


def tel_href(number: str) -> str:
    """The ``tel:`` link that calls ``number`` (a ``Phone`` or a ``Tel``)."""
    return "tel:" + dialable(number)


def sms_href(number: str, keyword: str | None = None) -> str:
    """The ``sms:`` link that texts ``number``, with ``keyword`` as the message when given."""
    return f"sms:{dialable(number)}?&body={keyword}" if keyword else f"sms:{dialable(number)}"


Color = Annotated[str, PlainValidator(_checked(COLOR_RE, "colour", "#1b4f72")),
                  WithJsonSchema({"type": "string", "pattern": COLOR_RE.pattern})]
LangCode = Annotated[str, PlainValidator(_checked(LANG_RE, "language code", "en")),
                     WithJsonSchema({"type": "string", "pattern": LANG_RE.pattern})]
Slug = Annotated[str, PlainValidator(_checked(ID_RE, "short id (lowercase words joined by '-')", "front-desk")),
                 WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = str(value).strip()
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{text}' is not a known time zone; use a name such as {TIMEZONE_EXAMPLES}") from None
    return text


TimeZone = Annotated[str, PlainValidator(_timezone), WithJsonSchema({"type": "string", "examples": ["America/Chicago"]})]


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-05-01")


Date = Annotated[date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]


def _year(value: Any) -> int:
    text = str(value).strip()
    if not re.match(r"^(19|20)\d\d$", text):
        raise ValueError(f"'{value}' is not a year such as 2018")
    return int(text)


Year = Annotated[int, PlainValidator(_year), WithJsonSchema({"type": ["integer", "string"], "pattern": r"^(19|20)\d\d$"})]


def _whole(value: Any) -> int:
    text = str(value).strip()
    if not re.match(r"^\d+$", text):
        raise ValueError(f"'{value}' is not a whole number")
    return int(text)


Count = Annotated[int, PlainValidator(_whole), WithJsonSchema({"type": ["integer", "string"], "pattern": r"^\d+$"})]


def _number(value: Any) -> Decimal:
    text = str(value).strip()
    if re.match(r"^\d+,\d+$", text):
        raise ValueError(f"'{value}': write a decimal with a point, not a comma: {text.replace(',', '.')}")
    if not re.match(r"^\d+(\.\d+)?$", text):
        raise ValueError(f"'{value}' is not a number; write it like 7 or 6.5")
    return Decimal(text)


Number = Annotated[Decimal, PlainValidator(_number),
                   WithJsonSchema({"type": ["number", "string"], "pattern": r"^\d+(\.\d+)?$"})]
"""A number that is not negative, whole or with a decimal point (7, 6.5): kept exact, as written."""


class LocatedError(ValueError):
    """A problem a model's own validator finds at a place inside that model.

    ``loc`` is the path from the model being validated (``("sessions", 2, "trainers", 0)``);
    the loader adds it to the model's own location, so the problem is reported at the line
    of that value instead of at the start of the model.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = tuple(loc)


# --- privacy --------------------------------------------------------------------------


def private(description: str) -> Any:
    """A private, optional field: never on the website or in a public PDF."""
    return Field(default=None, description=f"PRIVATE: {description}", json_schema_extra={"x-private": True})


# --- sources --------------------------------------------------------------------------


class Source(Model):
    """Where a fact comes from."""

    name: Text = Field(description="Who published it, e.g. 'DHS Blue Campaign'")
    url: SourceUrl
    checked: Date | None = Field(default=None, description="When someone last checked the source (YYYY-MM-DD)")


def _one_or_more_sources(value: Any) -> Any:
    if isinstance(value, dict):
        return [value]
    return value


Sources = Annotated[list[Source], BeforeValidator(_one_or_more_sources), Field(min_length=1)]
