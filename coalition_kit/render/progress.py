"""The project's figures made readable: words, tables and charts for pages, print and the terminal.

``model.measures`` computes; this module says. The website's "Our progress" page, the Community
readiness page, the volunteer notebook's records and ``coalition report`` all take their words
and numbers from here, so a figure reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from babel.dates import format_date
from markupsafe import Markup

from coalition_kit.model import CoalitionData
from coalition_kit.model.measures import build_date, outreach_figures, readiness_figures, score_text, stage_of
from coalition_kit.model.outreach import STAFF_ROLES, Hotel
from coalition_kit.model.readiness import Stage
from coalition_kit.render.charts import Series, bar_chart, nice_ticks, palette, step_chart

STATUS_LABELS = {
    "not-contacted": "Not contacted yet",
    "contacted": "Contacted",
    "scheduled": "Training scheduled",
    "trained": "Trained",
    "declined": "Declined",
}
ROLE_LABELS = {key: label for _, key, label in STAFF_ROLES}

ILLUSTRATIVE_OUTREACH = ("These figures are illustrative: the tracker holds made-up example hotels and "
                         "sessions, not real results. They show how the figures will look once the "
                         "coalition records its own work.")
ILLUSTRATIVE_READINESS = ("This assessment is illustrative: the interviews and scores are made-up "
                          "examples that show how the results are worked out and shown.")


def pct(value: Decimal | None) -> str:
    """57.1 -> "57.1%"; no value -> "–"."""
    return "–" if value is None else f"{value}%"


def points(value: Decimal) -> str:
    """A change in percentage points, with its sign: "+28.4 points"."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{abs(value)} points"


def month_label(month: str, lang: str, pattern: str = "MMMM y") -> str:
    """ "2026-02" -> "February 2026" in ``lang``."""
    year, number = map(int, month.split("-"))
    return format_date(date(year, number, 1), pattern, locale=lang)


def day_label(day: date, lang: str) -> str:
    """A date for people: "29 November 2026" ("d MMMM y" in every language)."""
    return format_date(day, "d MMMM y", locale=lang)


@dataclass
class Chart:
    """A chart and the same numbers as a table, shown together."""

    svg: Markup
    caption: str
    head: list[str]
    rows: list[list[str]]
    foot: list[str] | None = None


