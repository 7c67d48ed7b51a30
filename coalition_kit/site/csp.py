"""Content-Security-Policy for a static site: hash every inline script and style after the build.

The theme override writes one ``<meta http-equiv="Content-Security-Policy" data-ck-csp>`` as
the first element after ``<meta charset>``, with ``script-src 'self'`` and ``style-src 'self'``.
Material and MkDocs put a few inline ``<script>`` blocks in every page, so after the build
this step adds the ``'sha256-…'`` of each inline script and style of *that* page to its
policy. Nothing else may run: no ``'unsafe-inline'``, no other origin.

Directives a ``<meta>`` policy cannot carry (frame-ancestors, report-uri, sandbox) are
left to the host's HTTP headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

#: The policy the template writes; ``{scripts}`` and ``{styles}`` are filled per page.
POLICY = (
    "default-src 'none'; "
    "script-src 'self'{scripts}; "
    "style-src 'self'{styles}; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "worker-src 'self'; "
    "manifest-src 'self'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "object-src 'none'"
)

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" data-ck-csp content="[^"]*">')
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc\s*=)(?:\s[^>]*)?>(.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.S | re.I)


class CspError(Exception):
    pass


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _hashes(pattern: re.Pattern[str], html: str) -> str:
    seen: dict[str, None] = {}
    for match in pattern.finditer(html):
        seen[source_hash(match.group(1))] = None
    return "".join(" " + h for h in seen)


def policy_for(html: str) -> str:
    return POLICY.format(scripts=_hashes(_INLINE_SCRIPT, html), styles=_hashes(_INLINE_STYLE, html))


def apply_csp(html: str) -> str:
    """``html`` with its CSP meta filled in; raises CspError when the page has no placeholder."""
    if not _META.search(html):
        raise CspError("no <meta http-equiv=\"Content-Security-Policy\" data-ck-csp> in the page")
    policy = policy_for(html)
    meta = f'<meta http-equiv="Content-Security-Policy" data-ck-csp content="{policy}">'
    return _META.sub(lambda _: meta, html, count=1)


def apply_csp_to_site(site_dir: Path) -> int:
    """Fill in the policy of every HTML page under ``site_dir``; returns how many pages."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if not _META.search(html):
            continue  # a file that is not a theme page (e.g. a download); nothing to protect
        path.write_text(apply_csp(html), encoding="utf-8")
        count += 1
    return count
