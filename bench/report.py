"""The machine a run was made on, and tables printed as plain text and as Markdown."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append(["" if c is None else str(c) for c in cells])

    def text(self) -> str:
        widths = [max(len(h), *(len(r[i]) for r in self.rows)) if self.rows else len(h)
                  for i, h in enumerate(self.headers)]
        line = "  ".join("-" * w for w in widths)
        out = [self.title, line, "  ".join(h.ljust(w) for h, w in zip(self.headers, widths)), line]
        out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in self.rows]
        out += [line] + [f"  {note}" for note in self.notes]
        return "\n".join(out)

    def markdown(self) -> str:
        def cells(values: list[str]) -> str:
            return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

        out = [f"#### {self.title}", "", cells(self.headers), cells(["---"] * len(self.headers))]
        out += [cells(row) for row in self.rows]
        if self.notes:
            out += [""] + [f"- {note}" for note in self.notes]
        return "\n".join(out)


def _meminfo_total() -> str:
    try:
        text = Path("/proc/meminfo").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    match = re.search(r"^MemTotal:\s+(\d+) kB", text, re.M)
    return f"{int(match.group(1)) / (1024 * 1024):.1f} GiB" if match else "unknown"


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else (platform.processor() or "unknown")


def git_commit(root: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_lines(root: Path, load_before: tuple[float, float, float], load_after: tuple[float, float, float],
                  mode: str, rounds: int) -> list[str]:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"date: {now}; commit {git_commit(root)}; mode: {mode}, {rounds} round{'s' if rounds != 1 else ''}",
        f"machine: {cpu_count()} cores (nproc), {_meminfo_total()} memory, {_cpu_model()}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"load average (1, 5, 15 min) before the run: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
        f"after it: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} (a load above the number of cores "
        "means other processes competed for them: read the ratios of back-to-back pairs, and the CPU ratios, rather "
        "than absolute seconds)",
    ]


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def ratio(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f} %" if percent else f"{value:.2f}"


def ratio_list(values: list[float], percent: bool = False) -> str:
    return ", ".join(ratio(v, percent) for v in values) or "—"
