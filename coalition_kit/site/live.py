"""The live preview's web server: MkDocs' LiveReloadServer with two changes for this site.

- MkDocs adds an inline live-reload script to every page it serves, which the pages' own
  Content-Security-Policy (``csp``) would block: only scripts hashed at build time may run.
  So each page *served by the preview* gets its policy recomputed with that exact script's
  hash. The policy stays strict (no ``'unsafe-inline'``) and the built site is untouched:
  this happens only in the server's response.
- While the data has problems, every address answers with a page that lists them instead of
  the site (``show_instead``). That page carries the live-reload script too, so it turns back
  into the site by itself once the data is fixed.
- A rebuild can show the main language before the others are rebuilt (``publish``): browsers
  reload at once, and an address in a language still being rebuilt waits for it (``finished``),
  as every address waits during a build in the engine's own server.

The two methods overridden here are MkDocs' own (private in MkDocs 1.6, the pinned line):
tests/site/test_serve_errors.py fails if an upgrade changes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.livereload import LiveReloadServer, _timestamp

from coalition_kit.site.csp import CspError, apply_csp


class PreviewServer(LiveReloadServer):
    """Serves the preview folder; ``show_instead`` a page for every address while one is set."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._instead: bytes | None = None
        self._pending: set[str] = set()

    def publish(self, pending: Iterable[str] = ()) -> None:
        """Call from the builder: show what is built so far, and reload the browsers now; an
        address under one of the ``pending`` folders ("/es/") waits until ``finished`` names it."""
        with self._epoch_cond:
            self._pending = set(pending)
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def finished(self, folder: str | None = None) -> None:
        """The pending ``folder`` is built (None: all of them)."""
        with self._epoch_cond:
            if folder is None:
                self._pending.clear()
            else:
                self._pending.discard(folder)
            self._epoch_cond.notify_all()

    def reload_now(self) -> None:
        """Reload the browsers again, whatever they show (after ``publish``, a later problem)."""
        with self._epoch_cond:
            self._pending.clear()
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def request_rebuild(self) -> None:
        """Rebuild as if a watched file had changed (from any thread)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _ready(self, path: str) -> bool:
        return self._visible_epoch == self._wanted_epoch and not any(path.startswith(f) for f in self._pending)

    def show_instead(self, html: str | None) -> None:
        """Answer every address with ``html`` (None: serve the site again). Call it from the
        builder: the browsers reload when the build ends."""
        self._instead = None if html is None else html.encode("utf-8")

    def _serve_request(self, environ, start_response) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:  # as the engine does: never answer while a build is under way
            self._epoch_cond.wait_for(lambda: self._ready(path))
            epoch = self._visible_epoch
        page = self._instead
        if page is None:
            return super()._serve_request(environ, start_response)
        content = self._inject_js_into_html(page, epoch)
        # 200, not an error status: the engine logs every other status as a warning, and the
        # terminal already lists the problems once.
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                  ("Content-Length", str(len(content))), ("Cache-Control", "no-store")])
        return [content]

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        injected = super()._inject_js_into_html(content, epoch)
        try:
            return apply_csp(injected.decode("utf-8")).encode("utf-8")
        except (CspError, UnicodeDecodeError):  # not one of our pages: nothing to allow
            return injected