class Progress:
    """Words, tables and charts of one coalition's figures, in one language, as of the build date."""

    ILLUSTRATIVE_OUTREACH = ILLUSTRATIVE_OUTREACH
    ILLUSTRATIVE_READINESS = ILLUSTRATIVE_READINESS
    score = staticmethod(score_text)
    stage_number = staticmethod(stage_of)

    def __init__(self, data: CoalitionData, lang: str, today: date | None = None) -> None:
        self.data = data
        self.lang = lang
        self.today = today or build_date(data.coalition.timezone)
        self.outreach = outreach_figures(data.outreach, self.today)
        self.readiness = readiness_figures(data.readiness)
        self.colors = palette(data.coalition.colors.primary)

    def text(self, value: Any) -> str:
        return self.data.text(value, self.lang)

    @property
    def as_of(self) -> str:
        return day_label(self.today, self.lang)

    # --- outreach ----------------------------------------------------------------------

    def key_figures(self) -> list[tuple[str, str]]:
        """(what, figure) pairs, in the order people ask about them."""
        f = self.outreach
        rows = [("Hotels and motels in our area", str(f.in_area)),
                ("Properties trained", f"{f.trained} of {f.in_area} ({pct(f.coverage)})" if f.in_area else "0"),
                ("Staff trained", str(f.staff_total)),
                ("Training sessions", str(f.sessions)),
                (f"Refresher trainings overdue on {self.as_of}", str(len(f.overdue)))]
        if f.scores is not None:
            rows.append(("Mean questionnaire score, before and after the training",
                         f"{pct(f.scores.pre)} before, {pct(f.scores.post)} after ({points(f.scores.change)})"))
        if f.confident is not None:
            rows.append(("Staff confident to report a concern, before and after",
                         f"{pct(f.confident.before)} before, {pct(f.confident.after)} after"))
        return rows

    def coverage_chart(self) -> Chart | None:
        f = self.outreach
        if not f.over_time:
            return None
        first, last = f.over_time[0], f.over_time[-1]
        title = "Coverage over time: properties trained, as a share of the properties in our area"
        desc = (f"A step chart of coverage at the end of each month, from {pct(first[2])} in "
                f"{month_label(first[0], self.lang)} to {pct(last[2])} in {month_label(last[0], self.lang)} "
                f"({last[1]} of {f.in_area} properties).")
        labels = []
        for i, (month, _, _) in enumerate(f.over_time):
            short = month_label(month, self.lang, "MMM")
            labels.append((short, month[:4] if i == 0 or month.endswith("-01") else ""))
        svg = step_chart(title, desc, labels, [p for _, _, p in f.over_time], maximum=100,
                         ticks=[0, 25, 50, 75, 100], value_text=lambda v: f"{v}%", color=self.colors.strong)
        rows = [[month_label(month, self.lang), str(trained), pct(share)] for month, trained, share in f.over_time]
        return Chart(svg, "Coverage at the end of each month", ["Month", "Properties trained", "Coverage"], rows)

    def staff_chart(self) -> Chart | None:
        f = self.outreach
        if not f.staff_total:
            return None
        names = [ROLE_LABELS[key] for key in f.staff_by_role]
        counts = list(f.staff_by_role.values())
        top, ticks = nice_ticks(max(counts))
        title = "Staff trained by role"
        desc = ("Horizontal bars, one for each role: " +
                "; ".join(f"{name} {count}" for name, count in zip(names, counts)) + f"; {f.staff_total} in all.")
        svg = bar_chart(title, desc, names, [Series("Staff trained", counts, self.colors.strong)], maximum=top,
                        ticks=ticks, value_text=str)
        rows = [[name, str(count)] for name, count in zip(names, counts)]
        return Chart(svg, "Staff trained by role", ["Role", "Staff trained"], rows, ["All roles", str(f.staff_total)])

    def scores_chart(self) -> Chart | None:
        f = self.outreach
        if f.scores is None:
            return None
        categories = ["Mean questionnaire score"]
        before, after = [f.scores.pre], [f.scores.post]
        rows = [["Mean questionnaire score", pct(f.scores.pre), pct(f.scores.post), points(f.scores.change)]]
        desc = (f"Pairs of bars, before and after the training. The mean questionnaire score of the "
                f"{f.scores.assessed} staff assessed went from {pct(f.scores.pre)} before to {pct(f.scores.post)} after.")
        if f.confident is not None:
            categories.append("Staff confident to report a concern")
            before.append(f.confident.before)
            after.append(f.confident.after)
            change = f.confident.after - f.confident.before
            rows.append(["Staff confident to report a concern", pct(f.confident.before), pct(f.confident.after),
                         points(change)])
            desc += (f" The share confident to report a concern went from {pct(f.confident.before)} to "
                     f"{pct(f.confident.after)}.")
        svg = bar_chart("Before and after the training", desc, categories,
                        [Series("Before", before, self.colors.light), Series("After", after, self.colors.strong)],
                        maximum=100, ticks=[0, 25, 50, 75, 100], value_text=lambda v: f"{v}%")
        return Chart(svg, f"Before and after the training ({f.scores.assessed} staff assessed)",
                     ["Measure", "Before", "After", "Change"], rows)

    def sessions_table(self) -> list[list[str]]:
        return [[month_label(month, self.lang), str(count)] for month, count in self.outreach.per_month]

    def recognised_hotels(self) -> list[Hotel]:
        """The hotels that agreed to be named (in the public view, the only ones left), by name."""
        return sorted((h for h in self.data.outreach.hotels if h.recognised_publicly), key=lambda h: h.name.casefold())

    def trained_since(self, hotel: Hotel) -> str:
        if not hotel.sessions:
            return ""
        first = min(s.date for s in hotel.sessions)
        return month_label(f"{first.year:04d}-{first.month:02d}", self.lang)

    # --- readiness -----------------------------------------------------------------------

    def stage(self, score: Fraction | Decimal) -> Stage | None:
        return self.data.readiness.stage(stage_of(score))

    def stage_label(self, score: Fraction | Decimal) -> str:
        stage = self.stage(score)
        number = stage_of(score)
        return f"{number}, {self.text(stage.name)}" if stage else str(number)

    def readiness_chart(self) -> Chart | None:
        r = self.readiness
        if r is None:
            return None
        names = [f"{d.letter}. {self.text(d.name)}" for d, _ in r.by_dimension]
        scores = [s for _, s in r.by_dimension]
        title = "Community readiness by dimension"
        desc = (f"Horizontal bars on the scale of 1 to 9, one for each dimension: " +
                "; ".join(f"{name} {score_text(s)} (stage {stage_of(s)})" for name, s in zip(names, scores)) +
                f". Overall score {score_text(r.overall)}, stage {self.stage_label(r.overall)}.")
        svg = bar_chart(title, desc, names, [Series("Score", scores, self.colors.strong)], maximum=9,
                        ticks=list(range(1, 10)),
                        value_text=lambda v: score_text(v) if isinstance(v, Fraction) else str(v))
        rows = [[name, score_text(s), self.stage_label(s)] for name, s in zip(names, scores)]
        return Chart(svg, f"Readiness by dimension ({r.interviews} interviews)", ["Dimension", "Score", "Stage"], rows,
                     ["Overall (mean of the dimensions)", score_text(r.overall), self.stage_label(r.overall)])

    def strategies(self, score: Fraction | Decimal) -> list[str]:
        stage = self.stage(score)
        return [self.text(a) for a in stage.actions] if stage else []


def readiness_interviews(data: CoalitionData) -> list[Any]:
    return list(data.readiness.results.interviews) if data.readiness.results else []


__all__ = ["Chart", "ILLUSTRATIVE_OUTREACH", "ILLUSTRATIVE_READINESS", "Progress", "ROLE_LABELS", "STATUS_LABELS",
           "day_label", "month_label", "pct", "points", "readiness_interviews"]
