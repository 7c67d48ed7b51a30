"""What one website build is made from, handed to the engine adapter as one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coalition_kit.model import CoalitionData


@dataclass(frozen=True)
class SiteInputs:
    """Everything a site build reads besides docs/ and the theme.

    ``data`` is the public view (the site never sees private fields); ``manifest`` lists the
    PDFs made from the same data, found in ``dist_dir`` and published under downloads/.
    """

    data: CoalitionData
    lang: str
    dist_dir: Path
    manifest: list[dict[str, Any]] = field(default_factory=list)
