"""Live preview: build the site into a temporary folder, serve it, rebuild when data or pages change.

Every language the coalition enables is previewed (the others under /<lang>/, as published), so
that translators see their pages; a save rebuilds them all.

The same site step as a full build (engine, then the finish step), fed with the PDFs already
in dist/ when they were made from the same data; PDFs are not rebuilt on each save.

While the data has problems (from the start, or after a bad save) every address shows a page
listing them, and the terminal says the same; the next good save brings the site back, in the
browser too (``site.live``).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from coalition_kit.load.problems import DataError
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import read_manifest
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.validate import validated_data
from coalition_kit.pipeline.website import render_sites
from coalition_kit.site.live import PreviewServer
from coalition_kit.site.problems_page import failure_page, problems_page

log = logging.getLogger("mkdocs.coalition_kit")


def preview(project: Project, data_dir: Path, dist_dir: Path, host: str, port: int) -> None:
    """Serve until Ctrl+C; a data problem is logged and shown in the browser instead of the site."""
    site_dir = Path(tempfile.mkdtemp(prefix="coalition-preview-"))
    url = f"http://{host}:{port}/"

    def rebuild() -> None:
        try:
            data = public_view(validated_data(data_dir, project.docs_dir))
        except DataError as exc:
            log.error("the coalition data has problems:\n%s", exc.report())
            server.show_instead(problems_page(exc.problems))
            return
        try:
            render_sites(project, data, dist_dir, read_manifest(dist_dir, data_digest(data_dir)), site_dir,
                         serve_url=url)
        except BuildError as exc:
            log.error("%s", exc)
            server.show_instead(failure_page(str(exc)))
            return
        server.show_instead(None)

    server = PreviewServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    try:
        rebuild()
        for watched in (project.docs_dir, data_dir, project.mkdocs_yml, project.root / "overrides"):
            if watched.exists():
                server.watch(str(watched))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
