"""The files a built site needs besides its pages, written after the engine has rendered them.

Independent of the site engine's hooks: the pipeline calls it on the staged site, and the
MkDocs adapter calls it only under a plain ``mkdocs build`` or ``mkdocs serve``.
"""

from __future__ import annotations

from pathlib import Path

from coalition_kit.site.assets import write_fonts, write_logo
from coalition_kit.site.cname import write_cname
from coalition_kit.site.csp import apply_csp_to_site
from coalition_kit.site.downloads import copy_downloads
from coalition_kit.site.events import write_ics_files
from coalition_kit.site.inputs import SiteInputs


def finish_site(site_dir: Path, inputs: SiteInputs) -> None:
    """Calendar files, fonts, logo, downloads and the Pages ``CNAME``, then each page's
    Content-Security-Policy."""
    write_ics_files(inputs.data, site_dir / "events", inputs.lang)
    write_fonts(site_dir)
    write_logo(inputs.data, site_dir)
    if inputs.publishes_downloads:  # other languages link to the main language's copies
        copy_downloads(inputs.manifest, inputs.dist_dir, site_dir / "downloads")
        write_cname(inputs.data, site_dir)  # the site's root only
    apply_csp_to_site(site_dir)  # last: hashes the inline scripts of the finished pages
