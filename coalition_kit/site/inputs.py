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

    Its ``repr`` leaves the data and the manifest out: the engine's config carries this object,
    and mkdocs-macros writes every value it can see as text at each build (a debug trace it
    makes whether or not it is shown), which for the whole data model took most of a second.
    """

    data: CoalitionData = field(repr=False)
    lang: str
    dist_dir: Path
    manifest: list[dict[str, Any]] = field(default_factory=list, repr=False)
    downloads_href: str = ""
    """Where the downloads page finds the PDFs: "" when the finish step copies them beside it (the
    main language), "../../downloads/" for a language under /<lang>/ (the main one's copies)."""

    @property
    def publishes_downloads(self) -> bool:
        """True for the build whose downloads/ folder holds the PDFs (the main language's)."""
        return not self.downloads_href
