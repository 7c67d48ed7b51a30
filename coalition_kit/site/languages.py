"""One website per language, from the same docs/ and mkdocs.yml: the main language at the site
root, each other language under /<lang>/ (separate builds, as Material's docs advise).

What differs between the builds of two languages is decided here, apart from the engine:

- the pages: a language other than the pages' own (English) gets a staged copy of docs/ in
  which each page is its translation (``page.es.md`` copied over ``page.md``), or the English
  page when it has none; those pages are listed, and the theme shows them under a notice
  (``overrides/partials/ck-untranslated.html``) with their text marked ``lang="en"``;
- the navigation titles: ``extra.nav_translations.<lang>`` in mkdocs.yml, keyed by the English
  title (a section's or page's label in ``nav``, or for a page listed without a label, the
  first ``# heading`` of the English page);
- the links between languages: ``extra.alternate`` (Material's key), read by the language
  link in the header and the ``hreflang`` links of every page head.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_kit.load.page_translations import PAGES_LANGUAGE, page_source, source_pages, translation_language

__all__ = ["PAGES_LANGUAGE", "SiteLanguage", "alternates", "site_languages", "site_url_for", "stage_docs",
           "translate_nav", "untranslated_nav_titles", "uses_pages_language"]
from coalition_kit.model import CoalitionData
from coalition_kit.render.words import language_name


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    main: bool

    @property
    def folder(self) -> str:
        """Where this language's site is, relative to the site root: "" or "es/"."""
        return "" if self.main else f"{self.code}/"

    @property
    def name(self) -> str:
        """The language's name in that language: English, Español."""
        return language_name(self.code)


def site_languages(data: CoalitionData) -> list[SiteLanguage]:
    """Every language the coalition enables, the main one (built at the root) first."""
    main = data.coalition.main_language
    return [SiteLanguage(code, code == main) for code in data.coalition.languages]


def site_url_for(base: str | None, lang: str, data: CoalitionData) -> str | None:
    """The address of ``lang``'s site when the main one is at ``base`` (None when unknown)."""
    if not base:
        return None
    return base.rstrip("/") + "/" + next(s.folder for s in site_languages(data) if s.code == lang)


def alternates(data: CoalitionData, lang: str, base: str | None = None) -> list[dict[str, Any]]:
    """``extra.alternate`` for ``lang``'s build: each language's site root, relative to this build's
    root (``link``), absolute when the site's address is known (``base``); empty for one language."""
    languages = site_languages(data)
    if len(languages) < 2:
        return []
    this = next(s for s in languages if s.code == lang)
    up = "" if this.main else "../"
    found = []
    for other in languages:
        link = "" if other.code == lang else up + other.folder
        found.append({"name": other.name, "lang": other.code, "link": link, "default": other.main,
                      "base": site_url_for(base, other.code, data)})
    return found


# --- pages ---------------------------------------------------------------------------------------

def stage_docs(docs_dir: Path, lang: str, into: Path) -> list[str]:
    """Copy ``docs_dir`` into ``into`` with each page in ``lang`` (its translation over it) and no
    translation files left; returns the pages that have no translation into ``lang``."""
    shutil.copytree(docs_dir, into, dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if translation_language(n) is not None])
    untranslated = []
    for page in source_pages(docs_dir):
        source, translated = page_source(docs_dir, page, lang)
        if translated and source != docs_dir / page:
            shutil.copyfile(source, into / page)
        elif not translated:
            untranslated.append(page)
    return untranslated


# --- navigation titles ---------------------------------------------------------------------------

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


def english_title(docs_dir: Path, page: str) -> str | None:
    """The first ``# heading`` of the English page, unless it prints a value (``{{ … }}``)."""
    path = docs_dir / page
    if not path.is_file():
        return None
    match = _HEADING.search(_FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1))
    if not match or "{{" in match.group(1):
        return None
    return match.group(1)


def _entries(nav: Any, docs_dir: Path):
    """(English title, label or page, is a label) of each nav entry, depth first."""
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            title = english_title(docs_dir, item)
            if title:
                yield title, item, False
        elif isinstance(item, dict):
            for label, value in item.items():
                yield label, label, True
                if isinstance(value, list):
                    yield from _entries(value, docs_dir)


def translate_nav(nav: Any, table: dict[str, str], docs_dir: Path) -> Any:
    """``nav`` with each title in ``table`` (English title -> translation) replaced; a page listed
    without a label gets one when its English heading is in the table."""
    if isinstance(nav, list):
        return [translate_nav(item, table, docs_dir) for item in nav]
    if isinstance(nav, str):
        title = english_title(docs_dir, nav)
        return {table[title]: nav} if title and title in table else nav
    if isinstance(nav, dict):  # a label: a page's (its value a path) or a section's (a list)
        return {table.get(label, label): value if isinstance(value, str) else translate_nav(value, table, docs_dir)
                for label, value in nav.items()}
    return nav


def untranslated_nav_titles(nav: Any, table: dict[str, str], docs_dir: Path) -> list[str]:
    """The English titles of ``nav`` that ``table`` does not translate, in the order of the nav."""
    missing: list[str] = []
    for title, _, _ in _entries(nav, docs_dir):
        if title not in table and title not in missing:
            missing.append(title)
    return missing


def uses_pages_language(lang: str) -> bool:
    return lang == PAGES_LANGUAGE
