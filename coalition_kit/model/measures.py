"""The project's figures: one function each, computed from the model, exact, and explained.

The outreach figures take the tracker (``Outreach``) and count ``counted_hotels``: every hotel,
including those the public view withholds because they have not agreed to be named, so the
website and the volunteer notebook show the same figures. The readiness figures take
``readiness.yml``'s model.

Arithmetic is exact (``Decimal`` values from data, ``Fraction`` for means), so a stage is never
wrong because of a rounding error: a readiness score of exactly 5 is stage 5, never 4.999….
Percentages are rounded half up to one decimal place only when they are returned.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor
from zoneinfo import ZoneInfo

from coalition_kit.model.outreach import STAFF_ROLES, Hotel, Outreach
from coalition_kit.model.readiness import Dimension, Readiness

ONE_DECIMAL = Decimal("0.1")


def build_date(timezone_name: str = "UTC") -> date:
    """The date the figures are "as of": SOURCE_DATE_EPOCH when it is set (a reproducible build
    gives the same figures every time), else today, both in the coalition's time zone."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    zone = ZoneInfo(timezone_name)
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(zone).date()
    return datetime.now(tz=zone).date()


def percent(part: int | Fraction | Decimal, whole: int | Fraction | Decimal) -> Decimal | None:
    """``part`` of ``whole`` as a percentage rounded half up to one decimal (1 of 3 -> 33.3);
    None when ``whole`` is 0 (a share of nothing is not 0 %)."""
    if not whole:
        return None
    return _one_decimal(Fraction(part) * 100 / Fraction(whole))


def _one_decimal(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


# --- the outreach tracker ----------------------------------------------------------------


def properties_in_area(outreach: Outreach) -> int:
    """Every hotel and motel in the tracker, whatever its status (the tracker lists the area)."""
    return len(outreach.counted_hotels)


def properties_trained(outreach: Outreach) -> int:
    """Properties whose status is ``trained`` (with or without sessions recorded here)."""
    return sum(1 for h in outreach.counted_hotels if h.status == "trained")


def coverage(outreach: Outreach) -> Decimal | None:
    """Properties trained as a percentage of properties in the area, one decimal (2 of 7 -> 28.6);
    None for an empty tracker."""
    return percent(properties_trained(outreach), properties_in_area(outreach))


def staff_trained_by_role(outreach: Outreach) -> dict[str, int]:
    """Staff trained at every session of every hotel, by role id ("front-desk", …, "other"), in the
    order of ``STAFF_ROLES``; a role nobody was trained in counts 0."""
    totals = {key: 0 for _, key, _ in STAFF_ROLES}
    for hotel in outreach.counted_hotels:
        for session in hotel.sessions:
            for key, count in session.staff.by_key().items():
                totals[key] += count
    return totals


def staff_trained(outreach: Outreach) -> int:
    """Staff trained in all, every role and every session."""
    return sum(staff_trained_by_role(outreach).values())


def sessions(outreach: Outreach) -> int:
    """Training sessions recorded, at every hotel."""
    return sum(len(h.sessions) for h in outreach.counted_hotels)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("2026-01" … "2026-04")."""
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def sessions_per_month(outreach: Outreach) -> list[tuple[str, int]]:
    """Sessions in each month ("YYYY-MM", count), from the month of the first session to the month
    of the last, months without a session included as 0; empty without sessions."""
    counts = Counter(_month(s.date) for h in outreach.counted_hotels for s in h.sessions)
    if not counts:
        return []
    return [(month, counts.get(month, 0)) for month in _months(min(counts), max(counts))]


def coverage_over_time(outreach: Outreach) -> list[tuple[str, int, Decimal]]:
    """Coverage at the end of each month ("YYYY-MM", properties trained, per cent), over the months
    of ``sessions_per_month``.

    A trained property counts from the month of its first session. A trained property with no
    session recorded was trained before the record starts: it counts from the first month. So the
    last month's figure is today's ``coverage``, unless a property with sessions is not (yet, or no
    longer) marked trained: only the status says a property is trained.
    """
    months = [month for month, _ in sessions_per_month(outreach)]
    total = properties_in_area(outreach)
    first_month: list[str] = []
    for hotel in outreach.counted_hotels:
        if hotel.status == "trained":
            first_month.append(_month(min(s.date for s in hotel.sessions)) if hotel.sessions else "")
    series = []
    for month in months:
        trained = sum(1 for start in first_month if start <= month)
        series.append((month, trained, percent(trained, total) or Decimal("0.0")))
    return series


def overdue_refreshers(outreach: Outreach, today: date) -> list[Hotel]:
    """Hotels whose refresher training was due before ``today``, earliest first.

    The rule: a refresher due strictly before the build date is overdue; one due on the build date
    itself is due today, not overdue. A hotel with no due date is never overdue.
    """
    late = [h for h in outreach.counted_hotels if h.refresher_due is not None and h.refresher_due < today]
    return sorted(late, key=lambda h: h.refresher_due)


@dataclass(frozen=True)
class ScoreChange:
    """Mean questionnaire scores before and after, as percentages, and the change in points."""

    assessed: int
    pre: Decimal
    post: Decimal
    change: Decimal


def mean_scores(outreach: Outreach) -> ScoreChange | None:
    """The mean score before and after the training over every assessed session, as percentages
    of the highest possible score, one decimal; and the change (post minus pre, in points).

    Each session's mean counts as many times as the staff it assessed (the mean over everyone
    assessed, not a mean of session means). The change is computed from the exact means, then
    rounded. None when no session has an assessment.
    """
    weighted = [(s.assessment.assessed, s.assessment) for h in outreach.counted_hotels for s in h.sessions
                if s.assessment is not None]
    people = sum(n for n, _ in weighted)
    if not people:
        return None
    pre = sum((Fraction(a.percent(a.pre_mean)) * n for n, a in weighted), Fraction(0)) / people
    post = sum((Fraction(a.percent(a.post_mean)) * n for n, a in weighted), Fraction(0)) / people
    return ScoreChange(people, _one_decimal(pre), _one_decimal(post), _one_decimal(post - pre))


@dataclass(frozen=True)
class ConfidentShare:
    """Of the staff asked, the share confident to report a concern before and after, per cent."""

    asked: int
    before: Decimal
    after: Decimal


def confident_share(outreach: Outreach) -> ConfidentShare | None:
    """Staff confident to report before and after, as a share of those assessed, one decimal.

    Only sessions that recorded both numbers count (so the two shares have the same people). None
    when no session did.
    """
    pairs = [s.assessment for h in outreach.counted_hotels for s in h.sessions
             if s.assessment is not None and s.assessment.confident_before is not None
             and s.assessment.confident_after is not None]
    asked = sum(a.assessed for a in pairs)
    if not asked:
        return None
    return ConfidentShare(asked, percent(sum(a.confident_before for a in pairs), asked),
                          percent(sum(a.confident_after for a in pairs), asked))


# --- community readiness ------------------------------------------------------------------


def stage_of(score: Fraction | Decimal) -> int:
    """The stage of a readiness score: its integer part, never rounded up (4.99 is stage 4)."""
    return int(floor(Fraction(score)))


def score_text(score: Fraction | Decimal) -> str:
    """A score for people, truncated to two decimals (4.999 -> "4.99"), so that what is shown
    never looks like the next stage."""
    value = Fraction(score)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN))


def dimension_scores(readiness: Readiness) -> list[tuple[Dimension, Fraction]]:
    """Each dimension's score: the mean of its combined scores over the interviews, exact, in the
    order of the dimensions; empty when readiness.yml has no results."""
    if readiness.results is None:
        return []
    interviews = readiness.results.interviews
    return [(d, sum((Fraction(i.scores[d.letter].combined) for i in interviews), Fraction(0)) / len(interviews))
            for d in readiness.dimensions]


def overall_score(readiness: Readiness) -> Fraction | None:
    """The community's score: the mean of the dimension scores, exact; None without results."""
    scores = [score for _, score in dimension_scores(readiness)]
    return sum(scores, Fraction(0)) / len(scores) if scores else None


