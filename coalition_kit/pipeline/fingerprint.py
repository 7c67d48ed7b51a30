"""Skip a build whose inputs have not changed since the last successful one.

The fingerprint covers everything that shapes the outputs: the data folder, the
pages, the theme overrides, mkdocs.yml, the package's own code and templates, the
locked dependency versions and SOURCE_DATE_EPOCH (or, without it, today's date: the figures
are "as of" the build date). It is stored beside the PDFs, with each piece's own key
(``pieces``), so a build with other inputs prints only the pieces they change.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from coalition_kit.model.measures import build_date
from coalition_kit.outputs.digest import files_under
from coalition_kit.paths import PACKAGE_DIR

STAMP = ".build-inputs.json"


def input_fingerprint(root: Path, data_dir: Path, site_dir: Path) -> str:
    digest = hashlib.sha256()
    folders = [("data", data_dir), ("docs", root / "docs"), ("overrides", root / "overrides"),
               ("package", PACKAGE_DIR)]
    for label, folder in folders:
        for path in files_under(folder):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for single in (root / "mkdocs.yml", root / "requirements.lock"):
        if single.is_file():
            digest.update(single.name.encode() + b"\0" + single.read_bytes())
    digest.update(f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}\0site={site_dir.resolve()}".encode())
    if not os.environ.get("SOURCE_DATE_EPOCH"):  # figures are "as of" the build date (overdue refreshers)
        digest.update(f"\0today={build_date().isoformat()}".encode())
    return digest.hexdigest()


def outputs_current(dist_dir: Path, site_dir: Path, fingerprint: str) -> bool:
    """True when the last build had these inputs and its outputs are all still in place."""
    stamp = dist_dir / STAMP
    manifest = dist_dir / "manifest.json"
    if not (stamp.is_file() and manifest.is_file() and (site_dir / "index.html").is_file()):
        return False
    if json.loads(stamp.read_text(encoding="utf-8")).get("inputs") != fingerprint:
        return False
    for entry in json.loads(manifest.read_text(encoding="utf-8")).get("files", []):
        pdf = dist_dir / entry["file"]
        if not pdf.is_file() or hashlib.sha256(pdf.read_bytes()).hexdigest() != entry["sha256"]:
            return False
    return True


def recorded(dist_dir: Path) -> dict:
    """The stamp of the last build in ``dist_dir`` (empty when there is none or it is unreadable)."""
    try:
        stamp = json.loads((dist_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def record(dist_dir: Path, fingerprint: str, pieces: dict[str, dict] | None = None) -> None:
    """``pieces``: by file name, each piece's key and warnings (``pieces.PieceCache.recorded``)."""
    stamp: dict = {"inputs": fingerprint}
    if pieces:
        stamp["pieces"] = dict(sorted(pieces.items()))
    (dist_dir / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")


def record_pieces(dist_dir: Path, pieces: dict[str, dict]) -> None:
    """After printing some pieces straight into ``dist_dir`` (``build_notebook.py``): keep their
    keys with the others', and forget the whole build's fingerprint, since dist/ no longer is
    exactly what that build made (the next build then checks each piece again)."""
    stamp = recorded(dist_dir)
    kept = stamp.get("pieces") if isinstance(stamp.get("pieces"), dict) else {}
    (dist_dir / STAMP).write_text(json.dumps({"pieces": dict(sorted({**kept, **pieces}.items()))}, indent=1) + "\n",
                                  encoding="utf-8")
