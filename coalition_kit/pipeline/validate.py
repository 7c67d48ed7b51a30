"""Everything `coalition check` checks: the data itself, and what editions.yml refers to."""

from __future__ import annotations

from pathlib import Path

from coalition_kit.load.leftovers import page_leftovers
from coalition_kit.load.loader import load_data, problem_at
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.model import CoalitionData
from coalition_kit.printed.checks import check_editions


def validated_data(data_dir: Path, docs_dir: Path, warnings: list[Problem] | None = None) -> CoalitionData:
    """Load ``data_dir`` and check its editions against ``docs_dir``; raise DataError listing
    every problem, each at its line in the data file (warnings go to ``warnings``)."""
    data = load_data(data_dir, warnings)
    if warnings is not None:
        warnings.extend(page_leftovers(data.coalition, docs_dir))
    editions_file = Path(data_dir) / "editions.yml"
    problems = [problem_at(editions_file, ("editions", e, "parts", p, field, i), message)
                for e, p, field, i, message in check_editions(data, docs_dir)]
    if problems:
        raise DataError(problems)
    return data


def warning_lines(warnings: list[Problem]) -> list[str]:
    """Each warning as ``FILE:LINE:COLUMN: warning: message``, with its hint on the next line."""
    lines: list[str] = []
    for warning in sorted(warnings):
        lines.append(str(warning))
        if warning.hint:
            lines.append(f"    hint: {warning.hint}")
    return lines
