"""Where the figures show: the "Our progress" page, the readiness result, the volunteer notebook's
records and `coalition report`; hotels that have not agreed to be named show nowhere in public.

The output tests read the session's shared default build (tests/ck_builds.py); the others render
one page, or run the guard or the report, in this process.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from ck_builds import Build
from ck_paths import DEFAULT_DATA, EPOCH, ROOT
from coalition_kit.cli import main
from coalition_kit.load.loader import load_data
from coalition_kit.model import measures
from coalition_kit.model.outreach import Outreach
from coalition_kit.model.privacy import public_view, withheld_nodes
from coalition_kit.pipeline.privacy_guard import PrivacyGuard
from coalition_kit.render.blocks import Blocks
from coalition_kit.render.pages import render_page
from coalition_kit.site.engine import markdown_settings

CHART = re.compile(r'<div class="ck-chart ck-chart--(\w+)">(.*?)</table>\s*</div>\s*</div>', re.S)


def _hidden(build: Build):
    return [h for h in build.data.outreach.hotels if not h.recognised_publicly]


# --- privacy: hidden hotels -------------------------------------------------------------------


def test_a_hidden_hotel_is_absent_from_every_public_output(default_build: Build) -> None:
    hidden = _hidden(default_build)
    assert {h.id for h in hidden} == {"sample-motel", "demo-lodge", "template-hotel"}
    shown_cities = {h.city for h in default_build.data.outreach.hotels if h.recognised_publicly}
    markers = [h.name for h in hidden] + [h.id for h in hidden] + [h.notes for h in hidden if h.notes]
    markers += [h.city for h in hidden if h.city not in shown_cities]  # Millbrook: only hidden hotels are there
    assert "Millbrook (fictional)" in markers
    outputs = {str(p.relative_to(default_build.site)): p.read_text(encoding="utf-8", errors="replace")
               for p in default_build.site.rglob("*") if p.suffix in {".html", ".json", ".xml", ".js", ".ics", ".txt"}}
    for entry in default_build.manifest["files"]:
        if entry["public"]:
            pdf = default_build.pdf(entry["file"])
            outputs[entry["file"]] = pdf.text + "\n" + pdf.flat
    assert "search/search_index.json" in outputs and "starter-en.pdf" in outputs
    found = [(name, marker) for name, text in outputs.items() for marker in markers
             if marker in text or "".join(marker.split()) in text]
    assert not found, found
    # ...while the private notebook names them, and the website names those that agreed
    notebook = default_build.pdf("volunteer-en.pdf").text
    assert all(h.name in notebook for h in hidden)
    progress = outputs["our-progress/index.html"]
    for hotel in default_build.data.outreach.hotels:
        assert (hotel.name in progress) == hotel.recognised_publicly, hotel.name


def test_the_guard_looks_for_the_names_of_hidden_hotels() -> None:
    data = load_data(DEFAULT_DATA)
    guard = PrivacyGuard(data)
    found = guard.fields_in("<p>We trained the <em>Demo   Lodge</em> (fictional) last May.</p>")
    assert [str(f) for f in found] == ["outreach.yml (hotels > 3 > name)"]
    assert guard.fields_in("<p>Example Inn (fictional) agreed to be named.</p>") == []


def test_a_hidden_name_that_a_named_hotel_shares_is_not_looked_for() -> None:
    """Two hotels of one chain, one named, one not: the website may show the named one's name."""
    outreach = Outreach.model_validate({"hotels": [
        {"id": "a", "name": "Grand Hotel Downtown", "recognised_publicly": "yes"},
        {"id": "b", "name": "Grand Hotel"},  # part of a named hotel's name
        {"id": "c", "name": "Budget Inn", "recognised_publicly": "yes"},
        {"id": "d", "name": "budget  inn"},  # the same words
        {"id": "e", "name": "Hidden Harbor Motel"}]})
    assert [(n.loc, n.value) for n in withheld_nodes(outreach)] == [(("hotels", 4, "name"), "Hidden Harbor Motel")]


def test_the_build_fails_when_a_hidden_name_would_be_published(tmp_path: Path) -> None:
    guard = PrivacyGuard(load_data(DEFAULT_DATA))
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<h1>Thanks to Template Hotel (fictional)</h1>", encoding="utf-8")
    assert guard.leaks_in_folder(tmp_path) == [
        f"{tmp_path / 'page' / 'index.html'}: private value from outreach.yml (hotels > 6 > name)"]


