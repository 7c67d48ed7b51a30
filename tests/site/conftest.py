"""Website tests: build the site once per session per data set, serve it, drive Chromium.

Data sets: the fictional fixture coalition always; the default data/ too once
``coalition check`` passes on it. Browser tests use the default data when it is
complete, otherwise the fixture.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from ck_site_support import BROWSER_DATA_SET, DATA_SETS, BuiltSite, build


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sites")


@pytest.fixture(scope="session", params=DATA_SETS)
def built(request, site_builds) -> BuiltSite:
    return build(request.param, site_builds)


@pytest.fixture(scope="session")
def browser_site(site_builds) -> BuiltSite:
    return build(BROWSER_DATA_SET, site_builds)


# --- browser ---------------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="session")
def server(browser_site):
    handler = functools.partial(_QuietHandler, directory=str(browser_site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is required under CI=true (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
