"""dist/manifest.json: one entry per output file (edition, language, paper, pages, sha256)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from coalition_kit.outputs.files import publishable


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    edition: str
    language: str
    paper: str
    pages: int
    bytes: int
    size_label: str
    sha256: str
    public: bool


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def entry_for(path: Path, *, edition: str, language: str, paper: str, pages: int, public: bool) -> ManifestEntry:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    size = path.stat().st_size
    return ManifestEntry(path.name, edition, language, paper, pages, size, size_label(size), digest, public)


def write_manifest(dist_dir: Path, entries: list[ManifestEntry], data_digest: str) -> Path:
    """Write the manifest atomically, entries sorted by file name (stable bytes).

    ``data_digest`` names the data the PDFs were made from, so a preview of other data
    does not list them (see ``read_manifest``).
    """
    dist_dir.mkdir(parents=True, exist_ok=True)
    payload = {"data": data_digest, "files": [asdict(e) for e in sorted(entries, key=lambda e: e.file)]}
    target = dist_dir / "manifest.json"
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=dist_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    publishable(Path(tmp))
    os.replace(tmp, target)
    return target


def read_manifest(dist_dir: Path, data_digest: str | None = None) -> list[dict]:
    """The manifest's entries; none when it was made from other data than ``data_digest``."""
    path = dist_dir / "manifest.json"
    if not path.is_file():
        return []
    payload = json.loads(path.read_text(encoding="utf-8"))
    if data_digest is not None and payload.get("data") != data_digest:
        return []
    return list(payload.get("files", []))
