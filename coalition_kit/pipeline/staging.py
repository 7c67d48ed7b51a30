"""All or nothing: outputs are built in staging folders and swapped into place together.

- One build at a time per set of outputs: a lock file beside dist/ (released by the system
  if the build dies).
- Staging folders sit beside their targets (``.site-stage-*``, ``.dist-stage-*``), so the
  swap is a rename on one file system; stale ones from a killed build are removed by the
  next build, under the lock.
- The swap writes a journal first, then renames each target to a backup and each staged
  folder to its target, then deletes the journal. A build killed in the middle leaves the
  journal; the next build reads it and finishes the swap (every staged folder in it was
  complete), so site/ and dist/ always come from the same build. SIGINT and SIGTERM are
  held back during the renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coalition_kit.outputs.files import publishable
from coalition_kit.pipeline.errors import BuildError


@dataclass(frozen=True)
class Move:
    staged: Path
    target: Path

    @property
    def backup(self) -> Path:
        return self.target.with_name(f".{self.target.name}-old")


def stage_prefix(target: Path) -> str:
    return f".{target.name}-stage-"


def journal_path(target: Path) -> Path:
    """The swap journal of a set of outputs, kept beside its main folder (dist/)."""
    return target.with_name(f".{target.name}.swap.json")


@contextlib.contextmanager
def output_lock(target: Path) -> Iterator[None]:
    """Hold the lock of a set of outputs (named by its main folder), or fail at once when
    another build holds it."""
    lock = target.with_name(f".{target.name}.lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"cannot write beside {target}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is writing {target} right now (lock {lock}); "
                             "wait for it to finish, then build again") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def make_stage(target: Path) -> Path:
    """An empty staging folder beside ``target``; fails before anything is built when the
    target cannot be replaced (its folder, or the target itself, is not writable)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create {target.parent}: {exc.strerror}") from None
    if target.exists():
        if not target.is_dir():
            raise BuildError(f"{target} is not a folder; move it away or choose another output folder")
        _probe(target)
    try:
        return Path(tempfile.mkdtemp(prefix=stage_prefix(target), dir=target.parent))
    except OSError as exc:
        raise BuildError(f"cannot write in {target.parent}: {exc.strerror}") from None


def _probe(folder: Path) -> None:
    """Replacing a folder renames it, which needs write access to the folder itself."""
    try:
        fd, name = tempfile.mkstemp(prefix=".write-check-", dir=folder)
    except OSError as exc:
        raise BuildError(f"{folder} is not writable ({exc.strerror}); nothing was replaced") from None
    os.close(fd)
    os.unlink(name)


def remove_stale(*targets: Path) -> None:
    """Staging folders and backups left by a build that was killed (call under the lock,
    after ``recover``)."""
    for target in targets:
        if not target.parent.is_dir():
            continue
        for path in target.parent.glob(stage_prefix(target) + "*"):
            shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(Move(target, target).backup, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_journal(journal: Path, moves: list[Move]) -> None:
    payload = [{"staged": str(m.staged), "target": str(m.target)} for m in moves]
    fd, tmp = tempfile.mkstemp(prefix=journal.name + ".", dir=journal.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, journal)


def _roll_forward(moves: list[Move]) -> None:
    for move in moves:
        if not move.staged.exists():
            continue  # this one was already swapped
        if move.target.exists():
            shutil.rmtree(move.backup, ignore_errors=True)
            os.replace(move.target, move.backup)
        os.replace(move.staged, move.target)


def swap_in(moves: list[Move], journal: Path) -> None:
    """Put every staged folder in place of its target, together (``journal``: see ``journal_path``)."""
    for move in moves:
        publishable(move.staged)
    _write_journal(journal, moves)
    _finish(moves, journal)


def _finish(moves: list[Move], journal: Path) -> None:
    """Roll forward with SIGINT and SIGTERM held; once the journal is gone, drop the backups
    (also when a held signal then interrupts)."""
    done = False
    try:
        with _signals_held():
            _roll_forward(moves)
            journal.unlink()
            done = True
    finally:
        if done:
            for move in moves:
                shutil.rmtree(move.backup, ignore_errors=True)


def recover(journal: Path) -> bool:
    """Finish a swap that a killed build left half done; True when there was one."""
    if not journal.is_file():
        return False
    moves = [Move(Path(m["staged"]), Path(m["target"]))
             for m in json.loads(journal.read_text(encoding="utf-8"))]
    _finish(moves, journal)
    return True
