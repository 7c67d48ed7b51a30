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

from markupsafe import Markup

from coalition_kit.model import CoalitionData
from coalition_kit.model.measures import build_date, outreach_figures, readiness_figures, score_text, stage_of
from coalition_kit.model.outreach import STAFF_ROLES, Hotel
from coalition_kit.model.readiness import Stage
from coalition_kit.render.charts import Series, bar_chart, nice_ticks, palette, step_chart

from coalition_kit.render.words import WORDS, Words

STATUSES = ("not-contacted", "contacted", "scheduled", "trained", "declined")


def status_labels(lang: str) -> dict[str, str]:
    """Where a hotel stands, as the Our progress page says it, in ``lang``."""
    words = Words(lang)
    return {key: words.text(f"progress_status_{key}") for key in STATUSES}


def role_labels(lang: str) -> dict[str, str]:
    """The staff roles of the tracker ("front-desk": "Front desk", …), in ``lang``."""
    words = Words(lang)
    return {key: words.text(f"progress_role_{key}") for _, key, _ in STAFF_ROLES}


# In English, for the terminal report and the English-only records (the page takes them in its language).
STATUS_LABELS = status_labels("en")
ROLE_LABELS = role_labels("en")
ILLUSTRATIVE_OUTREACH = str(WORDS["en"]["progress_illustrative_outreach"])
ILLUSTRATIVE_READINESS = str(WORDS["en"]["progress_illustrative_readiness"])


def pct(value: Decimal | None, lang: str = "en") -> str:
    """57.1 -> "57.1%" ("57,1 %" in Spanish); no value -> "–"."""
    return "–" if value is None else Words(lang).percent(value)


def points(value: Decimal, lang: str = "en") -> str:
    """A change in percentage points, with its sign: "+28.4 points" ("+28,4 puntos")."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    words = Words(lang)
    decimals = max(0, -int(value.as_tuple().exponent))
    return words.text("progress_points", sign=sign, value=words.number(abs(value), decimals))


def month_label(month: str, lang: str, pattern: str = "date_month") -> str:
    """ "2026-02" -> "February 2026" ("febrero de 2026") in ``lang``; ``pattern`` is Babel's or the
    name of one in the language's table."""
    year, number = map(int, month.split("-"))
    return Words(lang).date(date(year, number, 1), pattern)


def day_label(day: date, lang: str) -> str:
    """A date for people: "29 November 2026" ("29 de noviembre de 2026"; ``date_day``)."""
    return Words(lang).date(day, "date_day")


@dataclass
class Chart:
    """A chart and the same numbers as a table, shown together."""

    svg: Markup
    caption: str
    head: list[str]
    rows: list[list[str]]
    foot: list[str] | None = None


