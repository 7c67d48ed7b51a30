"""Live preview: build the site into a temporary folder, serve it, rebuild when data or pages change.

Every language the coalition enables is previewed (the others under /<lang>/, as published), so
that translators see their pages. A save rebuilds the main language first and shows it at once
(the browsers reload), then the other languages; an address in a language still being rebuilt
waits for it. The data files are read again only when they changed (a page edit checks the data
already loaded against the pages again), and the server looks for changes every 0.1 s.

The same site step as a full build (engine, then the finish step), fed with the PDFs already
in dist/ when they were made from the same data. PDFs are not rebuilt on each save unless asked
(``pdfs``, ``coalition serve --pdf``): then, after each change that builds, the PDFs are printed
into dist/ in a separate process, as ``python build_notebook.py`` does, while the preview goes on
(a newer change stops a print under way and starts it again); when they are written, the site is
rebuilt once more so that its downloads list them.

While the data has problems (from the start, or after a bad save) every address shows a page
listing them, and the terminal says the same; the next good save brings the site back, in the
browser too (``site.live``).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from coalition_kit.load.problems import DataError
from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import read_manifest
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.validate import validated_data
from coalition_kit.pipeline.website import language_inputs, render_site
from coalition_kit.site.live import PreviewServer
from coalition_kit.site.problems_page import failure_page, problems_page

log = logging.getLogger("mkdocs.coalition_kit")

#: Seconds between two looks at the watched folders (MkDocs' own preview: 0.5).
POLLING_INTERVAL = 0.1


def preview(project: Project, data_dir: Path, dist_dir: Path, host: str, port: int, *, pdfs: bool = False) -> None:
    """Serve until Ctrl+C; a data problem is logged and shown in the browser instead of the site.
    ``pdfs``: also print the PDFs into ``dist_dir`` after each change (in the background)."""
    site_dir = Path(tempfile.mkdtemp(prefix="coalition-preview-"))
    url = f"http://{host}:{port}/"
    loaded: dict[str, CoalitionData] = {}  # the last good data, by the digest of its files
    printer = PdfPrinter(project, data_dir, dist_dir, on_done=lambda: server.request_rebuild()) if pdfs else None

    def rebuild() -> None:
        digest = data_digest(data_dir)
        try:
            data = validated_data(data_dir, project.docs_dir, loaded=loaded.get(digest))
        except DataError as exc:
            log.error("the coalition data has problems:\n%s", exc.report())
            server.show_instead(problems_page(exc.problems))
            return
        loaded.clear()
        loaded[digest] = data
        sites = language_inputs(public_view(data), dist_dir, read_manifest(dist_dir, digest))
        (main, _), others = sites[0], sites[1:]
        try:
            render_site(project, main, site_dir, serve_url=url)  # first: the engine empties its folder
            server.show_instead(None)
            server.publish(pending=[f"/{sub}/" for _, sub in others])
            for inputs, sub in others:
                render_site(project, inputs, site_dir / sub, serve_url=url)
                server.finished(f"/{sub}/")
        except BuildError as exc:
            log.error("%s", exc)
            server.show_instead(failure_page(str(exc)))
            server.reload_now()
            return
        finally:
            server.finished()
        if printer is not None:
            printer.start_if_changed(digest)

    server = PreviewServer(builder=rebuild, host=host, port=port, root=str(site_dir),
                           polling_interval=POLLING_INTERVAL)
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
        if printer is not None:
            printer.stop()
        shutil.rmtree(site_dir, ignore_errors=True)


class PdfPrinter:
    """Prints every PDF into ``dist_dir`` in a separate process (``coalition_kit.pdf_cli``, as
    ``python build_notebook.py`` does: each PDF written atomically, the manifest updated), at
    most one at a time, only when the data or the pages changed since the last print started."""

    def __init__(self, project: Project, data_dir: Path, dist_dir: Path, on_done: Callable[[], None]) -> None:
        self.project, self.data_dir, self.dist_dir = project, data_dir, dist_dir
        self.on_done = on_done
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._printed_for: str | None = None

    def command(self) -> list[str]:
        return [sys.executable, "-c", "from coalition_kit.pdf_cli import main; main()",
                "--data", str(self.data_dir), "--dist", str(self.dist_dir), "--docs", str(self.project.docs_dir)]

    def start_if_changed(self, digest: str) -> bool:
        """Start printing unless the inputs are those of the last print; True when it started."""
        inputs = f"{digest} {pages_digest(self.project)}"
        with self._lock:
            if inputs == self._printed_for:
                return False
            self._printed_for = inputs
            self._stop_locked()
            log.info("Printing the PDFs into %s (in the background)", self.dist_dir)
            process = subprocess.Popen(self.command(), cwd=self.project.root, stdin=subprocess.DEVNULL)
            self._process = process
        threading.Thread(target=self._wait, args=(process,), daemon=True).start()
        return True

    def _wait(self, process: subprocess.Popen) -> None:
        code = process.wait()
        with self._lock:
            current = process is self._process
            if current:
                self._process = None
        if not current:
            return  # stopped for a newer change
        if code == 0:
            log.info("PDFs printed; rebuilding the site so that its downloads list them")
            self.on_done()
        else:
            log.error("printing the PDFs failed (exit %s); the site keeps the PDFs it had", code)

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()  # each PDF is either the old file or a whole new one
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def pages_digest(project: Project) -> str:
    """A digest of the pages and mkdocs.yml (names and contents): the PDFs print them."""
    digest = hashlib.sha256()
    for root in (project.docs_dir, project.mkdocs_yml):
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            try:
                content = path.read_bytes()
            except OSError:  # a folder, or a file removed meanwhile
                continue
            digest.update(f"{path}\0".encode() + hashlib.sha256(content).digest())
    return digest.hexdigest()
