"""Every printed piece in Spanish, and the pieces printed bilingual (issue 12), read from the
variant build (languages [en, es], Spanish texts in its hotel project, identity and editions, and
``bilingual: [en, es]`` on the staff handout, the poster, the role posters and the safety card)."""

from __future__ import annotations

import re
import subprocess

import pytest

from ck_builds import VARIANT_BILINGUAL, Build
from coalition_kit.render.words import WORDS

pytestmark = pytest.mark.slow

EDITIONS = ["volunteer", "manager", "staff", "wallet-card", "poster", "role-posters", "safety-card", "starter"]
ES, EN = WORDS["es"], WORDS["en"]


def flat(text: str) -> str:
    return "".join(text.split())


def raw_pages(pdf) -> list[str]:
    """Each page's text in reading order (side-by-side columns one after the other), flattened."""
    out = subprocess.run(["pdftotext", "-raw", str(pdf.path), "-"], check=True, capture_output=True, text=True).stdout
    return [flat(page) for page in out.split("\f") if page.strip()]


def outline_titles(pdf) -> list[str]:
    found: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(item.title)
    walk(pdf.reader.outline)
    return found


#: A Spanish word each piece prints on its first page, from the translation table.
FIRST_PAGE = {"volunteer": "in_danger", "manager": "in_danger", "starter": "printed", "staff": "handout_signs",
              "wallet-card": "wallet_fronts", "poster": "poster_headline", "role-posters": "role_signs",
              "safety-card": "safety_fronts"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_in_spanish(variant_build: Build, edition: str) -> None:
    pdf = variant_build.pdf(f"{edition}-es.pdf")
    assert pdf.reader.trailer["/Root"]["/Lang"] == "es"  # WeasyPrint takes it from <html lang="es">
    assert variant_build.pdf(f"{edition}-en.pdf").reader.trailer["/Root"]["/Lang"] == "en"
    cover = flat(pdf.pages[0])
    assert flat(ES[FIRST_PAGE[edition]]) in cover, f"{edition}: no Spanish on the first page"
    assert flat(EN[FIRST_PAGE[edition]]) not in cover
    data = variant_build.data
    title = data.text(data.edition(edition).title, "es")
    if edition in ("volunteer", "manager", "staff"):  # the variant's titles in Spanish, where a piece prints it
        assert flat(title) in cover, f"{edition}: no Spanish title on the first page"
    assert pdf.reader.metadata.title.startswith(ES["safety_title"] if edition == "safety-card" else title)
    outline = outline_titles(pdf)
    assert outline, edition
    spanish = [t for t in outline if re.search(r"[áéíóúñ¿¡]|\b(de|la|el|que|su|para)\b", t)]
    assert spanish, f"{edition}: no Spanish in the outline {outline}"


def test_book_labels_dates_and_links_in_spanish(variant_build: Build) -> None:
    pdf = variant_build.pdf("volunteer-es.pdf")
    cover = pdf.pages[0]
    assert "Impreso en noviembre de 2023" in cover  # SOURCE_DATE_EPOCH: 14 November 2023
    assert flat(ES["members_only"].upper()) in flat(cover.upper())
    assert "https://fjordby-alliance.example.org/es/" in cover  # its QR code and address: the Spanish site
    assert ES["contents"] in outline_titles(pdf)
    assert re.search(r"Página \d+", pdf.text) and "Page " not in pdf.text
    assert re.search(r"\(página \d+\)", pdf.text)  # a link to another page of the book


def test_form_labels_and_hints_in_spanish(variant_build: Build) -> None:
    pdf = variant_build.pdf("volunteer-es.pdf")
    fields = pdf.reader.get_fields()
    assert fields["sign-in-date"]["/TU"] == "Fecha"
    assert fields["sign-in-r1-c1"]["/TU"] == "Nombre, fila 1"
    assert fields["assessment-when"]["/TU"] == ES["assess_when"]
    assert fields["certificate-name"]["/TU"] == ES["cert_name"]
    english = set(WORDS["en"].values())
    hints = [f["/TU"] for f in fields.values() if "/TU" in f]
    assert not [h for h in hints if h in english and h not in ES.values()], "an English hint in the Spanish forms"
    text = flat(pdf.text)
    for word in ("form_sign_in", "f_signature", "assess_steps", "eval_overall", "visit_happened", "form_volunteer_roster"):
        assert flat(ES[word]) in text, word
    for word in ("form_sign_in", "assess_steps", "eval_overall"):
        assert flat(EN[word]) not in text, word
    assert ES["form_sign_in"] in outline_titles(pdf)


def test_a_page_without_translation_prints_in_english_under_a_notice(variant_build: Build) -> None:
    """The variant prints the site's own pages: get-help has a Spanish translation, signs does not."""
    pdf = variant_build.pdf("volunteer-es.pdf")
    text = flat(pdf.text)
    assert text.count(flat(ES["untranslated"])) >= 1
    assert "Signsbystaffrole" in text and "Ayudaahora" in text
    assert flat(ES["untranslated"]) not in flat(variant_build.pdf("volunteer-en.pdf").text)


@pytest.mark.parametrize("edition", VARIANT_BILINGUAL)
def test_bilingual_pieces_hold_both_languages(variant_build: Build, edition: str) -> None:
    pdf = variant_build.pdf(f"{edition}-en-es.pdf")
    entry = next(e for e in variant_build.manifest["files"] if e["file"] == f"{edition}-en-es.pdf")
    assert entry["language"] == "en+es" and entry["public"]
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en"
    text = "".join(raw_pages(pdf))
    data = variant_build.data
    if edition in ("poster", "role-posters"):  # side by side on each sheet
        for page in raw_pages(pdf):
            assert flat(EN["never"]) in page and flat(ES["never"]) in page
            assert flat(EN["danger_now"]) in page and flat(ES["danger_now"]) in page
        sign = data.hotel.roles[0].signs[0]
        assert flat(sign["en"]) in text and flat(sign["es"]) in text
        assert len(pdf.pages) == (1 if edition == "poster" else len(data.hotel.roles))
    if edition == "role-posters":
        for role in data.hotel.roles:
            assert flat(role.name["en"]) in text and flat(role.name["es"]) in text
    if edition == "staff":  # front in English, back in Spanish
        front, back = raw_pages(pdf)
        assert flat(EN["handout_signs"]) in front and flat(ES["handout_signs"]) not in front
        assert flat(ES["handout_signs"]) in back and flat(EN["handout_signs"]) not in back
        assert "Página2/2" in back and "Page1/2" in front
    if edition == "safety-card":  # each card: one language a side
        front, back = raw_pages(pdf)
        assert "Call+4700000001" in front and "Llameal+4700000001" in back
        assert flat(ES["safety_bilingual_note"]) in back


def test_the_bilingual_pieces_are_listed_for_download(variant_build: Build) -> None:
    for lang in ("", "es/"):
        doc = (variant_build.site / lang / "downloads" / "index.html").read_text(encoding="utf-8")
        for edition in VARIANT_BILINGUAL:
            assert f'{edition}-en-es.pdf" download>' in doc
