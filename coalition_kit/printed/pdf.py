"""Turn composed HTML into a PDF with WeasyPrint, written atomically, fetching nothing from outside.

WeasyPrint would follow any address a page names (``http://``, ``file:///etc/...``). Here its
URL fetcher serves only ``data:`` URLs and files under the folders the caller allows (the
package, the pages, the checked data files, the fonts); any other address stops the piece
with that address in the message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from coalition_kit.outputs.files import publishable
from coalition_kit.paths import PACKAGE_DIR
from coalition_kit.render.fonts import font_files

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    bytes: int


class RefusedFetch(Exception):
    """The piece named an address it may not read (the message names it)."""


class RefusedAddress(FatalURLFetchingError):
    """A piece asked for an address outside what it may read; the build stops."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class ConfinedFetcher(URLFetcher):
    """Serves ``data:`` URLs and the files under ``readable``; refuses everything else."""

    def __init__(self, readable: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self._readable = tuple(p.resolve() for p in readable)

    def may_read(self, url: str) -> bool:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return True
        if scheme != "file":
            return False
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(parts.path)).resolve()
        inside = any(path == root or root in path.parents for root in self._readable)
        return inside and path.is_file()

    def fetch(self, url, headers=None):
        if not self.may_read(url):
            raise RefusedAddress(url)
        return super().fetch(url, headers)


def always_readable() -> list[Path]:
    """What every piece may read: the package (templates, styles) and the embedded fonts."""
    return [PACKAGE_DIR, *font_files().values()]


def write_pdf(html: str, target: Path, base_url: Path, readable: Iterable[Path] = ()) -> PdfResult:
    """Render ``html`` to ``target``; on any failure the old file (if any) is left untouched.

    ``readable``: folders and files the piece may read besides ``always_readable()``.
    Raises ``RefusedFetch`` naming the address when the piece asks for anything else.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fetcher = ConfinedFetcher([*always_readable(), *readable])
    try:
        document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render()
    except RefusedAddress as exc:
        raise RefusedFetch(f"it asks for {exc.url}, which is outside the project; "
                           "a printed piece reads nothing from the network or other folders") from None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        document.write_pdf(tmp, pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
        publishable(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PdfResult(target, len(document.pages), target.stat().st_size)
