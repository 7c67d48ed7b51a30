"""End to end: `coalition build` on a copy of data in a temporary folder, as `make build` runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from ck_paths import DEFAULT_DATA, FJORD, ROOT
from coalition_kit.load.loader import load_data
from coalition_kit.model.privacy import private_values

# Strings that identify the embedded default coalition; a fork's outputs must show none.
DEFAULT_IDENTITY = ["Omaha", "Nebraska", "notrafficking", "Coalition on Human Trafficking",
                    "1-888-373-7888", "8883737888", "233733", "#1f4e79", "Realize"]


def build(data_dir: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coalition_kit.cli", "build", "--data", str(data_dir),
         "--site-dir", str(out / "site"), "--dist", str(out / "dist")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=env, umask=0o022,
    )


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(site.rglob("*")) if p.suffix in {".html", ".json", ".xml", ".css", ".js", ".ics"})


@pytest.fixture(scope="module")
def fjord_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fjord-build")
    data = out / "data"
    shutil.copytree(FJORD, data)
    result = build(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_build_writes_site_pdfs_and_manifest(fjord_build: Path) -> None:
    site, dist = fjord_build / "site", fjord_build / "dist"
    assert (site / "index.html").is_file()
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert manifest, "manifest lists no file"
    for entry in manifest:
        path = dist / entry["file"]
        assert path.is_file()
        assert {"file", "edition", "language", "paper", "pages", "sha256"} <= entry.keys()
        assert entry["paper"] == "a4" and entry["language"] == "en" and entry["pages"] >= 1
        assert len(PdfReader(path).pages) == entry["pages"]
        assert (site / "downloads" / entry["file"]).is_file() == entry["public"]


def test_fork_shows_its_own_identity_and_none_of_the_default(fjord_build: Path) -> None:
    text = site_text(fjord_build / "site")
    home = (fjord_build / "site" / "index.html").read_text(encoding="utf-8")
    assert "Fjordby Alliance" in home
    assert 'href="tel:+4700000001"' in home
    for pdf in (fjord_build / "dist").glob("*.pdf"):
        content = pdf_text(pdf)
        assert "Fjordby" in content
        text += content
    leaked = [marker for marker in DEFAULT_IDENTITY if marker.lower() in text.lower()]
    assert not leaked, f"the fork's outputs show the default coalition's identity: {leaked}"


def test_private_values_reach_no_public_output(fjord_build: Path) -> None:
    secrets = private_values(load_data(fjord_build / "data"))
    assert "PRIVATE-NOTE-FJORD-7731" in secrets
    public = site_text(fjord_build / "site")
    manifest = json.loads((fjord_build / "dist" / "manifest.json").read_text(encoding="utf-8"))["files"]
    for entry in manifest:
        if entry["public"]:
            public += pdf_text(fjord_build / "dist" / entry["file"])
    found = [s for s in secrets if s in public]
    assert not found, f"private values in public outputs: {found}"


def test_failed_build_keeps_the_previous_outputs(fjord_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(fjord_build / "site", out / "site")
    shutil.copytree(fjord_build / "dist", out / "dist")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    data = tmp_path / "data"
    shutil.copytree(fjord_build / "data", data)
    # A private note that repeats public text: the privacy guard must stop the build.
    outreach = data / "outreach.yml"
    outreach.write_text(outreach.read_text(encoding="utf-8").replace(
        "PRIVATE-NOTE-FJORD-7731", "Fjordby Alliance Against Exploitation"), encoding="utf-8")
    result = build(data, out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "private data" in result.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed or left files behind"


def test_same_input_same_bytes(tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH set, two builds of the same data give identical site and PDFs."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000"}
    data = tmp_path / "data"
    shutil.copytree(FJORD, data)
    outputs = []
    for run in ("one", "two"):
        result = build(data, tmp_path / run, env)
        assert result.returncode == 0, result.stdout + result.stderr
        root = tmp_path / run
        # the build cache stamp names the output folder, which differs here on purpose
        outputs.append({str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                        if p.is_file() and p.name != ".build-inputs.json"})
    assert outputs[0].keys() == outputs[1].keys()
    different = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert not different, f"files differ between two builds: {different}"


def test_default_coalition_builds_from_a_copy(default_build: Path) -> None:
    home = (default_build / "site" / "index.html").read_text(encoding="utf-8")
    assert "The Coalition on Human Trafficking, Inc." in home
    assert 'href="tel:+18883737888"' in home
    assert "info@notrafficking.org" in home
    log = (default_build / "build.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if re.search(r"\d+ pages?\b", line)]
    manifest = json.loads((default_build / "dist" / "manifest.json").read_text())["files"]
    assert len(lines) == len(manifest) == 5


def test_second_build_with_nothing_changed_is_skipped(fjord_build: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in fjord_build.rglob("*") if p.is_file()}
    result = build(fjord_build / "data", fjord_build)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in fjord_build.rglob("*") if p.is_file()} == before


def test_a_data_change_rebuilds(fjord_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(fjord_build, out)
    tagline = out / "data" / "coalition.yml"
    tagline.write_text(tagline.read_text(encoding="utf-8").replace("See it. Say it. Stop it.", "Look. Listen. Report."),
                       encoding="utf-8")
    result = build(out / "data", out)
    assert result.returncode == 0, result.stderr
    assert "up to date" not in result.stdout
    assert "Look. Listen. Report." in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_outputs_are_readable_by_a_web_server(fjord_build: Path) -> None:
    """Staging uses private temp files; what is published must be world-readable (umask 022 here)."""
    site, dist = fjord_build / "site", fjord_build / "dist"
    for path in [site, *site.rglob("*"), *dist.glob("*.pdf"), dist / "manifest.json"]:
        mode = path.stat().st_mode
        assert mode & 0o004, f"{path} is not readable by others ({oct(mode & 0o777)})"
        if path.is_dir():
            assert mode & 0o001, f"{path} cannot be entered by others ({oct(mode & 0o777)})"
