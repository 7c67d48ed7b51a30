"""Hostile data values show as text in every page; `{{ … }}` in data is never evaluated."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ck_paths import FJORD, ROOT
from ck_site_support import visible_text
from coalition_kit.load.loader import load_data
from coalition_kit.model.privacy import public_view
from coalition_kit.paths import Project
from coalition_kit.pipeline.website import publish_site
from coalition_kit.site.inputs import SiteInputs

pytestmark = pytest.mark.slow  # builds a site of its own

EVIL_NAME = "Evil <script>alert(1)</script> {{ 7*7 }}"
EVIL_TAGLINE = "<img src=x onerror=alert(2)> {% raw %}"
EVIL_HOTLINE = 'Safe "Line" <b>bold</b>'
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    data = tmp / "data"
    shutil.copytree(FJORD, data)
    path = data / "coalition.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("name: Fjordby Alliance Against Exploitation\n", f"name: {json.dumps(EVIL_NAME)}\n"),
        ("short_name: Fjordby Alliance\n", f"short_name: {json.dumps(EVIL_NAME)}\n"),
        ("tagline: See it. Say it. Stop it.\n", f"tagline: {json.dumps(EVIL_TAGLINE)}\n"),
        ("    name: Fjordby Safe Line\n", f"    name: {json.dumps(EVIL_HOTLINE)}\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    text += "logo: logo.svg\n"
    (data / "logo.svg").write_text(LOGO, encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    site = tmp / "site"
    public = public_view(load_data(data))
    publish_site(Project(ROOT), SiteInputs(public, public.coalition.main_language, tmp / "dist"), site)
    return site


def _pages(site: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]


def test_no_markup_from_data(hostile_site: Path) -> None:
    for path, page in _pages(hostile_site):
        assert "<script>alert(1)</script>" not in page, path
        assert "<img src=x" not in page, path
        assert "<b>bold</b>" not in page, path
        assert "alert(1)" not in re.sub(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", "", page), \
            f"{path}: the name is not escaped everywhere"


def test_hostile_values_show_as_written(hostile_site: Path) -> None:
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    text = visible_text(home)
    assert EVIL_NAME in text  # the name, literally, with {{ 7*7 }} not evaluated
    assert "Evil alert(1)" not in text
    assert "49" not in text
    title = re.search(r"<title>(.*?)</title>", home, re.S).group(1)
    assert "&lt;script&gt;" in title and "{{ 7*7 }}" in title
    header = re.search(r'<header class="md-header.*?</header>', home, re.S).group(0)
    assert EVIL_NAME in visible_text(header)
    footer = re.search(r"<footer.*?</footer>", home, re.S).group(0)
    assert EVIL_NAME in visible_text(footer)
    assert EVIL_TAGLINE in visible_text(footer)
    assert EVIL_HOTLINE in visible_text(footer)
    bar = re.search(r'<div class="ck-hotline-bar".*?</div>', home, re.S).group(0)
    assert EVIL_HOTLINE in visible_text(bar)


def test_search_index_keeps_markup_escaped(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script>alert(1)</script>" not in doc["text"] and "<script>" not in doc["title"]


def test_logo_from_data_is_copied_and_shown(hostile_site: Path) -> None:
    assert (hostile_site / "assets" / "ck" / "logo.svg").read_text(encoding="utf-8") == LOGO
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/ck/logo.svg" alt="">' in home
    deep = (hostile_site / "hotel-project" / "signs" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../../assets/ck/logo.svg" alt="">' in deep
