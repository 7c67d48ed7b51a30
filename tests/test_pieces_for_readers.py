"""Each printed piece speaks to its reader (issue 10).

- The discreet safety card says nothing of its purpose on its face, is small enough to hide,
  and is made in every language with that language's texts.
- The role posters give one page to each staff role, with that role's signs, in large type.
- The staff wallet card's back gives the signs most staff see, with the caveat.
- The starter workbook is public: no private data, no internal form.
- No printed piece carries the words of the software (commands, repository, YAML, "this site").
- Every piece but the safety card's face carries the coalition's notice.

The default coalition's pieces these tests read are built once for this module with
``build_notebook.py``; the scan for the software's words reads every PDF of the session's default
build (``default_build`` in conftest.py, which test_build.py uses too).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ck_paths import DEFAULT_DATA, FJORD, ROOT
from coalition_kit.load.loader import load_data
from coalition_kit.model.privacy import private_values
from coalition_kit.printed.forms import FORMS
from coalition_kit.render.words import Words as Labels

PIECES = ["safety-card", "role-posters", "wallet-card", "poster", "starter", "manager"]
MM = 72 / 25.4  # PDF points per millimetre
PX = 96 / 25.4  # WeasyPrint draws in CSS pixels (scaled to points by the page matrix)
L = Labels("en")


def _build(data_dir: Path, dist: Path, editions: list[str], *extra: str) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    args = [arg for e in editions for arg in ("--edition", e)]
    result = subprocess.run([sys.executable, str(ROOT / "build_notebook.py"), "--data", str(data_dir),
                             "--dist", str(dist), *args, *extra],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def data(default_build):
    return default_build.data


@pytest.fixture(scope="module")
def dist(default_build) -> Path:
    """The default coalition's pieces, from the session's shared build (conftest.py)."""
    return default_build.dist


def pages_of(path: Path, *crop: float) -> list[str]:
    """Text of each page in the order it was drawn (a card, a column, one after the other);
    ``crop`` = (x, y, width, height) in points keeps only that area."""
    area = ["-x", str(int(crop[0])), "-y", str(int(crop[1])), "-W", str(int(crop[2])), "-H", str(int(crop[3]))] \
        if crop else []
    out = subprocess.run(["pdftotext", "-raw", *area, str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Text with every space and line break removed (a phrase split over lines joins up)."""
    return "".join(text.split())


def words(text: str) -> str:
    """Text with runs of spaces and line breaks made one space, lower case."""
    return " ".join(text.split()).lower()


