"""Colour arithmetic (WCAG 2 contrast), shared by the site's theme and the charts."""

from __future__ import annotations


def _rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)


def luminance(color: str) -> float:
    """WCAG 2 relative luminance."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, toward: str, amount: float) -> str:
    a, b = _rgb(color), _rgb(toward)
    return _hex(tuple(x + (y - x) * amount for x, y in zip(a, b)))  # type: ignore[arg-type]


def readable_on(color: str, *backgrounds: str, target: float = 4.7) -> str:
    """``color``, darkened or lightened just enough to reach ``target`` contrast on every background
    (all light or all dark)."""
    def good(candidate: str) -> bool:
        return all(contrast(candidate, bg) >= target for bg in backgrounds)

    if good(color):
        return _hex(_rgb(color))
    toward = "#000000" if luminance(backgrounds[0]) > 0.18 else "#ffffff"
    for step in range(1, 101):
        candidate = mix(color, toward, step / 100)
        if good(candidate):
            return candidate
    return toward
