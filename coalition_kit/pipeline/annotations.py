"""Problems as GitHub Actions workflow commands, so a pull request shows each at its line.

``::error file=data/coalition.yml,line=12,col=8::message`` (``::warning`` for a warning).
GitHub reads ``::`` and ``,`` as separators, so values are escaped as its runner does:
``%``, carriage return and newline in the message; ``:`` and ``,`` too in a property.
"""

from __future__ import annotations

import os
from pathlib import Path

from coalition_kit.load.problems import Problem


def escape_data(text: str) -> str:
    """A command's message, escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``file=…``), escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(file: str, root: Path) -> str:
    """``file`` (as a problem shows it) relative to the repository ``root``, with ``/``;
    unchanged when it lies outside."""
    for path, base in ((os.path.abspath(file), os.path.abspath(root)),
                       (os.path.realpath(file), os.path.realpath(root))):  # through links, too
        relative = os.path.relpath(path, base)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return Path(relative).as_posix()
    return file


def annotation(problem: Problem, root: Path) -> str:
    """``problem`` as one ``::error`` (or ``::warning``) line; its hint is the message's second line."""
    kind = "warning" if problem.warning else "error"
    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    where = (f"file={escape_property(repository_path(problem.file, root))},"
             f"line={problem.line},col={problem.column}")
    return f"::{kind} {where}::{escape_data(message)}"


def annotations(problems: list[Problem], root: Path) -> list[str]:
    """Every problem as an annotation line, in the order of the files and lines."""
    return [annotation(p, root) for p in sorted(problems)]
