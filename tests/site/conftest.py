"""Website tests: the shared builds of the default data and the fixture coalition
(tests/conftest.py), served to Debian's Chromium for the browser tests (helpers in
tests/ck_browser.py).
"""

from __future__ import annotations

import os
import shutil

import pytest

from ck_browser import CHROMIUM_ARGS, Tour, serving
from ck_builds import Build, Builds
from ck_site_support import BuiltSite


@pytest.fixture(scope="session", params=["fjord", "default"])
def built(request, fjord_build: Build, default_build: Build) -> BuiltSite:
    """Each data set's site in turn: the fixture coalition, then the default data."""
    return BuiltSite.of({"fjord": fjord_build, "default": default_build}[request.param])


@pytest.fixture(scope="session")
def browser_site(default_build: Build) -> BuiltSite:
    return BuiltSite.of(default_build)


# --- browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(browser_site):
    with serving(browser_site.site) as address:
        yield address


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


@pytest.fixture(scope="session", params=["light", "dark"])
def tour(request, chromium_path, builds: Builds) -> Tour:
    """Every page of the default site, visited once in this colour scheme (a shared background job)."""
    seen = builds.get(f"tour_{request.param}")
    assert seen is not None, "the tour found no chromium"
    return seen
