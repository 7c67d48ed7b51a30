"""The home page as a front door (issue 10 item 16), the respond page's warnings, the hotline
kept in reach on phones, and the coalition's notice in the footer (item 3).

Uses the shared session builds (``built``, ``browser_site``) and the shared ``browser`` and
``server`` fixtures of conftest.py: nothing here builds a site of its own.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from urllib.parse import urlsplit

import pytest
from jinja2 import Environment, FileSystemLoader

from coalition_kit.load.loader import load_data
from coalition_kit.site.theme import theme_settings

from ck_paths import FJORD, ROOT
from ck_site_support import PAGES, BuiltSite, visible_text

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

#: Each door: the start of its words, and the pages it may lead to.
DOORS = [
    ("I need help now", {"get-help/"}),
    ("I work in a hotel or motel", {"hotel-project/signs/", "hotel-project/respond/"}),
    ("I want to start or join a coalition", {"build-a-coalition/"}),
]

#: Reports Content-Security-Policy violations (added before any page script runs).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def _footer(page_html: str) -> str:
    match = re.search(r"<footer.*?</footer>", page_html, re.S)
    assert match, "page has no footer"
    return match.group(0)


# --- built HTML (both data sets) ------------------------------------------------------------

@pytest.mark.slow
def test_home_is_a_landing_page_without_sidebars(built: BuiltSite) -> None:
    home = built.page("")
    assert 'class="ck-home"' in home, "home.html (the landing template) is not used"
    primary = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', home).group(0)
    secondary = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', home).group(0)
    assert "hidden" in primary and "hidden" in secondary
    # Any other page keeps its navigation.
    other = built.page("hotel-project/signs/")
    assert "hidden" not in re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', other).group(0)


@pytest.mark.slow
def test_home_doors_lead_to_existing_pages(built: BuiltSite) -> None:
    home = built.page("")
    doors = re.findall(r'<a class="ck-door[^"]*" href="([^"]+)">(.*?)</a>', home, re.S)
    assert len(doors) == len(DOORS), doors
    for (href, inner), (words, targets) in zip(doors, DOORS):
        assert visible_text(inner).startswith(words)
        target = posixpath.normpath(href).strip("/") + "/"
        assert target in targets, f"{words!r} leads to {href}"
        assert (built.site / target / "index.html").is_file()
    # The doors are web-only: the printed notebook drops them (coalition_kit/printed/page_tree.py).
    assert re.search(r'<nav [^>]*class="ck-doors ck-web-only"', home)


@pytest.mark.slow
def test_home_keeps_hotline_three_rs_and_only_results_data_has(built: BuiltSite) -> None:
    text = built.text("")
    c = built.data.coalition
    assert built.t(c.name) in text and c.primary_hotline.number in text
    for r in built.data.hotel.three_rs:
        assert built.t(r.title) in text
    results = ("omaha-hotels-trained-2018", "omaha-staff-trained-2018",
               "omaha-properties-trained-2022", "omaha-people-trained-2022")
    known = {s.id for s in built.data.statistics.statistics}
    home = built.page("")
    if all(i in known for i in results):
        assert "Results so far" in text
        for i in results:
            assert f'id="statistic-{i}"' in home
    else:
        assert "Results so far" not in text


@pytest.mark.slow
def test_footer_shows_the_notice_when_data_has_one(built: BuiltSite) -> None:
    notice = built.data.coalition.notice
    for path in ("", "hotel-project/respond/", PAGES[-1]):
        footer = _footer(built.page(path))
        if notice:
            assert built.t(notice) in " ".join(visible_text(footer).split()), f"/{path}"
        else:
            assert "ck-footer__notice" not in footer


def test_notice_reaches_the_footer_escaped() -> None:
    """The theme value and the footer partial, without a build: markup in the notice stays text."""
    data = load_data(FJORD)
    lang = data.coalition.main_language
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))  # like MkDocs: no autoescape

    def footer(notice):
        changed = dataclasses.replace(data, coalition=data.coalition.model_copy(update={"notice": notice}))
        settings = theme_settings(changed, lang)
        html = env.get_template("partials/copyright.html").render(config={"extra": {"ck": settings}})
        return settings, html

    notice = 'Made from <b>public</b> information & "quoted" {{ 7*7 }}'
    settings, html = footer(notice)
    assert settings["notice"] == notice
    assert "Made from &lt;b&gt;public&lt;/b&gt; information &amp; &#34;quoted&#34; {{ 7*7 }}" in html
    assert "<b>" not in html
    settings, html = footer({lang: "Per language", "xx": "Other"})
    assert settings["notice"] == "Per language" and "Per language" in html
    settings, html = footer(None)  # no notice, no paragraph
    assert settings["notice"] == "" and "ck-footer__notice" not in html


def test_css_adds_no_words_to_response_steps() -> None:
    """The doubled "Never: Never confront": no CSS may put words before a step's own title."""
    css = (ROOT / "overrides" / "assets" / "ck" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r"ck-response[^{]*::?before\s*\{[^}]*content:\s*\"[^\"]", css)


# --- in the browser --------------------------------------------------------------------------

