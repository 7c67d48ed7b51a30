"""Charts as inline SVG, drawn when the site and the PDFs are built: horizontal bars and a step line.

Why a small generator of our own rather than a plotting library: the project needs two shapes
(bars, a step line). A library (matplotlib, pygal, plotly…) would add a large dependency, draw
text in its own fonts or as paths, write ids, scripts or ``style`` attributes that the site's
Content-Security-Policy refuses, and change its output between versions, while builds must be
the same bytes for the same input. Here:

- the markup is plain SVG 1.1 that Chromium and WeasyPrint both draw as vectors (sharp in print),
  with presentation attributes only (no ``style``, no script, no ids, no JavaScript);
- each chart is ``role="img"`` with an ``aria-label``, a ``<title>`` and a ``<desc>`` that says
  what the chart shows; the page puts the same numbers in a table beside it;
- every text from data is escaped; values are labelled on the bars, so colour is never the only
  way to tell the series apart;
- colours come from the coalition's primary colour, darkened where needed to reach 3:1 against
  the white chart background (WCAG 2.1, non-text contrast), with a lighter tint of it (still 3:1)
  for a second series; text is near-black on white.

The geometry is computed in a fixed coordinate system (``viewBox``); CSS scales the whole chart to
the column width, so it never overflows a phone screen or a printed page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from markupsafe import Markup, escape

from coalition_kit.render.colors import mix, contrast, readable_on

Number = int | float | Decimal | Fraction

WIDTH = 640
FONT = "'Atkinson Hyperlegible', Arial, sans-serif"
BACKGROUND = "#ffffff"
INK = "#1f2328"  # text: 15.8:1 on white
MUTED = "#57606a"  # axis labels: 6.2:1 on white
GRID = "#d0d7de"  # decoration only


@dataclass(frozen=True)
class Palette:
    """One coalition's chart colours, each at least 3:1 against the white chart background."""

    strong: str
    """The primary colour, darkened if needed: a single series, and "after" beside "before"."""
    light: str
    """A lighter tint of the same colour, still 3:1 on white: "before" beside "after"."""


def palette(primary: str) -> Palette:
    """Colours from the coalition's primary colour: itself (darkened just enough for 3:1 on white
    when it is pale), and the palest tint of it that still has 3:1 on white. Two series then differ
    in lightness, which every reader can tell apart, and their bars are labelled besides."""
    strong = readable_on(primary, BACKGROUND, target=3.2)
    light = strong
    for step in range(1, 100):
        candidate = mix(strong, BACKGROUND, step / 100)
        if contrast(candidate, BACKGROUND) < 3.1:
            break
        light = candidate
    return Palette(strong, light)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]
    color: str


def _n(value: float) -> str:
    """A coordinate, short and the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _open(title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ck-chart__svg" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}" '
        f'font-family="{escape(FONT)}" font-size="14" fill="{INK}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{_n(height)}" fill="{BACKGROUND}"/>',
    ]


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 14, color: str = INK,
          bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" fill="{color}"{weight}>'
            f"{escape(content)}</text>")


def bar_chart(title: str, description: str, categories: Sequence[str], series: Sequence[Series], *,
              maximum: Number, ticks: Sequence[Number], value_text: Callable[[Number], str]) -> Markup:
    """Horizontal bars, one group per category: its label on a line of its own (long labels need
    no room at the side), then one bar per series with its value written after it (and the
    series' name when there are several). ``ticks`` are marked on a scale below the bars."""
    several = len(series) > 1
    bar, gap, group_gap, label_h = 18, 5, 16, 20
    widest = max((len(f"{s.name}: " if several else "") + len(value_text(v)) for s in series for v in s.values),
                 default=4)
    left, right = 18, 16 + 8 * widest  # room for the scale's first number, and for the value after the longest bar
    plot = WIDTH - left - right
    top = 34 if several else 8
    group_h = label_h + len(series) * (bar + gap) - gap + group_gap
    bottom = top + len(categories) * group_h
    height = bottom + 30
    scale = float(maximum) if maximum else 1.0
    out = _open(title, description, height)
    if several:  # legend: a swatch and the name, left to right
        x = left
        for i, s in enumerate(series):
            out.append(f'<rect x="{_n(x)}" y="8" width="14" height="14" fill="{s.color}"/>')
            out.append(_text(x + 20, 20, s.name))
            x += 40 + 8 * len(s.name)
    for t in ticks:  # numbers of the scale, below the bars
        x = left + plot * float(t) / scale
        out.append(_text(x, bottom + 14, value_text(t), anchor="middle", size=12, color=MUTED))
    out.append(f'<line x1="{left}" y1="{_n(bottom - group_gap + 4)}" x2="{_n(left + plot)}" '
               f'y2="{_n(bottom - group_gap + 4)}" stroke="{MUTED}" stroke-width="1"/>')
    y = top
    for c, category in enumerate(categories):
        out.append(_text(left, y + 15, category, bold=True))
        y += label_h
        rows_h = len(series) * (bar + gap) - gap
        for t in ticks:  # grid lines behind this group's bars only, never across a label
            x = left + plot * float(t) / scale
            out.append(f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(y + rows_h)}" '
                       f'stroke="{GRID if t else MUTED}" stroke-width="1"/>')
        for i, s in enumerate(series):
            value = float(s.values[c])
            length = plot * max(0.0, min(value, scale)) / scale
            out.append(f'<rect x="{left}" y="{_n(y)}" width="{_n(length)}" height="{bar}" fill="{s.color}"/>')
            label = f"{s.name}: {value_text(s.values[c])}" if several else value_text(s.values[c])
            out.append(f'<rect x="{_n(left + length + 2)}" y="{_n(y)}" width="{_n(8 + 7.6 * len(label))}" '
                       f'height="{bar}" fill="{BACKGROUND}"/>')  # the value stays clear of the grid lines
            out.append(_text(left + length + 6, y + 14, label, size=13))
            y += bar + gap
        y += group_gap - gap
    out.append("</svg>")
    return Markup("".join(out))


