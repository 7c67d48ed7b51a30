"""``coalition report``: the figures of the website's "Our progress" page and of the readiness
result, as plain text for the terminal (same words and numbers: ``render.progress``)."""

from __future__ import annotations

import textwrap
from datetime import date

from coalition_kit.model import CoalitionData
from coalition_kit.render.progress import (ILLUSTRATIVE_OUTREACH, ILLUSTRATIVE_READINESS, ROLE_LABELS, Progress,
                                           month_label, pct)


def _table(rows: list[tuple[str, str]], indent: str = "  ") -> list[str]:
    width = max((len(left) for left, _ in rows), default=0)
    return [f"{indent}{left:<{width}}  {right}" for left, right in rows]


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent="  ", subsequent_indent="  ")


def report_lines(data: CoalitionData, today: date | None = None, names: bool = False) -> list[str]:
    """Every figure, a heading per group, aligned for a fixed-width terminal. Hotels are counted, not
    named (the output may end up in a public build log), unless ``names`` asks for the overdue ones."""
    lang = data.coalition.main_language
    p = Progress(data, lang, today)
    f = p.outreach
    lines = [f"Hotel outreach, as of {p.as_of}"]
    if f.illustrative:
        lines += _wrapped(f"Note: {ILLUSTRATIVE_OUTREACH}")
    lines += _table(p.key_figures())
    if f.staff_total:
        lines += ["", "Staff trained by role"]
        lines += _table([(ROLE_LABELS[key], str(count)) for key, count in f.staff_by_role.items()]
                        + [("All roles", str(f.staff_total))])
    if f.per_month:
        lines += ["", "Sessions and coverage by month"]
        coverage = {month: (trained, share) for month, trained, share in f.over_time}
        lines += _table([(month_label(month, lang), f"{count} session{'s' if count != 1 else ''}; coverage "
                          f"{pct(coverage[month][1])} ({coverage[month][0]} trained)") for month, count in f.per_month])
    if names:
        lines += ["", f"Refresher trainings overdue on {p.as_of} (private: for coalition members only)"]
        lines += _table([(h.name, f"due {h.refresher_due.isoformat()}") for h in f.overdue]) or ["  none"]
    r = p.readiness
    lines += ["", "Community readiness"]
    if r is None:
        lines.append("  no assessment recorded yet (results in readiness.yml)")
        return lines
    if r.illustrative:
        lines += _wrapped(f"Note: {ILLUSTRATIVE_READINESS}")
    lines += _table([(f"{d.letter}. {p.text(d.name)}", f"{p.score(s)}  stage {p.stage_label(s)}")
                     for d, s in r.by_dimension]
                    + [("Overall", f"{p.score(r.overall)}  stage {p.stage_label(r.overall)}")])
    lines.append(f"  Interviews: {r.interviews}")
    lines += _wrapped("Weakest: " + "; ".join(f"{d.letter}. {p.text(d.name)} ({p.score(s)})" for d, s in r.weakest))
    lines.append(f"  Strategies for stage {p.stage_label(r.weakest[0][1])}:")
    lines += [f"    - {a}" for a in p.strategies(r.weakest[0][1])]
    return lines
