"""Incremental builds (issue 14): a piece whose inputs did not change is copied from the last
build, not printed again; a content hash decides; ``--force`` prints everything, and the result
is the same bytes either way."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from ck_builds import SMALL_EDITIONS, VARIANT_EVENTS, coalition, coalition_build, command, edit
from ck_paths import FJORD

from coalition_kit.pipeline.pieces import PieceCache, Published, shared_inputs

#: One line of `coalition build` for one PDF (as bench/run.py reads it), and whether it was copied.
PIECE = re.compile(r"^(\S+)\s+(\S+)\s+(\d+) pages?\s+[\d.]+ [KM]B\s+([\d.]+) s\s+(unchanged\s+)?\S+\.pdf$")
TITLE = "An evening at the harbour hall"
EVENTS_GUIDE = """  - id: manager
    title: Guesthouse manager guide
    audience: Guesthouse owners and managers
    parts:
      - {title: What is on, pages: [events.md]}
"""


def _pieces(output: str) -> dict[str, bool]:
    """By file name: True when the build copied the piece ("unchanged"), False when it printed it."""
    found = {}
    for line in output.splitlines():
        match = PIECE.match(line)
        if match:
            found[f"{match.group(1)}-{match.group(2)}.pdf"] = bool(match.group(5))
    return found


def _outputs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for folder in (root / "site", root / "dist") for p in sorted(folder.rglob("*")) if p.is_file()}


def _ok(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_only_what_shows_a_change_is_printed_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FJORD, data)
    (data / "events.yml").write_text(VARIANT_EVENTS, encoding="utf-8")
    # Two quick pieces, and a short manager guide that prints the events page: no other piece shows events.
    (data / "editions.yml").write_text(SMALL_EDITIONS + EVENTS_GUIDE, encoding="utf-8")

    first = _pieces(_ok(coalition_build(tmp_path)))
    assert len(first) == 3 and not any(first.values()), first  # a first build prints every piece
    before = {p.name: p.read_bytes() for p in (tmp_path / "dist").glob("*.pdf")}

    edit(data / "events.yml", TITLE, "A morning at the harbour hall")
    second = _pieces(_ok(coalition_build(tmp_path)))
    assert second.keys() == first.keys()
    assert [name for name, copied in second.items() if not copied] == ["manager-en.pdf"], second
    after = {p.name: p.read_bytes() for p in (tmp_path / "dist").glob("*.pdf")}
    assert after["manager-en.pdf"] != before["manager-en.pdf"]
    assert {n: b for n, b in after.items() if n != "manager-en.pdf"} == \
           {n: b for n, b in before.items() if n != "manager-en.pdf"}
    manifest = json.loads((tmp_path / "dist" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert hashlib.sha256(after[entry["file"]]).hexdigest() == entry["sha256"]
    incremental = _outputs(tmp_path)

    forced = _pieces(_ok(coalition("build", "--force", "--data", data, "--site-dir", tmp_path / "site",
                                   "--dist", tmp_path / "dist")))
    assert forced.keys() == first.keys() and not any(forced.values()), forced  # --force prints them all
    again = _outputs(tmp_path)
    assert again.keys() == incremental.keys()
    different = [name for name in incremental if incremental[name] != again[name]]
    assert not different, f"an incremental build differs from a forced one: {different}"


# --- the key: what changes it, and what the copy checks ----------------------------------------

class _Data:
    def __init__(self, files: list[Path]) -> None:
        self.files = files

    def referenced_files(self) -> list[Path]:
        return self.files


def test_the_key_covers_what_the_html_does_not_carry(tmp_path: Path) -> None:
    pages = tmp_path / "docs"
    pages.mkdir()
    (pages / "index.md").write_text("# Home\n", encoding="utf-8")
    (pages / "map.png").write_bytes(b"one")
    logo = tmp_path / "logo.svg"
    logo.write_bytes(b"<svg/>")
    data = _Data([logo])
    base = shared_inputs(data, pages)
    assert shared_inputs(data, pages) == base  # the same content, the same key

    (pages / "index.md").write_text("# Home, edited\n", encoding="utf-8")  # in the HTML: not here
    assert shared_inputs(data, pages) == base
    (pages / "map.png").write_bytes(b"two")  # an image a page shows
    changed_image = shared_inputs(data, pages)
    assert changed_image != base
    logo.write_bytes(b"<svg></svg>")  # a file the data names
    assert shared_inputs(data, pages) not in (base, changed_image)

    cache = PieceCache(base)
    key = cache.key("poster-en.pdf", pages, "<html>poster</html>")
    assert cache.key("poster-en.pdf", pages, "<html>poster</html>") == key
    assert cache.key("poster-es.pdf", pages, "<html>poster</html>") != key
    assert cache.key("poster-en.pdf", pages, "<html>poster!</html>") != key
    assert PieceCache(changed_image).key("poster-en.pdf", pages, "<html>poster</html>") != key


def test_a_piece_is_copied_only_with_its_key_and_its_bytes(tmp_path: Path) -> None:
    published, stage = tmp_path / "dist", tmp_path / "stage"
    published.mkdir()
    (published / "poster-en.pdf").write_bytes(b"%PDF poster")
    good = hashlib.sha256(b"%PDF poster").hexdigest()
    cache = PieceCache("shared", published, {"poster-en.pdf": Published("k1", good, 1, 11)})
    assert cache.reuse("poster-en.pdf", "k2", stage / "poster-en.pdf") is None  # its inputs changed
    assert cache.reuse("staff-en.pdf", "k1", stage / "staff-en.pdf") is None  # not in the last build
    assert cache.reuse("poster-en.pdf", "k1", stage / "poster-en.pdf") == Published("k1", good, 1, 11)
    assert (stage / "poster-en.pdf").read_bytes() == b"%PDF poster"

    (stage / "poster-en.pdf").unlink()
    (published / "poster-en.pdf").write_bytes(b"%PDF edited by hand")  # not what the manifest says
    assert cache.reuse("poster-en.pdf", "k1", stage / "poster-en.pdf") is None
    assert not (stage / "poster-en.pdf").exists()


@pytest.mark.slow
def test_pdfs_printed_into_dist_by_hand_are_checked_again_by_the_next_build(tmp_path: Path) -> None:
    """build_notebook.py (and `coalition serve --pdf`) print straight into dist/: the next build
    must not take dist/ for what it made itself, even once the data is back as it was."""
    data = tmp_path / "data"
    shutil.copytree(FJORD, data)
    (data / "editions.yml").write_text(SMALL_EDITIONS, encoding="utf-8")
    _ok(coalition_build(tmp_path))
    first = {p.name: p.read_bytes() for p in (tmp_path / "dist").glob("*.pdf")}

    edit(data / "coalition.yml", "tagline: See it. Say it. Stop it.", "tagline: Look. Listen. Report.")
    by_hand = _ok(command("build_notebook.py", "--data", data, "--dist", tmp_path / "dist"))
    assert "poster" in by_hand
    assert {p.name: p.read_bytes() for p in (tmp_path / "dist").glob("*.pdf")} != first

    edit(data / "coalition.yml", "tagline: Look. Listen. Report.", "tagline: See it. Say it. Stop it.")
    again = _ok(coalition_build(tmp_path))
    assert "up to date" not in again
    assert {p.name: p.read_bytes() for p in (tmp_path / "dist").glob("*.pdf")} == first
    manifest = json.loads((tmp_path / "dist" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert hashlib.sha256((tmp_path / "dist" / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
