"""Incremental printing: a piece whose inputs did not change is copied, not printed again.

A content hash decides, never a timestamp. A piece's key covers everything its PDF is made of:

- its composed HTML, which already carries the data it shows, its pages (Markdown), its
  language, its paper and the build date; the styles are inlined in it;
- ``shared``, computed once per build: the bytes of every local file a piece may fetch that is
  not in the HTML (the fonts, the data files the data names such as the logo, every file
  under the pages folder that is not a Markdown page, e.g. an image), the package's own code
  and templates (our PDF post-processing included), the versions of the installed Python
  packages (WeasyPrint, pydyf, fontTools…), of Pango and of the other native libraries loaded,
  and SOURCE_DATE_EPOCH;
- its file name and the folder its relative addresses resolve against.

So a data change that does not show in a piece leaves its key unchanged. The keys are kept in
the build stamp beside the PDFs (``fingerprint.record``); a piece is reused only when the
published dist/ still holds its file with the bytes the old manifest names.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from coalition_kit.outputs.digest import files_under
from coalition_kit.paths import PACKAGE_DIR

#: Files under the pages folder whose content is already in the composed HTML.
_IN_HTML = {".md"}


@dataclass(frozen=True)
class Published:
    """A piece the last build published: its key and what the manifest says of its file."""

    key: str
    sha256: str
    pages: int
    bytes: int
    warnings: tuple[str, ...] = ()


@dataclass
class PieceCache:
    """What the printing of one build needs to skip unchanged pieces, and what it leaves for the next."""

    shared: str
    """Digest of every input a piece has besides its HTML (see the module's notes)."""
    published_dir: Path | None = None
    """The real dist/ of the last build (not the stage); ``None``: print everything."""
    published: dict[str, Published] = field(default_factory=dict)
    """By file name: the pieces of the last build that may be reused."""
    recorded: dict[str, dict] = field(default_factory=dict)
    """By file name, filled in by the printing: each piece's key and warnings, for the stamp."""

    def key(self, file_name: str, base_url: Path, html: str) -> str:
        digest = hashlib.sha256()
        for part in (self.shared, file_name, str(base_url)):
            digest.update(part.encode() + b"\0")
        digest.update(html.encode("utf-8"))
        return digest.hexdigest()

    def reuse(self, file_name: str, key: str, target: Path) -> Published | None:
        """Copy the published piece to ``target`` when its key is ``key`` and its bytes are the
        ones the old manifest names; what it was, or ``None`` when it must be printed."""
        old = self.published.get(file_name)
        if old is None or old.key != key or self.published_dir is None:
            return None
        try:
            content = (self.published_dir / file_name).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(content).hexdigest() != old.sha256:
            return None
        if target.resolve() != (self.published_dir / file_name).resolve():  # printing into dist/ itself: keep it
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return old


def piece_cache(data, docs_dir: Path, published_dir: Path | None, stamp: dict | None) -> PieceCache:
    """The cache of one build; ``published_dir``/``stamp`` ``None`` (``--force``): nothing is reused."""
    cache = PieceCache(shared_inputs(data, docs_dir))
    if published_dir is None or not stamp:
        return cache
    cache.published_dir = published_dir
    manifest = published_dir / "manifest.json"
    try:
        files = {e["file"]: e for e in json.loads(manifest.read_text(encoding="utf-8")).get("files", [])}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return cache
    for name, piece in (stamp.get("pieces") or {}).items():
        entry = files.get(name)
        if not isinstance(piece, dict) or not entry or not piece.get("key"):
            continue
        try:
            cache.published[name] = Published(piece["key"], entry["sha256"], int(entry["pages"]),
                                              int(entry["bytes"]), tuple(piece.get("warnings", ())))
        except (KeyError, TypeError, ValueError):
            continue
    return cache


def shared_inputs(data, docs_dir: Path) -> str:
    digest = hashlib.sha256()
    digest.update(_code_and_tools().encode() + b"\0")
    digest.update(f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    from coalition_kit.render.fonts import font_files  # the fonts every piece embeds
    files = [("font", path) for path in sorted(font_files().values())]
    files += [("data", path) for path in sorted(data.referenced_files())]
    files += [("pages", path) for path in files_under(docs_dir) if path.suffix.lower() not in _IN_HTML]
    for label, path in files:
        digest.update(f"{label}:{path}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_and_tools() -> str:
    """The package's code and templates, and the versions of what renders a PDF (once per process)."""
    digest = hashlib.sha256()
    for path in files_under(PACKAGE_DIR):
        digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()
                      if d.metadata and d.metadata["Name"])
    digest.update("\n".join(versions).encode() + b"\0")
    digest.update(f"python={platform.python_version()}\0".encode())
    digest.update(_native_libraries().encode())
    return digest.hexdigest()


#: The native libraries that lay out and shape text (WeasyPrint loads them).
_TEXT_LIBRARIES = ("libpango", "libharfbuzz", "libfontconfig", "libfreetype", "libfribidi", "libgobject",
                   "libglib", "libgraphite", "libthai")


def _native_libraries() -> str:
    """Pango's version and the real file names and sizes of the text libraries WeasyPrint
    loaded (HarfBuzz, FreeType, fontconfig…): a system upgrade changes them."""
    import weasyprint.text.ffi as ffi  # noqa: F401 - loads Pango and the others
    lines = [f"pango={ffi.pango.pango_version()}"]
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return lines[0]
    libraries = set()
    for row in maps.splitlines():
        name = row.split(maxsplit=5)[-1] if row.count(" ") >= 5 else ""
        if name.startswith("/") and Path(name.strip()).name.startswith(_TEXT_LIBRARIES):
            libraries.add(name.strip())
    for name in sorted(libraries):
        path = Path(name)
        try:
            lines.append(f"{path.resolve().name}:{path.stat().st_size}")
        except OSError:
            continue
    return "\n".join(lines)
