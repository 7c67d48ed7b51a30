"""The reference projects the site and the notebook are compared with.

- ``plain``: plain MkDocs + Material on the site's own pages with the macros already expanded
  (our pipeline expands them once, ``child.py expand``): same nav, theme features, plugins
  Material ships and Markdown extensions, but no macros plugin, no theme overrides, no
  extension or finish step of ours.
- ``peer``: the same expanded pages of the volunteer notebook in its order, built by MkDocs
  with and without the ``mkdocs-to-pdf`` plugin, which runs in its own virtual environment
  (``bench/.peer-venv``), never in the project's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: The peer, and the packages it shares with the project at the project's locked versions.
PEER_REQUIREMENT = "mkdocs-to-pdf>=0.12,<0.13"
SHARED_WITH_PEER = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "weasyprint")


def locked_versions(lock: Path, names: tuple[str, ...]) -> list[str]:
    """``name==version`` for each of ``names`` as requirements.lock pins it."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = line.strip()
    return [pins[name] for name in names if name in pins]


def _mkdocs_config(mkdocs_yml: Path) -> dict[str, Any]:
    return yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))


def _plain_config(ours: dict[str, Any], docs: Path, nav: list[Any]) -> dict[str, Any]:
    """Our mkdocs.yml less everything of ours: macros, overrides, our Markdown extension, strictness."""
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    theme["palette"] = {"scheme": "default"}  # 'custom' colours come from our overrides
    plugins = [p for p in ours.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) != "macros"]
    extensions = [e for e in ours.get("markdown_extensions", [])
                  if not (e if isinstance(e, str) else next(iter(e))).startswith("coalition_kit")]
    return {"site_name": ours.get("site_name", "Coalition Kit"), "docs_dir": str(docs), "use_directory_urls": True,
            "theme": theme, "plugins": plugins, "markdown_extensions": extensions, "nav": nav}


def _copy_pages(expanded: Path, docs: Path, source_docs: Path, pages: list[str] | None = None) -> None:
    """The expanded pages (all, or ``pages``) and every other file of docs/ (images…) into ``docs``."""
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(source_docs, docs, ignore=shutil.ignore_patterns("*.md"))
    for page in pages if pages is not None else [p.relative_to(expanded).as_posix() for p in expanded.rglob("*.md")]:
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(expanded / page, target)


def write_plain_project(root: Path, mkdocs_yml: Path, source_docs: Path, expanded: Path) -> Path:
    """``root/mkdocs.yml``: plain MkDocs + Material on all the expanded pages, with our nav."""
    ours = _mkdocs_config(mkdocs_yml)
    docs = root / "docs"
    _copy_pages(expanded, docs, source_docs)
    return _write_yaml(root / "mkdocs.yml", _plain_config(ours, docs, ours["nav"]))


def write_peer_projects(root: Path, mkdocs_yml: Path, source_docs: Path, expanded: Path,
                        pages: list[str]) -> tuple[Path, Path]:
    """Two configs on the volunteer notebook's pages in its order: with the PDF plugin, and without."""
    ours = _mkdocs_config(mkdocs_yml)
    docs = root / "docs"
    _copy_pages(expanded, docs, source_docs, pages)
    without = _plain_config(ours, docs, list(pages))
    with_pdf = dict(without)
    with_pdf["plugins"] = [*without["plugins"], {"to-pdf": {
        "output_path": "pdf/volunteer.pdf", "cover_title": "Program notebook", "toc_level": 2,
        "author": "Coalition Kit benchmark"}}]
    return _write_yaml(root / "mkdocs-pdf.yml", with_pdf), _write_yaml(root / "mkdocs-nopdf.yml", without)


def _write_yaml(path: Path, content: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the peer's venv

@dataclass(frozen=True)
class Peer:
    python: Path | None
    reason: str = ""
    """Why the peer is unavailable (empty when ``python`` is set)."""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("WARNING: Location")]
    return lines[-1] if lines else "no output"


def peer_venv(folder: Path, lock: Path, timeout: float = 900) -> Peer:
    """``folder``: a venv with the peer and the project's locked MkDocs, Material, macros and WeasyPrint.

    Made once and kept (a stamp lists what it holds); a failed install makes the peer unavailable.
    """
    wanted = [PEER_REQUIREMENT, *locked_versions(lock, SHARED_WITH_PEER)]
    python, stamp = folder / "bin" / "python", folder / ".bench-stamp"
    if python.exists() and stamp.is_file() and stamp.read_text(encoding="utf-8") == "\n".join(wanted):
        return Peer(python)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True,
                           text=True, timeout=timeout)
        done = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
                               *wanted], capture_output=True, text=True, timeout=timeout)
    except subprocess.CalledProcessError as exc:
        return Peer(None, f"python -m venv failed: {_last_line(exc.stderr or '')}")
    except subprocess.TimeoutExpired:
        return Peer(None, f"installing {PEER_REQUIREMENT} took over {timeout:.0f} s")
    if done.returncode != 0:
        return Peer(None, f"pip install {' '.join(wanted)} failed: {_last_line(done.stderr)}")
    stamp.write_text("\n".join(wanted), encoding="utf-8")
    return Peer(python)
