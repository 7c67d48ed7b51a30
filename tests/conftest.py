"""Shared fixtures: the builds every test that reads outputs shares, and the fixture coalition.

Each build is made once per session, by the real command, in a temporary folder
(recipes in ck_builds.py; the object each fixture gives is a ``ck_builds.Build``):

- ``default_build``: `coalition build` of a copy of data/: every edition (the private
  volunteer notebook too) and the site. Used by test_build, test_content, the site page and
  browser tests, and the default staff handout.
- ``fjord_build``: `coalition build` of a copy of the fixture coalition (tests/fixtures/fjord):
  every edition and the site. Used by test_build (manifest, identity, privacy, skipping, a
  failed build, permissions), the site page tests, and the notebook file, handout, wallet card
  and poster tests.
- ``fjord_build_again``: the same build once more in another folder; test_reproducible checks
  that it gives the same bytes as ``fjord_build``.
- ``variant_build``: the fixture reshaped (two languages, US Letter, logo, events, no text line,
  no statistics, no outreach file; ``ck_builds.make_variant``), built over a copy of
  ``fjord_build``'s outputs. Used by test_variants and the Letter paper tests.
- ``fork_abroad_build``, ``fork_us_build``: `coalition new` for a coalition in the United
  Kingdom (its FILL IN values then filled by the test) and one in the United States, each
  built (test_fork; the US one prints two quick pieces only: its test reads the website).
- ``notebook_build``: `build_notebook.py` of the fixture's two book editions (volunteer,
  manager) from the notebook tests' own pages (tests/notebook/docs, plus an oversized table).
  Used by tests/notebook/test_book.py.
- ``tour`` (tests/site/conftest.py): every page of ``default_build``'s site visited once in
  Chromium per colour scheme, with axe (ck_browser.py); read by two tests in
  site/test_site_browser.py. The other browser tests drive their own pages.

Other builds belong to one test module each, because they need data, pages or faults of
their own: the hostile-data site (site only; site/test_site_escaping.py, ``hostile_site``), the
Markdown payloads (test_hostile_data.py, ``payload_build``), the small builds test_faults.py
interrupts (``fault_outputs`` and each test's own), the emoji page (test_print_settings.py, one
PDF) and the builds meant to fail (test_build.py, test_cli.py, notebook/test_files.py,
test_hostile_data.py; all but one stop before drawing a PDF).

The builds start in the background as soon as the session starts (only those the selected
tests need, two at a time), and tests run in the order their builds are expected to be ready,
those that need none first. A test that uses a build, or the browser, is marked ``slow``
automatically (a test that builds something of its own is marked by hand);
``-m "not slow"`` runs everything else.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ck_builds import JOBS, READY, Build, Builds
from ck_paths import FJORD

#: Each shared build's fixture, and the jobs (ck_builds.JOBS) it reads.
BUILD_FIXTURES = {
    "default_build": ("default",),
    "fjord_build": ("fjord",),
    "fjord_build_again": ("fjord_again",),
    "variant_build": ("variant",),
    "notebook_build": ("notebook",),
    "tour": ("tour_light", "tour_dark"),  # tests/site/conftest.py
    "fork_abroad_build": ("fork_abroad",),
    "fork_us_build": ("fork_us",),
}
#: Fixtures that build something of their own (for one test module each) or start the browser.
OTHER_SLOW_FIXTURES = {"hostile_site", "browser", "payload_build", "fault_outputs"}


def _jobs_of(item: pytest.Item) -> set[str]:
    names = set(getattr(item, "fixturenames", ()))
    jobs = {job for name in names & BUILD_FIXTURES.keys() for job in BUILD_FIXTURES[name]}
    for job in list(jobs):
        jobs.update(JOBS[job].needs)
    return jobs


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``slow`` means "uses a build or the browser"; and the tests that need no build run first."""
    for item in items:
        if set(getattr(item, "fixturenames", ())) & (BUILD_FIXTURES.keys() | OTHER_SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)

    def ready(item: pytest.Item) -> int:
        return max((READY.index(job) + 1 for job in _jobs_of(item)), default=0)

    items.sort(key=ready)  # stable: the order within a module is kept


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory):
    runner = Builds(tmp_path_factory.mktemp("builds"), workers=min(2, os.cpu_count() or 1))
    yield runner
    runner.close()


@pytest.fixture(scope="session", autouse=True)
def _start_builds(request: pytest.FixtureRequest, builds: Builds) -> None:
    """Start every build a selected test needs, in the background, before the first test."""
    needed = set().union(*(_jobs_of(item) for item in request.session.items))
    for name in JOBS:
        if name in needed:
            builds.start(name)


@pytest.fixture(scope="session")
def default_build(builds: Builds) -> Build:
    """The default coalition (data/), every edition and the site."""
    return builds.get("default")


@pytest.fixture(scope="session")
def fjord_build(builds: Builds) -> Build:
    """The fixture coalition (tests/fixtures/fjord), every edition and the site."""
    return builds.get("fjord")


@pytest.fixture(scope="session")
def fjord_build_again(builds: Builds) -> Build:
    """``fjord_build`` made once more, in another folder."""
    return builds.get("fjord_again")


@pytest.fixture(scope="session")
def variant_build(builds: Builds) -> Build:
    """The reshaped fixture (ck_builds.make_variant), built over a copy of ``fjord_build``."""
    return builds.get("variant")


@pytest.fixture(scope="session")
def notebook_build(builds: Builds) -> Build:
    """The fixture's volunteer and manager editions, printed from tests/notebook/docs."""
    return builds.get("notebook")


@pytest.fixture(scope="session")
def fork_abroad_build(builds: Builds) -> Build:
    """`coalition new` for a coalition in the United Kingdom, its FILL IN values filled, built."""
    return builds.get("fork_abroad")


@pytest.fixture(scope="session")
def fork_us_build(builds: Builds) -> Build:
    """`coalition new` for a coalition in the United States, built."""
    return builds.get("fork_us")


@pytest.fixture
def fjord_copy(tmp_path: Path) -> Path:
    """A writable copy of the fictional Norwegian fixture coalition."""
    target = tmp_path / "data"
    shutil.copytree(FJORD, target)
    return target