def mark_positions(path: Path, page: int = 0) -> tuple[list[float], list[float]]:
    """x of the vertical crop marks and y of the horizontal ones (5 mm thin rectangles), in points
    from the top left corner of the page (WeasyPrint's drawing space is CSS pixels, y down)."""
    from pypdf import PdfReader

    content = PdfReader(str(path)).pages[page].get_contents().get_data().decode("latin-1")
    rects = [tuple(float(v) for v in m.groups())
             for m in re.finditer(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", content)]
    mark = 5 * PX

    def distinct(values: list[float]) -> list[float]:
        kept: list[float] = []
        for v in sorted(values):
            if not kept or v - kept[-1] > 2:
                kept.append(v)
        return kept

    xs = distinct([x for x, y, w, h in rects if abs(w) < 1 and abs(abs(h) - mark) < 0.5])
    ys = distinct([y for x, y, w, h in rects if abs(h) < 1 and abs(abs(w) - mark) < 0.5])
    return [x / PX * MM for x in xs], [y / PX * MM for y in ys]


def forbidden_on_card(data) -> list[str]:
    c = data.coalition
    names = {data.text(n, lang) for n in (c.name, c.short_name) if n for lang in c.languages}
    return ["traffick", "abuse", "exploit", "slavery", "prostitut", "coalition", "police",
            *(n.lower() for n in names)]


# -- the discreet safety card ---------------------------------------------------------------------

def safety_pdfs(dist: Path, data) -> list[Path]:
    return [dist / f"safety-card-{lang}.pdf" for lang in data.coalition.languages]


def front_pages(path: Path) -> list[str]:
    """The sheets of card fronts: the first half of the pages (fronts, then backs)."""
    pages = pages_of(path)
    assert len(pages) % 2 == 0, "a safety card PDF is fronts, then backs"
    return pages[: len(pages) // 2]


def test_safety_card_face_names_no_purpose(dist, data):
    banned = forbidden_on_card(data)
    for pdf in safety_pdfs(dist, data):
        for page in front_pages(pdf):
            text = words(page)
            found = [w for w in banned if w in text or w.replace(" ", "") in flat(text)]
            assert not found, f"{pdf.name}: the card fronts say {found}"


def test_safety_cards_say_nothing_of_their_purpose_on_either_side(dist, data):
    """Inside the cut lines, the backs say nothing either (the notice goes in the margin, cut away)."""
    banned = forbidden_on_card(data)
    for pdf in safety_pdfs(dist, data):
        xs, ys = mark_positions(pdf)
        inside = pages_of(pdf, xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0])
        assert inside[0].strip(), f"{pdf.name}: nothing read inside the cards"  # the crop is right
        for number, page in enumerate(inside, start=1):
            found = [w for w in banned if w in words(page)]
            assert not found, f"{pdf.name} page {number}: a card says {found}"


def test_safety_card_is_small_enough_to_hide_and_several_to_a_sheet(dist, data):
    for pdf in safety_pdfs(dist, data):
        xs, ys = mark_positions(pdf)
        widths = {round((b - a) / MM, 1) for a, b in zip(xs, xs[1:])}
        heights = {round((b - a) / MM, 1) for a, b in zip(ys, ys[1:])}
        assert len(widths) == 1 and len(heights) == 1, (widths, heights)  # one size of card
        long_side, short_side = max(*widths, *heights), min(*widths, *heights)
        assert long_side <= 3.5 * 25.4 and short_side <= 2 * 25.4, (widths, heights)  # 2 × 3.5 in or smaller
        assert (len(xs) - 1) * (len(ys) - 1) >= 8, "several cards to a sheet"


def test_safety_card_face_gives_the_numbers_and_what_happens(dist, data):
    card = data.hotel.safety_card
    lines = [data.hotline(i) for i in card.lines] if card else [data.coalition.primary_hotline]
    for lang, pdf in zip(data.coalition.languages, safety_pdfs(dist, data)):
        fronts = flat(front_pages(pdf)[0])
        for line in lines:
            for number in filter(None, (line.number, line.text_number)):
                assert flat(number) in fronts, f"{pdf.name}: {number} is not on the card"
        assert flat(data.coalition.emergency_number) in fronts
        if card:
            assert flat(data.text(card.lead, lang)) in fronts
            assert flat(data.text(card.what_happens, lang)) in fronts


def test_safety_card_text_stays_inside_each_card(dist, data):
    """No text runs out of a card (a card's text box clips; a cut-off line would be lost)."""
    from xml.etree import ElementTree

    for pdf in safety_pdfs(dist, data):
        xs, tops = mark_positions(pdf)  # card edges from the top left of the page, in points
        out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                             capture_output=True, text=True).stdout
        boxes = [tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
                 for w in ElementTree.fromstring(out.encode()).iter("{http://www.w3.org/1999/xhtml}word")]
        per_cell: dict[tuple[int, int], int] = {}
        for x0, y0, x1, y1 in boxes:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not (xs[0] < cx < xs[-1] and tops[0] < cy < tops[-1]):
                continue  # the sheet's title and note, outside the cards
            i = next(k for k in range(len(xs) - 1) if xs[k] <= cx < xs[k + 1])
            j = next(k for k in range(len(tops) - 1) if tops[k] <= cy < tops[k + 1])
            assert xs[i] <= x0 and x1 <= xs[i + 1] and tops[j] <= y0 and y1 <= tops[j + 1] - 1.5 * MM, \
                f"{pdf.name}: text runs out of a card near ({x0:.0f}, {y0:.0f})"
            per_cell[(i, j)] = per_cell.get((i, j), 0) + 1
        assert len(per_cell) == (len(xs) - 1) * (len(tops) - 1)
        assert len(set(per_cell.values())) == 1, f"{pdf.name}: the cards differ: {per_cell}"


def test_safety_card_in_each_language_uses_that_languages_texts(tmp_path):
    """A coalition with two languages gets a card in each, each with its own words."""
    data_dir = tmp_path / "data"
    shutil.copytree(FJORD, data_dir)
    coalition = data_dir / "coalition.yml"
    coalition.write_text(coalition.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, es]"),
                         encoding="utf-8")
    with (data_dir / "hotel_project.yml").open("a", encoding="utf-8") as handle:
        handle.write(
            "safety_card:\n"
            "  lead:\n"
            "    en: Need to talk? Any day.\n"
            "    es: ¿Necesita hablar? Cualquier día.\n"
            "  what_happens:\n"
            "    en: Someone answers and listens. You decide what comes next.\n"
            "    es: Alguien contesta y escucha. Usted decide qué pasa después.\n"
            "  lines: [fjord-helpline, fjord-emergency]\n"
            "  source: {name: Fjordby Safe Line (fictional), url: \"https://safeline.example.org/about\"}\n")
    dist = tmp_path / "dist"
    _build(data_dir, dist, ["safety-card"])
    en, es = (flat(front_pages(dist / f"safety-card-{lang}.pdf")[0]) for lang in ("en", "es"))
    assert flat("Need to talk? Any day.") in en and flat("Alguien contesta y escucha.") not in en
    assert flat("¿Necesita hablar? Cualquier día.") in es and flat("Need to talk?") not in es
    assert flat("+47 0000 0001") in es and "SAFE" in es and "112" in es
    assert "Fjordby" not in en + es and "exploit" not in (en + es).lower()


