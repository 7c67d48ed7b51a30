"""Book editions: outline, contents page numbers, links, no content lost, forms.

Most read ``notebook_build`` (the book editions printed from tests/notebook/docs); those about
what an edition prints whatever its pages read ``fjord_build``.
"""

from __future__ import annotations

import re

import pytest

from coalition_kit.site.engine import markdown_settings
from coalition_kit.pipeline.pdfs import data_for
from coalition_kit.printed.compose import plan_edition

from nb_support import OVERSIZED_ROWS, ROOT

BOOKS = ["volunteer", "manager"]


def _plan(build, edition_id):
    edition = build.data.edition(edition_id)
    return plan_edition(data_for(build.data, edition), edition, "en", build.docs, markdown_settings(ROOT / "mkdocs.yml"))


def _outline(reader):
    """[(title, page number, [children])] for the outline's top two levels."""
    items = []
    entries = list(reader.outline)
    for i, entry in enumerate(entries):
        if isinstance(entry, list):
            continue
        children = entries[i + 1] if i + 1 < len(entries) and isinstance(entries[i + 1], list) else []
        kids = [(c.title, reader.get_destination_page_number(c) + 1) for c in children if not isinstance(c, list)]
        items.append((entry.title, reader.get_destination_page_number(entry) + 1, kids))
    return items


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("edition", BOOKS)
def test_outline_matches_the_sections(notebook_build, edition):
    parts = _plan(notebook_build, edition)
    outline = _outline(notebook_build.pdf(f"{edition}-en.pdf").reader)
    assert outline[0][0] == "Contents"
    assert [o[0] for o in outline[1:]] == [p.title for p in parts]
    for part, (_title, _page, kids) in zip(parts, outline[1:]):
        expected = [s.title for s in part.sections] + [f.title for f in part.forms]
        assert [k[0] for k in kids] == expected