# --- the Our progress page and the readiness result on the site ------------------------------------


def _charts(page: str) -> dict[str, str]:
    return {kind: body for kind, body in CHART.findall(page)}


def _check_chart(body: str) -> None:
    svg = re.search(r"<svg\b[^>]*>.*?</svg>", body, re.S).group(0)
    head = svg[:svg.index(">")]
    assert 'role="img"' in head and re.search(r'aria-label="[^"]{10,}"', head), head
    assert re.search(r"<title>[^<]{10,}</title><desc>[^<]{20,}</desc>", svg), "a title and a description"
    assert "<script" not in svg and " style=" not in svg and " on" not in head  # nothing the CSP would refuse
    assert re.search(r'viewBox="0 0 640 \d+', head)
    table = body[body.index("<table"):]
    assert "<caption>" in table and "<th scope=\"col\">" in table and table.count("<tr>") >= 2


def test_the_progress_page_shows_the_figures_charts_and_numbers(default_build: Build) -> None:
    page = (default_build.site / "our-progress" / "index.html").read_text(encoding="utf-8")
    charts = _charts(page)
    assert sorted(charts) == ["coverage", "scores", "staff"]
    for body in charts.values():
        _check_chart(body)
    f = measures.outreach_figures(default_build.data.outreach, date(2023, 11, 14))  # the builds' SOURCE_DATE_EPOCH
    text = re.sub(r"<[^>]+>", " ", page)
    text = " ".join(text.split())
    for figure in ["Illustrative data.", "Hotels and motels in our area 7", "Properties trained 4 of 7 (57.1%)",
                   "Staff trained 101", "Training sessions 6", "Refresher trainings overdue on 14 November 2023 0",
                   "58.3% before, 86.7% after (+28.4 points)", "37.8% before, 87.8% after",
                   "Front desk 29", "Housekeeping 39", "All roles 101", "February 2026 1 14.3%",
                   "October 2026 4 57.1%"]:
        assert figure in text, figure
    assert len(f.overdue) == 0  # in 2023 no refresher of the example is due yet
    assert "Our progress" in (default_build.site / "hotel-project" / "index.html").read_text(encoding="utf-8")  # nav


def test_the_readiness_page_shows_the_result(default_build: Build) -> None:
    page = (default_build.site / "community-readiness" / "index.html").read_text(encoding="utf-8")
    charts = _charts(page)
    assert list(charts) == ["readiness"]
    _check_chart(charts["readiness"])
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for expected in ["Overall score 4.13 : stage 4, Preplanning", "B. Community knowledge of efforts: 3.40, stage 3",
                     "Strategies for stage 3, Vague awareness", "Based on 5 key-informant interviews"]:
        assert expected in text, expected
    informants = [i.informant for i in default_build.data.readiness.results.interviews]
    result = page[page.index('<div class="ck-readiness-result">'):page.index("Using the results")]
    for informant in informants:  # who was interviewed stays with the coalition
        assert informant not in result


# --- the volunteer notebook -----------------------------------------------------------------------


def test_the_notebook_prints_the_charts_the_records_and_the_scored_sheet(default_build: Build) -> None:
    pdf = default_build.pdf("volunteer-en.pdf")
    progress = next(i for i, page in enumerate(pdf.pages) if "Coverage over time" in page and "Our progress" in page)
    chart_page = pdf.pages[progress]
    # drawn from the SVG (as text and vectors): month abbreviations exist only in the chart
    assert all(month in chart_page for month in ("Feb", "Jul", "Oct", "57.1%", "100%"))
    assert "Coverage at the end of each month" in pdf.text and "Staff trained by role" in pdf.text
    text = pdf.text
    for expected in ["Tracker records: hotels, sessions and refreshers", "Properties in the tracker (7)",
                     "Demo Lodge (fictional)", "402-555-0104", "Refresher trainings overdue on 14 November 2023",
                     "None: no refresher was due before 14 November 2023", "Our readiness assessment, scored",
                     "law enforcement officer", "Overall score (mean of the dimension scores): 4.13, stage 4, Preplanning"]:
        assert expected in text or "".join(expected.split()) in pdf.flat, expected
    reader = pdf.reader
    contents = reader.pages[progress].get_contents().get_data().decode("latin-1")
    assert re.search(r"\bre\b", contents) and re.search(r"\bl\b", contents), "vector shapes on the chart page"


