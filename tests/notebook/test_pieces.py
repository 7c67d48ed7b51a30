"""Wallet cards and the poster, from the fixture coalition's full build."""

from __future__ import annotations

import re

from pypdf import PdfReader

PX = 96 / 25.4  # WeasyPrint draws in CSS pixels (scaled to points by the page matrix)


def test_wallet_cards_fronts_and_backs(fjord_build):
    pdf = fjord_build.pdf("wallet-card-en.pdf")
    assert len(pdf.pages) == 2
    fronts, backs = ("".join(p.split()) for p in pdf.pages)
    hotline = fjord_build.data.coalition.primary_hotline
    assert fronts.count("".join(hotline.number.split())) == 8  # eight cards a sheet
    assert "SAFE" in fronts and "2020" in fronts and "112" in fronts
    for r in fjord_build.data.hotel.three_rs:
        assert "".join(fjord_build.data.text(r.title).split()) in backs
    assert "Donotconfrontanyone" in backs


def _distinct(values: list[float]) -> list[float]:
    kept: list[float] = []
    for v in values:
        if not kept or v - kept[-1] > 2:
            kept.append(v)
    return kept


def test_wallet_card_crop_marks_frame_credit_card_sized_cells(fjord_build):
    """The vertical crop marks sit 85.6 mm apart and the horizontal ones 54 mm apart."""
    reader = PdfReader(str(fjord_build.dist / "wallet-card-en.pdf"))
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    # marks are thin filled rectangles; collect their x (vertical) and y (horizontal) positions
    rects = [tuple(float(v) for v in m.groups())
             for m in re.finditer(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", content)]
    mark = 5 * PX  # marks are 5 mm long
    xs = sorted({round(x, 1) for x, y, w, h in rects if abs(w) < 1 and abs(abs(h) - mark) < 0.5})
    ys = sorted({round(y, 1) for x, y, w, h in rects if abs(h) < 1 and abs(abs(w) - mark) < 0.5})
    xs, ys = _distinct(xs), _distinct(ys)  # a border is drawn as an outer and an inner rectangle
    assert len(xs) == 3 and len(ys) == 5, (xs, ys)
    assert all(abs((b - a) - 85.6 * PX) < 0.5 for a, b in zip(xs, xs[1:]))
    assert all(abs((b - a) - 54 * PX) < 0.5 for a, b in zip(ys, ys[1:]))


def test_poster_is_one_page_with_the_hotline_and_signs(fjord_build):
    pdf = fjord_build.pdf("poster-en.pdf")
    assert len(pdf.pages) == 1
    flat = pdf.flat
    assert "".join(fjord_build.data.coalition.primary_hotline.number.split()) in flat
    assert "Callthe" in flat and "112" in flat
    for role in fjord_build.data.hotel.roles:
        assert "".join(fjord_build.data.text(role.signs[0]).split()) in flat
    assert "https://fjordby-alliance.example.org/get-help/" in flat


def test_poster_hotline_is_large_enough_to_read_from_two_metres(fjord_build):
    """The hotline number is set at 48 pt or more (about 12 mm capitals)."""
    reader = PdfReader(str(fjord_build.dist / "poster-en.pdf"))
    sizes = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append((text.strip(), font_size * tm[0] * cm[0] if tm[0] and cm[0] else font_size))

    reader.pages[0].extract_text(visitor_text=visitor)
    number = fjord_build.data.coalition.primary_hotline.number
    big = [size for text, size in sizes if text and text in number]
    assert big and max(big) >= 48, sizes[:10]
