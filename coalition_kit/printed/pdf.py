"""Turn composed HTML into a PDF with WeasyPrint, written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import weasyprint

from coalition_kit.outputs.files import publishable

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    bytes: int


def write_pdf(html: str, target: Path, base_url: Path) -> PdfResult:
    """Render ``html`` to ``target``; on any failure the old file (if any) is left untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        document.write_pdf(tmp, pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
        publishable(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PdfResult(target, len(document.pages), target.stat().st_size)
