"""Small, fast checks of the site helpers: contrast-safe colours and the CSP step."""

from __future__ import annotations

import random

import pytest

from coalition_kit.site.theme import DARK_SURFACES, LIGHT_SURFACES, contrast, readable_colors
from coalition_kit.site.csp import CspError, apply_csp, source_hash

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" data-ck-csp content="default-src 'none'; script-src 'self'">
<script>var a = 1;</script><script src="x.js"></script><style>:root{--x:1}</style>
</head><body><script id="c" type="application/json">{"a": 1}</script></body></html>"""


def test_csp_hashes_each_inline_script_and_style() -> None:
    out = apply_csp(PAGE)
    policy = out.split('data-ck-csp content="', 1)[1].split('"', 1)[0]
    assert source_hash("var a = 1;") in policy
    assert source_hash('{"a": 1}') in policy
    assert source_hash(":root{--x:1}") in policy.split("style-src", 1)[1]
    assert "'unsafe-inline'" not in policy
    assert apply_csp(out) == out  # idempotent: a second run changes nothing


def test_csp_refuses_a_page_without_the_placeholder() -> None:
    with pytest.raises(CspError):
        apply_csp("<html><head></head></html>")


@pytest.mark.parametrize("seed", range(5))
def test_theme_colours_pass_aa_for_any_data(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        primary = "#%06x" % rng.randrange(0x1000000)
        accent = "#%06x" % rng.randrange(0x1000000)
        colors = readable_colors(primary, accent)
        assert contrast(colors["header_bg"], colors["on_primary"]) >= 4.5, primary
        for surface in LIGHT_SURFACES:
            assert contrast(colors["link_light"], surface) >= 4.5, accent
            assert contrast(colors["heading_light"], surface) >= 4.5, primary
        for surface in DARK_SURFACES:
            assert contrast(colors["link_dark"], surface) >= 4.5, accent
            assert contrast(colors["heading_dark"], surface) >= 4.5, primary
