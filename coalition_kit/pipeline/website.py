"""The website step: render the site into a staging folder, finish it, check it, move it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from coalition_kit.outputs.files import publishable
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.site.engine import SiteBuildError, build_site
from coalition_kit.site.finish import finish_site
from coalition_kit.site.inputs import SiteInputs


def render_site(project: Project, inputs: SiteInputs, folder: Path, *, serve_url: str | None = None) -> None:
    """The engine renders the pages into ``folder``, then the finish step adds the other files."""
    try:
        build_site(project.mkdocs_yml, inputs, folder, serve_url=serve_url)
    except SiteBuildError as exc:
        raise BuildError(str(exc)) from exc
    finish_site(folder, inputs)


def publish_site(project: Project, inputs: SiteInputs, site_dir: Path,
                 check: Callable[[Path], None] | None = None) -> None:
    """Build the whole site; ``site_dir`` is replaced only when every step succeeded.

    ``check`` runs on the finished, staged site (the privacy guard); if it raises, the old
    site stays.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        render_site(project, inputs, staging)
        if check is not None:
            check(staging)
        publishable(staging)
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(site_dir, old)
            os.replace(staging, site_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
