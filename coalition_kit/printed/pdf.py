"""Turn composed HTML into a PDF with WeasyPrint, written atomically, fetching nothing from outside.

WeasyPrint would follow any address a page names (``http://``, ``file:///etc/...``). Here its
URL fetcher serves only ``data:`` URLs and files under the folders the caller allows (the
package, the pages, the checked data files, the fonts); any other address stops the piece
with that address in the message.

Around the rendering, three checks a reader would otherwise find on paper:

- before: every character of the text is in the embedded font (``glyph_warnings``); one the
  font lacks prints as an empty box, so the result carries a warning naming it;
- after: a fitted piece keeps to its pages, at most ``data-pages`` (on ``<html>`` for the whole
  piece, on an element with an ``id`` for a part of it, e.g. a form); otherwise ``DoesNotFit``
  names it;
- while writing (``finish_pdf``): each radio group is one form field whose options are its
  choices, and each table header cell says whether it heads a column or a row (``/Scope``),
  two things WeasyPrint 70 leaves out of a tagged PDF; and its streams are compressed at zlib's
  default level rather than pydyf's 9 (``STREAM_COMPRESSION``), three times as fast for 1 % more.

The layout itself runs inside ``repagination.settled_page_references()``: a book's pages are
laid out once, then only those whose page references point forward (see that module).
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from coalition_kit.outputs.files import publishable
from coalition_kit.paths import PACKAGE_DIR
from coalition_kit.printed.repagination import settled_page_references
from coalition_kit.render.fonts import FAMILY, font_files

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    bytes: int
    warnings: tuple[str, ...] = ()
    """Problems that do not stop the build (a character the font lacks…), one line each."""


class RefusedFetch(Exception):
    """The piece named an address it may not read (the message names it)."""


class DoesNotFit(Exception):
    """A fitted piece (or a form of a book) runs over more pages than it may (the message names it)."""


class RefusedAddress(FatalURLFetchingError):
    """A piece asked for an address outside what it may read; the build stops."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class ConfinedFetcher(URLFetcher):
    """Serves ``data:`` URLs and the files under ``readable``; refuses everything else."""

    def __init__(self, readable: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self._readable = tuple(p.resolve() for p in readable)

    def may_read(self, url: str) -> bool:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return True
        if scheme != "file":
            return False
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(parts.path)).resolve()
        inside = any(path == root or root in path.parents for root in self._readable)
        return inside and path.is_file()

    def fetch(self, url, headers=None):
        if not self.may_read(url):
            raise RefusedAddress(url)
        return super().fetch(url, headers)


def always_readable() -> list[Path]:
    """What every piece may read: the package (templates, styles) and the embedded fonts."""
    return [PACKAGE_DIR, *font_files().values()]


