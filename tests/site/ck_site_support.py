"""Helpers for the website tests (fixtures are in conftest.py; the builds in tests/conftest.py).

The site tests read two shared builds: the default data/ and the fixture coalition. The
browser tests use the default data's site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ck_browser import PAGES  # noqa: F401 - the site tests import it from here
from ck_builds import Build
from coalition_kit.model import CoalitionData


@dataclass
class BuiltSite:
    name: str
    site: Path
    dist: Path
    data: CoalitionData  # the public view, as the site sees it

    @classmethod
    def of(cls, build: Build) -> BuiltSite:
        return cls(build.name, build.site, build.dist, build.public)

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
