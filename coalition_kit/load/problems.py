"""A problem found in a data file, printed as ``FILE:LINE:COLUMN: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    warning: bool = False
    """A warning does not stop the build (``coalition check --strict`` makes it fail)."""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {kind}{self.message}"


class DataError(Exception):
    """Raised when data cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        lines: list[str] = []
        for problem in self.problems:
            lines.append(str(problem))
            if problem.hint:
                lines.append(f"    hint: {problem.hint}")
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''} found; nothing was built."
