"""outreach.yml: hotels, visits and volunteers. Everything personal here is private.

Private fields (``private(...)``) appear only in editions with ``includes_private``;
``coalition_kit.model.privacy`` removes them from every public output.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from coalition_kit.model.base import Count, Date, Email, Model, Phone, Slug, Text, private

HotelStatus = Literal["not-contacted", "contacted", "scheduled", "trained", "declined"]
"""Where a hotel is in the project, in the order it gets there (printed forms list them so)."""

VolunteerRole = Literal["trainer", "ambassador", "coordinator"]


class Visit(Model):
    date: Date
    staff_trained: Count | None = None
    volunteers: str | None = private("who made the visit")
    notes: str | None = private("notes from the visit")


class Hotel(Model):
    id: Slug
    name: str = Field(description="Name of the property")
    area: Text | None = None
    status: HotelStatus = "not-contacted"
    manager_name: str | None = private("the manager's name")
    manager_phone: Phone | None = private("the manager's phone")
    manager_email: Email | None = private("the manager's email")
    notes: str | None = private("internal notes")
    visits: list[Visit] = Field(default_factory=list)


class Volunteer(Model):
    id: Slug
    role: VolunteerRole
    name: str | None = private("the volunteer's name")
    phone: Phone | None = private("the volunteer's phone")
    email: Email | None = private("the volunteer's email")


class Outreach(Model):
    hotels: list[Hotel] = Field(default_factory=list)
    volunteers: list[Volunteer] = Field(default_factory=list)
