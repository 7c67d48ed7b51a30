"""A Markdown extension, listed in mkdocs.yml: a backstop that keeps only safe links and images.

Data values reach pages as inert text (``render.blocks.md_text``), so they cannot make a link.
Should one slip through anyway, this drops, from every page the site or the print side
renders, any link whose address uses a scheme other than https, http, mailto, tel or sms
(``javascript:``, ``data:``, ``file:``…), and any image that is not a file of the site
itself (an ``http://`` image would be a request to another server when a page loads, and
a fetch at build time for the PDFs). The text of a dropped link or image stays.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel", "sms"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def scheme(address: str) -> str | None:
    """The scheme of ``address`` as a browser reads it (control characters and spaces inside
    the scheme do not hide it), or None for a relative address."""
    match = _SCHEME.match(_INVISIBLE.sub("", address))
    return match.group(1).lower() if match else None


def link_allowed(href: str) -> bool:
    found = scheme(href)
    return found is None or found in LINK_SCHEMES


def image_allowed(src: str) -> bool:
    return scheme(src) is None and not src.strip().startswith("//")


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a" and not link_allowed(child.get("href", "")):
                    child.attrib.pop("href", None)
                    child.tag = "span"
                elif child.tag == "img" and not image_allowed(child.get("src", "")):
                    text = etree.Element("span")
                    text.text = child.get("alt", "")
                    text.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, text)


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_SafeLinks(md), "coalition_kit_safe_links", 5)  # after inline and prettify


def makeExtension(**kwargs: object) -> SafeLinksExtension:  # noqa: N802 - Markdown's API
    return SafeLinksExtension(**kwargs)
