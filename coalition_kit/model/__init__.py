"""The typed model of a coalition's data: one model per data file, and the whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coalition_kit.model.base import Model, Source, text_for
from coalition_kit.model.editions import Edition, Editions
from coalition_kit.model.events import Events
from coalition_kit.model.facts import Glossary, Myths, Statistic, Statistics
from coalition_kit.model.hotel import HotelProject
from coalition_kit.model.identity import Coalition
from coalition_kit.model.law import Law
from coalition_kit.model.outreach import Outreach
from coalition_kit.model.program import Building, FocusAreas, Stakeholders
from coalition_kit.model.readiness import Readiness
from coalition_kit.model.volunteers import VolunteerProgram
from coalition_kit.model.walk import walk


@dataclass(frozen=True)
class DataFile:
    name: str
    model: type[Model]
    attribute: str
    required: bool
    purpose: str


DATA_FILES: tuple[DataFile, ...] = (
    DataFile("coalition.yml", Coalition, "coalition", True, "who the coalition is: name, contacts, hotlines, paper, languages"),
    DataFile("building.yml", Building, "building", True, "the steps to build a coalition"),
    DataFile("stakeholders.yml", Stakeholders, "stakeholders", True, "who to invite, one entry per sector"),
    DataFile("focus_areas.yml", FocusAreas, "focus_areas", True, "focus areas with goals and committees"),
    DataFile("hotel_project.yml", HotelProject, "hotel", True, "the Hotel-Motel Project: three R's, signs, response"),
    DataFile("volunteer_program.yml", VolunteerProgram, "volunteers", True, "volunteer roles, visits and the training session"),
    DataFile("readiness.yml", Readiness, "readiness", True, "the Community Readiness Model"),
    DataFile("law.yml", Law, "law", False, "what the law where you work says, with sources"),
    DataFile("statistics.yml", Statistics, "statistics", True, "figures, each with its exact wording and source"),
    DataFile("glossary.yml", Glossary, "glossary", False, "terms and definitions"),
    DataFile("myths.yml", Myths, "myths", False, "myths and facts"),
    DataFile("events.yml", Events, "events", False, "public events"),
    DataFile("editions.yml", Editions, "editions", True, "printed editions and what goes into each"),
    DataFile("outreach.yml", Outreach, "outreach", False, "PRIVATE: the hotel outreach tracker (hotels, sessions, results) and volunteers"),
)


@dataclass(frozen=True)
class CoalitionData:
    """Everything in a data folder, validated. The only way code reads data."""

    data_dir: Path
    coalition: Coalition
    building: Building
    stakeholders: Stakeholders
    focus_areas: FocusAreas
    hotel: HotelProject
    volunteers: VolunteerProgram
    readiness: Readiness
    statistics: Statistics
    editions: Editions
    law: Law | None = None
    glossary: Glossary = field(default_factory=Glossary)
    myths: Myths = field(default_factory=Myths)
    events: Events = field(default_factory=Events)
    outreach: Outreach = field(default_factory=Outreach)
    is_public: bool = False

    def statistic(self, stat_id: str) -> Statistic:
        for stat in self.statistics.statistics:
            if stat.id == stat_id:
                return stat
        known = ", ".join(s.id for s in self.statistics.statistics) or "none"
        raise KeyError(f"no statistic with id '{stat_id}' in statistics.yml (known: {known})")

    def hotline(self, hotline_id: str):
        for line in self.coalition.hotlines:
            if line.id == hotline_id:
                return line
        raise KeyError(f"no hotline '{hotline_id}' in coalition.yml")

    def edition(self, edition_id: str) -> Edition:
        for edition in self.editions.editions:
            if edition.id == edition_id:
                return edition
        known = ", ".join(e.id for e in self.editions.editions)
        raise KeyError(f"no edition '{edition_id}' in editions.yml (known: {known})")

    def text(self, value, lang: str | None = None) -> str:
        return text_for(value, lang or self.coalition.main_language, self.coalition.main_language)

    def logo_path(self) -> Path | None:
        if not self.coalition.logo:
            return None
        return (self.data_dir / self.coalition.logo).resolve()

    def referenced_files(self) -> list[Path]:
        """Every file in the data folder that the data names (the logo), resolved."""
        logo = self.logo_path()
        return [logo] if logo is not None else []

    def all_sources(self) -> list[Source]:
        """Every source cited anywhere in the data, once each, in order of first use."""
        found: dict[str, Source] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, Model):
                for node in walk(value):
                    if isinstance(node.value, Source):
                        found.setdefault(node.value.url, node.value)
        return list(found.values())


__all__ = ["CoalitionData", "DATA_FILES", "DataFile"]
