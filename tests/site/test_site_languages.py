"""The website in two languages (issue 12), read from the variant build (languages [en, es]):
the Spanish site under /es/, the same page in the other language one link away, nothing of the
site's own words left in English on a Spanish page, and a page without its translation shown in
English under a notice. The browser tests of Spanish pages are in test_site_languages_browser.py."""

from __future__ import annotations

import html
import json
import re

import pytest

from ck_browser import PAGES
from ck_builds import UNTRANSLATED, Build
from ck_paths import ROOT
from coalition_kit.load.page_translations import translation_name
from coalition_kit.render.words import WORDS

pytestmark = pytest.mark.slow

#: Pages this checkout translates into Spanish (docs/*.es.md); every other page falls back.
TRANSLATED = sorted(p.removesuffix("index.md") if p.endswith("index.md") else p.removesuffix(".md") + "/"
                    for p in (path.relative_to(ROOT / "docs").as_posix().replace(".es.md", ".md")
                              for path in (ROOT / "docs").rglob("*.es.md"))
                    if p != UNTRANSLATED.replace(".es.md", ".md"))
"""The pages the variant build (whose pages leave ``ck_builds.UNTRANSLATED`` out) has in Spanish."""


def page(build: Build, lang: str, path: str) -> str:
    folder = build.site / ("" if lang == "en" else lang) / path
    return (folder / "index.html").read_text(encoding="utf-8")


def chrome(page_html: str, *, article: bool) -> str:
    """What a reader sees and hears of a page, as text: visible text and the words in attributes
    a screen reader reads (aria-label, title, placeholder, alt), without scripts and styles; the
    page's own text (the article, and its table of contents) only when ``article``."""
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page_html, flags=re.S)
    if not article:
        text = re.sub(r'<article class="md-content__inner md-typeset">.*?</article>', " ", text, flags=re.S)
        # the table of contents: links to the headings of the article
        text = re.sub(r'<a href="#[^"]*" class="md-nav__link">.*?</a>', " ", text, flags=re.S)
    said = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(" ".join([text, *said])).split())


def test_the_spanish_site_is_under_es(variant_build: Build) -> None:
    assert (variant_build.site / "index.html").is_file()
    assert (variant_build.site / "es" / "index.html").is_file()
    assert (variant_build.site / "es" / "search" / "search_index.json").is_file()
    assert not list(variant_build.site.rglob("*.es.html")), "a translation file became a page of its own"
    assert not (variant_build.site / "get-help.es").exists()
    assert "site es" in variant_build.output


@pytest.mark.parametrize("path", PAGES)
def test_every_english_page_has_a_spanish_counterpart_and_a_link_to_it(variant_build: Build, path: str) -> None:
    english, spanish = page(variant_build, "en", path), page(variant_build, "es", path)
    assert re.search(r'<html lang="en"', english) and re.search(r'<html lang="es"', spanish)
    up = "../" * path.count("/")
    # the language link leads to the SAME page in the other language (not the other home page)
    assert f'<a class="ck-lang__link" href="{up}es/{path}" hreflang="es" lang="es" data-ck-lang="es">Español</a>' in english
    assert f'<a class="ck-lang__link" href="{up}../{path}" hreflang="en" lang="en" data-ck-lang="en">English</a>' in spanish
    for doc in (english, spanish):  # every language in every page head, and the default
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', doc))
        assert set(links) == {"en", "es", "x-default"}
        assert links["x-default"] == links["en"]
    assert dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', english))["es"] == f"{up}es/{path}"


def test_links_resolve_to_built_pages(variant_build: Build) -> None:
    """Each language link, followed from where it is, reaches an existing page."""
    for lang, other in (("en", "es"), ("es", "en")):
        for path in PAGES:
            base = variant_build.site / ("" if lang == "en" else lang) / path
            doc = page(variant_build, lang, path)
            href = re.search(rf'class="ck-lang__link" href="([^"]+)" hreflang="{other}"', doc).group(1)
            target = (base / href / "index.html").resolve()
            assert target.is_file(), f"/{lang}/{path} -> {href}"


#: The site's own English words that must not stay on a Spanish page: the quick exit, the hotline
#: bar and footer (render/words.py), Material's interface (search, skip link, table of contents,
#: previous/next, back to top), and the navigation's English titles.
def english_labels() -> list[str]:
    en = WORDS["en"]
    ours = [en[k] for k in ("exit_button", "exit_skip", "bar_danger", "footer_email", "footer_emergency",
                            "footer_website", "footer_privacy", "menu", "languages", "col_reach", "col_when",
                            "col_hours", "source", "hotlines_caption", "get_help_now")]
    material = ["Search", "Skip to content", "Table of contents", "Back to top", "Initializing search",
                "Type to start searching", "Previous", "Next"]
    return [*ours, *material]


def nav_titles() -> list[str]:
    from coalition_kit.site.engine import nav_translations
    from mkdocs.config import load_config

    table = nav_translations(load_config(str(ROOT / "mkdocs.yml")), "es")
    return [title for title in table if title not in table.values()]


