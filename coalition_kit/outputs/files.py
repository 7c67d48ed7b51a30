"""Outputs are meant to be published: give staged files and folders the usual modes.

``tempfile`` creates private files (0600) and folders (0700) on purpose; moved into place
as they are, a web server running as another user could not read the site or the PDFs.
"""

from __future__ import annotations

import os
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publishable(path: Path) -> Path:
    """Set ``path`` (and, for a folder, everything in it) to 0666/0777 less the umask."""
    mask = _umask()
    if path.is_dir():
        for child in [path, *path.rglob("*")]:
            os.chmod(child, (0o777 if child.is_dir() else 0o666) & ~mask)
    elif path.exists():
        os.chmod(path, 0o666 & ~mask)
    return path