# -- role posters ---------------------------------------------------------------------------------

def test_role_posters_one_page_per_role_with_its_signs(dist, data):
    for lang in data.coalition.languages:
        pages = [flat(p) for p in pages_of(dist / f"role-posters-{lang}.pdf")]
        assert len(pages) == len(data.hotel.roles)
        for page, role in zip(pages, data.hotel.roles):
            assert flat(data.text(role.name, lang)) in page
            for sign in role.signs:
                assert flat(data.text(sign, lang)) in page, f"{role.id}: {data.text(sign, lang)}"
            assert flat(data.text(data.hotel.caveat, lang)) in page
            assert flat(Labels(lang).never) in page
            assert flat(data.coalition.emergency_number) in page
            assert flat(data.coalition.primary_hotline.number) in page
        others = [s for r in data.hotel.roles[1:] for s in r.signs if s not in data.hotel.roles[0].signs]
        assert not any(flat(data.text(s, lang)) in pages[0] for s in others), "a poster shows another role's signs"


def test_role_posters_read_from_two_metres(dist, data):
    """The hotline number at 40 pt or more, each role's name at 24 pt or more."""
    from pypdf import PdfReader

    reader = PdfReader(str(dist / f"role-posters-{data.coalition.main_language}.pdf"))
    number = data.coalition.primary_hotline.number
    for page, role in zip(reader.pages, data.hotel.roles):
        sizes: list[tuple[str, float]] = []

        def visitor(text, cm, tm, font_dict, font_size):
            if text.strip():
                sizes.append((text.strip(), font_size * tm[0] * cm[0] if tm[0] and cm[0] else font_size))

        page.extract_text(visitor_text=visitor)
        assert max(s for t, s in sizes if t in number) >= 40, role.id
        name = data.text(role.name)
        assert max(s for t, s in sizes if t and t in name) >= 24, role.id


# -- the staff wallet card ------------------------------------------------------------------------

