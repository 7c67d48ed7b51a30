"""The ``CNAME`` file that names the site's custom domain for GitHub Pages.

When coalition.yml's ``site_url`` names the coalition's own domain, the site carries that
host in ``CNAME``: GitHub Pages published from a branch (and hosts that read the same file)
serve the site there. Published by the GitHub Actions workflow, Pages takes the domain from
Settings -> Pages -> Custom domain instead and ignores the file (README, "Publish with GitHub
Pages"). A ``*.github.io`` address needs none.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from coalition_kit.model import CoalitionData


def custom_domain(site_url: str | None) -> str | None:
    """The host of ``site_url`` when it is not a GitHub Pages address, else None."""
    host = (urlsplit(site_url).hostname or "").rstrip(".").lower() if site_url else ""
    if not host or host == "github.io" or host.endswith(".github.io"):
        return None
    return host


def write_cname(data: CoalitionData, site_dir: Path) -> Path | None:
    """Write ``site_dir``/CNAME for a custom domain; returns its path, or None when there is none."""
    host = custom_domain(data.coalition.site_url)
    if host is None:
        return None
    path = site_dir / "CNAME"
    path.write_text(host + "\n", encoding="utf-8")
    return path