def _toc_entries(pdf) -> list[tuple[str, int]]:
    """(title, page) for each line of the contents pages."""
    entries = []
    for page in pdf.pages[1:]:
        if "Contents" not in page and entries:
            break
        for line in page.splitlines():
            match = re.match(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", line)
            if match:
                entries.append((match.group(1).strip(), int(match.group(2))))
    return entries


@pytest.mark.parametrize("edition", BOOKS)
def test_every_contents_entry_points_to_the_page_of_its_heading(notebook_build, edition):
    pdf = notebook_build.pdf(f"{edition}-en.pdf")
    parts = _plan(notebook_build, edition)
    expected = []
    for part in parts:
        expected += [part.title] + [s.title for s in part.sections] + [f.title for f in part.forms]
    entries = _toc_entries(pdf)
    assert [title for title, _ in entries] == expected
    in_outline = []
    for title, page, kids in _outline(pdf.reader)[1:]:
        in_outline += [(title, page)] + kids
    assert entries == in_outline, "contents and outline disagree"
    for title, page in entries:
        assert _normal(title) in _normal(pdf.pages[page - 1]), f"'{title}' is not on page {page}"


def test_the_running_header_shows_the_section_title(notebook_build):
    pdf = notebook_build.pdf("manager-en.pdf")
    outline = _outline(pdf.reader)
    first_on_page: dict[int, str] = {}
    for title, page in [kid for part in outline[1:] for kid in part[2]]:
        first_on_page.setdefault(page, title)  # sections share pages: the header names the first
    for page, title in first_on_page.items():
        first_line = next(line for line in pdf.pages[page - 1].splitlines() if line.strip())
        assert title in first_line, f"header of page {page} is '{first_line.strip()}'"
        footer = [line for line in pdf.pages[page - 1].splitlines() if line.strip()][-1]
        assert f"Page {page}" in footer and "Fjordby Alliance" in footer


def test_an_oversized_table_is_printed_in_full(notebook_build):
    pdf = notebook_build.pdf("volunteer-en.pdf")
    flat = pdf.flat
    missing = [n for n in range(1, OVERSIZED_ROWS + 1) if f"ROWMARK-{n:03d}" not in flat]
    assert not missing, f"rows lost: {missing[:5]}"
    assert "LAST-ROW-OF-THE-TABLE" in flat and "AFTER-THE-TABLE" in flat
    spread = [i for i, page in enumerate(pdf.pages) if "ROWMARK-" in page]
    assert len(spread) >= 2, "the table should run over several pages"


def test_links_between_pages_become_pdf_links_or_web_addresses(notebook_build):
    pdf = notebook_build.pdf("volunteer-en.pdf")
    outline = {t: p for _, _, kids in _outline(pdf.reader) for t, p in kids}
    welcome = outline["Welcome to Fjordby Alliance Against Exploitation"]
    text = _normal(pdf.pages[welcome - 1])
    # in this edition: an internal link that says its page
    assert f"the signs (page {outline['Recognize the signs']})" in text
    assert f"how to respond (page {outline['Respond safely']})" in text
    # not in this edition: the website address
    assert "about us (https://fjordby-alliance.example.org/about/)" in text
    assert "(https://safeline.example.org/about)" in text
    annots = [a.get_object() for a in pdf.reader.pages[welcome - 1].get("/Annots", [])]
    uris = {a["/A"]["/URI"] for a in annots if "/A" in a and "/URI" in a["/A"]}
    internal = [a for a in annots if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")]
    assert "https://fjordby-alliance.example.org/about/" in uris
    assert len(internal) >= 2


def test_a_link_to_a_page_outside_the_manager_guide_goes_to_the_website(notebook_build):
    pdf = notebook_build.pdf("manager-en.pdf")
    assert "https://fjordby-alliance.example.org/hotel-project/signs/" in pdf.flat


def test_volunteer_forms_each_start_a_page_and_are_fillable(notebook_build):
    pdf = notebook_build.pdf("volunteer-en.pdf")
    parts = _plan(notebook_build, "volunteer")
    forms = [f for p in parts for f in p.forms]
    assert len(forms) == 13
    outline = {t: p for _, _, kids in _outline(pdf.reader) for t, p in kids}
    pages = [outline[f.title] for f in forms]
    assert len(set(pages)) == len(pages)
    fields = pdf.reader.get_fields()
    assert fields and len(fields) > 100
    assert "certificate-name" in fields and "certificate-date" in fields
    assert any(name.startswith("sign-in-") for name in fields)


def test_public_editions_have_no_cover_warning_and_the_volunteer_edition_does(fjord_build):
    assert "For coalition members only".upper() in fjord_build.pdf("volunteer-en.pdf").pages[0].upper()
    for edition in ("manager", "staff"):
        assert "MEMBERS ONLY" not in fjord_build.pdf(f"{edition}-en.pdf").text.upper()


def test_each_form_fits_on_one_page(notebook_build):
    """A form printed alone is one sheet: the next outline entry starts on the very next page."""
    pdf = notebook_build.pdf("volunteer-en.pdf")
    flat = [(t, p) for _, _, kids in _outline(pdf.reader) for t, p in kids]
    flat += [(t, p) for t, p, _ in _outline(pdf.reader)]
    starts = sorted(p for _, p in flat)
    forms = {f.title for part in _plan(notebook_build, "volunteer") for f in part.forms}
    for title, page in flat:
        if title in forms:
            later = [p for p in starts if p > page]
            end = later[0] if later else len(pdf.pages) + 1
            assert end - page == 1, f"the form '{title}' runs over {end - page} pages"


def test_website_only_passages_are_not_printed(notebook_build):
    """ck-web-only blocks are dropped from the HTML: no text, no outline or contents entry."""
    pdf = notebook_build.pdf("volunteer-en.pdf")
    for marker in ("WEB-ONLY-BULLET-4411", "WEB-ONLY-SECTION-4412", "WEB-ONLY-SPAN-4414"):
        assert marker not in pdf.flat, marker
    assert "Leavingthissitequickly" not in pdf.flat
    titles = []

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)
    walk(pdf.reader.outline)
    assert "Staying safe online" in titles, "the page's other headings are still in the outline"
    assert "Leaving this site quickly" not in titles
    assert "PRINT-ONLY-NOTE-4413" in pdf.flat
    assert "Useaprivatewindow." in pdf.flat and "Writetousbyemail." in pdf.flat


def test_the_volunteer_roster_is_only_in_the_volunteer_notebook(fjord_build):
    volunteer = fjord_build.pdf("volunteer-en.pdf")
    assert "Volunteerroster" in volunteer.flat and "VolunteerQuuxPrivate" in volunteer.flat
    assert any(name.startswith("roster-r") for name in volunteer.reader.get_fields())
    for edition in ("manager", "staff", "wallet-card", "poster"):
        flat = fjord_build.pdf(f"{edition}-en.pdf").flat
        assert "Volunteerroster" not in flat and "VolunteerQuux" not in flat, edition