def step_chart(title: str, description: str, labels: Sequence[tuple[str, str]], values: Sequence[Number], *,
               maximum: Number, ticks: Sequence[Number], value_text: Callable[[Number], str],
               color: str) -> Markup:
    """A value at the end of each period, drawn as steps (it holds until the next period), with the
    area below tinted. ``labels`` are (first line, second line) under each period, e.g. ("Feb",
    "2026"); the value is written above the step wherever it changes, and at the end."""
    left, right, top, bottom_room = 52, 20, 24, 44
    height = 260
    plot_w, plot_h = WIDTH - left - right, height - top - bottom_room
    base = top + plot_h
    scale = float(maximum) if maximum else 1.0
    count = max(1, len(values))
    column = plot_w / count
    out = _open(title, description, height)
    for t in ticks:
        y = base - plot_h * float(t) / scale
        out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{_n(left + plot_w)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(left - 6, y + 4, value_text(t), anchor="end", size=12, color=MUTED))
    points: list[tuple[float, float]] = []
    for i, value in enumerate(values):
        y = base - plot_h * max(0.0, min(float(value), scale)) / scale
        points += [(left + i * column, y), (left + (i + 1) * column, y)]
    if points:
        line = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        area = f"{_n(left)},{_n(base)} {line} {_n(left + plot_w)},{_n(base)}"
        out.append(f'<polygon points="{area}" fill="{color}" fill-opacity="0.14"/>')
        out.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="3" stroke-linejoin="round"/>')
    out.append(f'<line x1="{left}" y1="{_n(base)}" x2="{_n(left + plot_w)}" y2="{_n(base)}" stroke="{MUTED}" stroke-width="1"/>')
    every = max(1, round(count / 12 + 0.49))  # at most about twelve labels under the axis
    previous = None
    for i, value in enumerate(values):
        middle = left + (i + 0.5) * column
        if i % every == 0 or i == count - 1:
            first, second = labels[i]
            out.append(_text(middle, base + 17, first, anchor="middle", size=12, color=MUTED))
            if second:
                out.append(_text(middle, base + 32, second, anchor="middle", size=12, color=MUTED))
        if value != previous or i == count - 1:
            y = base - plot_h * max(0.0, min(float(value), scale)) / scale
            out.append(_text(middle, max(top - 6, y - 8), value_text(value), anchor="middle", size=13, bold=True))
        previous = value
    out.append("</svg>")
    return Markup("".join(out))


def nice_ticks(maximum: Number, count: int = 5) -> tuple[int, list[int]]:
    """A round top for a scale that holds ``maximum`` (29 -> 30) and about ``count`` whole ticks."""
    top = max(1, int(-(-Fraction(maximum) // 1)))
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if top / step <= count:
            rounded = -(-top // step) * step
            return rounded, list(range(0, rounded + 1, step))
    step = 10 ** (len(str(top)) - 1)
    rounded = -(-top // step) * step
    return rounded, list(range(0, rounded + 1, step))
