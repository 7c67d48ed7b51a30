"""The `coalition` command's contract: exit codes, FILE:LINE:COLUMN lines, nothing written on bad data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ck_paths import ROOT

COALITION = [sys.executable, "-m", "coalition_kit.cli"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COALITION, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_check_good_data_prints_nothing(fjord_copy: Path) -> None:
    result = run("check", "--data", str(fjord_copy))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_bad_data_prints_file_line_column(fjord_copy: Path) -> None:
    coalition = fjord_copy / "coalition.yml"
    coalition.write_text(coalition.read_text(encoding="utf-8").replace("paper: a4", "paper: a5"), encoding="utf-8")
    result = run("check", "--data", str(fjord_copy))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    line = next(n for n, text in enumerate(coalition.read_text().splitlines(), 1) if text.startswith("paper:"))
    assert first == f"{coalition}:{line}:8: paper: 'a5' is not allowed; use one of 'letter' or 'a4'"
    assert "Traceback" not in result.stdout + result.stderr


def test_relative_paths_are_shown_as_typed(fjord_copy: Path) -> None:
    (fjord_copy / "glossary.yml").write_text("terms: {}\n", encoding="utf-8")
    result = run("check", "--data", "data", cwd=fjord_copy.parent)
    assert result.returncode == 1
    assert result.stdout.startswith("data/glossary.yml:1:8: terms: should be a list")


def test_usage_error_exits_2() -> None:
    assert run("build", "--no-such-flag").returncode == 2
    assert run("frobnicate").returncode == 2


def test_build_with_bad_data_writes_nothing(fjord_copy: Path, tmp_path: Path) -> None:
    (fjord_copy / "building.yml").write_text("steps:\n\t- id: x\n", encoding="utf-8")
    site, dist = tmp_path / "site", tmp_path / "dist"
    result = run("build", "--data", str(fjord_copy), "--site-dir", str(site), "--dist", str(dist))
    assert result.returncode == 1
    assert "building.yml:2:1: a tab is used for indentation" in result.stdout
    assert not site.exists() and not dist.exists()
    notebook = subprocess.run([sys.executable, "build_notebook.py", "--data", str(fjord_copy), "--dist", str(dist)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert notebook.returncode == 1 and "a tab is used for indentation" in notebook.stdout
    assert not dist.exists()


def test_notebook_usage_errors(fjord_copy: Path, tmp_path: Path) -> None:
    """build_notebook.py's usage errors exit 2 (run in this process: the script only calls this
    ``main``, whose exit codes test_build_with_bad_data_writes_nothing checks as a process)."""
    from click.testing import CliRunner

    from coalition_kit.pdf_cli import main

    def notebook(*args: str) -> int:
        return CliRunner().invoke(main, ["--data", str(fjord_copy), *args]).exit_code

    assert notebook("--edition", "no-such-edition") == 2
    assert notebook("--lang", "xx") == 2
    assert notebook("-o", str(tmp_path / "one.pdf")) == 2  # more than one target chosen
    assert not (tmp_path / "one.pdf").exists()


def test_check_catches_edition_references(fjord_copy: Path) -> None:
    """A missing page, an unknown form and an internal form in a public edition: each at its
    line and column of editions.yml."""
    editions = fjord_copy / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    text = text.replace("pages: [hotel-project/signs.md, hotel-project/respond.md]",
                        "pages: [hotel-project/sings.md, hotel-project/respond.md]", 1)
    text = text.replace("forms: [sign-in,", "forms: [signin,", 1)
    text = text.replace("pages: [hotel-project/respond.md, get-help.md]}",
                        "pages: [hotel-project/respond.md, get-help.md], forms: [volunteer-roster]}", 1)
    editions.write_text(text, encoding="utf-8")
    result = run("check", "--data", str(fjord_copy))
    assert result.returncode == 1
    lines = editions.read_text(encoding="utf-8").splitlines()
    problems = [line for line in result.stdout.splitlines() if line.startswith(str(editions))]
    assert len(problems) == 3, result.stdout
    found = []
    for problem in problems:
        number, column = (int(n) for n in problem[len(str(editions)):].split(":")[1:3])
        found += [item for item in ("hotel-project/sings.md", "signin", "volunteer-roster")
                  if lines[number - 1][column - 1:].startswith(item)]
    assert found == ["hotel-project/sings.md", "signin", "volunteer-roster"], result.stdout
    assert "docs/hotel-project/sings.md does not exist" in result.stdout
    assert "the form 'signin' does not exist" in result.stdout
    assert "edition 'manager' lists the form 'volunteer-roster' is internal" in result.stdout