@pytest.mark.parametrize("path", PAGES)
def test_no_english_ui_label_on_a_spanish_page(variant_build: Build, path: str) -> None:
    doc = page(variant_build, "es", path)
    translated = path in TRANSLATED
    seen = chrome(doc, article=translated)
    found = [label for label in english_labels() if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", seen)]
    # the headers of our tables (a data text may say "Line": a hotline's name, a source's)
    found += re.findall(r'<th scope="col">(Line|Part|Minutes|When|What|Printed piece|For|Language|File)</th>', doc)
    navigation = " ".join(chrome(part, article=False) for part in (
        re.search(r'<nav class="md-tabs".*?</nav>', doc, re.S).group(0),
        re.search(r'<div class="md-sidebar md-sidebar--primary".*?<div class="md-sidebar md-sidebar--secondary"',
                  doc, re.S).group(0),
        re.search(r'<footer class="md-footer">.*?</footer>', doc, re.S).group(0)))
    found += [f"nav: {title}" for title in nav_titles() if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", navigation)]
    assert found == [], f"/es/{path}"
    assert 'placeholder="Búsqueda"' in doc  # Material's Spanish search box
    assert "Salir de este sitio" in doc and "Emergencias:" in doc


def test_spanish_pages_search_in_spanish(variant_build: Build) -> None:
    index = json.loads((variant_build.site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    english = json.loads((variant_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"]
    titles = {doc["title"] for doc in index["docs"]}
    assert "Ayuda ahora" in titles and "Cómo responder" in titles
    assert not any("trata" in doc["text"] for doc in english["docs"] if doc["location"] == "get-help/")


def test_a_translated_page_is_in_spanish(variant_build: Build) -> None:
    doc = page(variant_build, "es", "get-help/")
    assert "data-ck-untranslated" not in doc
    assert "<h1" in doc and "Ayuda ahora</h1>" in doc
    assert "Cómo navegar con más seguridad" in doc
    # the English heading ids stay, so that links from other pages still land
    assert 'id="browsing-more-safely"' in doc and 'id="who-to-call"' in doc
    respond = page(variant_build, "es", "hotel-project/respond/")
    assert "Líneas de ayuda y de denuncia" in respond  # the hotlines table's caption from the words table
    assert 'Línea Segura de Fjordby' in respond and "Verificado el 15 de enero de 2026." in respond


def test_a_page_without_translation_falls_back_with_a_notice(variant_build: Build) -> None:
    doc = page(variant_build, "es", "hotel-project/signs/")
    notice = WORDS["es"]["untranslated"]
    assert f"<p>{notice}</p>" in doc and "data-ck-untranslated" in doc
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', doc, re.S).group(1)
    assert article.index("data-ck-untranslated") < article.index('<div lang="en">') < article.index("<h1")
    assert "Signs by staff role" in article  # the English page, marked as English
    assert "<title>Señales según el puesto - " in doc  # its title in the navigation's language
    assert "data-ck-untranslated" not in page(variant_build, "en", "hotel-project/signs/")


def test_the_downloads_page_lists_its_language_first(variant_build: Build) -> None:
    doc = page(variant_build, "es", "downloads/")
    hrefs = re.findall(r'<a href="([^"]+\.pdf)" download', doc)
    assert hrefs and all(h.startswith("../../downloads/") for h in hrefs), hrefs
    files = [h.removeprefix("../../downloads/") for h in hrefs]
    assert files[0].endswith("-es.pdf") and not files[0].endswith("-en-es.pdf")
    first_en = next(i for i, f in enumerate(files) if f.endswith("-en.pdf"))
    assert all(f.endswith("-es.pdf") for f in files[:first_en])
    for name in files:
        assert (variant_build.site / "downloads" / name).is_file(), name
    assert not (variant_build.site / "es" / "downloads" / files[0]).exists(), "one copy of the PDFs is enough"
    # labelled by the language's own name, never by a code
    assert '<span lang="es">Español</span>' in doc and '<span lang="en">English</span>' in doc
    assert '<span lang="en">English</span> + <span lang="es">Español</span>' in doc  # the bilingual pieces
    assert ">ES<" not in doc and ">EN<" not in doc
    assert "Papel tamaño carta" in doc and re.search(r"PDF, \d+ páginas?, [\d,]+ (KB|MB)", doc)
    english = page(variant_build, "en", "downloads/")
    assert re.findall(r'<a href="([^"]+\.pdf)" download', english)[0].endswith("-en.pdf")


def test_spanish_pages_have_their_csp_and_events(variant_build: Build) -> None:
    for path in ("", "get-help/", "events/"):
        assert re.search(r'data-ck-csp content="default-src \'none\'; script-src \'self\' \'sha256-',
                         page(variant_build, "es", path)), path
    ics = (variant_build.site / "es" / "events" / "harbour-talk.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Una tarde en la sala del puerto" in ics
    assert "jueves 4 de marzo de 2027" in page(variant_build, "es", "events/")


def test_the_pdfs_link_to_their_own_language(variant_build: Build) -> None:
    text = variant_build.pdf("poster-es.pdf").text
    assert "fjordby-alliance.example.org/es/get-help/" in text
    assert "/es/" not in variant_build.pdf("poster-en.pdf").text


def test_english_only_site_has_no_language_link(fjord_build: Build) -> None:
    doc = (fjord_build.site / "get-help" / "index.html").read_text(encoding="utf-8")
    assert "ck-lang__link" not in doc and 'hreflang=' not in doc
    assert not (fjord_build.site / "es").exists()


def test_translation_files_are_not_english_pages() -> None:
    for path in (ROOT / "docs").rglob("*.es.md"):
        english = path.with_name(path.name.replace(".es.md", ".md"))
        assert english.is_file(), f"{path} translates no page"
        assert translation_name(english.relative_to(ROOT / "docs").as_posix(), "es") == \
            path.relative_to(ROOT / "docs").as_posix()
    assert {"index", "get-help", "hotel-project/respond"} <= {
        p.relative_to(ROOT / "docs").as_posix().removesuffix(".es.md") for p in (ROOT / "docs").rglob("*.es.md")}

