"""What a visitor downloads for the home page, and the sizes of the PDFs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_SEARCH_WORKER = re.compile(r'"search"\s*:\s*"([^"]+)"')


class _References(HTMLParser):
    """Stylesheets, scripts, images and icons a page asks for when it loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("href") and set((values.get("rel") or "").split()) & {
                "stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.found.append(values["href"] or "")
        elif tag in ("script", "img", "source", "video", "audio", "iframe") and values.get("src"):
            self.found.append(values["src"] or "")


def _local(base: Path, reference: str, site: Path) -> Path | None:
    """The file of ``site`` that ``reference`` (relative to ``base``) names; None for other sites or data:."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else (base / parts.path)
    path = path.resolve()
    return path if path.is_file() and site.resolve() in path.parents else None


def _fonts_of(css: Path, site: Path) -> set[Path]:
    """The font files a stylesheet's @font-face rules name (woff2 only: what a current browser fetches)."""
    text = css.read_text(encoding="utf-8", errors="replace")
    found = {_local(css.parent, ref, site) for ref in _CSS_URL.findall(text) if ".woff2" in ref}
    return {path for path in found if path is not None}


@dataclass(frozen=True)
class PageWeight:
    html: int
    assets: dict[str, int]
    search: dict[str, int]

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    @property
    def with_search(self) -> int:
        return self.total + sum(self.search.values())


def home_page_weight(site: Path) -> PageWeight:
    """Bytes of ``site/index.html`` and of the local files it loads (fonts through its CSS);
    separately, the search worker and index that Material's search loads after the page."""
    index = site / "index.html"
    text = index.read_text(encoding="utf-8")
    parser = _References()
    parser.feed(text)
    files = {path for path in (_local(site, ref, site) for ref in parser.found) if path is not None}
    for css in [path for path in files if path.suffix == ".css"]:
        files |= _fonts_of(css, site)
    assets = {path.relative_to(site.resolve()).as_posix(): path.stat().st_size for path in sorted(files)}
    search: dict[str, int] = {}
    worker = _SEARCH_WORKER.search(text)
    for candidate in ([worker.group(1)] if worker else []) + ["search/search_index.json"]:
        path = _local(site, candidate, site)
        if path is not None:
            search[path.relative_to(site.resolve()).as_posix()] = path.stat().st_size
    return PageWeight(index.stat().st_size, assets, search)


def pdf_sizes(dist: Path) -> list[tuple[str, int, int]]:
    """(file, bytes, pages) for each PDF in the manifest of ``dist``."""
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    return [(entry["file"], entry["bytes"], entry["pages"]) for entry in manifest.get("files", [])]


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KiB" if size < 1024 * 1024 else f"{size / (1024 * 1024):,.2f} MiB"