def test_charts_render_in_print_with_their_text_alternative() -> None:
    """The page as the notebook renders it (print blocks, private data): same SVG markup as the site."""
    data = load_data(DEFAULT_DATA)
    html = str(render_page(ROOT / "docs" / "our-progress.md", Blocks(data, "en", output="print"),
                           markdown_settings(ROOT / "mkdocs.yml")))
    charts = _charts(html)
    assert sorted(charts) == ["coverage", "scores", "staff"]
    for body in charts.values():
        _check_chart(body)


def test_the_progress_page_works_without_a_tracker() -> None:
    data = load_data(DEFAULT_DATA)
    empty = public_view(data).__class__(**{**public_view(data).__dict__, "outreach": Outreach()})
    html = str(render_page(ROOT / "docs" / "our-progress.md", Blocks(empty, "en"), markdown_settings(ROOT / "mkdocs.yml")))
    assert "No hotels or motels are in the tracker yet." in html and "<svg" not in html
    assert "No training sessions are recorded yet." in html and "No property has asked to be named yet." in html



def test_the_progress_page_and_the_readiness_result_speak_spanish() -> None:
    """Every fixed word comes from the Spanish table; numbers and dates are written the Spanish way."""
    data = public_view(load_data(DEFAULT_DATA))
    settings = markdown_settings(ROOT / "mkdocs.yml")
    blocks = Blocks(data, "es")  # the page's words are the page translation's; these are the blocks'
    page = "".join(str(m) for m in [blocks.progress_figures(), *(blocks.progress_chart(k) for k in ("coverage", "staff",
                                    "scores")), blocks.sessions_by_month(), blocks.recognised_hotels()])
    assert "(57,1\u00a0%)" in page  # Babel's way: a no-break space before the sign
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for expected in ["Datos ilustrativos.", "Hoteles y moteles de nuestra zona 7", "Propiedades capacitadas 4 de 7 (57,1 %)",
                     "58,3 % antes, 86,7 % después (+28,4 puntos)", "Personal de recepción 29",
                     "Todas las áreas 101", "febrero de 2026 1 14,3 %", "Sesiones de capacitación por mes",
                     "Hoteles y moteles que aceptaron aparecer con su nombre", "Capacitación programada"]:
        assert expected in text, expected
    assert "<title>Cobertura a lo largo del tiempo" in page and "<desc>Un gráfico escalonado" in page
    for english in ["Illustrative data", "Figures as of", "Staff trained", " before", "Before and after", "Front desk",
                    "Coverage", "Month", "Where it stands", "points"]:
        assert english not in text, english
    assert ": chart" not in page and ": gráfico" in page and not re.search(r"\d%", page)  # 57,1 %, never 57,1%
    readiness = str(Blocks(data, "es").readiness_result())
    text = " ".join(re.sub(r"<[^>]+>", " ", readiness).split())
    for expected in ["Basado en 5 entrevistas con informantes clave, del", "Puntuación general 4,13 : etapa 4",
                     "Preparación por dimensión (5 entrevistas)", "Estrategias para la etapa 3", "4,99 corresponde"]:
        assert expected in text, expected
    for english in ["Based on", "Overall", "Strategies for", "Start with", "interviews)", ", stage", "Score"]:
        assert english not in readiness, english
    empty = data.__class__(**{**data.__dict__, "outreach": Outreach()})
    html = str(render_page(ROOT / "docs" / "our-progress.md", Blocks(empty, "es"), settings))
    assert "Todavía no hay hoteles ni moteles en el seguimiento." in html and "No hotels" not in html

# --- coalition report ---------------------------------------------------------------------------------

