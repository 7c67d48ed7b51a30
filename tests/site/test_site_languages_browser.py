"""The Spanish site in Debian's Chromium (issue 12), served from the variant build (languages
[en, es]): the quick exit by click and by Shift three times, with its words in Spanish; the
hotline in one tap; the language link to the same page; and every Spanish page (and a few
English pages that now carry the language link) with no request off the site, no CSP violation
and no serious or critical axe violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ck_browser import AXE_OPTIONS, CSP_WATCH, PAGES, guard, serving
from ck_builds import Build
from coalition_kit.render.words import WORDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ES = WORDS["es"]


@pytest.fixture(scope="module")
def es_server(variant_build: Build):
    with serving(variant_build.site) as address:
        yield address


@pytest.fixture
def context(browser, es_server, variant_build: Build):
    ctx = browser.new_context()
    ctx.outside, ctx.exit_requests = [], []  # type: ignore[attr-defined]
    guard(ctx, es_server, variant_build.public.coalition.quick_exit_url)
    yield ctx
    ctx.close()


def _open(ctx, url: str):
    page = ctx.new_page()
    page.add_init_script(CSP_WATCH)
    page.goto(url)
    return page


def test_quick_exit_click_on_a_spanish_page(context, es_server, variant_build: Build) -> None:
    exit_url = variant_build.public.coalition.quick_exit_url
    page = _open(context, es_server + "es/")
    page.goto(es_server + "es/get-help/")
    button = page.locator(".ck-exit__button")
    assert button.inner_text().strip().endswith(ES["exit_button"])  # after the hidden "Emergencia: "
    button.click()
    page.wait_for_url(exit_url.rstrip("/") + "*")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == es_server + "es/", page.url  # the page that was left is gone from the history
    assert not context.outside


def test_quick_exit_shift_three_times_speaks_spanish(context, es_server, variant_build: Build) -> None:
    exit_url = variant_build.public.coalition.quick_exit_url
    page = _open(context, es_server + "es/")
    page.goto(es_server + "es/hotel-project/signs/")
    status = page.locator("[data-ck-exit-status]").first
    page.keyboard.press("Shift")
    assert status.text_content() == ES["exit_press_other"].replace("{n}", "2")
    page.keyboard.press("Shift")
    assert status.text_content() == ES["exit_press_one"]
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url.rstrip("/") + "*")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == es_server + "es/"


def test_the_hotline_is_one_tap_on_a_spanish_page(context, es_server, variant_build: Build) -> None:
    hotline = variant_build.public.coalition.primary_hotline
    page = _open(context, es_server + "es/hotel-project/respond/")
    tel = page.locator("[data-ck-hotline-bar] a.ck-tel").first
    assert tel.is_visible()
    assert tel.get_attribute("href") == hotline.tel_href
    assert tel.inner_text().startswith("Llame al ") and hotline.number in tel.inner_text()
    assert tel.bounding_box()["height"] >= 24


def test_the_language_link_leads_to_the_same_page(context, es_server) -> None:
    page = _open(context, es_server + "hotel-project/respond/")
    link = page.locator("a.ck-lang__link[hreflang=es]")
    assert link.is_visible() and link.inner_text() == "Español"
    link.click()
    page.wait_for_url(es_server + "es/hotel-project/respond/")
    assert page.evaluate("document.documentElement.lang") == "es"
    page.locator("a.ck-lang__link[hreflang=en]").click()
    page.wait_for_url(es_server + "hotel-project/respond/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_spanish_search_finds_a_spanish_word(context, es_server) -> None:
    page = _open(context, es_server + "es/")
    box = page.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == "Búsqueda"
    box.click()
    box.press_sequentially("navegar", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert "navegar" in page.locator(".md-search-result").inner_text().lower()
    assert not context.outside


def test_every_spanish_page_is_private_and_accessible(browser, es_server, variant_build: Build) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.outside, ctx.exit_requests = [], []
    requested: list[str] = []
    try:
        guard(ctx, es_server, variant_build.public.coalition.quick_exit_url)
        page = ctx.new_page()
        page.add_init_script(CSP_WATCH)
        page.on("request", lambda request: requested.append(request.url))
        problems = []
        # every Spanish page, and English pages that carry the language link
        for path in [f"es/{p}" for p in PAGES] + ["", "get-help/", "downloads/"]:
            page.goto(es_server + path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == ("es" if path.startswith("es/") else "en")
            violations = page.evaluate("window.__cspViolations")
            problems += [f"/{path} CSP: {v}" for v in violations]
            result = axe.run(page, options=AXE_OPTIONS["light"])
            problems += [f"/{path} axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                         for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        local = urlsplit(es_server).netloc
        others = [url for url in requested if urlsplit(url).netloc not in (local, "") and not url.startswith("data:")]
        assert not others and not ctx.outside, others + ctx.outside
        assert ctx.cookies() == []
        assert not problems, "\n".join(problems)
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["es/get-help/", "get-help/"])
def test_on_a_narrow_phone_the_quick_exit_stays_whole_in_view(browser, es_server, variant_build: Build,
                                                               path: str) -> None:
    """320 CSS pixels wide (WCAG 1.4.10): the language link takes the site name's place in the
    header, so the quick exit, the language link and the hotline all stay on screen."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    ctx.outside, ctx.exit_requests = [], []
    try:
        guard(ctx, es_server, variant_build.public.coalition.quick_exit_url)
        page = ctx.new_page()
        page.goto(es_server + path)
        for selector in (".ck-exit__button", "a.ck-lang__link", ".md-header [data-ck-hotline-bar] a.ck-tel"):
            box = page.locator(selector).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, (selector, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()
