"""Page references ("page N" after a link, the contents and the dividers): each names the page its
target is on, and laying the book out without WeasyPrint's needless passes
(printed/repagination.py) gives the same PDF, byte for byte, with fewer pages laid out.

The document here is made up, small and quick: forward references (contents before the
sections), backward ones, references to a target on the same page before and after it, and
numbers of one and two digits near the ends of lines, so that a wrong number would move the
line breaks.
"""

from __future__ import annotations

import io
import re

import pytest
import weasyprint
from weasyprint.layout import page as layout_page

from coalition_kit.printed.repagination import READ_FROM, settled_page_references

CSS = """
@page { size: A5; margin: 15mm; @bottom-right { content: counter(page) " / " counter(pages); } }
body { font-size: 10pt; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
.toc a { display: block; }
a.xref::after { content: " (page " target-counter(attr(href), page) ")"; }
section { break-before: page; }
section.short { break-before: auto; }
h1 { bookmark-level: 1; }
"""

WORDS = ("Volunteers check in with the desk before every shift and read the notes the last team "
         "left; a question they cannot answer goes to the coordinator the same day. ")


def _document(sections: int = 14) -> str:
    toc = "".join(f'<a href="#s{i}">Section {i}</a>' for i in range(sections))
    body = []
    for i in range(sections):
        links = []
        for j in (i - 3, i - 1, i, i + 1, i + 5):  # backward, same section, forward
            if 0 <= j < sections:
                links.append(f'see <a class="xref" href="#s{j}">section {j}</a>')
        paragraphs = "".join(f"<p>{WORDS * (1 + (i * 7 + k) % 4)} {', '.join(links)}.</p>"
                             for k in range(2 + i % 3))
        cls = ' class="short"' if i % 4 == 3 else ""
        body.append(f'<section{cls} id="s{i}"><h1>Section {i}</h1>{paragraphs}'
                    f'<p>Back to <a class="xref" href="#s{i}">this section</a>.</p></section>')
    return (f"<html><head><style>{CSS}</style></head><body><nav class='toc'>{toc}</nav>"
            f"{''.join(body)}</body></html>")


def _render(html: str, settled: bool):
    laid_out = []
    original = layout_page.remake_page

    def counting(index, *args):
        laid_out.append(index)
        return original(index, *args)

    layout_page.remake_page = counting
    try:
        with settled_page_references(settled):
            document = weasyprint.HTML(string=html).render()
    finally:
        layout_page.remake_page = original
    return document, len(laid_out)


def _references(document) -> list[tuple[str, int, int]]:
    """(target, the page its reference prints, the page the target is on) for each reference."""
    page_of = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    texts = {}  # a reference broken over two lines is two boxes: their texts joined
    for page in document.pages:
        for box in page._page_box.descendants():
            if (getattr(box, "element_tag", None) or "").endswith("a::after"):
                text = "".join(getattr(child, "text", "") for child in box.descendants())
                texts.setdefault(box.element, []).append(text)
    found = []
    for element, parts in texts.items():
        if not element.get("href", "").startswith("#"):
            continue  # a web link prints its address
        target = element.get("href")[1:]
        found.append((target, int(re.findall(r"\d+", "".join(parts))[-1]), page_of[target]))
    return found


@pytest.fixture(scope="module")
def both_ways() -> dict[bool, tuple]:
    """The made-up document laid out without and with ``settled_page_references``: by ``settled``,
    (the document, the pages laid out, its PDF)."""
    if weasyprint.__version__ != READ_FROM:
        pytest.skip("written for WeasyPrint " + READ_FROM)
    html = _document()
    found = {}
    for settled in (False, True):
        document, count = _render(html, settled)
        stream = io.BytesIO()
        document.write_pdf(stream, pdf_variant="pdf/ua-1")
        found[settled] = (document, count, stream.getvalue())
    return found


def test_every_reference_names_the_page_of_its_target_in_fewer_passes(both_ways):
    (plain, plain_count, _), (settled, settled_count, _) = both_ways[False], both_ways[True]
    references = _references(settled)
    assert len(references) > 60
    assert len({page for _, _, page in references}) > 9, "the document is meant to run over two-digit pages"
    wrong = [(target, printed, actual) for target, printed, actual in references if printed != actual]
    assert not wrong, f"references that name the wrong page (target, printed, actual): {wrong}"
    assert _references(plain) == references
    assert settled_count < plain_count, (settled_count, plain_count)
    print(f"pages {len(settled.pages)}, laid out {plain_count} without, {settled_count} with")


def test_the_pdf_is_the_same_byte_for_byte_with_and_without(both_ways):
    assert both_ways[False][2] == both_ways[True][2]


def test_references_that_print_a_counter_of_their_own_are_left_to_weasyprint():
    """A reference that also prints ``counter(page)`` keeps WeasyPrint's own passes: same pages laid out."""
    html = _document(6).replace('" (page " target-counter', '" (page " counter(page) "→" target-counter')
    assert 'counter(page) "→"' in html
    _, plain_count = _render(html, settled=False)
    _, settled_count = _render(html, settled=True)
    assert settled_count == plain_count