def test_wallet_card_back_gives_signs_from_several_roles_and_the_caveat(dist, data):
    lang = data.coalition.main_language
    fronts, backs = (flat(p) for p in pages_of(dist / f"wallet-card-{lang}.pdf"))
    roles_shown = {r.id for r in data.hotel.roles if any(flat(data.text(s)) in backs for s in r.signs)}
    assert len(roles_shown) >= min(3, len(data.hotel.roles)), roles_shown
    assert flat(data.text(data.hotel.caveat)) in backs
    assert flat(L.never) in backs
    assert flat(L.local_police) in fronts, "the line for the local police stays on the front"


# -- the starter workbook -------------------------------------------------------------------------

def test_starter_workbook_is_public_with_no_private_data_or_internal_form(dist, data):
    edition = data.edition("starter")
    assert not edition.includes_private
    listed = [f for part in edition.parts for f in part.forms]
    assert listed and not [f for f in listed if FORMS[f].internal]
    for lang in data.coalition.languages:
        text = flat(" ".join(pages_of(dist / f"starter-{lang}.pdf")))
        leaks = [v for v in private_values(data) if len(v) >= 4 and flat(v) in text]
        assert not leaks, f"private data in the starter workbook: {leaks}"
        words = Labels(lang)
        for form in FORMS.values():
            if form.internal:
                title = form.title_in(words)
                assert flat(title) not in text, f"internal form in the starter workbook: {title}"
        for slug in listed:
            assert flat(FORMS[slug].title_in(words)) in text
        assert flat(words.get("members_only")) not in text


# -- the manager guide ----------------------------------------------------------------------------

def test_manager_guide_gives_what_a_manager_acts_on(dist, data):
    edition = data.edition("manager")
    pages = [p for part in edition.parts for p in part.pages]
    assert "get-help.md" not in pages and "resources/hotlines.md" not in pages, "the contacts are given once"
    text = words(" ".join(pages_of(dist / f"manager-{data.coalition.main_language}.pdf")))
    assert "browsing more safely" not in text, "advice for a person at risk is on the website"
    grants = [s for s in data.statistics.statistics if "task-force" in s.id]
    assert not [s.id for s in grants if words(data.text(s.wording)) in text], "federal grant amounts"


# -- words of the software ------------------------------------------------------------------------

SOFTWARE_WORDS = [
    r"make build", r"\.venv", r"coalition check(?!,)", r"\bfork(s|ed|ing)?\b", r"\brepositor(y|ies)\b",
    r"\bgit\b", r"\byaml\b", r"pull request", r"this site\b", r"this website",
]


def test_no_printed_piece_speaks_of_the_software(default_build):
    """Every PDF of a default build (the session's, shared with test_build.py) is for its reader:
    no commands, no repository, no data files, no website-only wording."""
    built = default_build.data
    pdfs = sorted(default_build.dist.glob("*.pdf"))
    bilingual = [e for e in built.editions.editions if e.bilingual]
    assert len(pdfs) == len(built.editions.editions) * len(built.coalition.languages) + len(bilingual)
    problems = []
    for pdf in pdfs:
        for number, page in enumerate(pages_of(pdf), start=1):
            text = words(page)
            for pattern in SOFTWARE_WORDS:
                for match in re.finditer(pattern, text):
                    start = max(0, match.start() - 40)
                    problems.append(f"{pdf.name} p.{number}: …{text[start:match.end() + 40]}…")
    assert not problems, "\n".join(problems)


# -- the notice -----------------------------------------------------------------------------------

def test_every_piece_carries_the_notice_but_not_the_safety_card_face(dist, data):
    if not data.coalition.notice:
        pytest.skip("the default data has no notice")
    for lang in data.coalition.languages:
        notice = flat(data.text(data.coalition.notice, lang))
        assert notice in flat(pages_of(dist / f"poster-{lang}.pdf")[0])
        assert notice in flat(pages_of(dist / f"wallet-card-{lang}.pdf")[1]), "on the back of the wallet card"
        for page in pages_of(dist / f"role-posters-{lang}.pdf"):
            assert notice in flat(page)
        safety = dist / f"safety-card-{lang}.pdf"
        assert not any(notice in flat(p) for p in front_pages(safety))
        assert notice in flat(pages_of(safety)[-1]), "in the margin of the backs sheet, which is cut away"
