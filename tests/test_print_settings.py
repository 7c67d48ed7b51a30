"""The print side reads Markdown settings through MkDocs' own config loader, so any mkdocs.yml
MkDocs accepts prints too, including Material's documented ``!!python/name:`` emoji settings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ck_paths import FJORD, ROOT

from coalition_kit.site.engine import markdown_settings

EMOJI = """
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def _project_with_emoji(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "notebook" / "docs", project / "docs")
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\nWe are glad you are here :material-heart:\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in config
    (project / "mkdocs.yml").write_text(config.replace("markdown_extensions:\n", "markdown_extensions:" + EMOJI, 1),
                                        encoding="utf-8")
    (project / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(FJORD, project / "data")
    return project


def test_markdown_settings_come_from_mkdocs_own_loader(tmp_path: Path) -> None:
    settings = markdown_settings(_project_with_emoji(tmp_path) / "mkdocs.yml")
    assert "pymdownx.emoji" in settings.extensions
    assert callable(settings.configs["pymdownx.emoji"]["emoji_generator"])


@pytest.mark.slow  # prints a PDF of its own
def test_a_page_with_material_emoji_settings_prints(tmp_path: Path) -> None:
    project = _project_with_emoji(tmp_path)
    html, pdf = tmp_path / "manager.html", tmp_path / "manager.pdf"
    for option, path in (("--html", html), ("-o", pdf)):
        result = subprocess.run([sys.executable, str(ROOT / "build_notebook.py"), "--edition", "manager",
                                 "--lang", "en", option, str(path)],
                                cwd=project, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    printed = html.read_text(encoding="utf-8")
    assert "We are glad you are here" in printed
    assert '<span class="twemoji"><svg' in printed and ":material-heart:" not in printed
    assert pdf.read_bytes().startswith(b"%PDF")
