"""Composition without rendering a PDF: errors a coalition can act on, links, forms, QR."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coalition_kit.site.engine import markdown_settings
from coalition_kit.load.loader import load_data
from coalition_kit.printed.compose import compose_edition
from coalition_kit.printed.forms import FORMS
from coalition_kit.printed.links import LinkContext, page_url
from coalition_kit.printed.page_tree import print_page
from coalition_kit.printed.qr import qr_svg

from nb_support import FJORD, PAGES, ROOT


def _ctx(page="hotel-project/signs.md", in_edition=("hotel-project/signs.md", "index.md")):
    known = {"index.md", "about.md", "hotel-project/signs.md", "hotel-project/respond.md", "resources/index.md"}
    return LinkContext(page, frozenset(in_edition), lambda p: p in known, "https://example.org", "en", "en",
                       Path("/docs"))


@pytest.mark.parametrize("href, expected", [
    ("../index.md", '<a href="#page-index" class="xref">x</a>'),
    ("../index.md#top", '<a href="#page-index--top" class="xref">x</a>'),
    ("respond.md", '<a href="https://example.org/hotel-project/respond/" class="web">x</a>'),
    ("respond.md#what", '<a href="https://example.org/hotel-project/respond/#what" class="web">x</a>'),
    ("../resources/", '<a href="https://example.org/resources/" class="web">x</a>'),
    ("../about.md", '<a href="https://example.org/about/" class="web">x</a>'),
    ("https://other.example.net/a", '<a href="https://other.example.net/a" class="web">x</a>'),
    ("tel:+4700000001", '<a href="tel:+4700000001">x</a>'),
])
def test_link_rewriting(href, expected):
    assert print_page(f'<a href="{href}">x</a>', _ctx()) == (expected, "hotel-project/signs.md")


def test_a_link_whose_text_is_its_address_is_not_printed_twice():
    html, _ = print_page('<a href="https://example.org/x">https://example.org/x</a>', _ctx())
    assert 'class="web-bare"' in html


def test_ids_and_same_page_links_are_made_unique_and_the_first_h1_is_the_title():
    html, title = print_page('<h1 id="t">Signs &amp; <em>roles</em></h1><h1>Other</h1>'
                             '<p id="p"><a href="#p">up</a> <img src="img/a.png" alt=""></p>', _ctx())
    assert title == "Signs & roles"
    assert html == ('<h1 id="page-hotel-project-signs--t" class="section-title">Signs &amp; <em>roles</em></h1>'
                    '<h1>Other</h1><p id="page-hotel-project-signs--p">'
                    '<a href="#page-hotel-project-signs--p" class="xref-local">up</a> '
                    f'<img src="{Path("/docs/hotel-project/img/a.png").resolve().as_uri()}" alt=""></p>')
    html, _ = print_page('<section aria-labelledby="t x"><h2 id="t">T</h2></section>', _ctx())
    assert 'aria-labelledby="page-hotel-project-signs--t page-hotel-project-signs--x"' in html


def test_a_web_only_block_is_dropped_whole_with_the_blocks_inside_it():
    page = ('<p>before</p>\n<div class="note ck-web-only"><div><h1>Web</h1><div><p>deep</p></div></div>'
            '<div>more</div></div>\n<h1>Kept</h1>\n<ul><li class="ck-web-only">web</li><li>paper</li></ul>'
            '<p><span class="ck-web-only">web </span>tail</p><p class="not-ck-web-only">kept</p>')
    html, title = print_page(page, _ctx())
    assert html == ('<p>before</p>\n\n<h1 class="section-title">Kept</h1>\n<ul><li>paper</li></ul>'
                    '<p>tail</p><p class="not-ck-web-only">kept</p>')
    assert title == "Kept"


def test_svg_and_raw_text_survive_serialization():
    page = ('<p>a < b &amp; "c"</p><svg viewBox="0 0 10 10" role="img"><title>A & B</title>'
            '<use xlink:href="#dot"/><circle id="dot" cx="5" cy="5" r="4"/></svg>'
            '<style>p > a { color: red }</style><pre>\n\ncode</pre><br/>'
            '<math><mi>x</mi></math><!-- note -->')
    html, _ = print_page(page, _ctx())
    assert html == ('<p>a &lt; b &amp; "c"</p><svg viewBox="0 0 10 10" role="img"><title>A &amp; B</title>'
                    '<use xlink:href="#page-hotel-project-signs--dot" />'
                    '<circle id="page-hotel-project-signs--dot" cx="5" cy="5" r="4" /></svg>'
                    '<style>p > a { color: red }</style><pre>\n\ncode</pre><br>'
                    '<math><mi>x</mi></math><!-- note -->')
    assert "ns0:" not in html


def test_page_urls_for_other_languages():
    # each language's PDFs point to that language's website: the main one at the root, others under /<lang>/
    assert page_url("https://e.org", "about-trafficking/index.md", "es", "en") == "https://e.org/es/about-trafficking/"
    assert page_url("https://e.org/", "index.md", "en", "en") == "https://e.org/"
    assert page_url("https://e.org/", "index.md", "en", "es") == "https://e.org/en/"


def test_qr_code_is_inline_svg_with_a_label():
    svg = str(qr_svg("https://example.org", "QR code: https://example.org"))
    assert svg.startswith("<svg") and 'aria-label="QR code: https://example.org"' in svg


def _edition_with(tmp_path, text: str):
    data_dir = tmp_path / "data"
    shutil.copytree(FJORD, data_dir)
    (data_dir / "editions.yml").write_text(text, encoding="utf-8")
    return load_data(data_dir)


def _edition_problems(tmp_path, text: str):
    """The problems ``validated_data`` (what `coalition check` and every build run first) reports
    for the fixture with ``text`` as its editions.yml, and that file."""
    from coalition_kit.load.problems import DataError
    from coalition_kit.pipeline.validate import validated_data
    data_dir = tmp_path / "data"
    shutil.copytree(FJORD, data_dir)
    (data_dir / "editions.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validated_data(data_dir, PAGES)
    return caught.value.problems, data_dir / "editions.yml"


def _position(text: str, needle: str) -> tuple[int, int]:
    """(line, column) of the first ``needle`` in ``text``, both counted from 1."""
    number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if needle in line)
    return number, line.index(needle) + 1


def test_a_missing_page_is_a_clear_error_at_its_line(tmp_path):
    text = ("editions:\n  - id: staff\n    title: S\n    audience: A\n"
            "    parts:\n      - title: P\n        pages: [index.md, no-such-page.md]\n")
    problems, editions = _edition_problems(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [_position(text, "no-such-page.md")]
    assert problems[0].file == str(editions)
    assert problems[0].message == ("edition 'staff' lists the page 'no-such-page.md', "
                                   "but docs/no-such-page.md does not exist")


def test_an_unknown_form_is_a_clear_error_at_its_line(tmp_path):
    text = ("editions:\n  - id: staff\n    title: S\n    audience: A\n"
            "    parts:\n      - title: P\n        forms:\n          - sign-in\n          - no-such-form\n")
    problems, _ = _edition_problems(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [_position(text, "no-such-form")]
    assert re.fullmatch(r"edition 'staff': the form 'no-such-form' does not exist \(known forms: sign-in, .*\)",
                        problems[0].message)


def test_every_form_composes(tmp_path):
    forms = ", ".join(FORMS)
    data = _edition_with(tmp_path, "editions:\n  - id: volunteer\n    title: V\n    audience: A\n"
                                   f"    includes_private: true\n    parts: [{{title: P, forms: [{forms}]}}]\n")
    html = compose_edition(data, data.edition("volunteer"), "en", PAGES, markdown_settings(ROOT / "mkdocs.yml"))
    for form in FORMS.values():
        assert f'id="form-{form.slug}"' in html
    names = [part.split('"')[0] for part in html.split(' name="')[1:]]
    radios = {n for n in names if html.count(f'name="{n}" value=') > 0}
    duplicates = {n for n in names if names.count(n) > 1} - radios
    assert not duplicates, f"form fields share a name: {sorted(duplicates)[:5]}"


def test_the_default_editions_list_pages_that_exist():
    """data/editions.yml names docs/ pages."""
    data = load_data(ROOT / "data")
    ids = [e.id for e in data.editions.editions]
    assert ids == ["volunteer", "manager", "staff", "wallet-card", "poster", "role-posters", "safety-card", "starter"]
    missing = [p for e in data.editions.editions for part in e.parts for p in part.pages
               if not (ROOT / "docs" / p).is_file()]
    assert not missing, f"pages listed in data/editions.yml but missing from docs/: {missing}"
    assert "downloads.md" not in {p for e in data.editions.editions for part in e.parts for p in part.pages}


def test_an_internal_form_in_a_public_edition_is_rejected_at_its_line(tmp_path):
    text = ("editions:\n  - id: manager\n    title: M\n    audience: A\n"
            "    parts: [{title: P, forms: [sign-in, volunteer-roster]}]\n")
    problems, _ = _edition_problems(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [_position(text, "volunteer-roster")]
    assert re.match(r"edition 'manager' lists the form 'volunteer-roster' is internal.*includes_private: true",
                        problems[0].message)


def test_internal_forms_are_the_coalitions_own_records():
    assert {f.slug for f in FORMS.values() if f.internal} == {"outreach-tracker", "volunteer-roster", "tracker-report",
                                                              "readiness-results"}


def test_check_editions_reports_positions(tmp_path):
    from coalition_kit.printed.checks import check_editions
    data = _edition_with(tmp_path, """editions:
  - id: volunteer
    title: V
    audience: A
    includes_private: true
    parts:
      - {title: P, pages: [index.md], forms: [outreach-tracker, volunteer-roster]}
  - id: manager
    title: M
    audience: A
    parts:
      - {title: P, pages: [index.md]}
      - {title: Q, pages: [get-help.md, no-such-page.md, get-help.md], forms: [sign-in, no-such-form, outreach-tracker]}
  - id: staff
    title: S
    audience: A
    layout: handout
""")
    problems = check_editions(data, PAGES)
    assert [p[:4] for p in problems] == [(1, 1, "pages", 1), (1, 1, "pages", 2), (1, 1, "forms", 1),
                                         (1, 1, "forms", 2)]
    messages = [p[4] for p in problems]
    assert "docs/no-such-page.md does not exist" in messages[0]
    assert "twice" in messages[1]
    assert "'no-such-form' does not exist" in messages[2] and "known forms: sign-in" in messages[2]
    assert "'outreach-tracker' is internal" in messages[3]


def test_check_editions_passes_for_the_default_data():
    from coalition_kit.printed.checks import check_editions
    data = load_data(ROOT / "data")
    assert check_editions(data, ROOT / "docs") == []
    volunteer = data.edition("volunteer")
    forms = [f for part in volunteer.parts for f in part.forms]
    assert forms.index("volunteer-roster") == forms.index("outreach-tracker") + 1
