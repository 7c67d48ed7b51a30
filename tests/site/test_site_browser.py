"""Real-browser tests in Debian's Chromium: quick exit, hotline, search, privacy, CSP, axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from ck_browser import CSP_WATCH, PAGES, Tour, guard
from ck_site_support import BuiltSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def context(browser, server):
    """A fresh context in which every request off the local server is logged and refused,
    except the quick-exit destination, which gets a local stub page."""
    ctx = browser.new_context()
    ctx.outside = []  # type: ignore[attr-defined]
    ctx.exit_requests = []  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def _open(ctx, server: str, site: BuiltSite, path: str = ""):
    guard(ctx, server, site.data.coalition.quick_exit_url)
    page = ctx.new_page()
    page.add_init_script(CSP_WATCH)
    page.goto(server + path)
    return page


# --- quick exit ------------------------------------------------------------------

def test_quick_exit_click_replaces_history(context, server, browser_site) -> None:
    exit_url = browser_site.data.coalition.quick_exit_url
    page = _open(context, server, browser_site)
    page.goto(server + "get-help/")
    button = page.locator(".ck-exit__button")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    button.click()
    page.wait_for_url(exit_url.rstrip("/") + "*")
    assert "Weather" in page.content()
    assert context.exit_requests[-1].headers.get("referer") is None  # no-referrer
    page.go_back()
    page.wait_for_load_state()
    # The sensitive page was replaced: Back goes to the page before it, not to get-help.
    assert page.url.rstrip("/") == server.rstrip("/"), page.url
    assert page.locator(".ck-exit__button").is_visible()  # pageshow removed the hiding
    assert not context.outside


def test_quick_exit_shift_three_times(context, server, browser_site) -> None:
    exit_url = browser_site.data.coalition.quick_exit_url
    page = _open(context, server, browser_site)
    page.goto(server + "hotel-project/signs/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "1 more time" in page.locator("[data-ck-exit-status]").first.text_content()
    page.keyboard.press("Shift+KeyA")  # Shift as a modifier: resets the count
    assert page.locator("[data-ck-exit-status]").first.text_content() == ""
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.url.startswith(server)
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url.rstrip("/") + "*")
    page.go_back()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == server.rstrip("/")


def test_quick_exit_shift_count_times_out(context, server, browser_site) -> None:
    page = _open(context, server, browser_site)
    page.clock.install()
    page.reload()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(6000)  # past the 5 s timer: the count starts again
    page.keyboard.press("Shift")
    assert page.url.startswith(server)
    assert "2 more times" in page.locator("[data-ck-exit-status]").first.text_content()


def test_quick_exit_works_without_javascript(browser, server, browser_site) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    ctx.outside, ctx.exit_requests = [], []
    try:
        guard(ctx, server, browser_site.data.coalition.quick_exit_url)
        page = ctx.new_page()
        page.goto(server + "get-help/")
        page.locator(".ck-exit__button").click()
        page.wait_for_url(browser_site.data.coalition.quick_exit_url.rstrip("/") + "*")
        assert ctx.exit_requests
    finally:
        ctx.close()


def test_exit_link_is_among_first_tab_stops(context, server, browser_site) -> None:
    page = _open(context, server, browser_site, "get-help/")
    found = False
    for _ in range(2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-ck-exit')"):
            found = True
            break
    assert found, "the quick exit is not in the first two tab stops"


# --- hotline -------------------------------------------------------------------------

def test_hotline_is_one_tap(context, server, browser_site) -> None:
    hotline = browser_site.data.coalition.primary_hotline
    page = _open(context, server, browser_site, "hotel-project/respond/")
    tel = page.locator("[data-ck-hotline-bar] a.ck-tel").first
    assert tel.is_visible()
    # The number people dial, as the data gives it (``tel``, else the written number).
    dialled = hotline.tel or re.sub(r"[^\d+]", "", hotline.number)
    assert tel.get_attribute("href") == f"tel:{dialled}" == hotline.tel_href
    assert re.fullmatch(r"tel:\+?\d{3,15}", tel.get_attribute("href"))
    assert hotline.number in tel.text_content()
    assert tel.bounding_box()["height"] >= 24
    if hotline.sms_href:
        sms = page.locator("[data-ck-hotline-bar] a.ck-sms").first
        assert sms.get_attribute("href") == hotline.sms_href
        assert hotline.text_number in sms.text_content()


# --- search ----------------------------------------------------------------------------

def test_search_finds_a_word(context, server, browser_site) -> None:
    word = "housekeeping"
    page = _open(context, server, browser_site)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word, delay=20)  # Material searches on key events
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10000)
    assert word in page.locator(".md-search-result").inner_text().lower()
    assert not context.outside
    assert page.evaluate("window.__cspViolations") == []
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


# --- every page, once per colour scheme: privacy, CSP, font, accessibility (axe) ---------------
# The tour that visits them is a shared background job (tests/conftest.py, ck_browser.take_tour).

def test_every_page_stays_on_its_origin(tour: Tour) -> None:
    local = urlsplit(tour.server).netloc
    assert list(tour.csp) == PAGES
    for path in PAGES:
        assert tour.csp[path] == [], f"/{path}: CSP violation"
        assert tour.font[path].startswith('"Atkinson Hyperlegible"'), f"/{path}: {tour.font[path]}"
    others = [url for url in tour.requested if urlsplit(url).netloc not in (local, "") and not url.startswith("data:")]
    assert not others and not tour.outside, others + tour.outside
    assert tour.cookies == []
    assert tour.storage == 0


def test_axe_every_page(tour: Tour) -> None:
    expected = "slate" if tour.scheme == "dark" else "default"
    assert list(tour.axe) == PAGES
    assert all(tour.color_scheme[path] == expected for path in PAGES), tour.color_scheme
    problems = [f"/{path} [{tour.scheme}] {problem}" for path in PAGES for problem in tour.axe[path]]
    assert not problems, "\n".join(problems)
