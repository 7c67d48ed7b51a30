"""The whole build, the only code that drives both outputs: validate the data once, print every
edition, build the site from the same data, publish.

Everything is built in staging folders first and moved into place only when every step
succeeded, so a failed build leaves the previous site/ and dist/ exactly as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import write_manifest
from coalition_kit.paths import Project
from coalition_kit.pipeline.fingerprint import input_fingerprint, outputs_current, record
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.pdfs import build_pdfs, targets
from coalition_kit.pipeline.privacy_guard import leaks_in_folder
from coalition_kit.pipeline.validate import validated_data
from coalition_kit.pipeline.website import publish_site
from coalition_kit.site.inputs import SiteInputs


def build_everything(project: Project, data_dir: Path, site_dir: Path, dist_dir: Path,
                     report: Callable[[str], None] = print, force: bool = False) -> None:
    """Raises DataError for bad data (nothing written), BuildError for a failed step.

    When nothing that shapes the outputs changed since the last build, it only says so
    (``force`` rebuilds anyway).
    """
    data = validated_data(data_dir, project.docs_dir)
    dist_dir = dist_dir.resolve()
    inputs = input_fingerprint(project.root, data_dir, site_dir)
    if not force and outputs_current(dist_dir, site_dir, inputs):
        report(f"up to date   nothing changed since the last build ({site_dir}, {dist_dir}); "
               "use --force to rebuild")
        return
    dist_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{dist_dir.name}-", dir=dist_dir.parent))
    try:
        entries = build_pdfs(data, project, stage, targets(data), report=report, shown_dir=dist_dir)
        write_manifest(stage, entries, data_digest(data_dir))

        def guard(site_staging: Path) -> None:
            leaks = leaks_in_folder(data, site_staging)
            if leaks:
                raise BuildError("private data reached the website; nothing was published:\n  "
                                 + "\n  ".join(l.replace(str(site_staging), str(site_dir)) for l in leaks))

        public = public_view(data)
        site_inputs = SiteInputs(public, public.coalition.main_language, stage,
                                 [asdict(e) for e in sorted(entries, key=lambda e: e.file)])
        publish_site(project, site_inputs, site_dir, check=guard)
        dist_dir.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            os.replace(stage / entry.file, dist_dir / entry.file)
        os.replace(stage / "manifest.json", dist_dir / "manifest.json")
        record(dist_dir, inputs)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    report(f"manifest     {dist_dir / 'manifest.json'}")
    others = data.coalition.languages[1:]
    if others:
        report(f"note         the website is built in {data.coalition.main_language} only for now; the "
               f"{', '.join(others)} PDFs use your translated data texts with the pages' main-language text")
    report(f"site         {site_dir}")
