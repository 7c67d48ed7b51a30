"""Everything `coalition check` checks: the data itself, and what editions.yml refers to."""

from __future__ import annotations

from pathlib import Path

from coalition_kit.load.leftovers import page_leftovers
from coalition_kit.load.loader import display_path, load_data, problem_at
from coalition_kit.load.page_translations import PAGES_LANGUAGE, missing_page_translations
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.model import CoalitionData
from coalition_kit.printed.checks import check_editions


def validated_data(data_dir: Path, docs_dir: Path, warnings: list[Problem] | None = None, *,
                   loaded: CoalitionData | None = None) -> CoalitionData:
    """Load ``data_dir`` and check its editions against ``docs_dir``; raise DataError listing
    every problem, each at its line in the data file (warnings go to ``warnings``).

    ``loaded``: the data this function returned for the same version of ``data_dir``, checked
    again against ``docs_dir`` without reading the data files (the preview, after a page edit)."""
    data = loaded if loaded is not None and warnings is None else load_data(data_dir, warnings)
    if warnings is not None:
        warnings.extend(page_leftovers(data.coalition, docs_dir))
        warnings.extend(missing_page_translations(list(data.coalition.languages), docs_dir))
        warnings.extend(missing_nav_titles(list(data.coalition.languages), docs_dir.parent / "mkdocs.yml"))
    editions_file = Path(data_dir) / "editions.yml"
    problems = [problem_at(editions_file, ("editions", e, "parts", p, field, i) if p is not None
                           else ("editions", e, field, i), message)
                for e, p, field, i, message in check_editions(data, docs_dir)]
    if problems:
        raise DataError(problems)
    return data


def missing_nav_titles(languages: list[str], mkdocs_yml: Path) -> list[Problem]:
    """A warning for each navigation title of mkdocs.yml with no translation into a language the
    coalition enables (``extra.nav_translations``), at the line that names it."""
    others = [lang for lang in languages if lang != PAGES_LANGUAGE]
    if not others or not mkdocs_yml.is_file():
        return []
    from coalition_kit.site.engine import missing_nav_titles as missing  # the engine reads mkdocs.yml

    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines()
    found = []
    for lang in others:
        for title in missing(mkdocs_yml, lang):
            line, column = next(((n, text.index(title) + 1) for n, text in enumerate(lines, start=1)
                                 if f"- {title}:" in text), (1, 1))
            found.append(Problem(display_path(mkdocs_yml), line, column,
                                 f"no {lang} title for the navigation entry '{title}' "
                                 f"(add it under extra.nav_translations.{lang})", warning=True))
    return found


def warning_lines(warnings: list[Problem]) -> list[str]:
    """Each warning as ``FILE:LINE:COLUMN: warning: message``, with its hint on the next line."""
    lines: list[str] = []
    for warning in sorted(warnings):
        lines.append(str(warning))
        if warning.hint:
            lines.append(f"    hint: {warning.hint}")
    return lines
