"""`coalition serve` shows data problems in the browser, where the person editing looks, and
turns back into the site when the file is fixed (live reload, allowed by the pages' CSP)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ck_browser import AXE_OPTIONS, CSP_WATCH, guard
from ck_builds import edit
from ck_paths import ROOT
from coalition_kit.load.problems import Problem
from coalition_kit.site.csp import source_hash
from coalition_kit.site.problems_page import failure_page, problems_page

PROBLEMS_TITLE = re.compile(r"^Data problems – \d+ found$")
SITE_TITLE = "Fjordby Alliance"  # in every page title of the fixture coalition's site

# --- the page itself ------------------------------------------------------------------------

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" data-ck-csp content="([^"]*)">')
_INLINE = re.compile(r"<(script|style)(?![^>]*\ssrc\s*=)(?:\s[^>]*)?>(.*?)</\1>", re.S | re.I)


def title(html: str) -> str:
    found = _TITLE.search(html)
    return found.group(1).strip() if found else ""


def assert_every_inline_script_allowed(html: str) -> None:
    """The page's own policy lets each of its inline scripts and styles run (so MkDocs'
    live-reload script too), and nothing else: no 'unsafe-inline'."""
    policy = _CSP.search(html)
    assert policy, "no Content-Security-Policy meta"
    assert "unsafe-inline" not in policy.group(1)
    for kind, body in _INLINE.findall(html):
        assert source_hash(body) in policy.group(1), f"an inline {kind} the policy blocks: {body[:80]!r}"


def test_problems_page_lists_each_problem_escaped() -> None:
    problems = [
        Problem("data/coalition.yml", 12, 8, "paper: '<script>alert(1)</script>' is not allowed; use one of 'letter' or 'a4'"),
        Problem("data/<b>x</b>.yml", 3, 1, "a & b", hint='say "<i>"'),
    ]
    html = problems_page(problems)
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert title(html) == "Data problems – 2 found"
    assert html.count("<li>") == 2 and "<ol>" in html
    assert "data/coalition.yml</span>, line 12, column 8" in html
    assert "&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; is not allowed" in html
    assert "data/&lt;b&gt;x&lt;/b&gt;.yml" in html and "a &amp; b" in html
    assert "Hint: say &quot;&lt;i&gt;&quot;" in html
    assert "<script>alert" not in html and "<b>x" not in html and "<i>" not in html
    assert_every_inline_script_allowed(html)
    assert "default-src 'none'" in _CSP.search(html).group(1)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "the page loads nothing from outside"


def test_failure_page_escapes_the_message() -> None:
    html = failure_page("the website build failed:\n  <img src=x onerror=alert(1)>")
    assert title(html) == "The website build failed"
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html


# --- the preview, running --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page at ``url`` (its body, whatever its status)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_for(what: str, probe: Callable[[], str | None], timeout: float = 30) -> str:
    """Poll ``probe`` until it returns a page; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.25)


def page_titled(url: str, wanted: Callable[[str], bool]) -> Callable[[], str | None]:
    def probe() -> str | None:
        html = fetch(url)
        return html if wanted(title(html)) else None

    return probe


def is_problems(text: str) -> bool:
    return bool(PROBLEMS_TITLE.match(text))


def is_site(text: str) -> bool:
    return SITE_TITLE in text and not is_problems(text)


@contextlib.contextmanager
def previewing(data: Path | None = None, *, project: Path = ROOT, timeout: float = 120) -> Iterator[str]:
    """`coalition serve --data DATA` on a free port, as a user starts it; yields its address.
    Without ``data``: `coalition serve` in the folder ``project`` (its own docs/ and data/)."""
    port = _free_port()
    log = (data.parent if data is not None else project) / "serve.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    chosen = ["--data", str(data)] if data is not None else []
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "coalition_kit.cli", "serve", *chosen,
                                    "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}/"

    def answering() -> str | None:
        if process.poll() is not None:
            pytest.fail(f"serve stopped ({process.returncode}):\n{log.read_text()}")
        try:
            return fetch(url)
        except OSError:
            return None

    try:
        wait_for("the preview to start", answering, timeout=timeout)
        time.sleep(1)  # the file watcher takes its first look at the folders
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: the preview removes its temporary folder
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def line_of(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(start))


