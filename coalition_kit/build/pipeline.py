"""The whole build: validate, print every edition, build the site, publish the downloads."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from coalition_kit.build.manifest import write_manifest
from coalition_kit.build.notebook import BuildError, build_pdfs, targets
from coalition_kit.build.privacy_guard import leaks_in_folder
from coalition_kit.build.site import build_site
from coalition_kit.load.loader import load_data


def build_everything(root: Path, data_dir: Path, site_dir: Path, dist_dir: Path,
                     report: Callable[[str], None] = print) -> None:
    """Raises DataError for bad data (nothing written), BuildError/SiteBuildError for failed steps."""
    data = load_data(data_dir)
    entries = build_pdfs(data, root, dist_dir, targets(data), report=report)
    write_manifest(dist_dir, entries)
    report(f"manifest     {dist_dir / 'manifest.json'}")

    def finish(staging: Path) -> None:
        downloads = staging / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            if entry.public:
                shutil.copy2(dist_dir / entry.file, downloads / entry.file)
        leaks = leaks_in_folder(data, staging)
        if leaks:
            raise BuildError("private data reached the website; nothing was published:\n  " + "\n  ".join(leaks))

    build_site(root, data_dir, dist_dir, site_dir, finish=finish)
    report(f"site         {site_dir}")
