"""coalition.yml: who the coalition is. The first file a new coalition edits."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from coalition_kit.model.base import (
    Color, CountryCode, Date, Email, Model, Phone, Slug, Sources, Tel, Text, TimeZone, Url, Year, sms_href, tel_href,
)


#: The languages the site and the printed pieces can be built in: every fixed word of the
#: templates exists in these. Adding one means translating those words first.
SUPPORTED_LANGUAGES: dict[str, str] = {"en": "English", "es": "Spanish"}


def _build_language(value: Any) -> str:
    if value not in SUPPORTED_LANGUAGES:
        supported = ", ".join(f"{code} ({name})" for code, name in SUPPORTED_LANGUAGES.items())
        tip = " Regional English spelling is set with 'spelling' (e.g. spelling: en-GB)." if str(value).startswith("en") else ""
        raise ValueError(f"'{value}' is not a language this toolkit can build; supported: {supported}.{tip}")
    return value


BuildLanguage = Annotated[str, PlainValidator(_build_language),
                          WithJsonSchema({"type": "string", "enum": list(SUPPORTED_LANGUAGES)})]


class Hotline(Model):
    """A hotline or reporting line, with where its details were checked."""

    id: Slug
    name: Text
    kind: Literal["emergency", "hotline", "tip-line", "minors"] = Field(
        description="emergency (e.g. 911), hotline (advice and reports), tip-line (law enforcement), minors (children)")
    number: Phone | None = Field(default=None, description="The number as people read it, e.g. 1-888-373-7888")
    tel: Tel | None = Field(default=None, description="The number for tel: links, digits only, e.g. +18883737888; "
                                                       "taken from 'number' when left out")
    text_number: Phone | None = Field(default=None, description="Short code or number that takes text messages")
    text_keyword: str | None = Field(default=None, description="Word to send by text, e.g. HELP")
    url: Url | None = None
    hours: Text | None = Field(default=None, description="Leave out when the source does not say")
    languages: Text | None = Field(default=None, description="Leave out when the source does not say")
    when_to_use: Text
    source: Sources
    verified: Date = Field(description="The day someone last checked these details (YYYY-MM-DD)")

    @model_validator(mode="after")
    def _reachable(self) -> "Hotline":
        if not (self.number or self.url):
            raise ValueError("a hotline needs a 'number' or a 'url'")
        return self

    @property
    def tel_href(self) -> str | None:
        number = self.tel or self.number
        return tel_href(number) if number else None

    @property
    def sms_href(self) -> str | None:
        return sms_href(self.text_number, self.text_keyword) if self.text_number else None


class Colors(Model):
    primary: Color = Field(description="Main colour: header, headings, cover")
    accent: Color = Field(description="Second colour: links and highlights")


class Coalition(Model):
    """The coalition's identity, contacts and country settings."""

    name: Text = Field(description="Full name of the coalition")
    short_name: Text | None = Field(default=None, description="Short name for headers and footers")
    tagline: Text | None = None
    city: str
    region: str = Field(description="State, province or county")
    country: CountryCode = Field(description="Two-letter ISO 3166 country code, e.g. US, GB, CA, NO")
    founded: Year | None = None
    email: Email
    training_email: Email | None = Field(default=None, description="Where hotels ask for a training")
    website: Url
    site_url: Url | None = Field(default=None, description="Address where this website is published")
    languages: list[BuildLanguage] = Field(min_length=1, description=(
        "Languages to build; the first is the main one. Supported: " + ", ".join(SUPPORTED_LANGUAGES)))
    paper: Literal["letter", "a4"]
    timezone: TimeZone = Field(default="UTC", description="IANA time zone for events, e.g. America/Chicago")
    emergency_number: Phone
    quick_exit_url: Url = Field(default="https://www.bbc.com/weather",
                                description="Neutral site the 'Leave this site' button goes to")
    logo: str | None = Field(default=None, description="Path of the logo (SVG or PNG), relative to the data folder")
    colors: Colors
    hotlines: list[Hotline] = Field(min_length=1, description="Hotlines and reporting lines; the first 'hotline' "
                                                               "is shown on every page")
    sources_checked: Date | None = Field(default=None, description="When the hotline details were last reviewed")
    notice: Text | None = Field(default=None, description=(
        "A short notice shown in the site's footer and on every printed piece, e.g. that this edition "
        "was made from public information in a real organisation's name. A fork deletes or rewrites it."))
    spelling: Literal["en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-IE"] = Field(default="en-US", description=(
        "Which English spelling the texts use (American en-US by default; British en-GB…); "
        "keep one spelling in every file"))

    @model_validator(mode="after")
    def _languages_and_main_hotline(self) -> "Coalition":
        if not any(h.kind == "hotline" for h in self.hotlines):
            raise ValueError("list at least one hotline with kind: hotline (it is shown on every page)")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in 'languages'")
        return self

    def country_name(self, lang: str = "en") -> str:
        """The country's name in ``lang`` ("United States", "Norway")."""
        from babel import Locale

        return Locale.parse(lang).territories.get(self.country, self.country)

    @property
    def main_language(self) -> str:
        return self.languages[0]

    @property
    def emergency_tel_href(self) -> str:
        return tel_href(self.emergency_number)

    @property
    def primary_hotline(self) -> Hotline:
        return next(h for h in self.hotlines if h.kind == "hotline")

