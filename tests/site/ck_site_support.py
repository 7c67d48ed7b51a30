"""Helpers for the website tests (fixtures are in conftest.py).

Data sets: the fictional fixture coalition always; the default data/ too once
``coalition check`` passes on it. Browser tests use the default data when it is
complete, otherwise the fixture.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import write_manifest
from coalition_kit.pipeline.pdfs import build_pdfs, targets
from coalition_kit.pipeline.build import build_everything
from coalition_kit.pipeline.website import publish_site
from coalition_kit.paths import Project
from coalition_kit.site.inputs import SiteInputs
from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import public_view

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "data"
FJORD = ROOT / "tests" / "fixtures" / "fjord"

#: Every page of the site (issue 3 §1), as its URL path under the site root.
PAGES = [
    "", "get-help/", "about-trafficking/", "about-trafficking/myths/", "about-trafficking/glossary/",
    "build-a-coalition/", "build-a-coalition/steps/", "build-a-coalition/who-to-invite/",
    "build-a-coalition/focus-areas/", "build-a-coalition/mission-and-committees/",
    "build-a-coalition/leadership-and-sustainability/", "build-a-coalition/funding/",
    "build-a-coalition/media/", "hotel-project/", "hotel-project/signs/", "hotel-project/respond/",
    "hotel-project/managers/", "hotel-project/volunteers/", "hotel-project/request-training/",
    "community-readiness/", "events/", "downloads/", "resources/hotlines/", "resources/sources/",
    "about/", "start-a-coalition/",
]


def default_data_complete() -> bool:
    try:
        load_data(DEFAULT_DATA)
    except (DataError, Exception):  # noqa: BLE001 - any failure means "not ready yet"
        return False
    return True


DATA_SETS = ["fjord"] + (["default"] if default_data_complete() else [])
BROWSER_DATA_SET = "default" if "default" in DATA_SETS else "fjord"


@dataclass
class BuiltSite:
    name: str
    site: Path
    dist: Path
    data: CoalitionData  # the public view, as the site sees it

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def text(self, path: str) -> str:
        """The visible text of a page's main content, unescaped, whitespace collapsed."""
        return visible_text(article(self.page(path)))

    def t(self, value) -> str:
        return " ".join(self.data.text(value).split())


def article(page_html: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S)
    assert match, "page has no article"
    return match.group(1)


def visible_text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    fragment = re.sub(r"<[^>]+>", " ", fragment)
    return " ".join(html.unescape(fragment).split())


_BUILDS: dict[str, BuiltSite] = {}


def build(name: str, tmp_root: Path) -> BuiltSite:
    if name not in _BUILDS:
        data_dir = FJORD if name == "fjord" else DEFAULT_DATA
        out = tmp_root / name
        if name == "fjord":  # the real pipeline, end to end (small data: fast)
            build_everything(Project(ROOT), data_dir, out / "site", out / "dist", report=lambda _: None)
        else:
            build_public(data_dir, out / "site", out / "dist")
        _BUILDS[name] = BuiltSite(name, out / "site", out / "dist", public_view(load_data(data_dir)))
    return _BUILDS[name]


def build_public(data_dir: Path, site: Path, dist: Path) -> None:
    """The pipeline without the editions that include private data (they never reach the
    website, and the full volunteer notebook is the slowest PDF): keeps the suite fast."""
    data = load_data(data_dir)
    chosen = [t for t in targets(data) if not t.edition.includes_private]
    entries = build_pdfs(data, Project(ROOT), dist, chosen, report=lambda _: None)
    write_manifest(dist, entries, data_digest(data_dir))

    public = public_view(data)
    publish_site(Project(ROOT), SiteInputs(public, public.coalition.main_language, dist,
                                           [asdict(e) for e in entries]), site)
