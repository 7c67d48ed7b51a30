"""Page translations: ``page.es.md`` beside ``page.md`` in docs/.

The pages of docs/ are written in English (``page.md``). A translation is the same page in
another language, in a file beside it named with the language's code (``page.es.md``,
``hotel-project/respond.es.md``). A language's website and printed pieces use the translation
of each page when there is one, else the English page under a notice in that language; so a
page never breaks a build for want of a translation, and ``coalition check`` names each page
that has none, for each language the coalition enables.
"""

from __future__ import annotations

from pathlib import Path

from coalition_kit.load.problems import Problem
from coalition_kit.model.identity import SUPPORTED_LANGUAGES

#: The language of docs/page.md.
PAGES_LANGUAGE = "en"


def translation_name(page: str, lang: str) -> str:
    """The file of ``page``'s translation into ``lang``: get-help.md -> get-help.es.md."""
    if lang == PAGES_LANGUAGE:
        return page
    return f"{page.removesuffix('.md')}.{lang}.md"


def translation_language(name: str) -> str | None:
    """The language of a translation file (``get-help.es.md`` -> ``es``), or None for a page."""
    stem = name.removesuffix(".md")
    _, dot, code = stem.rpartition(".")
    if dot and code in SUPPORTED_LANGUAGES and code != PAGES_LANGUAGE:
        return code
    return None


def translation_patterns() -> list[str]:
    """File patterns of every translation (``*.es.md``): a site in English leaves them out."""
    return [f"*.{code}.md" for code in SUPPORTED_LANGUAGES if code != PAGES_LANGUAGE]


def source_pages(docs_dir: Path) -> list[str]:
    """Every page of ``docs_dir`` in the pages' own language, as paths relative to it."""
    return sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md")
                  if path.is_file() and translation_language(path.name) is None)


def page_source(docs_dir: Path, page: str, lang: str) -> tuple[Path, bool]:
    """The file that holds ``page`` in ``lang``, and whether it is in ``lang`` (False: the
    English page, which a reader of ``lang`` sees under a notice)."""
    translated = docs_dir / translation_name(page, lang)
    if translated.is_file():
        return translated, True
    return docs_dir / page, lang == PAGES_LANGUAGE


def missing_page_translations(languages: list[str], docs_dir: Path) -> list[Problem]:
    """A warning for each page with no translation into one of ``languages`` (English needs none):
    ``docs/get-help.md:1:1: warning: no es translation of this page (docs/get-help.es.md)``."""
    from coalition_kit.load.loader import display_path

    found = []
    for lang in languages:
        if lang == PAGES_LANGUAGE:
            continue
        for page in source_pages(docs_dir):
            wanted = docs_dir / translation_name(page, lang)
            if not wanted.is_file():
                found.append(Problem(display_path(docs_dir / page), 1, 1,
                                     f"no {lang} translation of this page ({display_path(wanted)})",
                                     warning=True))
    return found
