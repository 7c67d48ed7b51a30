"""Everything `coalition check` checks: the data itself, and what editions.yml refers to."""

from __future__ import annotations

from pathlib import Path

from coalition_kit.load.loader import load_data, problem_at
from coalition_kit.load.problems import DataError
from coalition_kit.model import CoalitionData
from coalition_kit.printed.checks import check_editions


def validated_data(data_dir: Path, docs_dir: Path) -> CoalitionData:
    """Load ``data_dir`` and check its editions against ``docs_dir``; raise DataError listing
    every problem, each at its line in the data file."""
    data = load_data(data_dir)
    editions_file = Path(data_dir) / "editions.yml"
    problems = [problem_at(editions_file, ("editions", e, "parts", p, field, i), message)
                for e, p, field, i, message in check_editions(data, docs_dir)]
    if problems:
        raise DataError(problems)
    return data