def _page(browser, server: str, path: str, viewport: dict, javascript: bool = True):
    ctx = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    local = urlsplit(server).netloc
    ctx.outside = []  # type: ignore[attr-defined]

    def handle(route, request):  # nothing leaves the local server
        if urlsplit(request.url).netloc == local:
            route.continue_()
        else:
            ctx.outside.append(request.url)
            route.abort()

    ctx.route("**/*", handle)
    page = ctx.new_page()
    page.add_init_script(CSP_WATCH)
    page.goto(server + path)
    page.wait_for_load_state("load")
    return ctx, page


@pytest.mark.browser
@pytest.mark.slow
def test_three_doors_in_the_first_phone_screen(browser, server, browser_site) -> None:
    ctx, page = _page(browser, server, "", PHONE)
    try:
        doors = page.locator("a.ck-door")
        assert doors.count() == len(DOORS)
        assert page.evaluate("window.scrollY") == 0
        hrefs = []
        for i, (words, targets) in enumerate(DOORS):
            door = doors.nth(i)
            assert door.is_visible()
            box = door.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (words, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (words, box)
            assert box["height"] >= 44, (words, box)  # a comfortable target, not a thin line
            assert door.inner_text().strip().startswith(words)
            hrefs.append(door.evaluate("a => a.href"))
        assert page.evaluate("window.__cspViolations") == []
        for href, (words, targets) in zip(hrefs, DOORS):
            response = page.goto(href)
            assert response is not None and response.status == 200, (words, href)
            path = urlsplit(href).path.lstrip("/")
            assert path in targets, (words, href)
            assert page.locator("article h1").count() == 1
        assert not ctx.outside, ctx.outside
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
def test_home_has_no_left_sidebar(browser, server, browser_site) -> None:
    ctx, page = _page(browser, server, "", DESKTOP)
    try:
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-sidebar--secondary").is_visible()
        # The doors sit side by side on a wide screen, all in the first screen.
        boxes = [page.locator("a.ck-door").nth(i).bounding_box() for i in range(len(DOORS))]
        assert len({round(b["y"]) for b in boxes}) == 1, boxes
        assert all(b["y"] + b["height"] <= DESKTOP["height"] for b in boxes), boxes
        assert page.locator(".ck-exit__button").is_visible()
        assert page.locator("[data-ck-hotline-bar] a.ck-tel:visible").count() >= 1
        assert page.evaluate("window.__cspViolations") == []
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
def test_respond_warnings_are_single_and_full_size(browser, server, browser_site) -> None:
    ctx, page = _page(browser, server, "hotel-project/respond/", PHONE)
    try:
        body_size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article.md-typeset > p')).fontSize)")
        warning = page.locator(".admonition.warning").first
        assert warning.is_visible()
        for part in (".admonition.warning > p:not(.admonition-title)", ".admonition.warning > .admonition-title"):
            size = page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{part}')).fontSize)")
            assert size >= body_size, (part, size, body_size)
        # The text a reader sees (and a screen reader reads), including any CSS-generated words.
        texts = page.evaluate("""() => [...document.querySelectorAll(
            '.admonition.warning .admonition-title, .admonition.warning > p, .ck-response__never > strong')]
            .map(el => {
              const before = getComputedStyle(el, '::before').content;
              const added = /^["'].+["']$/.test(before) ? before.slice(1, -1) : '';
              return (added + el.innerText).trim();
            })""")
        assert texts, "no warning found on the respond page"
        for text in texts:
            assert not re.match(r"(\w+)\W+\1\b", text, re.I), f"doubled word: {text!r}"
            assert not text.startswith("Never: Never")
        assert page.evaluate("window.__cspViolations") == []
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hotline_stays_in_reach_on_a_phone(browser, server, browser_site, javascript) -> None:
    hotline = browser_site.data.coalition.primary_hotline
    ctx, page = _page(browser, server, "hotel-project/respond/", PHONE, javascript=javascript)
    try:
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(200)
        assert page.evaluate("window.scrollY") > PHONE["height"], "the page did not scroll"
        tel = page.locator("[data-ck-hotline-bar] a.ck-tel:visible").first
        assert tel.get_attribute("href") == hotline.tel_href
        box = tel.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        assert box["height"] >= 24
        # Nothing lies over it: the link itself is what a tap at its centre reaches.
        hit = page.evaluate("([x, y]) => { const el = document.elementFromPoint(x, y); "
                            "return !!el && !!el.closest('a.ck-tel'); }",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit, "the hotline link is covered"
        # It covers nothing at the end of the page: the footer's last line is below the header.
        header_bottom = page.locator("header.md-header").bounding_box()
        last = page.locator(".ck-footer__privacy").bounding_box()
        assert last["y"] >= header_bottom["y"] + header_bottom["height"], (last, header_bottom)
        assert page.locator(".ck-exit__button").is_visible()
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
def test_phone_header_leaves_anchored_headings_in_view(browser, server, browser_site) -> None:
    """A link to a section lands below the taller sticky header, not under it (WCAG 2.4.11)."""
    ctx, page = _page(browser, server, "hotel-project/respond/", PHONE)
    try:
        heading = page.locator("article h2[id]").nth(2)
        anchor = heading.get_attribute("id")
        page.goto(server + "hotel-project/respond/#" + anchor)
        page.wait_for_timeout(300)
        header = page.locator("header.md-header").bounding_box()
        box = heading.bounding_box()
        assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    finally:
        ctx.close()