def weakest_dimensions(readiness: Readiness) -> list[tuple[Dimension, Fraction]]:
    """The dimensions at the lowest stage (ties all included), lowest score first: work on these first."""
    scores = dimension_scores(readiness)
    if not scores:
        return []
    lowest = min(stage_of(score) for _, score in scores)
    return sorted(((d, s) for d, s in scores if stage_of(s) == lowest), key=lambda pair: pair[1])


# --- all at once ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OutreachFigures:
    """Every outreach figure, as of ``today``: what pages, charts and ``coalition report`` show."""

    today: date
    illustrative: bool
    in_area: int
    trained: int
    coverage: Decimal | None
    staff_by_role: dict[str, int]
    staff_total: int
    sessions: int
    per_month: list[tuple[str, int]]
    over_time: list[tuple[str, int, Decimal]]
    overdue: list[Hotel]
    scores: ScoreChange | None
    confident: ConfidentShare | None


def outreach_figures(outreach: Outreach, today: date) -> OutreachFigures:
    return OutreachFigures(
        today=today, illustrative=outreach.illustrative, in_area=properties_in_area(outreach),
        trained=properties_trained(outreach), coverage=coverage(outreach),
        staff_by_role=staff_trained_by_role(outreach), staff_total=staff_trained(outreach),
        sessions=sessions(outreach), per_month=sessions_per_month(outreach),
        over_time=coverage_over_time(outreach), overdue=overdue_refreshers(outreach, today),
        scores=mean_scores(outreach), confident=confident_share(outreach))


@dataclass(frozen=True)
class ReadinessFigures:
    """The readiness result: dimension scores, overall score and stage, the weakest dimensions."""

    illustrative: bool
    interviews: int
    by_dimension: list[tuple[Dimension, Fraction]]
    overall: Fraction
    weakest: list[tuple[Dimension, Fraction]]

    @property
    def stage(self) -> int:
        return stage_of(self.overall)


def readiness_figures(readiness: Readiness) -> ReadinessFigures | None:
    """None when readiness.yml has no results yet."""
    overall = overall_score(readiness)
    if overall is None or readiness.results is None:
        return None
    return ReadinessFigures(readiness.results.illustrative, len(readiness.results.interviews),
                            dimension_scores(readiness), overall, weakest_dimensions(readiness))
