"""Chromium helpers for the website tests, and the tour of every page.

The tour (every page once per colour scheme: what the page reported, then axe) is the
longest browser work, so it runs as a shared background job (ck_builds.JOBS) as soon as the
default site is built, in its own thread with its own Playwright and Chromium; the tests in
tests/site/test_site_browser.py check what it saw.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

#: Every page of the site (issue 3 §1), as its URL path under the site root.
PAGES = [
    "", "get-help/", "about-trafficking/", "about-trafficking/myths/", "about-trafficking/glossary/",
    "build-a-coalition/", "build-a-coalition/steps/", "build-a-coalition/who-to-invite/",
    "build-a-coalition/focus-areas/", "build-a-coalition/mission-and-committees/",
    "build-a-coalition/leadership-and-sustainability/", "build-a-coalition/funding/",
    "build-a-coalition/media/", "hotel-project/", "hotel-project/signs/", "hotel-project/respond/",
    "hotel-project/managers/", "hotel-project/volunteers/", "hotel-project/request-training/",
    "our-progress/", "community-readiness/", "events/", "downloads/", "resources/hotlines/", "resources/sources/",
    "about/", "start-a-coalition/",
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

#: What the quick-exit destination serves instead of the real site.
STUB = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"

#: Collects Content-Security-Policy violations the page reports (runs before any page script).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free local port; yields its address (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def guard(ctx, server: str, exit_url: str) -> None:
    """Every request off the local server is logged in ``ctx.outside`` and refused, except the
    quick-exit destination, which gets ``STUB`` (and is logged in ``ctx.exit_requests``)."""
    local = urlsplit(server).netloc
    exit_host = urlsplit(exit_url).netloc

    def handle(route, request):
        host = urlsplit(request.url).netloc
        if host == local:
            route.continue_()
        elif host == exit_host:
            ctx.exit_requests.append(request)
            route.fulfill(status=200, content_type="text/html", body=STUB)
        else:
            ctx.outside.append(request.url)
            route.abort()

    ctx.route("**/*", handle)


# --- the tour --------------------------------------------------------------------------------

AXE_OPTIONS = {
    "light": {
        "runOnly": {"type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
        "resultTypes": ["violations"],
    },
    # The dark scheme changes colours only (same HTML): run the rules that look at colour.
    "dark": {
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
        "resultTypes": ["violations"],
    },
}


@dataclass
class Tour:
    """What one visit of every page, in one colour scheme, saw."""

    scheme: str
    server: str
    csp: dict[str, list[str]] = field(default_factory=dict)  # page: violations reported once loaded
    font: dict[str, str] = field(default_factory=dict)  # page: the body's font-family
    color_scheme: dict[str, str] = field(default_factory=dict)  # page: Material's data-md-color-scheme
    axe: dict[str, list[str]] = field(default_factory=dict)  # page: serious or critical violations
    requested: list[str] = field(default_factory=list)  # every request the pages made
    outside: list[str] = field(default_factory=list)  # requests off the local server (refused)
    cookies: list = field(default_factory=list)  # cookies left after the last page
    storage: int = 0  # localStorage and sessionStorage entries left after the last page


def take_tour(chromium: str, site: Path, exit_url: str, scheme: str,
              stopped: Callable[[], bool] = lambda: False) -> Tour:
    """Visit every page of ``site`` in a fresh Chromium context in colour ``scheme``
    (``stopped`` is asked before each page: the session may end first)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    with serving(site) as server, sync_playwright() as playwright:
        seen = Tour(scheme, server)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
            ctx.outside, ctx.exit_requests = seen.outside, []
            guard(ctx, server, exit_url)
            page = ctx.new_page()
            page.add_init_script(CSP_WATCH)
            page.on("request", lambda req: seen.requested.append(req.url))
            for path in PAGES:
                if stopped():
                    raise RuntimeError("the session ended before the tour did")
                page.goto(server + path)
                page.wait_for_load_state("load")
                seen.csp[path] = page.evaluate("window.__cspViolations")
                seen.font[path] = page.evaluate("getComputedStyle(document.body).fontFamily")
                seen.color_scheme[path] = page.evaluate("document.body.dataset.mdColorScheme")
                results = axe.run(page, options=AXE_OPTIONS[scheme])
                seen.axe[path] = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                                  for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            seen.cookies = ctx.cookies()
            seen.storage = page.evaluate("localStorage.length + sessionStorage.length")
        finally:
            browser.close()
    return seen
