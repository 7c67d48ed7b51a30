"""Print the editions: every edition in every language, with one line of feedback each."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.model.editions import Edition
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.manifest import ManifestEntry, entry_for, size_label
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.pieces import PieceCache
from coalition_kit.pipeline.privacy_guard import PrivacyGuard
from coalition_kit.printed.compose import compose_edition
from coalition_kit.printed.pdf import write_pdf
from coalition_kit.site.engine import markdown_settings


@dataclass(frozen=True)
class Target:
    edition: Edition
    lang: str
    second: str | None = None
    """A bilingual piece's second language (``bilingual: [en, es]`` in editions.yml)."""

    @property
    def language(self) -> str:
        """As the manifest says it: ``es``, or ``en+es`` for a bilingual piece."""
        return f"{self.lang}+{self.second}" if self.second else self.lang

    @property
    def file_name(self) -> str:
        return f"{self.edition.id}-{self.lang}-{self.second}.pdf" if self.second else f"{self.edition.id}-{self.lang}.pdf"


def targets(data: CoalitionData, editions: list[str] | None = None, langs: list[str] | None = None) -> list[Target]:
    """Each chosen edition in each chosen language, then its bilingual copy when editions.yml
    asks for one and both its languages are chosen."""
    chosen = [data.edition(e) for e in editions] if editions else list(data.editions.editions)
    languages = langs or list(data.coalition.languages)
    for lang in languages:
        if lang not in data.coalition.languages:
            raise BuildError(f"language '{lang}' is not enabled in coalition.yml "
                             f"(enabled: {', '.join(data.coalition.languages)})")
    found = []
    for edition in chosen:
        found += [Target(edition, lang) for lang in languages]
        if edition.bilingual and all(lang in languages for lang in edition.bilingual):
            found.append(Target(edition, edition.bilingual[0], edition.bilingual[1]))
    return found


def data_for(data: CoalitionData, edition: Edition) -> CoalitionData:
    """Only an edition marked includes_private sees private data."""
    return data if edition.includes_private else public_view(data)


def compose(data: CoalitionData, target: Target, project: Project, docs_dir: Path | None = None) -> str:
    """The edition's HTML; pages come from ``docs_dir`` (default: the project's docs/)."""
    return compose_edition(data_for(data, target.edition), target.edition, target.lang,
                           docs_dir or project.docs_dir, markdown_settings(project.mkdocs_yml), second=target.second)


@dataclass(frozen=True)
class _Printed:
    """What printing one target gave: its numbers, or the reason it failed."""

    pages: int = 0
    bytes: int = 0
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    failure: str | None = None
    key: str = ""
    """The piece's key (``pieces.PieceCache.key``), when the build keeps a cache."""
    unchanged: bool = False
    """Copied from the last build's dist/: its inputs had not changed."""


@dataclass(frozen=True)
class _Job:
    data: CoalitionData
    project: Project
    docs_dir: Path | None
    guard: PrivacyGuard
    cache: PieceCache | None = None


_JOB: _Job | None = None
"""The job a forked worker prints from (inherited from the parent, never pickled)."""


