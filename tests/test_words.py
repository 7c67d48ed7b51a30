"""The translation table (coalition_kit/render/words.py): every fixed word in every language, the
same placeholders, plural forms, dates and numbers the language's way, and the hotline wording."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup

from coalition_kit.model.identity import SUPPORTED_LANGUAGES
from coalition_kit.render.words import WORDS, Words, language_name, placeholders

PACKAGE = Path(__file__).resolve().parent.parent / "coalition_kit"
OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
OTHERS = [lang for lang in WORDS if lang != "en"]


def test_one_table_for_each_language_the_toolkit_builds() -> None:
    assert set(WORDS) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_key_exists_in_every_language(lang: str) -> None:
    english, other = WORDS["en"], WORDS[lang]
    assert sorted(set(english) - set(other)) == [], f"missing in {lang}"
    assert sorted(set(other) - set(english)) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", OTHERS)
def test_same_placeholders_and_list_lengths(lang: str) -> None:
    for key, english in WORDS["en"].items():
        other = WORDS[lang][key]
        assert type(other) is type(english), key
        if isinstance(english, tuple):
            assert len(other) == len(english), f"{key}: a form prints the items row by row"
            continue
        wanted, found = placeholders(english), placeholders(other)
        if key.endswith("_one"):
            assert found <= wanted, key  # "una vez más": the count may be said in words
        else:
            assert found == wanted, f"{lang}.{key}: {found} != {wanted}"


def test_plural_keys_come_in_pairs() -> None:
    for key in WORDS["en"]:
        if key.endswith("_one"):
            assert key[:-4] + "_other" in WORDS["en"], key


@pytest.mark.parametrize("lang", OTHERS)
def test_no_english_left_in_another_language(lang: str) -> None:
    """A word the same in both languages is allowed only where it is the same word (Total, Sector…)."""
    same_allowed = {"f_total", "f_of", "scale_note", "kind_agenda", "tracker_hotel", "stake_sector",
                    "date_month", "date_event", "part", "confidential", "col_part", "reach_or"}
    same = [key for key, text in WORDS["en"].items()
            if WORDS[lang][key] == text and text and key not in same_allowed and not placeholders(str(text)) == {"name"}]
    assert same == [], same


def test_every_word_a_template_uses_exists() -> None:
    """Each L.key and L('key') in our templates and overrides names a key of the table."""
    used: set[str] = set()
    files = [*PACKAGE.rglob("*.html"), *PACKAGE.rglob("*.css"), *OVERRIDES.rglob("*.html")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bL\.(?!text\b|n\b|date\b|number\b|size\b|language\b|get\b)([a-z0-9_]+)", text))
        used |= set(re.findall(r"\bL(?:\.text|\.n)?\(\s*['\"]([a-z_-]+)['\"]", text))
    plural = {key for key in used if key + "_one" in WORDS["en"]}
    missing = sorted(key for key in used - plural if key not in WORDS["en"])
    assert missing == []
    assert len(used) > 150


def test_words_are_safe_html_with_values_escaped() -> None:
    words = Words("es")
    text = words("for_staff", staff="<b>recepción</b>")
    assert isinstance(text, Markup)
    assert str(text) == "Para &lt;b&gt;recepción&lt;/b&gt;."
    assert str(words("no_downloads", command=Markup("<code>make build</code>"))).startswith(
        "Los materiales impresos se generan con <code>make build</code>")
    with pytest.raises(AttributeError, match="no word 'nope' in the es table"):
        words.nope  # noqa: B018


def test_plural_forms() -> None:
    assert str(Words("en").n("pdf_pages", 1, size="46 KB")) == "PDF, 1 page, 46 KB"
    assert str(Words("en").n("pdf_pages", 3, size="46 KB")) == "PDF, 3 pages, 46 KB"
    assert str(Words("es").n("pdf_pages", 1, size="46 KB")) == "PDF, 1 página, 46 KB"
    assert str(Words("es").n("pdf_pages", 12, size="1,2 MB")) == "PDF, 12 páginas, 1,2 MB"
    assert str(Words("es").n("exit_press", 1)) == "Pulse la tecla Shift una vez más para salir de este sitio."
    assert str(Words("es").n("exit_press", 2)) == "Pulse la tecla Shift 2 veces más para salir de este sitio."


def test_dates_and_numbers_the_languages_way() -> None:
    day = date(2026, 1, 15)
    assert Words("en").date(day) == "January 15, 2026"
    assert Words("es").date(day) == "15 de enero de 2026"
    assert Words("es").date(date(2023, 11, 14), "date_month") == "noviembre de 2023"
    assert Words("en").date(date(2023, 11, 14), "date_month") == "November 2023"
    assert Words("es").date(date(2027, 3, 4), "date_event") == "jueves 4 de marzo de 2027"
    assert Words("en").date(date(2027, 3, 4), "date_event") == "Thursday 04 March 2027"
    assert Words("es").size(1_258_291) == "1,2 MB" and Words("en").size(1_258_291) == "1.2 MB"
    assert Words("es").number(1234) == "1.234" and Words("en").number(1234) == "1,234"


def test_language_names_in_their_own_language() -> None:
    assert language_name("en") == "English"
    assert language_name("es") == "Español"


def test_the_hotline_wording_in_spanish() -> None:
    from coalition_kit.model.identity import Hotline
    from coalition_kit.render.hotline import Reach

    line = Hotline.model_validate({
        "id": "national", "kind": "hotline", "name": {"en": "National Hotline", "es": "Línea Nacional"},
        "number": "1-888-373-7888", "text_number": "233733", "text_keyword": "HELP",
        "when_to_use": "Any time.", "source": {"name": "X", "url": "https://example.org"}, "verified": "2026-01-01"})
    es = Reach(line, lambda v: v["es"] if isinstance(v, dict) else v, words=Words("es"))
    assert re.sub("<[^>]+>", "", es.sentence()) == \
        "Línea Nacional: llame al 1-888-373-7888, o envíe HELP por mensaje de texto al 233733"
    assert re.sub("<[^>]+>", "", es.call(capital=True, link="phrase")) == "Llame al 1-888-373-7888"
    assert es.call(capital=True, link="phrase").startswith('<a class="ck-tel" href="tel:18883737888">')
    assert re.sub("<[^>]+>", "", es.text(capital=True)) == "O envíe HELP por mensaje de texto al 233733"
    en = Reach(line, lambda v: v["en"] if isinstance(v, dict) else v)
    assert re.sub("<[^>]+>", "", en.sentence()) == "National Hotline: call 1-888-373-7888, or text HELP to 233733"
