"""All or nothing under faults: site/ and dist/ change together or not at all.

Builds run as subprocesses (the real command) on a small copy of the fixture coalition (two
quick print pieces and the site) and are interrupted by signals, a full disk, an unwritable
folder or a second build.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ck_builds import SMALL_EDITIONS
from ck_paths import FJORD, ROOT

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def small_data(folder: Path, name: str) -> Path:
    shutil.copytree(FJORD, folder)
    (folder / "editions.yml").write_text(SMALL_EDITIONS, encoding="utf-8")
    coalition = folder / "coalition.yml"
    text = coalition.read_text(encoding="utf-8")
    coalition.write_text(text.replace("name: Fjordby Alliance Against Exploitation", f"name: {name}", 1),
                         encoding="utf-8")
    return folder


def build_command(data: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "coalition_kit.cli", "build", "--data", str(data),
            "--site-dir", str(out / "site"), "--dist", str(out / "dist"), *extra]


def fingerprint(out: Path) -> dict[str, str]:
    """Every file of both outputs and its digest."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".dist.")}


def assert_consistent(out: Path, name: str) -> None:
    """Both outputs whole and from the same build: the one whose coalition is called ``name``."""
    manifest = json.loads((out / "dist" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        pdf = (out / "dist" / entry["file"]).read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == entry["sha256"], entry["file"]
        assert (out / "site" / "downloads" / entry["file"]).read_bytes() == pdf, entry["file"]
    assert name in (out / "site" / "index.html").read_text(encoding="utf-8")
    leftovers = [p.name for p in out.iterdir() if "-stage-" in p.name or p.name.endswith(("-old", ".swap.json"))]
    assert not leftovers, leftovers


@pytest.fixture(scope="module")
def fault_outputs(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A finished build of coalition A, and the data of coalition B to build over it."""
    root = tmp_path_factory.mktemp("faults")
    data_a = small_data(root / "data-a", "Alliance Alpha")
    data_b = small_data(root / "data-b", "Alliance Bravo")
    out = root / "good"
    result = subprocess.run(build_command(data_a, out), cwd=ROOT, env=ENV, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, data_a, data_b


@pytest.fixture
def outputs(fault_outputs, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the good outputs to break, the data they were made from, and the next build's."""
    good, data_a, data_b = fault_outputs
    out = tmp_path / "out"
    shutil.copytree(good, out, symlinks=True)
    return out, data_a, data_b


def _interrupting(mode: str, data: Path, out: Path) -> subprocess.CompletedProcess:
    """Run the build with a signal sent to itself halfway through the swap (after the site
    moved, before dist/ did)."""
    script = f"""
import os, signal, sys
from coalition_kit.pipeline import staging
original = staging._roll_forward
def halfway(moves):
    original(moves[:1])
    os.kill(os.getpid(), signal.{mode})
    original(moves[1:])
staging._roll_forward = halfway
from coalition_kit.cli import main
sys.argv = {build_command(data, out)[2:]!r}
main()
"""
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=300)


def test_sigterm_during_the_build_keeps_the_previous_outputs(outputs) -> None:
    out, _, data_b = outputs
    before = fingerprint(out)
    process = subprocess.Popen(build_command(data_b, out), cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(out.glob(".site-stage-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.glob(".site-stage-*")), "the build never started staging"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "interrupted" in err and "Traceback" not in err
    assert fingerprint(out) == before
    assert_consistent(out, "Alliance Alpha")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from Linux's /proc")
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: the build prints in its own process")
def test_a_build_killed_outright_takes_its_printing_processes_with_it(outputs, tmp_path: Path) -> None:
    """Killed with SIGKILL (a supervisor, a test session ending), the build cannot stop its
    workers itself: they must not linger, holding its output pipes open."""
    _, data_a, _ = outputs
    process = subprocess.Popen(build_command(data_a, tmp_path, "--force"), cwd=ROOT, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _children(process.pid)
    assert len(workers) == 2, "the build never started its two printing processes"
    process.kill()
    process.communicate(timeout=60)  # returns only once every holder of the pipes is gone
    for worker in workers:
        deadline = time.monotonic() + 30
        while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        state = Path(f"/proc/{worker}/stat").read_text().split()[2] if Path(f"/proc/{worker}").exists() else "gone"
        assert state in ("gone", "Z"), f"printing process {worker} outlived the build ({state})"


def test_sigterm_during_the_swap_is_held_until_both_outputs_are_in_place(outputs) -> None:
    out, _, data_b = outputs
    result = _interrupting("SIGTERM", data_b, out)
    assert result.returncode == 1 and "interrupted" in result.stderr, result.stdout + result.stderr
    assert_consistent(out, "Alliance Bravo")


def test_a_build_killed_during_the_swap_is_finished_by_the_next_one(outputs) -> None:
    out, _, data_b = outputs
    result = _interrupting("SIGKILL", data_b, out)
    assert result.returncode == -signal.SIGKILL
    assert (out / ".dist.swap.json").is_file(), "the journal of the swap is left"
    assert "Alliance Bravo" in (out / "site" / "index.html").read_text(encoding="utf-8")
    following = subprocess.run(build_command(data_b, out), cwd=ROOT, env=ENV, capture_output=True, text=True,
                               timeout=300)
    assert following.returncode == 0, following.stdout + following.stderr
    assert "recovered" in following.stdout
    assert "up to date" in following.stdout  # the finished swap was the build it asks for
    assert_consistent(out, "Alliance Bravo")


def test_stale_staging_folders_are_removed_by_the_next_build(outputs) -> None:
    out, data_a, _ = outputs
    for stale in (".dist-stage-x1y2", ".site-stage-z3w4", ".dist-old"):
        (out / stale).mkdir()
        (out / stale / "left.txt").write_text("left by a killed build", encoding="utf-8")
    result = subprocess.run(build_command(data_a, out), cwd=ROOT, env=ENV, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_consistent(out, "Alliance Alpha")


def test_an_unwritable_dist_fails_before_anything_is_replaced(outputs) -> None:
    out, _, data_b = outputs
    before = fingerprint(out)
    command = build_command(data_b, out)
    if os.geteuid() == 0:  # root writes anywhere: run as an ordinary user who owns the files
        if not shutil.which("unshare"):
            pytest.skip("needs unshare (util-linux) to drop root")
        command = ["unshare", "--user", "--map-user=1000", "--map-group=1000", *command]
    (out / "dist").chmod(0o555)
    try:
        result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    finally:
        (out / "dist").chmod(0o755)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "dist" in lines[0] and "not writable" in lines[0], result.stderr
    assert fingerprint(out) == before


def test_a_full_disk_ends_with_one_line_and_keeps_the_previous_outputs(outputs) -> None:
    out, _, data_b = outputs
    before = fingerprint(out)

    def small_files() -> None:  # writing past 64 KB fails as it does on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run(build_command(data_b, out), cwd=ROOT, env=ENV, capture_output=True, text=True,
                            timeout=300, preexec_fn=small_files)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in result.stderr, result.stderr
    assert fingerprint(out) == before
    assert not list(out.glob(".*-stage-*"))


def test_a_second_build_on_the_same_outputs_is_refused(outputs) -> None:
    out, _, data_b = outputs
    with (out / ".dist.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = subprocess.run(build_command(data_b, out), cwd=ROOT, env=ENV, capture_output=True, text=True,
                                timeout=300)
    assert result.returncode == 1
    assert "another build is writing" in result.stderr
    assert_consistent(out, "Alliance Alpha")
