"""Page translations beside their pages (page.es.md), the navigation's titles per language, the
check that names what is not translated yet, and bilingual editions in editions.yml (issue 12).
No build: the site's language step and the checks run in-process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ck_paths import DEFAULT_DATA, ROOT
from coalition_kit.load.page_translations import (
    missing_page_translations, page_source, source_pages, translation_language, translation_name,
)
from coalition_kit.load.problems import DataError, Problem
from coalition_kit.pipeline.validate import validated_data
from coalition_kit.site.languages import alternates, stage_docs, translate_nav, untranslated_nav_titles


def docs(tmp: Path) -> Path:
    folder = tmp / "docs"
    (folder / "hotel-project").mkdir(parents=True)
    (folder / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (folder / "index.es.md").write_text("# Inicio\n\nHola.\n", encoding="utf-8")
    (folder / "hotel-project" / "signs.md").write_text("# Signs by staff role\n\nSigns.\n", encoding="utf-8")
    (folder / "hotel-project" / "logo.png").write_bytes(b"\x89PNG")
    return folder


def test_the_file_of_a_translation() -> None:
    assert translation_name("get-help.md", "es") == "get-help.es.md"
    assert translation_name("hotel-project/respond.md", "es") == "hotel-project/respond.es.md"
    assert translation_name("get-help.md", "en") == "get-help.md"
    assert translation_language("get-help.es.md") == "es"
    assert translation_language("get-help.md") is None
    assert translation_language("v1.2.md") is None  # a dot in a page's name is not a language


def test_a_page_uses_its_translation_or_falls_back(tmp_path: Path) -> None:
    folder = docs(tmp_path)
    assert source_pages(folder) == ["hotel-project/signs.md", "index.md"]
    assert page_source(folder, "index.md", "es") == (folder / "index.es.md", True)
    assert page_source(folder, "hotel-project/signs.md", "es") == (folder / "hotel-project/signs.md", False)
    assert page_source(folder, "hotel-project/signs.md", "en") == (folder / "hotel-project/signs.md", True)


def test_the_spanish_build_stages_each_page_in_spanish(tmp_path: Path) -> None:
    folder = docs(tmp_path)
    staged = tmp_path / "staged"
    assert stage_docs(folder, "es", staged) == ["hotel-project/signs.md"]
    assert (staged / "index.md").read_text(encoding="utf-8").startswith("# Inicio")
    assert (staged / "hotel-project" / "signs.md").read_text(encoding="utf-8").startswith("# Signs")
    assert (staged / "hotel-project" / "logo.png").is_file()
    assert not list(staged.rglob("*.es.md"))


def test_check_names_each_page_without_a_translation(tmp_path: Path, monkeypatch) -> None:
    folder = docs(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = missing_page_translations(["en", "es"], folder)
    assert [str(p) for p in found] == [
        "docs/hotel-project/signs.md:1:1: warning: no es translation of this page (docs/hotel-project/signs.es.md)"]
    assert missing_page_translations(["en"], folder) == []


def test_coalition_check_warns_only_when_a_second_language_is_enabled(fjord_copy: Path) -> None:
    def translation_warnings(data: Path) -> list[str]:
        result = subprocess.run([sys.executable, "-m", "coalition_kit.cli", "check", "--data", str(data)],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return [line for line in result.stdout.splitlines() if "translation of this page" in line
                or "no es title" in line]

    assert translation_warnings(DEFAULT_DATA) == []  # the default data builds English only, for now
    coalition = fjord_copy / "coalition.yml"
    coalition.write_text(coalition.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, es]"),
                         encoding="utf-8")
    warnings = translation_warnings(fjord_copy)
    english = sorted(p for p in source_pages(ROOT / "docs")
                     if not (ROOT / "docs" / translation_name(p, "es")).is_file())
    assert warnings == [f"docs/{p}:1:1: warning: no es translation of this page (docs/{translation_name(p, 'es')})"
                        for p in english]
    assert "docs/get-help.md:1:1" not in "\n".join(warnings)  # get-help.es.md exists


def test_the_navigation_in_spanish(tmp_path: Path) -> None:
    folder = docs(tmp_path)
    nav = [{"Home": "index.md"}, {"Hotel-Motel Project": ["hotel-project/signs.md", {"Events": "events.md"}]}]
    table = {"Home": "Inicio", "Hotel-Motel Project": "Proyecto Hoteles y Moteles",
             "Signs by staff role": "Señales según el puesto"}
    assert translate_nav(nav, table, folder) == [
        {"Inicio": "index.md"},
        {"Proyecto Hoteles y Moteles": [{"Señales según el puesto": "hotel-project/signs.md"}, {"Events": "events.md"}]}]
    assert untranslated_nav_titles(nav, table, folder) == ["Events"]


def test_every_navigation_title_of_mkdocs_yml_has_its_spanish() -> None:
    from coalition_kit.site.engine import missing_nav_titles

    assert missing_nav_titles(ROOT / "mkdocs.yml", "es") == []
    assert missing_nav_titles(ROOT / "mkdocs.yml", "en") == []


def test_alternates_link_each_language_root(tmp_path: Path) -> None:
    from coalition_kit.load.loader import load_data

    from dataclasses import replace

    two = load_data(DEFAULT_DATA)
    one = replace(two, coalition=two.coalition.model_copy(update={"languages": ["en"]}))
    assert alternates(one, "en") == []  # one language: no language link at all
    assert list(two.coalition.languages) == ["en", "es"]
    en = {a["lang"]: a for a in alternates(two, "en", "https://example.org")}
    es = {a["lang"]: a for a in alternates(two, "es", "https://example.org")}
    assert (en["en"]["link"], en["es"]["link"], es["en"]["link"], es["es"]["link"]) == ("", "es/", "../", "")
    assert en["es"]["base"] == "https://example.org/es/" and es["en"]["base"] == "https://example.org/"
    assert en["en"]["default"] and not en["es"]["default"]
    assert (en["en"]["name"], en["es"]["name"]) == ("English", "Español")


# --- bilingual editions ----------------------------------------------------------------------------

def _editions(data: Path, old: str, new: str) -> None:
    path = data / "editions.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        validated_data(data, ROOT / "docs")
    return caught.value.problems


def test_a_bilingual_piece_needs_both_languages_enabled(fjord_copy: Path) -> None:
    _editions(fjord_copy, "    layout: poster\n", "    layout: poster\n    bilingual: [en, es]\n")
    (problem,) = _problems(fjord_copy)
    line = next(n for n, text in enumerate((fjord_copy / "editions.yml").read_text().splitlines(), 1)
                if "bilingual" in text)
    assert problem.file.endswith("editions.yml") and problem.line == line
    assert "bilingual in 'es', but coalition.yml does not list it in languages" in problem.message
    coalition = fjord_copy / "coalition.yml"
    coalition.write_text(coalition.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, es]"),
                         encoding="utf-8")
    data = validated_data(fjord_copy, ROOT / "docs")
    from coalition_kit.pipeline.pdfs import targets

    names = [t.file_name for t in targets(data, ["poster"])]
    assert names == ["poster-en.pdf", "poster-es.pdf", "poster-en-es.pdf"]
    assert [t.language for t in targets(data, ["poster"])] == ["en", "es", "en+es"]
    assert [t.file_name for t in targets(data, ["poster"], ["es"])] == ["poster-es.pdf"]


@pytest.mark.parametrize("value, message", [
    ("[en, es]\n    layout: cards", "'bilingual' is for the layouts handout, poster, role-posters, safety-cards"),
    ("[en, en]\n    layout: poster", "'bilingual' lists two different languages"),
    ("[en, fr]\n    layout: poster", "'fr' is not a language this toolkit can build"),
])
def test_bilingual_is_checked_at_its_line(fjord_copy: Path, value: str, message: str) -> None:
    layout = value.split("layout: ")[1]
    _editions(fjord_copy, f"    layout: {layout}\n", f"    bilingual: {value}\n")
    problems = _problems(fjord_copy)
    assert any(message in p.message and p.file.endswith("editions.yml") and p.line > 1 for p in problems), problems


def test_the_privacy_guard_reads_the_other_languages_sites(tmp_path: Path) -> None:
    """A private value on a page under /es/ stops the build as one at the site root does."""
    from ck_paths import FJORD
    from coalition_kit.load.loader import load_data
    from coalition_kit.pipeline.privacy_guard import PrivacyGuard

    site = tmp_path / "site"
    (site / "es" / "get-help").mkdir(parents=True)
    (site / "index.html").write_text("<p>Hola</p>", encoding="utf-8")
    (site / "es" / "get-help" / "index.html").write_text("<p>PRIVATE-NOTE-FJORD-7731</p>", encoding="utf-8")
    leaks = PrivacyGuard(load_data(FJORD)).leaks_in_folder(site)
    assert len(leaks) == 1 and "es/get-help/index.html" in leaks[0]
