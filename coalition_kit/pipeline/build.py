"""The whole build, the only code that drives both outputs: validate the data once, print every
edition, build the site from the same data, publish both together.

Both outputs are built in staging folders and swapped into place together only when every
step succeeded (``staging``), so a failed or interrupted build leaves the previous site/ and
dist/ exactly as they were, and they always come from the same build.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import write_manifest
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.fingerprint import input_fingerprint, outputs_current, record, recorded
from coalition_kit.pipeline.pdfs import build_pdfs, targets
from coalition_kit.pipeline.pieces import PieceCache, piece_cache
from coalition_kit.pipeline.privacy_guard import PrivacyGuard
from coalition_kit.pipeline.staging import Move, journal_path, make_stage, output_lock, recover, remove_stale, swap_in
from coalition_kit.pipeline.validate import validated_data, warning_lines
from coalition_kit.pipeline.website import render_sites


def build_everything(project: Project, data_dir: Path, site_dir: Path, dist_dir: Path,
                     report: Callable[[str], None] = print, force: bool = False) -> None:
    """Raises DataError for bad data (nothing written), BuildError for a failed step.

    When nothing that shapes the outputs changed since the last build, it only says so
    (``force`` rebuilds anyway).
    """
    warnings: list = []
    data = validated_data(data_dir, project.docs_dir, warnings)
    for line in warning_lines(warnings):
        report(line)
    build_validated(project, data, data_dir, site_dir, dist_dir, report, force)


def build_validated(project: Project, data: CoalitionData, data_dir: Path, site_dir: Path, dist_dir: Path,
                    report: Callable[[str], None] = print, force: bool = False) -> None:
    """``build_everything`` for data that ``validated_data`` has already checked."""
    site_dir, dist_dir = site_dir.resolve(), dist_dir.resolve()
    journal = journal_path(dist_dir)
    with output_lock(dist_dir):
        if recover(journal):
            report("recovered    an interrupted build had staged everything: its swap is now finished")
        remove_stale(site_dir, dist_dir)
        inputs = input_fingerprint(project.root, data_dir, site_dir)
        if not force and outputs_current(dist_dir, site_dir, inputs):
            report(f"up to date   nothing changed since the last build ({site_dir}, {dist_dir}); "
                   "use --force to rebuild")
            return
        # Each piece whose own inputs did not change is copied from dist/ (--force: none).
        cache = piece_cache(data, project.docs_dir, None if force else dist_dir,
                            None if force else recorded(dist_dir))
        dist_stage = make_stage(dist_dir)
        site_stage = make_stage(site_dir)
        try:
            _build_into(project, data, data_dir, dist_stage, site_stage, dist_dir, site_dir, report, cache)
            record(dist_stage, inputs, cache.recorded)
            swap_in([Move(site_stage, site_dir), Move(dist_stage, dist_dir)], journal)
        except OSError as exc:  # a full disk, a folder that became unwritable…
            where = f" ({exc.filename})" if exc.filename else ""
            raise BuildError(f"could not write the outputs: {exc.strerror or exc}{where}; "
                             "nothing was replaced") from None
        finally:
            shutil.rmtree(dist_stage, ignore_errors=True)
            shutil.rmtree(site_stage, ignore_errors=True)
    report(f"manifest     {dist_dir / 'manifest.json'}")
    report(f"site         {site_dir}")
    for other in data.coalition.languages[1:]:
        report(f"site {other:<7} {site_dir / other}")


def _build_into(project: Project, data: CoalitionData, data_dir: Path, dist_stage: Path, site_stage: Path,
                dist_dir: Path, site_dir: Path, report: Callable[[str], None], cache: PieceCache | None = None) -> None:
    """Every PDF and the manifest into ``dist_stage``, the site into ``site_stage``."""
    guard = PrivacyGuard(data)
    entries = build_pdfs(data, project, dist_stage, targets(data), report=report, shown_dir=dist_dir, guard=guard,
                         cache=cache)
    write_manifest(dist_stage, entries, data_digest(data_dir))
    public = public_view(data)
    render_sites(project, public, dist_stage, [asdict(e) for e in sorted(entries, key=lambda e: e.file)],
                 site_stage)
    leaks = guard.leaks_in_folder(site_stage, shown_as=site_dir)
    if leaks:
        raise BuildError("private data reached the website; nothing was published:\n  " + "\n  ".join(leaks))
