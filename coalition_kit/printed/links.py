"""Links and images of a docs page, made to work on paper and inside the PDF.

- a link to another page of this edition becomes an internal PDF link (and the print
  CSS adds "page N" after it with ``target-counter``);
- a link to a page that is not in this edition points at that page on the website,
  whose address is printed after the link text;
- web links show their address in print unless the link text already is the address;
- relative image paths are resolved against the page's own folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_A = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_IMG = re.compile(r"<img\b([^>]*)>", re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_SRC = re.compile(r'\bsrc="([^"]*)"')
_CLASS = re.compile(r'\bclass="([^"]*)"')
_TAGS = re.compile(r"<[^>]+>")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_anchor(page: str) -> str:
    """The id of a docs page inside the book, e.g. hotel-project/signs.md -> page-hotel-project-signs."""
    return "page-" + re.sub(r"[^a-z0-9]+", "-", page.lower().removesuffix(".md")).strip("-")


def page_url(site: str, page: str, lang: str, main_lang: str) -> str:
    """The website address of a docs page (MkDocs directory URLs).

    The website is built in the main language only for now, so every language's PDFs
    point there; when other languages get their own site under /<lang>/, add it here.
    """
    base = site.rstrip("/") + "/"
    if page.endswith(".md"):
        stem = page[:-3]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
        else:
            stem += "/"
        return base + stem
    return base + page


@dataclass(frozen=True)
class LinkContext:
    page: str                      # this page, e.g. hotel-project/signs.md
    in_edition: frozenset[str]     # docs pages printed in this edition
    known_pages: Callable[[str], bool]  # does docs/<page> exist?
    site: str                      # the website's address
    lang: str
    main_lang: str
    docs_dir: Path


def _add_class(attrs: str, cls: str) -> str:
    match = _CLASS.search(attrs)
    if match:
        return attrs[: match.start()] + f'class="{match.group(1)} {cls}"' + attrs[match.end():]
    return attrs + f' class="{cls}"'


def _resolve_page(ctx: LinkContext, path: str) -> str | None:
    """The docs page a relative link points to, or None when it is not a page."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.page), path)) if path else ctx.page
    if joined.startswith(".."):
        return None
    joined = "" if joined == "." else joined
    if joined.endswith(".md"):
        return joined
    if path.endswith("/") or not joined:
        candidates = [posixpath.join(joined, "index.md")]
    elif posixpath.splitext(joined)[1]:
        return None  # a file such as a PDF or an image
    else:
        candidates = [joined + ".md", joined + "/index.md"]
    for candidate in candidates:
        if candidate in ctx.in_edition or ctx.known_pages(candidate):
            return candidate
    return None


def _link(ctx: LinkContext, match: re.Match[str]) -> str:
    attrs, inner = match.group(1), match.group(2)
    href_match = _HREF.search(attrs)
    if not href_match:
        return match.group(0)
    href = href_match.group(1)
    text = _TAGS.sub("", inner).strip()
    new_href, cls = href, None
    if href.startswith("#"):
        cls = "xref-local"
    elif _SCHEME.match(href):
        scheme = href.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            bare = text.rstrip("/") in (href.rstrip("/"), href.split("://", 1)[-1].rstrip("/"))
            cls = "web-bare" if bare else "web"
        elif scheme == "mailto":
            cls = "mail-bare" if text == href[7:] else "mail"
    else:
        path, _, fragment = href.partition("#")
        target = _resolve_page(ctx, path)
        if target is not None and target in ctx.in_edition:
            anchor = page_anchor(target)
            new_href = f"#{anchor}--{fragment}" if fragment else f"#{anchor}"
            cls = "xref"
        elif target is not None:
            new_href = page_url(ctx.site, target, ctx.lang, ctx.main_lang) + (f"#{fragment}" if fragment else "")
            cls = "web"
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.page), path))
            new_href = page_url(ctx.site, joined, ctx.lang, ctx.main_lang)
            cls = "web"
    attrs = attrs[: href_match.start()] + f'href="{new_href}"' + attrs[href_match.end():]
    if cls:
        attrs = _add_class(attrs, cls)
    return f"<a{attrs}>{inner}</a>"


def _image(ctx: LinkContext, match: re.Match[str]) -> str:
    attrs = match.group(1)
    src_match = _SRC.search(attrs)
    if not src_match or _SCHEME.match(src_match.group(1)) or src_match.group(1).startswith("/"):
        return match.group(0)
    path = (ctx.docs_dir / posixpath.dirname(ctx.page) / src_match.group(1)).resolve()
    return "<img" + attrs[: src_match.start()] + f'src="{path.as_uri()}"' + attrs[src_match.end():] + ">"


def rewrite(html: str, ctx: LinkContext) -> str:
    html = _A.sub(lambda m: _link(ctx, m), html)
    return _IMG.sub(lambda m: _image(ctx, m), html)