class Progress:
    """Words, tables and charts of one coalition's figures, in one language, as of the build date.
    Every fixed word comes from the language's table (``render/words.py``: ``progress_…``)."""

    stage_number = staticmethod(stage_of)

    def __init__(self, data: CoalitionData, lang: str, today: date | None = None) -> None:
        self.data = data
        self.lang = lang
        self.words = Words(lang)
        self.today = today or build_date(data.coalition.timezone)
        self.outreach = outreach_figures(data.outreach, self.today)
        self.readiness = readiness_figures(data.readiness)
        self.colors = palette(data.coalition.colors.primary)
        self.ILLUSTRATIVE_OUTREACH = self.words.text("progress_illustrative_outreach")
        self.ILLUSTRATIVE_READINESS = self.words.text("progress_illustrative_readiness")
        self.statuses = status_labels(lang)
        self.roles = role_labels(lang)

    def text(self, value: Any) -> str:
        return self.data.text(value, self.lang)

    def w(self, key: str, **values: Any) -> str:
        """A fixed word of this language, as plain text (templates and charts escape it)."""
        return self.words.text(key, **values)

    def pct(self, value: Decimal | None) -> str:
        return pct(value, self.lang)

    def points(self, value: Decimal) -> str:
        return points(value, self.lang)

    def count(self, value: int) -> str:
        return self.words.number(value)

    def score(self, score: Fraction | Decimal) -> str:
        """A score truncated to two decimals (``score_text``), with the language's decimal sign."""
        text = score_text(score)
        return text if self.lang == "en" else self.words.number(Decimal(text), 2)

    @property
    def as_of(self) -> str:
        return day_label(self.today, self.lang)

    # --- outreach ----------------------------------------------------------------------

    def key_figures(self) -> list[tuple[str, str]]:
        """(what, figure) pairs, in the order people ask about them."""
        f, w = self.outreach, self.w
        trained = (w("progress_trained_of", trained=self.count(f.trained), total=self.count(f.in_area),
                     share=self.pct(f.coverage)) if f.in_area else self.count(0))
        rows = [(w("progress_in_area"), self.count(f.in_area)),
                (w("progress_trained"), trained),
                (w("progress_staff"), self.count(f.staff_total)),
                (w("progress_sessions"), self.count(f.sessions)),
                (w("progress_overdue", date=self.as_of), self.count(len(f.overdue)))]
        if f.scores is not None:
            rows.append((w("progress_mean_score"),
                         w("progress_before_after_change", before=self.pct(f.scores.pre), after=self.pct(f.scores.post),
                           change=self.points(f.scores.change))))
        if f.confident is not None:
            rows.append((w("progress_confident"),
                         w("progress_before_after", before=self.pct(f.confident.before),
                           after=self.pct(f.confident.after))))
        return rows

    def coverage_chart(self) -> Chart | None:
        f, w = self.outreach, self.w
        if not f.over_time:
            return None
        first, last = f.over_time[0], f.over_time[-1]
        title = w("progress_coverage_title")
        desc = w("progress_coverage_desc", first=self.pct(first[2]), first_month=month_label(first[0], self.lang),
                 last=self.pct(last[2]), last_month=month_label(last[0], self.lang), trained=self.count(last[1]),
                 total=self.count(f.in_area))
        labels = []
        for i, (month, _, _) in enumerate(f.over_time):
            short = month_label(month, self.lang, "MMM")
            labels.append((short, month[:4] if i == 0 or month.endswith("-01") else ""))
        svg = step_chart(title, desc, labels, [p for _, _, p in f.over_time], maximum=100,
                         ticks=[0, 25, 50, 75, 100], value_text=self.words.percent, color=self.colors.strong)
        rows = [[month_label(month, self.lang), self.count(trained), self.pct(share)]
                for month, trained, share in f.over_time]
        return Chart(svg, w("progress_coverage_caption"),
                     [w("progress_month"), w("progress_trained"), w("progress_coverage")], rows)

    def staff_chart(self) -> Chart | None:
        f, w = self.outreach, self.w
        if not f.staff_total:
            return None
        names = [self.roles[key] for key in f.staff_by_role]
        counts = list(f.staff_by_role.values())
        top, ticks = nice_ticks(max(counts))
        title = w("progress_staff_title")
        desc = w("progress_staff_desc", roles="; ".join(f"{name} {self.count(count)}" for name, count in zip(names, counts)),
                 total=self.count(f.staff_total))
        svg = bar_chart(title, desc, names, [Series(w("progress_staff"), counts, self.colors.strong)], maximum=top,
                        ticks=ticks, value_text=self.count)
        rows = [[name, self.count(count)] for name, count in zip(names, counts)]
        return Chart(svg, w("progress_staff_title"), [w("progress_role"), w("progress_staff")], rows,
                     [w("progress_all_roles"), self.count(f.staff_total)])

    def scores_chart(self) -> Chart | None:
        f, w = self.outreach, self.w
        if f.scores is None:
            return None
        categories = [w("progress_mean_score_short")]
        before, after = [f.scores.pre], [f.scores.post]
        rows = [[w("progress_mean_score_short"), self.pct(f.scores.pre), self.pct(f.scores.post),
                 self.points(f.scores.change)]]
        assessed = self.count(f.scores.assessed)
        desc = w("progress_scores_desc", assessed=assessed, before=self.pct(f.scores.pre), after=self.pct(f.scores.post))
        if f.confident is not None:
            categories.append(w("progress_confident_short"))
            before.append(f.confident.before)
            after.append(f.confident.after)
            change = f.confident.after - f.confident.before
            rows.append([w("progress_confident_short"), self.pct(f.confident.before), self.pct(f.confident.after),
                         self.points(change)])
            desc += " " + w("progress_scores_desc_confident", before=self.pct(f.confident.before),
                            after=self.pct(f.confident.after))
        svg = bar_chart(w("progress_scores_title"), desc, categories,
                        [Series(w("progress_before"), before, self.colors.light),
                         Series(w("progress_after"), after, self.colors.strong)],
                        maximum=100, ticks=[0, 25, 50, 75, 100], value_text=self.words.percent)
        return Chart(svg, w("progress_scores_caption", assessed=assessed),
                     [w("progress_measure"), w("progress_before"), w("progress_after"), w("progress_change")], rows)

    def sessions_table(self) -> list[list[str]]:
        return [[month_label(month, self.lang), self.count(count)] for month, count in self.outreach.per_month]

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
        r, w = self.readiness, self.w
        if r is None:
            return None
        names = [f"{d.letter}. {self.text(d.name)}" for d, _ in r.by_dimension]
        scores = [s for _, s in r.by_dimension]
        title = w("progress_readiness_title")
        items = "; ".join(w("progress_readiness_item", dimension=name, score=self.score(s), stage=str(stage_of(s)))
                          for name, s in zip(names, scores))
        desc = w("progress_readiness_desc", dimensions=items, score=self.score(r.overall),
                 stage=self.stage_label(r.overall))
        svg = bar_chart(title, desc, names, [Series(w("progress_score"), scores, self.colors.strong)], maximum=9,
                        ticks=list(range(1, 10)),
                        value_text=lambda v: self.score(v) if isinstance(v, Fraction) else str(v))
        rows = [[name, self.score(s), self.stage_label(s)] for name, s in zip(names, scores)]
        return Chart(svg, self.words.text_n("progress_readiness_caption", r.interviews),
                     [w("progress_dimension"), w("progress_score"), w("progress_stage")], rows,
                     [w("progress_overall_foot"), self.score(r.overall), self.stage_label(r.overall)])

    def strategies(self, score: Fraction | Decimal) -> list[str]:
        stage = self.stage(score)
        return [self.text(a) for a in stage.actions] if stage else []


def readiness_interviews(data: CoalitionData) -> list[Any]:
    return list(data.readiness.results.interviews) if data.readiness.results else []


__all__ = ["Chart", "ILLUSTRATIVE_OUTREACH", "ILLUSTRATIVE_READINESS", "Progress", "ROLE_LABELS", "STATUS_LABELS",
           "day_label", "month_label", "pct", "points", "readiness_interviews", "role_labels", "status_labels"]
