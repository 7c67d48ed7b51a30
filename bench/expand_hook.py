"""MkDocs hook for ``bench/child.py expand``: saves each page's Markdown once mkdocs-macros has expanded it.

Hooks run after the configured plugins, so the Markdown it sees has no macro call left.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    target = Path(os.environ["BENCH_EXPANDED_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