def _print_one(job: _Job, target: Target, path: Path) -> _Printed:
    started = time.perf_counter()
    try:
        html = compose(job.data, target, job.project, job.docs_dir)
        if not target.edition.includes_private:
            leaks = job.guard.fields_in(html)
            if leaks:
                return _Printed(failure=f"{target.edition.id} [{target.language}]: private data would be printed "
                                        f"in a public edition: the value of {', '.join(map(str, leaks))}; "
                                        "nothing was written")
        pages = job.docs_dir or job.project.docs_dir
        key = job.cache.key(target.file_name, pages, html) if job.cache else ""
        old = job.cache.reuse(target.file_name, key, path) if job.cache else None
        if old is not None:
            return _Printed(old.pages, old.bytes, old.warnings, time.perf_counter() - started, key=key, unchanged=True)
        result = write_pdf(html, path, base_url=pages, readable=[pages, *job.data.referenced_files()])
    except BuildError as exc:
        return _Printed(failure=str(exc))
    except Exception as exc:  # noqa: BLE001 - reported with the edition's name
        return _Printed(failure=f"{target.edition.id} [{target.language}]: failed: {exc}")
    return _Printed(result.pages, result.bytes, tuple(result.warnings), time.perf_counter() - started, key=key)


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _quiet_worker(build_pid: int) -> None:
    """A worker leaves interruptions to the build: Ctrl+C reaches the build alone, which stops
    the workers with SIGTERM, and SIGTERM ends a worker at once, with nothing printed. A build
    killed outright (SIGKILL) takes its workers with it: otherwise they would wait for work
    forever, holding the build's output pipes open."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    if os.getppid() != build_pid:  # the build died before the line above took effect
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)  # blocked while the build forked it


def _end_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (elsewhere: nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1


def _print_in_worker(target: Target, path: Path) -> _Printed:
    assert _JOB is not None
    return _print_one(_JOB, target, path)


def _cost(target: Target) -> int:
    """A rough order of the work a target takes, to start the longest first."""
    weight = {"book": 100, "role-posters": 8, "handout": 4, "safety-cards": 3, "cards": 3, "poster": 1}
    return weight.get(target.edition.layout, 1) * (2 if target.edition.includes_private else 1) * (
        2 if target.second else 1) + len(target.edition.parts)


def _workers(count: int) -> int:
    if count < 2 or not hasattr(os, "fork"):
        return 1
    return max(1, min(count, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _print_all(job: _Job, chosen: list[Target], paths: list[Path]) -> list[_Printed]:
    """Every target printed, in parallel processes on every core (the longest first), each
    result in the order of ``chosen``; a failure is kept with its target while the others finish."""
    global _JOB
    workers = _workers(len(chosen))
    if workers == 1:
        return [_print_one(job, target, path) for target, path in zip(chosen, paths)]
    order = sorted(range(len(chosen)), key=lambda i: -_cost(chosen[i]))
    _JOB = job
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_quiet_worker, initargs=(os.getpid(),))
    try:
        # Forking with an interruption arriving half way loses it (Python's after-fork hooks
        # swallow the exception): hold SIGTERM and Ctrl+C until the workers exist.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            futures = {i: pool.submit(_print_in_worker, chosen[i], paths[i]) for i in order}
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return [futures[i].result() for i in range(len(chosen))]
    except BaseException:  # interrupted: stop the workers too, then let the caller clean up
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


def build_pdfs(data: CoalitionData, project: Project, dist_dir: Path, chosen: list[Target],
               report: Callable[[str], None] = print, output: Path | None = None,
               shown_dir: Path | None = None, docs_dir: Path | None = None,
               guard: PrivacyGuard | None = None, cache: PieceCache | None = None) -> list[ManifestEntry]:
    """Build each target into ``dist_dir`` (or ``output``); ``shown_dir`` is the folder named in feedback.

    With a ``cache``, a target whose key has not changed is copied from the last build (its line
    says ``unchanged``) and each target's key is left in ``cache.recorded``.

    The targets print in parallel, one process per core; the feedback and the entries follow
    the order of ``chosen``. When any target fails, each failure is reported with its name and
    a ``BuildError`` is raised after the others have finished (nothing is published).
    """
    guard = guard or PrivacyGuard(data)
    paths = [output if output is not None else dist_dir / target.file_name for target in chosen]
    printed = _print_all(_Job(data, project, docs_dir, guard, cache), chosen, paths)
    failures = [p.failure for p in printed if p.failure]
    entries: list[ManifestEntry] = []
    for target, path, result in zip(chosen, paths, printed):
        if result.failure:
            continue
        for line in result.warnings:
            report(f"warning      {target.edition.id} [{target.language}]: {line}")
        report(f"{target.edition.id:<12} {target.language:<5} {result.pages:>4} {'page ' if result.pages == 1 else 'pages'}  "
               f"{size_label(result.bytes):>8}  {result.seconds:5.1f} s  {'unchanged  ' if result.unchanged else ''}"
               f"{(shown_dir / path.name) if shown_dir else path}")
        if cache is not None and result.key:
            cache.recorded[path.name] = {"key": result.key, "warnings": list(result.warnings)}
        entries.append(entry_for(path, edition=target.edition.id, language=target.language,
                                 paper=data.coalition.paper, pages=result.pages,
                                 public=not target.edition.includes_private))
    if failures:
        raise BuildError(failures[0] if len(failures) == 1 else
                         f"{len(failures)} pieces failed:\n  " + "\n  ".join(failures))
    return entries
