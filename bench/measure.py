"""Run a measured child process; medians and per-pair ratios."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ChildFailed(Exception):
    """A measured command failed; ``why`` is what it said (its errors)."""

    def __init__(self, command: list[str], why: str) -> None:
        super().__init__(f"{' '.join(command)}: {why}")
        self.why = why


@dataclass(frozen=True)
class ChildRun:
    wall: float
    """Seconds from start to exit, measured here."""
    cpu: float
    """User + system seconds of the child and everything it waited for (RUSAGE_CHILDREN delta)."""
    max_rss_mb: float
    """Peak resident memory of the child (or of its largest waited-for descendant)."""
    stdout: str
    result: dict[str, Any] = field(default_factory=dict)
    """The JSON object on the last line of stdout, if any (``child.py`` tasks print one)."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _last_json(text: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return {}
    return {}


def run_child(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 3600) -> ChildRun:
    """Run ``command``; raise ``ChildFailed`` if it fails. Output goes to files (no pipe to fill)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        try:
            _, status, usage = _wait4(process.pid, started + timeout)
        except TimeoutError:
            process.kill()
            os.waitpid(process.pid, 0)
            raise ChildFailed(command, f"took over {timeout:.0f} s") from None
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = _children_cpu() - cpu_before
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise ChildFailed(command, f"exit {process.returncode}: {_why(stdout + stderr)}")
    return ChildRun(wall, cpu, usage.ru_maxrss / 1024, stdout, _last_json(stdout))


def _why(output: str) -> str:
    """The lines of a failed command's output that say why: its errors, else its last lines (no warnings)."""
    lines = [line.strip() for line in output.strip().splitlines() if ": warning: " not in line]
    errors = [line for line in lines if line.startswith(("error:", "Error:")) or "Error: " in line]
    return " / ".join(errors[-3:] or lines[-3:]) or "no output"


def _wait4(pid: int, deadline: float) -> tuple[int, int, Any]:
    """``os.wait4`` polled until ``deadline`` (so a stuck child cannot hang the benchmark)."""
    while True:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited == pid:
            return waited, status, usage
        if time.perf_counter() > deadline:
            raise TimeoutError
        time.sleep(0.005)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """The ratio of each pair measured back to back (round by round)."""
    return [n / d for n, d in zip(numerators, denominators) if n is not None and d]