@pytest.mark.slow  # runs a preview of its own
def test_serve_starts_with_bad_data_showing_the_problems_then_the_site(fjord_copy: Path) -> None:
    coalition = fjord_copy / "coalition.yml"
    good = coalition.read_text(encoding="utf-8")
    edit(coalition, "paper: a4", "paper: a5")
    line = line_of(coalition, "paper:")
    with previewing(fjord_copy) as url:
        for path in ("", "get-help/", "hotel-project/signs/", "no/such/page/", "search/search_index.json"):
            html = fetch(url + path)
            assert title(html) == "Data problems – 1 found", path
            assert f"coalition.yml</span>, line {line}, column 8" in html
            assert "paper: &#x27;a5&#x27; is not allowed; use one of &#x27;letter&#x27; or &#x27;a4&#x27;" in html
            assert "livereload(" in html  # the page reloads by itself…
            assert_every_inline_script_allowed(html)  # …which its policy allows

        coalition.write_text(good, encoding="utf-8")
        html = wait_for("the site after the fix", page_titled(url + "get-help/", is_site))
        assert "livereload(" in html
        assert_every_inline_script_allowed(html)  # the site's pages reload in the preview too
        assert is_site(title(fetch(url)))


@pytest.mark.slow  # runs a preview of its own
def test_a_bad_save_shows_the_problems_on_every_page_until_fixed(fjord_copy: Path) -> None:
    coalition = fjord_copy / "coalition.yml"
    good = coalition.read_text(encoding="utf-8")
    with previewing(fjord_copy) as url:
        assert is_site(title(fetch(url + "get-help/")))

        edit(coalition, "city: Fjordby", 'city: "FILL IN: <script>alert(1)</script> & more"')
        html = wait_for("the problems page", page_titled(url + "get-help/", is_problems))
        assert title(html) == "Data problems – 1 found"
        assert f"coalition.yml</span>, line {line_of(coalition, 'city:')}, column 7" in html
        assert "city: not filled in yet: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
        assert "Hint: Write the real value here" in html
        assert "<script>alert(1)" not in html
        assert title(fetch(url + "about/")) == title(fetch(url + "not/a/page")) == title(html)

        coalition.write_text(good, encoding="utf-8")
        wait_for("the site after the fix", page_titled(url + "get-help/", is_site))
        assert is_site(title(fetch(url + "about/")))


def _title_of(page) -> str:
    """The page's title, or "" while it is reloading."""
    from playwright.sync_api import Error

    try:
        return page.title()
    except Error:
        return ""


@pytest.mark.browser
def test_the_browser_reloads_from_problems_to_site_and_back(browser, fjord_copy: Path) -> None:
    """In Chromium: the problems page passes axe, runs nothing the policy blocks, and live reload
    takes it to the site on the fix and back to the problems on the next bad save. (Titles are
    polled from here: the pages' policy forbids the eval ``wait_for_function`` uses.)"""
    from axe_playwright_python.sync_playwright import Axe

    coalition = fjord_copy / "coalition.yml"
    good = coalition.read_text(encoding="utf-8")
    edit(coalition, "paper: a4", "paper: a5")
    with previewing(fjord_copy) as url:
        ctx = browser.new_context()
        ctx.outside, ctx.exit_requests = [], []
        guard(ctx, url, "https://weather.example.net/today")
        page = ctx.new_page()
        page.add_init_script(CSP_WATCH)
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        try:
            page.goto(url + "get-help/")
            assert is_problems(_title_of(page))
            results = Axe().run(page, options=AXE_OPTIONS["light"])
            serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == []
            assert page.evaluate("window.__cspViolations") == []

            coalition.write_text(good, encoding="utf-8")
            wait_for("the site in the browser", lambda: "site" if is_site(_title_of(page)) else None)
            page.wait_for_load_state("load")
            assert page.url == url + "get-help/"
            assert page.evaluate("window.__cspViolations") == []
            assert "Enabled live reload" in console  # on the problems page, then on the site page

            edit(coalition, "paper: a4", "paper: a5")  # the site page, too, reloads by itself
            wait_for("the problems in the browser", lambda: "problems" if is_problems(_title_of(page)) else None)
            assert page.evaluate("window.__cspViolations") == []
            assert ctx.outside == []
        finally:
            ctx.close()
