"""Truthful content: sources from their publishers, one spelling, honest figures, safe cards.

- No source of the default data sits on a mirror, scraper or document-sharing host, and
  ``coalition check`` warns, at the source's line, when a fork cites one.
- The default coalition writes American English everywhere in data/ and docs/.
- The coalition's own "75%" estimate is a statistic attributed to it, never a myth, and the
  before-and-after quiz tests what hotel staff must know, not a number.
- The discreet safety card says nothing about what it is for.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ck_paths import DEFAULT_DATA, ROOT
from coalition_kit.load.loader import MIRROR_HOSTS, load_data, mirror_host
from coalition_kit.load.problems import DataError

DOCS = ROOT / "docs"

#: Common British spellings and their American forms. Whole words, any case. Words spelled
#: the same in both (such as "practice" the noun, "license", "program") are not listed.
BRITISH_TO_AMERICAN = {
    "colour": "color", "colours": "colors", "coloured": "colored",
    "neighbour": "neighbor", "neighbours": "neighbors", "neighbourhood": "neighborhood",
    "behaviour": "behavior", "behaviours": "behaviors",
    "favour": "favor", "favourite": "favorite", "favourable": "favorable",
    "honour": "honor", "labour": "labor", "rumour": "rumor", "rumours": "rumors",
    "humour": "humor", "harbour": "harbor", "endeavour": "endeavor",
    "organisation": "organization", "organisations": "organizations",
    "organise": "organize", "organised": "organized", "organiser": "organizer",
    "organisers": "organizers", "organising": "organizing",
    "recognise": "recognize", "recognised": "recognized", "recognising": "recognizing",
    "realise": "realize", "realised": "realized", "realising": "realizing",
    "prioritise": "prioritize", "summarise": "summarize", "summarised": "summarized",
    "criticise": "criticize", "emphasise": "emphasize", "apologise": "apologize",
    "minimise": "minimize", "maximise": "maximize", "specialise": "specialize",
    "specialised": "specialized", "mobilise": "mobilize", "authorise": "authorize",
    "authorised": "authorized", "utilise": "utilize", "customise": "customize",
    "analyse": "analyze", "analysed": "analyzed", "paralysed": "paralyzed",
    "practise": "practice", "practised": "practiced", "practising": "practicing",
    "licence": "license", "defence": "defense", "offence": "offense",
    "centre": "center", "centres": "centers", "programme": "program", "programmes": "programs",
    "travelling": "traveling", "travelled": "traveled", "traveller": "traveler",
    "travellers": "travelers", "cancelled": "canceled", "labelled": "labeled",
    "labelling": "labeling", "modelled": "modeled", "modelling": "modeling",
    "counselling": "counseling", "counsellor": "counselor", "counsellors": "counselors",
    "signalled": "signaled", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "enrolment": "enrollment", "judgement": "judgment", "catalogue": "catalog",
    "cheque": "check", "grey": "gray", "ageing": "aging", "whilst": "while",
    "learnt": "learned", "focussed": "focused", "sceptical": "skeptical",
    "paediatric": "pediatric", "manoeuvre": "maneuver", "storey": "story",
}
BRITISH = re.compile(r"\b(" + "|".join(sorted(BRITISH_TO_AMERICAN, key=len, reverse=True)) + r")\b", re.I)
ADDRESS = re.compile(r"https?://\S+")


def british_spellings(text: str) -> list[str]:
    """Each British spelling in ``text`` (web addresses left out: they are not our words)."""
    return [m.group(0) for m in BRITISH.finditer(ADDRESS.sub(" ", text))]


def default_texts() -> dict[str, str]:
    files = sorted(DEFAULT_DATA.glob("*.yml")) + sorted(DOCS.rglob("*.md"))
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


# --- sources from their publishers ----------------------------------------------------


def test_no_default_source_is_on_a_mirror_host() -> None:
    data = load_data(DEFAULT_DATA)
    found = [s.url for s in data.all_sources() if mirror_host(s.url)]
    assert not found, f"sources on mirror or scraper hosts: {found}"


def test_no_page_or_data_comment_links_to_a_mirror_host() -> None:
    """Addresses written in pages and in data comments are read by people too."""
    found = []
    for name, text in default_texts().items():
        found += [f"{name}: {url}" for url in re.findall(r"https?://[^\s)\"'>]+", text) if mirror_host(url)]
    assert not found, found


@pytest.mark.parametrize("url, host", [
    ("https://docslib.org/doc/1/x", "docslib.org"),
    ("https://www.scribd.com/document/1", "scribd.com"),
    ("http://www.slideshare.net/a/b", "slideshare.net"),
    ("https://d1tvxue8o4w0fl.cloudfront.net/statute/x", "cloudfront.net"),
    ("https://WWW.PAPERZZ.COM/doc/1", "paperzz.com"),
    ("https://www.law.cornell.edu/uscode/text/22/7102", None),
    ("https://notdocslib.org/x", None),
])
def test_mirror_hosts_match_the_host_and_its_subdomains_only(url: str, host: str | None) -> None:
    assert mirror_host(url) == host
    assert host is None or host in MIRROR_HOSTS


def test_a_source_on_a_mirror_host_gets_a_warning_at_its_line(fjord_copy: Path) -> None:
    path = fjord_copy / "statistics.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if "url:" in line)
    lines[number - 1] = re.sub(r'url: "[^"]*"', 'url: "https://docslib.org/doc/4486414/a-copy"', lines[number - 1])
    path.write_text("".join(lines), encoding="utf-8")
    warnings: list = []
    load_data(fjord_copy, warnings)  # a warning does not stop the build
    mirror = [w for w in warnings if "mirror" in w.message]
    assert len(mirror) == 1, warnings
    assert mirror[0].warning and mirror[0].line == number and mirror[0].file.endswith("statistics.yml")
    assert "docslib.org" in mirror[0].message


# --- one spelling ---------------------------------------------------------------------


def test_the_word_list_finds_british_spellings_and_passes_american_text() -> None:
    assert british_spellings("Our neighbours' Colour, organised at the centre.") == [
        "neighbours", "Colour", "organised", "centre"]
    assert british_spellings("Our neighbors' color, organized at the center; practice; license.") == []
    assert british_spellings("see https://example.org/colour-programme") == []


def test_the_default_coalition_writes_american_english() -> None:
    data = load_data(DEFAULT_DATA)
    assert data.coalition.spelling == "en-US"
    assert re.search(r"^spelling: en-US$", (DEFAULT_DATA / "coalition.yml").read_text(encoding="utf-8"), re.M), \
        "the default coalition states its spelling explicitly"
    found = [f"{name}: {word} (American: {BRITISH_TO_AMERICAN[word.lower()]})"
             for name, text in default_texts().items() for word in british_spellings(text)]
    assert not found, found


# --- honest figures -------------------------------------------------------------------


def test_the_coalition_estimate_is_attributed_and_paired_with_what_was_measured() -> None:
    data = load_data(DEFAULT_DATA)
    stats = {s.id: s for s in data.statistics.statistics}
    estimate = stats["coalition-estimate-hotels"]
    assert estimate.value == "75%"
    assert "estimate" in data.text(estimate.wording).lower()
    assert "guide" in data.text(estimate.wording).lower()
    assert "polaris" in data.text(estimate.caveat).lower()
    assert data.text(estimate.population).lower().startswith("no one")
    measured = stats["polaris-survivors-hotel-contact"]
    assert "contact with hotels" in data.text(measured.wording)
    order = data.hotel.why_hotels
    assert order.index(estimate.id) + 1 == order.index(measured.id), "the estimate is shown right before the survey"
    ids = [s.id for s in data.statistics.statistics]
    assert ids.index(estimate.id) + 1 == ids.index(measured.id)


def test_no_myth_contradicts_the_coalitions_own_figure() -> None:
    data = load_data(DEFAULT_DATA)
    for myth in data.myths.myths:
        said = (data.text(myth.myth) + " " + data.text(myth.fact)).lower()
        assert "75%" not in said and "seventy-five" not in said, myth.id


def test_the_quiz_tests_what_staff_must_know_not_a_number() -> None:
    data = load_data(DEFAULT_DATA)
    quiz = data.myths.myths[:4]  # printed/forms.py _assessment: the first four myths
    assert quiz[0].id == "not-in-our-hotels", "first: hotels are places where trafficking can be seen"
    assert {m.id for m in quiz} == {"not-in-our-hotels", "staff-should-step-in", "one-sign-is-proof", "minors-choose"}
    for myth in quiz:
        assert not re.search(r"\d", data.text(myth.myth)), f"a quiz question asks for a number: {myth.id}"


# --- the safety card and agencies -----------------------------------------------------


def test_the_safety_card_names_no_purpose_and_shows_known_lines() -> None:
    data = load_data(DEFAULT_DATA)
    card = data.hotel.safety_card
    assert card is not None
    words = (data.text(card.lead) + " " + data.text(card.what_happens)).lower()
    for word in ("traffick", "abuse", "exploit", "coalition", data.text(data.coalition.name).lower()):
        assert word not in words, word
    assert "confidential" in words and "languages" in words
    known = {h.id for h in data.coalition.hotlines}
    assert card.lines and set(card.lines) <= known
    assert "dhs-tip-line" not in card.lines, "the card for a person who may be controlled shows no immigration agency line"
    assert all("humantraffickinghotline.org" in s.url for s in card.source)


def test_a_safety_card_that_names_its_purpose_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, copy)
    path = copy / "hotel_project.yml"
    text = path.read_text(encoding="utf-8")
    old = "    en: Need to talk? Confidential help, any time."
    assert old in text
    path.write_text(text.replace(old, "    en: Help for victims of trafficking"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(copy)
    assert any("safety_card lead" in p.message and "traffick" in p.message for p in caught.value.problems)
    spanish = "    es: ¿Necesita hablar? Ayuda confidencial, a cualquier hora."
    assert spanish in text
    path.write_text(text.replace(spanish, "    es: Ayuda para víctimas de trata"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(copy)
    assert any("safety_card lead" in p.message and "trata" in p.message for p in caught.value.problems)


def test_every_reporting_line_names_the_agency_it_reaches() -> None:
    data = load_data(DEFAULT_DATA)
    lines = {h.id: h for h in data.coalition.hotlines}
    tip = lines["dhs-tip-line"]
    name, use = data.text(tip.name), data.text(tip.when_to_use)
    assert "ICE" in name and "Immigration and Customs Enforcement" in use
    hotline = data.text(lines["national-hotline"].when_to_use)
    assert "not law enforcement or an immigration agency" in hotline
    assert "NCMEC" in data.text(lines["cybertipline"].name)
    assert "police" in data.text(lines["emergency"].name).lower()


def test_the_script_tells_staff_which_card_is_which() -> None:
    data = load_data(DEFAULT_DATA)
    script = " ".join(data.text(s.script) for s in data.volunteers.session)
    assert "safety card" in script and "front of your card" in script
    assert "back of your card" not in script
    respond = (DOCS / "hotel-project" / "respond.md").read_text(encoding="utf-8")
    assert "staff wallet card is yours" in respond and "safety card is the one you may offer" in respond


def test_the_default_edition_carries_its_notice() -> None:
    data = load_data(DEFAULT_DATA)
    notice = data.text(data.coalition.notice).lower()
    assert "public information" in notice and "not published by" in notice


# --- print speaks to its reader -------------------------------------------------------


def test_printed_pages_do_not_say_this_site_outside_web_only_blocks() -> None:
    data = load_data(DEFAULT_DATA)
    printed = {page for edition in data.editions.editions for part in edition.parts for page in part.pages}
    found = []
    for page in sorted(printed):
        if page == "index.md":  # the home page belongs to its own change
            continue
        text = (DOCS / page).read_text(encoding="utf-8")
        text = re.sub(r'<div class="ck-web-only"[^>]*>.*?</div>', " ", text, flags=re.S)
        text = re.sub(r'<span class="ck-web-only">.*?</span>', " ", text, flags=re.S)
        # a list item (its first line and indented continuation lines) marked web-only
        text = re.sub(r"\n- [^\n]*(?:\n  (?!\{:)[^\n]*)*\n\s*\{: \.ck-web-only \}", "\n", text)
        text = text.replace("**Leave this site**", "")  # the button's name, not a reference to the site
        for phrase in ("this site", "this website", "on this page", "this page"):
            if phrase in text.lower():
                found.append(f"{page}: {phrase}")
    assert not found, found
