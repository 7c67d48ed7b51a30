"""End to end: `coalition build` on a copy of data in a temporary folder, as `make build` runs it.

The builds are the session's shared ones (tests/conftest.py); reproducibility is in
test_reproducible.py, a data change rebuilding in test_variants.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from ck_builds import Build, coalition_build, edit

# Strings that identify the embedded default coalition; a fork's outputs must show none.
DEFAULT_IDENTITY = ["Omaha", "Nebraska", "notrafficking", "Coalition on Human Trafficking",
                    "1-888-373-7888", "8883737888", "233733", "#1f4e79", "Realize"]


def pdf_text(build: Build, name: str) -> str:
    """A PDF's text as laid out, then once more with every space removed (words split over lines join up)."""
    pdf = build.pdf(name)
    return pdf.text + "\n" + pdf.flat


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(site.rglob("*")) if p.suffix in {".html", ".json", ".xml", ".css", ".js", ".ics"})


def files_under(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_writes_site_pdfs_and_manifest(fjord_build: Build) -> None:
    site, dist = fjord_build.site, fjord_build.dist
    assert (site / "index.html").is_file()
    manifest = fjord_build.manifest["files"]
    assert manifest, "manifest lists no file"
    for entry in manifest:
        path = dist / entry["file"]
        assert path.is_file()
        assert {"file", "edition", "language", "paper", "pages", "sha256"} <= entry.keys()
        assert entry["paper"] == "a4" and entry["language"] == "en" and entry["pages"] >= 1
        assert len(PdfReader(path).pages) == entry["pages"]
        assert (site / "downloads" / entry["file"]).is_file() == entry["public"]


def test_fork_shows_its_own_identity_and_none_of_the_default(fjord_build: Build) -> None:
    text = site_text(fjord_build.site)
    home = (fjord_build.site / "index.html").read_text(encoding="utf-8")
    assert "Fjordby Alliance" in home
    assert 'href="tel:+4700000001"' in home
    pdfs = sorted(fjord_build.dist.glob("*.pdf"))
    assert len(pdfs) == len(fjord_build.data.editions.editions) == 8
    for pdf in pdfs:
        content = pdf_text(fjord_build, pdf.name)
        if pdf.name.startswith("safety-card"):  # a discreet card: it names no coalition at all
            assert "Fjordby" not in content
        else:
            assert "Fjordby" in content
        text += content
    leaked = [marker for marker in DEFAULT_IDENTITY
              if marker.lower() in text.lower() or "".join(marker.split()).lower() in text.lower()]
    assert not leaked, f"the fork's outputs show the default coalition's identity: {leaked}"


def test_private_values_reach_no_public_output(fjord_build: Build) -> None:
    from coalition_kit.model.privacy import private_values

    secrets = private_values(fjord_build.data)
    assert "PRIVATE-NOTE-FJORD-7731" in secrets
    public = site_text(fjord_build.site)
    for entry in fjord_build.manifest["files"]:
        if entry["public"]:
            public += pdf_text(fjord_build, entry["file"])
    found = [s for s in secrets if s in public or "".join(s.split()) in public]
    assert not found, f"private values in public outputs: {found}"


def test_failed_build_keeps_the_previous_outputs(fjord_build: Build, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(fjord_build.site, out / "site")
    shutil.copytree(fjord_build.dist, out / "dist")
    before = files_under(out)
    data = tmp_path / "data"
    shutil.copytree(fjord_build.data_dir, data)
    # A private note that repeats public text: the privacy guard must stop the build.
    edit(data / "outreach.yml", "PRIVATE-NOTE-FJORD-7731", "Fjordby Alliance Against Exploitation")
    # The private edition last: the guard stops the first public one, before any PDF is drawn.
    editions = data / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    start, end = text.index("  - id: volunteer\n"), text.index("  - id: manager\n")
    editions.write_text(text[:start] + text[end:] + text[start:end], encoding="utf-8")
    result = coalition_build(out, data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "private data" in result.stderr
    assert "Traceback" not in result.stderr
    after = files_under(out)
    after.pop(Path(".dist.lock"), None)  # the outputs' lock file, kept beside dist/ on purpose
    assert after == before, "a failed build changed or left files behind"
    assert {p.name for p in out.iterdir()} <= {"site", "dist", ".dist.lock"}, "a staging folder was left"


def test_default_coalition_builds_from_a_copy(default_build: Build) -> None:
    home = (default_build.site / "index.html").read_text(encoding="utf-8")
    assert "The Coalition on Human Trafficking, Inc." in home
    assert 'href="tel:+18883737888"' in home
    assert "info@notrafficking.org" in home
    lines = [line for line in default_build.output.splitlines() if re.search(r"\d+ pages?\b", line)]
    manifest = default_build.manifest["files"]
    editions = default_build.data.editions.editions
    bilingual = [e for e in editions if e.bilingual]
    assert len(default_build.data.coalition.languages) == 2 and len(bilingual) == 4
    assert len(lines) == len(manifest) == len(editions) * 2 + len(bilingual) == 20


def test_second_build_with_nothing_changed_is_skipped(fjord_build: Build) -> None:
    before = {p: p.stat().st_mtime_ns for p in fjord_build.root.rglob("*") if p.is_file()}
    result = coalition_build(fjord_build.root)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in fjord_build.root.rglob("*") if p.is_file()} == before


def test_outputs_are_readable_by_a_web_server(fjord_build: Build) -> None:
    """Staging uses private temp files; what is published must be world-readable (umask 022 here)."""
    site, dist = fjord_build.site, fjord_build.dist
    for path in [site, *site.rglob("*"), *dist.glob("*.pdf"), dist / "manifest.json"]:
        mode = path.stat().st_mode
        assert mode & 0o004, f"{path} is not readable by others ({oct(mode & 0o777)})"
        if path.is_dir():
            assert mode & 0o001, f"{path} cannot be entered by others ({oct(mode & 0o777)})"
