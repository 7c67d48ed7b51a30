"""outreach.yml: the hotel outreach tracker (hotels, training sessions, results) and volunteers.

Private fields (``private(...)``) appear only in editions with ``includes_private``;
``coalition_kit.model.privacy`` removes them from every public output. A hotel that has not
agreed to be named (``recognised_publicly: false``, the default) is removed from the public
view altogether; only its numbers stay, anonymous, in the figures (``Outreach.counted_hotels``).

Every number is checked here (the loader reads every value as text): counts are whole
numbers, scores are numbers with a decimal point, never text such as "about 12".
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, PrivateAttr, model_validator

from coalition_kit.model.base import (Count, Date, Email, LocatedError, Model, Number, Phone, Slug, private)

HotelStatus = Literal["not-contacted", "contacted", "scheduled", "trained", "declined"]
"""Where a hotel is in the project, in the order it gets there (printed forms list them so)."""

VolunteerRole = Literal["trainer", "ambassador", "coordinator"]

#: Staff roles counted at a session: the staff role ids of hotel_project.yml where they fit,
#: plus maintenance and other. (Field name, key in the data file, label when hotel_project.yml
#: has no role with that id.)
STAFF_ROLES: tuple[tuple[str, str, str], ...] = (
    ("front_desk", "front-desk", "Front desk"),
    ("housekeeping", "housekeeping", "Housekeeping"),
    ("maintenance", "maintenance", "Maintenance"),
    ("food_and_beverage", "food-and-beverage", "Food and beverage"),
    ("managers", "managers", "Management"),
    ("other", "other", "Other"),
)


class StaffCounts(Model):
    """How many staff of each role a session trained (roles left out count 0)."""

    front_desk: Count = Field(default=0, alias="front-desk")
    housekeeping: Count = 0
    maintenance: Count = 0
    food_and_beverage: Count = Field(default=0, alias="food-and-beverage")
    managers: Count = Field(default=0, description="General managers, department heads, owners")
    other: Count = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name, _, _ in STAFF_ROLES)

    def by_key(self) -> dict[str, int]:
        """The counts by the role ids written in data ("front-desk": 6, …), in order."""
        return {key: getattr(self, name) for name, key, _ in STAFF_ROLES}


class Assessment(Model):
    """The before-and-after questionnaire of one session, in aggregate: never a person's answers."""

    assessed: Count = Field(description="How many staff filled in both questionnaires")
    out_of: Number = Field(default=Decimal(100), description="The highest possible score (100 for percentages)")
    pre_mean: Number = Field(description="Mean score before the training")
    post_mean: Number = Field(description="Mean score after the training")
    confident_before: Count | None = Field(default=None, description="How many felt confident to report before")
    confident_after: Count | None = Field(default=None, description="How many felt confident to report after")

    @model_validator(mode="after")
    def _in_range(self) -> "Assessment":
        if self.assessed == 0:
            raise LocatedError(("assessed",), "at least one person must be assessed; leave the assessment out "
                                              "when nobody filled in the questionnaires")
        if self.out_of == 0:
            raise LocatedError(("out_of",), "the highest possible score cannot be 0")
        for name in ("pre_mean", "post_mean"):
            if getattr(self, name) > self.out_of:
                raise LocatedError((name,), f"{getattr(self, name)} is more than the highest possible score "
                                            f"({self.out_of}, out_of)")
        for name in ("confident_before", "confident_after"):
            value = getattr(self, name)
            if value is not None and value > self.assessed:
                raise LocatedError((name,), f"{value} is more than the number assessed ({self.assessed})")
        return self

    def percent(self, score: Decimal) -> Decimal:
        """``score`` as a percentage of the highest possible score."""
        return score * 100 / self.out_of


class Session(Model):
    """One training session at a hotel."""

    date: Date
    trainers: list[Slug] = Field(default_factory=list, description="Ids of the volunteers who trained "
                                                                   "(from 'volunteers' below), usually a pair")
    staff: StaffCounts = Field(default_factory=StaffCounts, description="Staff trained, by role")
    assessment: Assessment | None = None
    notes: str | None = private("notes from the session")


class Hotel(Model):
    id: Slug
    name: str = Field(description="Name of the property")
    city: str | None = None
    rooms: Count | None = None
    status: HotelStatus = "not-contacted"
    recognised_publicly: bool = Field(default=False, description=(
        "true only when the hotel has agreed to be named as a trained property on the website and in "
        "public print; otherwise it is counted in the figures but never named"))
    refresher_due: Date | None = Field(default=None, description="When the next refresher training is due")
    manager_name: str | None = private("the manager's name")
    manager_phone: Phone | None = private("the manager's phone")
    manager_email: Email | None = private("the manager's email")
    notes: str | None = private("internal notes")
    sessions: list[Session] = Field(default_factory=list)

    #: What names the hotel: the privacy guard looks for it in public outputs when the hotel is hidden.
    IDENTIFYING: ClassVar[tuple[str, ...]] = ("name",)

    @property
    def hidden_from_public(self) -> bool:
        """True unless the hotel agreed to be named publicly (see ``model.privacy``)."""
        return not self.recognised_publicly

    def figures_only(self) -> "Hotel":
        """An anonymous copy that keeps only what the figures count: no id, name, city, contacts,
        notes or trainers."""
        sessions = [s.model_copy(update={"trainers": [], "notes": None}) for s in self.sessions]
        return self.model_copy(update={"id": "withheld", "name": "", "city": None, "manager_name": None,
                                       "manager_phone": None, "manager_email": None, "notes": None,
                                       "sessions": sessions})


class Volunteer(Model):
    id: Slug
    role: VolunteerRole
    name: str | None = private("the volunteer's name")
    phone: Phone | None = private("the volunteer's phone")
    email: Email | None = private("the volunteer's email")


class Outreach(Model):
    hotels: list[Hotel] = Field(default_factory=list)
    volunteers: list[Volunteer] = Field(default_factory=list)
    illustrative: bool = Field(default=False, description=(
        "true while the tracker holds made-up example hotels: pages then say the figures are illustrative"))

    _withheld: tuple[Hotel, ...] = PrivateAttr(default=())
    """Anonymous copies of the hotels the public view removed (``withhold``): counted, never shown."""

    @model_validator(mode="after")
    def _trainers_are_volunteers(self) -> "Outreach":
        known = {v.id for v in self.volunteers}
        for h, hotel in enumerate(self.hotels):
            for s, session in enumerate(hotel.sessions):
                for t, trainer in enumerate(session.trainers):
                    if trainer not in known:
                        listed = ", ".join(sorted(known)) or "none yet"
                        raise LocatedError(("hotels", h, "sessions", s, "trainers", t),
                                           f"no volunteer '{trainer}' in the volunteers list (known: {listed})")
        return self

    @property
    def counted_hotels(self) -> list[Hotel]:
        """Every hotel the figures count: those listed, and those the public view withheld."""
        return [*self.hotels, *self._withheld]

    def withhold(self, removed: list[Hotel]) -> "Outreach":
        """This tracker (already without ``removed``) keeping their anonymous figures."""
        copy = self.model_copy()
        copy._withheld = self._withheld + tuple(h.figures_only() for h in removed)
        return copy

    def volunteer(self, volunteer_id: str) -> Volunteer | None:
        return next((v for v in self.volunteers if v.id == volunteer_id), None)
