"""A docs page made ready for the book, edited as an HTML tree.

A rendered page (Markdown output plus the raw HTML of our macros) is parsed with
``tinyhtml5``, WeasyPrint's own HTML parser, so the page is read exactly as the PDF
renderer will read it. One pass over the tree then:

- removes every element whose classes include ``ck-web-only``, with all it contains
  (removed, not only hidden, so its headings leave no outline or contents entry);
- makes ids unique within the book (``{anchor}--{id}``), with the same-page links and
  id references that point to them;
- makes links and images work on paper (``links``);
- marks the page's first h1 as the section title.

The tree is then written back as HTML by a small serializer of our own.
"""

from __future__ import annotations

from xml.etree import ElementTree

import tinyhtml5

from coalition_kit.printed.links import LinkContext, image_source, link, page_anchor
from coalition_kit.render.safe_links import link_allowed

__all__ = ["print_page"]

WEB_ONLY = "ck-web-only"
TITLE = "section-title"

# Attributes whose value is a list of ids on the same page.
_ID_REFERENCES = ("for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns")

_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
_XMLNS = "http://www.w3.org/2000/xmlns/"
_XLINK_HREF = f"{{{_XLINK}}}href"

_HTML_SPACE = " \t\n\f\r"
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr", "basefont", "bgsound", "frame", "keygen", "param"})
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_LEADING_NEWLINE = frozenset({"pre", "textarea", "listing"})  # the parser drops one newline after these


def print_page(html: str, ctx: LinkContext) -> tuple[str, str]:
    """The page's HTML for the book, and its title (the first h1's text, else the page's path)."""
    body = _parse(html)
    state = _Pass(ctx, page_anchor(ctx.page))
    state.visit(body)
    title = "".join(state.title.itertext()).strip() if state.title is not None else ctx.page
    return _serialize_children(body), title


def _parse(html: str) -> ElementTree.Element:
    """The body that holds the page's elements (a doctype keeps the parser out of quirks mode)."""
    document = tinyhtml5.parse(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>",
                               namespace_html_elements=False)
    body = document.find("body")
    assert body is not None
    return body


def _split(value: str) -> list[str]:
    """A space-separated list (class, aria-labelledby...) as HTML splits it."""
    for space in _HTML_SPACE[1:]:
        value = value.replace(space, " ")
    return [item for item in value.split(" ") if item]


def _add_class(element: ElementTree.Element, cls: str) -> None:
    classes = element.get("class")
    element.set("class", f"{classes} {cls}" if classes else cls)


class _Pass:
    """The one walk over a page's tree."""

    def __init__(self, ctx: LinkContext, anchor: str) -> None:
        self.ctx = ctx
        self.anchor = anchor
        self.title: ElementTree.Element | None = None

    def visit(self, parent: ElementTree.Element) -> None:
        for child in list(parent):
            if not isinstance(child.tag, str):
                continue  # a comment
            if WEB_ONLY in _split(child.get("class", "")):
                _remove(parent, child)
                continue
            self.enter(child)
            self.visit(child)
            self.leave(child)

    def enter(self, element: ElementTree.Element) -> None:
        """Ids, same-page links and id references made unique within the book; the title marked."""
        anchor = self.anchor
        if element.get("id"):
            element.set("id", f"{anchor}--{element.get('id')}")
        for name in ("href", _XLINK_HREF):
            href = element.get(name)
            if href and href.startswith("#") and len(href) > 1:
                element.set(name, f"#{anchor}--{href[1:]}")
        for name in _ID_REFERENCES:
            ids = element.get(name)
            if ids:
                element.set(name, " ".join(f"{anchor}--{i}" for i in _split(ids)))
        if element.tag == "h1" and self.title is None:
            _add_class(element, TITLE)
            self.title = element

    def leave(self, element: ElementTree.Element) -> None:
        """Links and images made to work on paper (after the content: a link's text has no web-only parts)."""
        if element.tag == "a" and element.get("href") is not None and not link_allowed(element.get("href", "")):
            del element.attrib["href"]  # a javascript:, data: or file: link never reaches paper
            element.tag = "span"
        elif element.tag == "a" and element.get("href") is not None:
            text = "".join(element.itertext()).strip()
            href, cls = link(self.ctx, element.get("href", ""), text)
            element.set("href", href)
            if cls:
                _add_class(element, cls)
        elif element.tag == "img" and element.get("src") is not None:
            element.set("src", image_source(self.ctx, element.get("src", "")))


def _remove(parent: ElementTree.Element, child: ElementTree.Element) -> None:
    """Remove an element and all it contains, keeping the text that follows it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


# --- serializer ---------------------------------------------------------------------------


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _local(name: str) -> tuple[str | None, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return None, name


def _attribute_name(name: str) -> str:
    namespace, local = _local(name)
    if namespace == _XLINK:
        return f"xlink:{local}"
    if namespace == _XML:
        return f"xml:{local}"
    if namespace == _XMLNS:
        return "xmlns" if local == "xmlns" else f"xmlns:{local}"
    return local


def _serialize_children(element: ElementTree.Element) -> str:
    out: list[str] = []
    if element.text:
        out.append(_escape_text(element.text))
    for child in element:
        _serialize(child, out)
    return "".join(out)


def _serialize(element: ElementTree.Element, out: list[str]) -> None:
    if element.tag is ElementTree.Comment:
        out.append(f"<!--{element.text or ''}-->")
    else:
        namespace, tag = _local(str(element.tag))
        html = namespace is None
        out.append(f"<{tag}")
        for name, value in element.attrib.items():
            out.append(f' {_attribute_name(name)}="{_escape_attribute(value)}"')
        if html and tag in _VOID:
            out.append(">")
        elif not html and not element.text and not len(element):
            out.append(" />")  # SVG and MathML elements may close themselves
        else:
            out.append(">")
            text = element.text or ""
            if html and tag in _RAW_TEXT:
                out.append(text)
            else:
                if html and tag in _LEADING_NEWLINE and text.startswith("\n"):
                    out.append("\n")
                out.append(_escape_text(text))
            for child in element:
                _serialize(child, out)
            out.append(f"</{tag}>")
    if element.tail:
        out.append(_escape_text(element.tail))
