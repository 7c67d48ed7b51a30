"""Content digests: which data a set of outputs was made from."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def data_digest(data_dir: Path) -> str:
    """A digest of the data folder's files: which data a set of PDFs was made from."""
    digest = hashlib.sha256()
    for path in files_under(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