REPORT = """\
Hotel outreach, as of 29 November 2026
  Note: These figures are illustrative: the tracker holds made-up example hotels and sessions, not
  real results. They show how the figures will look once the coalition records its own work.
  Hotels and motels in our area                            7
  Properties trained                                       4 of 7 (57.1%)
  Staff trained                                            101
  Training sessions                                        6
  Refresher trainings overdue on 29 November 2026          1
  Mean questionnaire score, before and after the training  58.3% before, 86.7% after (+28.4 points)
  Staff confident to report a concern, before and after    37.8% before, 87.8% after

Staff trained by role
  Front desk         29
  Housekeeping       39
  Maintenance        9
  Food and beverage  9
  Management         11
  Other              4
  All roles          101

Sessions and coverage by month
  February 2026   1 session; coverage 14.3% (1 trained)
  March 2026      1 session; coverage 28.6% (2 trained)
  April 2026      1 session; coverage 28.6% (2 trained)
  May 2026        1 session; coverage 42.9% (3 trained)
  June 2026       0 sessions; coverage 42.9% (3 trained)
  July 2026       1 session; coverage 57.1% (4 trained)
  August 2026     0 sessions; coverage 57.1% (4 trained)
  September 2026  0 sessions; coverage 57.1% (4 trained)
  October 2026    1 session; coverage 57.1% (4 trained)

Community readiness
  Note: This assessment is illustrative: the interviews and scores are made-up examples that show
  how the results are worked out and shown.
  A. Community efforts                 4.80  stage 4, Preplanning
  B. Community knowledge of efforts    3.40  stage 3, Vague awareness
  C. Leadership                        4.50  stage 4, Preplanning
  D. Community climate                 3.90  stage 3, Vague awareness
  E. Community knowledge of the issue  3.40  stage 3, Vague awareness
  F. Resources                         4.80  stage 4, Preplanning
  Overall                              4.13  stage 4, Preplanning
  Interviews: 5
  Weakest: B. Community knowledge of efforts (3.40); E. Community knowledge of the issue (3.40); D.
  Community climate (3.90)
  Strategies for stage 3, Vague awareness:
    - Give presentations at community events and in local media.
    - Put up hotline posters and hand out wallet cards.
    - Invite interested people to an early planning meeting.
"""


def test_report_prints_the_figures_of_the_default_data() -> None:
    # 2026-11-29 18:00 UTC: noon on 29 November in the coalition's time zone (America/Chicago)
    result = CliRunner().invoke(main, ["report", "--data", str(DEFAULT_DATA)], env={"SOURCE_DATE_EPOCH": "1795975200"})
    assert result.exit_code == 0, result.output
    assert result.output == REPORT
    named = CliRunner().invoke(main, ["report", "--data", str(DEFAULT_DATA), "--names"],
                               env={"SOURCE_DATE_EPOCH": "1795975200"})
    assert "Refresher trainings overdue on 29 November 2026 (private: for coalition members only)\n" \
           "  Placeholder Suites (fictional)  due 2026-08-11\n" in named.output
    assert "Demo Lodge" not in result.output + named.output  # counted, never named


def test_report_on_bad_data_prints_problems(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--data", str(tmp_path / "nowhere")], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 1 and "data folder not found" in result.output


@pytest.mark.parametrize("epoch, day", [("1700000000", date(2023, 11, 14)), ("1795975200", date(2026, 11, 29))])
def test_the_build_date_in_the_coalitions_time_zone(monkeypatch: pytest.MonkeyPatch, epoch: str, day: date) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert measures.build_date("America/Chicago") == day


# --- the chart generator ----------------------------------------------------------------------------


@pytest.mark.parametrize("primary", ["#1f4e79", "#ffee00", "#ffffff", "#000000", "#a33c12", "#7fb3d5"])
def test_chart_colours_keep_3_to_1_on_white(primary: str) -> None:
    from coalition_kit.render.charts import palette
    from coalition_kit.render.colors import contrast

    p = palette(primary)
    assert contrast(p.strong, "#ffffff") >= 3 and contrast(p.light, "#ffffff") >= 3
    assert contrast(p.light, "#ffffff") <= contrast(p.strong, "#ffffff")


def test_chart_text_from_data_is_escaped_and_the_markup_is_inert() -> None:
    from coalition_kit.render.charts import Series, bar_chart, nice_ticks, step_chart

    svg = str(bar_chart('T <b>"x"</b>', "D & <i>", ['<script>alert(1)</script>'], [Series("S&P", [3], "#1f4e79"), Series("After", [4], "#7a95b0")], maximum=5, ticks=[0, 5],
                        value_text=str))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg and "S&amp;P" in svg
    assert 'aria-label="T &lt;b&gt;&#34;x&#34;&lt;/b&gt;"' in svg
    step = str(step_chart("T", "D", [("Jan", "2026")], [Decimal("50.0")], maximum=100, ticks=[0, 100],
                          value_text=lambda v: f"{v}%", color="#1f4e79"))
    assert step.count("<title>") == 1 and "50.0%" in step and " style=" not in step and " id=" not in step
    assert nice_ticks(29) == (30, [0, 10, 20, 30]) and nice_ticks(4) == (4, [0, 1, 2, 3, 4])
    assert nice_ticks(101) == (125, [0, 25, 50, 75, 100, 125]) and nice_ticks(0) == (1, [0, 1])
