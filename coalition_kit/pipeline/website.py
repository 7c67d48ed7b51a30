"""The website step: the engine renders the pages, the finish step adds the other files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.staging import Move, journal_path, make_stage, output_lock, recover, remove_stale, swap_in
from coalition_kit.site.engine import SiteBuildError, build_site
from coalition_kit.site.finish import finish_site
from coalition_kit.site.inputs import SiteInputs
from coalition_kit.site.languages import site_languages


def render_site(project: Project, inputs: SiteInputs, folder: Path, *, serve_url: str | None = None) -> None:
    """Render the whole site into ``folder``."""
    try:
        build_site(project.mkdocs_yml, inputs, folder, serve_url=serve_url)
    except SiteBuildError as exc:
        raise BuildError(str(exc)) from exc
    finish_site(folder, inputs)


def language_inputs(data: CoalitionData, dist_dir: Path, manifest: list[dict]) -> list[tuple[SiteInputs, str]]:
    """The inputs of each language's site, the main language first, with the folder it goes in
    ("" for the site root, "es" for /es/). ``data`` is the public view."""
    found = []
    for language in site_languages(data):
        href = "" if language.main else "../../downloads/"  # from /es/downloads/ to /downloads/
        found.append((SiteInputs(data, language.code, dist_dir, manifest, downloads_href=href),
                      language.folder.rstrip("/")))
    return found


def render_sites(project: Project, data: CoalitionData, dist_dir: Path, manifest: list[dict], folder: Path, *,
                 serve_url: str | None = None, languages: int | None = None) -> None:
    """Every language's site into ``folder``: the main language at its root (first: the engine
    empties the folder it renders into), each other language in its own subfolder.
    ``languages`` keeps only the first that many (a preview of the main language alone)."""
    for inputs, sub in language_inputs(data, dist_dir, manifest)[:languages]:
        render_site(project, inputs, folder / sub if sub else folder, serve_url=serve_url)


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