def write_pdf(html: str, target: Path, base_url: Path, readable: Iterable[Path] = (),
              expected_pages: int | None = None) -> PdfResult:
    """Render ``html`` to ``target``; on any failure the old file (if any) is left untouched.

    ``readable``: folders and files the piece may read besides ``always_readable()``.
    ``expected_pages``: how many pages the whole piece may have at most; by default the
    ``data-pages`` attribute of its ``<html>`` element, if any (a book has none: it has as many as
    it needs).
    Raises ``RefusedFetch`` naming the address when the piece asks for anything else, and
    ``DoesNotFit`` naming the piece when a fitted piece or a form runs over its pages.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fetcher = ConfinedFetcher([*always_readable(), *readable])
    source = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
    warnings = tuple(glyph_warnings(source.etree_element))
    try:
        with settled_page_references():
            document = source.render()
    except RefusedAddress as exc:
        raise RefusedFetch(f"it asks for {exc.url}, which is outside the project; "
                           "a printed piece reads nothing from the network or other folders") from None
    check_fit(document, source.etree_element, expected_pages)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        document.write_pdf(tmp, pdf_variant=PDF_VARIANT, uncompressed_pdf=False, finisher=finish_pdf)
        publishable(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PdfResult(target, len(document.pages), target.stat().st_size, warnings)


# --------------------------------------------------------------------------- fitted pieces

def _piece_name(element, fallback: str) -> str:
    name = element.get("data-piece") or fallback
    return " ".join(name.split())


def check_fit(document, root, expected_pages: int | None = None) -> None:
    """Raise ``DoesNotFit`` when the piece, or a part of it marked ``data-pages``, runs over that many pages.

    The whole piece: ``expected_pages``, else ``data-pages`` on ``<html>``. A part (a form, the
    certificate): an element with an ``id`` and ``data-pages``; it covers every page on which
    its id is an anchor (WeasyPrint gives each piece of a split box the element's id).
    """
    title = root.findtext("head/title") or "the piece"
    if expected_pages is None and (root.get("data-pages") or "").isdigit():
        expected_pages = int(root.get("data-pages"))
    pages = len(document.pages)
    name = _piece_name(root, title)
    if expected_pages is not None and pages > expected_pages:
        raise DoesNotFit(f"the {name} does not fit: it prints on {pages} pages instead of {_pages(expected_pages)} "
                         "(a name, tagline or text in the data is too long for it; shorten it)")
    for element in root.iter():
        anchor, wanted = element.get("id"), element.get("data-pages")
        if not anchor or not (wanted or "").isdigit() or element is root:
            continue
        spread = sum(1 for page in document.pages if anchor in page.anchors)
        if spread > int(wanted):
            raise DoesNotFit(f"the {_piece_name(element, anchor)} in the {name} does not fit: it prints on "
                             f"{spread} pages instead of {_pages(int(wanted))} (a text in the data is too long "
                             "for it; shorten it)")


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"at most {count}"


# --------------------------------------------------------------------------- glyphs

#: Elements whose text is not printed in the embedded font (or not printed at all).
_NOT_IN_FONT = {"head", "style", "script", "title", "pre", "code", "kbd", "samp"}
_SVG = "{http://www.w3.org/2000/svg}"


@lru_cache(maxsize=1)
def font_characters() -> frozenset[int]:
    """The code points every style of the embedded font draws (regular, bold, italic…)."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in font_files().values()]
    return frozenset(set.intersection(*maps))


def _needs_glyph(char: str) -> bool:
    """Spaces, controls, joiners and variation selectors are not drawn from the font."""
    if char.isspace():
        return False
    if unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return False
    return not ("\ufe00" <= char <= "\ufe0f")


def _texts(element, where: str = "") -> Iterator[tuple[str, str]]:
    """(text, id of the nearest element with one) for each printed text below ``element``."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.startswith(_SVG) or tag in _NOT_IN_FONT:
        return
    where = element.get("id") or where
    if element.text:
        yield element.text, where
    for child in element:
        yield from _texts(child, where)
        if child.tail:
            yield child.tail, where


def glyph_warnings(root, characters: frozenset[int] | None = None) -> list[str]:
    """One line for each character of the printed text that the embedded font lacks.

    Such a character prints as an empty box (or in whatever font the printing machine has), so
    the line names it, where it is (the nearest ``id``: a page of docs/ or a form) and the text
    around it. Each character is named once per piece, at its first place.
    """
    characters = font_characters() if characters is None else characters
    piece = _piece_name(root, root.findtext("head/title") or "piece")
    seen: set[str] = set()
    lines = []
    for text, where in _texts(root):
        for i, char in enumerate(text):
            if char in seen or ord(char) in characters or not _needs_glyph(char):
                continue
            seen.add(char)
            around = " ".join(text[max(0, i - 30): i + 31].split())
            name = unicodedata.name(char, "unnamed character")
            place = f" in #{where}" if where else ""
            lines.append(f"{piece}: the character {char} (U+{ord(char):04X} {name}){place} is not in the font "
                         f"{FAMILY} and may print as an empty box: \"{around}\"")
    return lines


# --------------------------------------------------------------------------- finishing the PDF

def _deref(pdf: pydyf.PDF, reference):
    """The object a reference (``b'12 0 R'``) names, or ``None``."""
    if isinstance(reference, (bytes, str)):
        text = reference.decode() if isinstance(reference, bytes) else reference
        parts = text.split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit() and int(parts[0]) < len(pdf.objects):
            return pdf.objects[int(parts[0])]
    return None


def _one_field_per_radio_group(pdf: pydyf.PDF) -> None:
    """A radio group is one field: its buttons are widgets of the group, not fields of their own.

    WeasyPrint 70 lists each button in the form's /Fields and gives it the group's name (/T), so
    readers show every option of a question as a separate field of the same name.
    """
    acroform = pdf.catalog.get("AcroForm")
    if not acroform or "Fields" not in acroform:
        return
    kept = pydyf.Array()
    for reference in acroform["Fields"]:
        field = _deref(pdf, reference)
        if isinstance(field, dict) and "Parent" in field:
            field.pop("T", None)
            continue
        kept.append(reference)
    acroform["Fields"] = kept


def _header_scopes(pdf: pydyf.PDF) -> None:
    """Give each /TH a /Scope: /Column in a table's head, /Row where the cells of its row refer to it."""
    for element in pdf.objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        row = _deref(pdf, element.get("P"))
        group = _deref(pdf, row.get("P")) if isinstance(row, dict) else None
        scope = "/Column"
        if not (isinstance(group, dict) and group.get("S") == "/THead") and isinstance(row, dict):
            key = element.get("ID")
            key = key.string if isinstance(key, pydyf.String) else None
            for kid in row.get("K", ()):
                cell = _deref(pdf, kid)
                headers = cell.get("A", {}).get("Headers", ()) if isinstance(cell, dict) else ()
                if key is not None and any(getattr(h, "string", None) == key for h in headers):
                    scope = "/Row"
                    break
        attributes = element.get("A")
        if not isinstance(attributes, dict):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = scope


#: zlib's level for the PDF's streams (pages, fonts, images): its default. pydyf 0.13 always
#: uses 9, which on the volunteer notebook's 9.7 MB of streams takes 1.03 s of CPU for 1,640,877
#: bytes where 6 takes 0.30 s for 1,661,375 (1.2 % more). ``None``: leave them to pydyf.
STREAM_COMPRESSION: int | None = 6


def _compress_streams(pdf: pydyf.PDF, level: int | None = None) -> None:
    """Compress each stream pydyf would compress, at ``level`` instead of 9: same content, same filter."""
    level = STREAM_COMPRESSION if level is None else level
    if level is None:
        return
    for stream in pdf.objects:
        if not isinstance(stream, pydyf.Stream) or not stream.compress or "Filter" in stream.extra:
            continue
        data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
        stream.stream = [zlib.compress(data, level)]
        stream.extra["Filter"] = "/FlateDecode"
        stream.compress = False


def finish_pdf(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint's finisher: mend the form fields and the table tags, then compress the streams."""
    _one_field_per_radio_group(pdf)
    _header_scopes(pdf)
    _compress_streams(pdf)
