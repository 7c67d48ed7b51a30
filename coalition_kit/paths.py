"""Where a project's folders are: the root holds mkdocs.yml, data/, docs/, site/ and dist/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Project:
    """A checkout (or fork) of the kit: its configuration, pages and default folders."""

    root: Path

    @classmethod
    def here(cls) -> Project:
        """The working folder when it holds mkdocs.yml, else the checkout this package is in."""
        cwd = Path.cwd()
        return cls(cwd if (cwd / "mkdocs.yml").is_file() else PACKAGE_DIR.parent)

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"
