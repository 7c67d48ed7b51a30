"""editions.yml: which printed pieces exist and what goes into each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from coalition_kit.model.base import Model, Slug, Text
from coalition_kit.model.identity import BuildLanguage

#: The pieces that can also be printed with two languages on one sheet (a break room, a laundry
#: or a pocket serves readers of both at once).
BILINGUAL_LAYOUTS = ("handout", "poster", "role-posters", "safety-cards")


class Part(Model):
    """A part of a book edition: a divider page, then site pages and print-only forms."""

    title: Text
    intro: Text | None = None
    pages: list[str] = Field(default_factory=list, description="Pages of docs/, e.g. hotel-project/signs.md")
    forms: list[Slug] = Field(default_factory=list, description="Print-only forms, e.g. sign-in")

    @model_validator(mode="after")
    def _not_empty(self) -> "Part":
        if not self.pages and not self.forms:
            raise ValueError("a part needs at least one page or form")
        for page in self.pages:
            if not page.endswith(".md") or page.startswith("/") or ".." in page:
                raise ValueError(f"'{page}' is not a page of docs/ (write it like hotel-project/signs.md)")
        return self


class Edition(Model):
    id: Slug
    title: Text
    audience: Text
    layout: Literal["book", "cards", "poster", "handout", "safety-cards", "role-posters"] = Field(
        default="book", description=(
            "book (pages and forms), handout (one sheet for every employee), cards (staff wallet cards), "
            "poster (one back-of-house poster), role-posters (one poster for each staff role in "
            "hotel_project.yml), safety-cards (small discreet cards that say nothing of their purpose)"))
    includes_private: bool = Field(default=False, description="true only for the internal volunteer notebook")
    parts: list[Part] = Field(default_factory=list)
    bilingual: list[BuildLanguage] | None = Field(default=None, description=(
        "Also print this piece with two languages on one sheet, e.g. [en, es] (both enabled in "
        "coalition.yml), besides one copy in each language. For " + ", ".join(BILINGUAL_LAYOUTS) + "."))

    @model_validator(mode="after")
    def _book_has_parts(self) -> "Edition":
        if self.layout == "book" and not self.parts:
            raise ValueError(f"the book edition '{self.id}' needs at least one part")
        if self.bilingual is not None:
            if self.layout not in BILINGUAL_LAYOUTS:
                raise ValueError(f"'bilingual' is for the layouts {', '.join(BILINGUAL_LAYOUTS)}, "
                                 f"not {self.layout}")
            if len(self.bilingual) != 2 or self.bilingual[0] == self.bilingual[1]:
                raise ValueError("'bilingual' lists two different languages, e.g. [en, es]")
        return self


class Editions(Model):
    editions: list[Edition] = Field(min_length=1)

