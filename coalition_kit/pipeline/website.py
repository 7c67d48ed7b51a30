"""The website step: the engine renders the pages, the finish step adds the other files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.staging import Move, journal_path, make_stage, output_lock, recover, remove_stale, swap_in
from coalition_kit.site.engine import SiteBuildError, build_site
from coalition_kit.site.finish import finish_site
from coalition_kit.site.inputs import SiteInputs


def render_site(project: Project, inputs: SiteInputs, folder: Path, *, serve_url: str | None = None) -> None:
    """Render the whole site into ``folder``."""
    try:
        build_site(project.mkdocs_yml, inputs, folder, serve_url=serve_url)
    except SiteBuildError as exc:
        raise BuildError(str(exc)) from exc
    finish_site(folder, inputs)


def publish_site(project: Project, inputs: SiteInputs, site_dir: Path,
                 check: Callable[[Path], None] | None = None) -> None:
    """Build the site alone; ``site_dir`` is replaced only when every step succeeded.

    ``check`` runs on the finished, staged site; if it raises, the old site stays.
    (The full build stages the site and the PDFs together: ``pipeline.build``.)
    """
    site_dir = site_dir.resolve()
    with output_lock(site_dir):
        recover(journal_path(site_dir))
        remove_stale(site_dir)
        staging = make_stage(site_dir)
        try:
            render_site(project, inputs, staging)
            if check is not None:
                check(staging)
            swap_in([Move(staging, site_dir)], journal_path(site_dir))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
