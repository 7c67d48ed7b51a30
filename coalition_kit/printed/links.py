"""Links and images of a docs page, made to work on paper and inside the PDF.

- a link to another page of this edition becomes an internal PDF link (and the print
  CSS adds "page N" after it with ``target-counter``);
- a link to a page that is not in this edition points at that page on the website,
  whose address is printed after the link text;
- web links show their address in print unless the link text already is the address;
- relative image paths are resolved against the page's own folder.

These functions decide on addresses only; ``page_tree`` applies them to a page's elements.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_anchor(page: str) -> str:
    """The id of a docs page inside the book, e.g. hotel-project/signs.md -> page-hotel-project-signs."""
    return "page-" + re.sub(r"[^a-z0-9]+", "-", page.lower().removesuffix(".md")).strip("-")


def page_url(site: str, page: str, lang: str, main_lang: str) -> str:
    """The website address of a docs page (MkDocs directory URLs), in ``lang``'s site: the main
    language's at the site's root, another language's under /<lang>/."""
    base = site.rstrip("/") + "/" + ("" if lang == main_lang else f"{lang}/")
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


def link(ctx: LinkContext, href: str, text: str) -> tuple[str, str | None]:
    """Where a link of this page points on paper, and the class that says how it prints.

    ``href`` is the link's address as written on the page, with a same-page ``#id``
    already made unique within the book; ``text`` is the link's text.
    """
    if href.startswith("#"):
        return href, "xref-local"
    if _SCHEME.match(href):
        scheme = href.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            bare = text.rstrip("/") in (href.rstrip("/"), href.split("://", 1)[-1].rstrip("/"))
            return href, "web-bare" if bare else "web"
        if scheme == "mailto":
            return href, "mail-bare" if text == href[7:] else "mail"
        return href, None
    path, _, fragment = href.partition("#")
    target = _resolve_page(ctx, path)
    if target is not None and target in ctx.in_edition:
        anchor = page_anchor(target)
        return (f"#{anchor}--{fragment}" if fragment else f"#{anchor}"), "xref"
    if target is not None:
        return page_url(ctx.site, target, ctx.lang, ctx.main_lang) + (f"#{fragment}" if fragment else ""), "web"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.page), path))
    return page_url(ctx.site, joined, ctx.lang, ctx.main_lang), "web"


def image_source(ctx: LinkContext, src: str) -> str:
    """An image's address: a relative path becomes a file URI, resolved against the page's folder."""
    if _SCHEME.match(src) or src.startswith("/"):
        return src
    return (ctx.docs_dir / posixpath.dirname(ctx.page) / src).resolve().as_uri()
