"""The project's figures (model/measures.py), each against a small example worked out by hand.

Every example is written out in the test so the arithmetic can be checked with a pencil.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from ck_paths import DEFAULT_DATA
from coalition_kit.load.loader import load_data
from coalition_kit.model import measures as m
from coalition_kit.model.outreach import Outreach
from coalition_kit.model.privacy import public_view
from coalition_kit.model.readiness import Readiness


def _session(day: str, staff: dict | None = None, assessment: dict | None = None) -> dict:
    session: dict = {"date": day}
    if staff:
        session["staff"] = {k: str(v) for k, v in staff.items()}
    if assessment:
        session["assessment"] = {k: str(v) for k, v in assessment.items()}
    return session


def tracker(*hotels: dict) -> Outreach:
    return Outreach.model_validate({"hotels": list(hotels)})


# Three hotels, worked by hand:
#   a: trained, 2 sessions (Jan: 4 front desk + 6 housekeeping; Mar: 2 front desk + 1 other),
#      refresher due 2026-06-30
#   b: trained, no session recorded (trained before the tracker), refresher due 2026-07-01
#   c: contacted, no session, no refresher
#   d: scheduled, 1 session in Mar (3 managers), refresher due 2026-06-29
EXAMPLE = tracker(
    {"id": "a", "name": "A", "status": "trained", "refresher_due": "2026-06-30",
     "sessions": [_session("2026-01-15", {"front-desk": 4, "housekeeping": 6},
                           {"assessed": 10, "out_of": 10, "pre_mean": "5", "post_mean": "8",
                            "confident_before": 3, "confident_after": 9}),
                  _session("2026-03-02", {"front-desk": 2, "other": 1},
                           {"assessed": 3, "out_of": 100, "pre_mean": "60", "post_mean": "90"})]},
    {"id": "b", "name": "B", "status": "trained", "refresher_due": "2026-07-01"},
    {"id": "c", "name": "C", "status": "contacted"},
    {"id": "d", "name": "D", "status": "scheduled", "refresher_due": "2026-06-29",
     "sessions": [_session("2026-03-20", {"managers": 3},
                           {"assessed": 2, "pre_mean": "40", "post_mean": "70",
                            "confident_before": 0, "confident_after": 2})]},
)
BUILD_DAY = date(2026, 6, 30)


def test_properties_counted_by_status() -> None:
    assert m.properties_in_area(EXAMPLE) == 4
    assert m.properties_trained(EXAMPLE) == 2  # a and b: the status says trained, sessions or not


def test_coverage_is_a_percentage_with_one_decimal() -> None:
    assert m.coverage(EXAMPLE) == Decimal("50.0")  # 2 of 4
    three = tracker({"id": "a", "name": "A", "status": "trained"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"})
    assert m.coverage(three) == Decimal("33.3")  # 1 of 3 = 33.33…
    two_thirds = tracker({"id": "a", "name": "A", "status": "trained"}, {"id": "b", "name": "B", "status": "trained"},
                         {"id": "c", "name": "C"})
    assert m.coverage(two_thirds) == Decimal("66.7")  # 66.66… rounds up
    assert m.percent(1, 8) == Decimal("12.5") and m.percent(1, 16) == Decimal("6.3")  # 6.25: half up


def test_staff_trained_by_role() -> None:
    assert m.staff_trained_by_role(EXAMPLE) == {"front-desk": 6, "housekeeping": 6, "maintenance": 0,
                                                "food-and-beverage": 0, "managers": 3, "other": 1}
    assert m.staff_trained(EXAMPLE) == 16
    assert m.sessions(EXAMPLE) == 3


def test_sessions_per_month_include_months_without_one() -> None:
    assert m.sessions_per_month(EXAMPLE) == [("2026-01", 1), ("2026-02", 0), ("2026-03", 2)]
    across = tracker({"id": "a", "name": "A", "sessions": [_session("2025-11-30"), _session("2026-02-01")]})
    assert m.sessions_per_month(across) == [("2025-11", 1), ("2025-12", 0), ("2026-01", 0), ("2026-02", 1)]


def test_coverage_over_time() -> None:
    # a counts from January (its first session), b from the first month (no session recorded: trained
    # before the record starts), d is only scheduled.
    assert m.coverage_over_time(EXAMPLE) == [("2026-01", 2, Decimal("50.0")), ("2026-02", 2, Decimal("50.0")),
                                             ("2026-03", 2, Decimal("50.0"))]
    later = tracker({"id": "a", "name": "A", "status": "trained", "sessions": [_session("2026-03-01")]},
                    {"id": "b", "name": "B", "sessions": [_session("2026-01-05")]},
                    {"id": "c", "name": "C"})
    assert m.coverage_over_time(later) == [("2026-01", 0, Decimal("0.0")), ("2026-02", 0, Decimal("0.0")),
                                           ("2026-03", 1, Decimal("33.3"))]


def test_refreshers_overdue_strictly_before_the_build_date() -> None:
    # d (due 29 June) is overdue on 30 June; a (due 30 June, the build date itself) is not yet; b (1 July) is not.
    assert [h.id for h in m.overdue_refreshers(EXAMPLE, BUILD_DAY)] == ["d"]
    assert [h.id for h in m.overdue_refreshers(EXAMPLE, date(2026, 7, 1))] == ["d", "a"]  # earliest first
    assert [h.id for h in m.overdue_refreshers(EXAMPLE, date(2026, 7, 2))] == ["d", "a", "b"]
    assert m.overdue_refreshers(EXAMPLE, date(2026, 6, 29)) == []  # due today is not overdue


def test_mean_scores_weight_each_session_by_the_people_assessed() -> None:
    # As percentages: a/Jan 50 -> 80 (10 people), a/Mar 60 -> 90 (3 people), d 40 -> 70 (2 people).
    # Before: (10*50 + 3*60 + 2*40) / 15 = 760 / 15 = 50.666… -> 50.7
    # After:  (10*80 + 3*90 + 2*70) / 15 = 1210 / 15 = 80.666… -> 80.7
    # Change: 450 / 15 = 30.0 points
    scores = m.mean_scores(EXAMPLE)
    assert scores == m.ScoreChange(15, Decimal("50.7"), Decimal("80.7"), Decimal("30.0"))


def test_confident_share_counts_sessions_that_asked_both_times() -> None:
    # a/Jan: 3 -> 9 of 10; d: 0 -> 2 of 2; a/Mar did not ask. Before 3/12 = 25.0 %, after 11/12 = 91.666… -> 91.7 %
    assert m.confident_share(EXAMPLE) == m.ConfidentShare(12, Decimal("25.0"), Decimal("91.7"))


def test_an_empty_tracker() -> None:
    empty = Outreach()
    assert (m.properties_in_area(empty), m.properties_trained(empty), m.staff_trained(empty)) == (0, 0, 0)
    assert m.coverage(empty) is None  # no share of nothing
    assert m.sessions_per_month(empty) == [] and m.coverage_over_time(empty) == []
    assert m.overdue_refreshers(empty, BUILD_DAY) == []
    assert m.mean_scores(empty) is None and m.confident_share(empty) is None
    assert set(m.staff_trained_by_role(empty).values()) == {0}


def test_a_hotel_with_no_sessions() -> None:
    one = tracker({"id": "x", "name": "X", "status": "contacted", "rooms": "40"})
    assert (m.properties_in_area(one), m.properties_trained(one), m.coverage(one)) == (1, 0, Decimal("0.0"))
    assert m.sessions(one) == 0 and m.staff_trained(one) == 0 and m.sessions_per_month(one) == []
    assert m.mean_scores(one) is None and m.confident_share(one) is None


def test_the_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert m.build_date() == date(2023, 11, 14)
    assert m.build_date("Asia/Tokyo") == date(2023, 11, 15)  # already the next day there
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert m.build_date() in (date.today(), date.fromordinal(date.today().toordinal() + 1),
                              date.fromordinal(date.today().toordinal() - 1))


def test_hidden_hotels_are_counted_in_the_public_view() -> None:
    """The public view removes the hotels that have not agreed to be named, yet the figures are the same."""
    data = load_data(DEFAULT_DATA)
    public = public_view(data)
    hidden = [h for h in data.outreach.hotels if not h.recognised_publicly]
    assert hidden and all(h.id not in {p.id for p in public.outreach.hotels} for h in hidden)
    full, shown = m.outreach_figures(data.outreach, BUILD_DAY), m.outreach_figures(public.outreach, BUILD_DAY)
    for name in ("in_area", "trained", "coverage", "staff_by_role", "sessions", "per_month", "over_time",
                 "scores", "confident"):
        assert getattr(full, name) == getattr(shown, name), name
    assert len(full.overdue) == len(shown.overdue)
    assert all(h.name == "" for h in public.outreach.counted_hotels if h.id == "withheld")


def test_the_default_tracker_figures() -> None:
    """Worked by hand from data/outreach.yml (see the report of issue 13)."""
    f = m.outreach_figures(load_data(DEFAULT_DATA).outreach, date(2026, 11, 29))
    assert (f.in_area, f.trained, f.coverage, f.staff_total, f.sessions) == (7, 4, Decimal("57.1"), 101, 6)
    assert f.staff_by_role == {"front-desk": 29, "housekeeping": 39, "maintenance": 9, "food-and-beverage": 9,
                               "managers": 11, "other": 4}
    assert [h.id for h in f.overdue] == ["placeholder-suites"]
    # Before: (18*58 + 8*55 + 30*62 + 15*60 + 9*55 + 10*51) / 90 = 5249 / 90 = 58.32…; after 7803 / 90 = 86.7
    assert f.scores == m.ScoreChange(90, Decimal("58.3"), Decimal("86.7"), Decimal("28.4"))
    assert f.confident == m.ConfidentShare(90, Decimal("37.8"), Decimal("87.8"))  # 34/90 and 79/90


# --- readiness ------------------------------------------------------------------------------


def readiness(*interviews: dict[str, str], letters: str = "AB") -> Readiness:
    return Readiness.model_validate({
        "summary": "S", "assessment": ["step"], "source": {"name": "S", "url": "https://example.org"},
        "stages": [{"number": str(n), "name": f"Stage {n}", "description": "D", "actions": [f"Do {n}"]}
                   for n in range(1, 10)],
        "dimensions": [{"letter": x, "name": f"Dim {x}", "question": "Q"} for x in letters],
        "results": {"interviews": [{"informant": "role", "date": "2026-01-01",
                                    "scores": {k: {"combined": v} for k, v in i.items()}} for i in interviews]},
    })


def test_a_score_of_4_99_is_stage_4() -> None:
    assert m.stage_of(Decimal("4.99")) == 4 and m.stage_of(Fraction(499, 100)) == 4
    assert m.stage_of(Decimal("5")) == 5 and m.stage_of(Decimal("1")) == 1 and m.stage_of(Decimal("9")) == 9
    # A: (4.98 + 5) / 2 = 4.99; B: (4.99 + 4.99) / 2 = 4.99; overall 4.99: stage 4, shown as 4.99 (never "5.00")
    r = readiness({"A": "4.98", "B": "4.99"}, {"A": "5", "B": "4.99"})
    assert [s for _, s in m.dimension_scores(r)] == [Fraction(499, 100), Fraction(499, 100)]
    assert m.overall_score(r) == Fraction(499, 100) and m.stage_of(m.overall_score(r)) == 4
    assert m.score_text(Fraction(4999, 1000)) == "4.99"  # cut, not rounded


def test_readiness_means_are_exact() -> None:
    # A: (2.8 + 5.6 + 6.6) / 3 = 5 exactly (in floating point, 4.999999999999999): stage 5.
    # B: (3 + 3.5 + 4) / 3 = 3.5. Overall (5 + 3.5) / 2 = 4.25: stage 4.
    assert (2.8 + 5.6 + 6.6) / 3 < 5  # what rounding errors would make of it
    r = readiness({"A": "2.8", "B": "3"}, {"A": "5.6", "B": "3.5"}, {"A": "6.6", "B": "4"})
    assert [s for _, s in m.dimension_scores(r)] == [Fraction(5), Fraction(7, 2)]
    assert m.stage_of(m.dimension_scores(r)[0][1]) == 5
    assert m.overall_score(r) == Fraction(17, 4)
    figures = m.readiness_figures(r)
    assert figures.stage == 4 and figures.interviews == 3
    assert [(d.letter, s) for d, s in figures.weakest] == [("B", Fraction(7, 2))]


def test_the_weakest_dimensions_are_all_those_at_the_lowest_stage() -> None:
    # A 3.9 and C 3.2 are both stage 3, B 4.0 is stage 4: A and C, lowest first.
    r = readiness({"A": "3.9", "B": "4", "C": "3.2"}, letters="ABC")
    assert [d.letter for d, _ in m.weakest_dimensions(r)] == ["C", "A"]


def test_no_results_no_readiness_figures() -> None:
    r = readiness({"A": "4", "B": "4"}).model_copy(update={"results": None})
    assert m.dimension_scores(r) == [] and m.overall_score(r) is None and m.readiness_figures(r) is None


def test_the_default_readiness_figures() -> None:
    r = m.readiness_figures(load_data(DEFAULT_DATA).readiness)
    # A 24/5 = 4.8, B 17/5 = 3.4, C 22.5/5 = 4.5, D 19.5/5 = 3.9, E 17/5 = 3.4, F 24/5 = 4.8; overall 24.8/6 = 4.133…
    assert [(d.letter, m.score_text(s)) for d, s in r.by_dimension] == [
        ("A", "4.80"), ("B", "3.40"), ("C", "4.50"), ("D", "3.90"), ("E", "3.40"), ("F", "4.80")]
    assert m.score_text(r.overall) == "4.13" and r.stage == 4
    assert [d.letter for d, _ in r.weakest] == ["B", "E", "D"]
