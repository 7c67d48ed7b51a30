"""Forking: `coalition new` starts a coalition anywhere; `coalition check` finds what a fork left.

The two forks the session builds (ck_builds.FORKS) are read by the slow tests here: the one
abroad must carry nothing of the default coalition or of United States law, outside the
program credit.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ck_builds import FORKS, Build, coalition, fill_in
from ck_paths import DEFAULT_DATA
from coalition_kit.load.loader import load_data
from coalition_kit.model.default_coalition import DEFAULT

US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
    "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota "
    "Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah "
    "Vermont Virginia Washington Wisconsin Wyoming"
).split() + ["New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
             "Rhode Island", "South Carolina", "South Dakota", "West Virginia"]

#: What no page or PDF of a coalition outside the United States may say (outside the credit).
NOT_ABROAD = [DEFAULT.city, DEFAULT.region, "notrafficking.org", *DEFAULT.emails, "911", "1-888-373-7888",
              "233733", "1-866-347-2423", "1-800-843-5678", "federal", "Federal", "U.S.", "United States",
              *US_STATES]


def _found(text: str, words: list[str]) -> list[str]:
    return sorted({w for w in words if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)})


def new(target: Path, which: str = "us", *extra: str):
    return coalition("new", target, *FORKS[which], *extra)


def check(data: Path, *extra: str):
    return coalition("check", "--data", data, *extra)


# --- coalition new ---------------------------------------------------------------------------


def test_new_in_the_united_states_passes_check_with_no_leftover(tmp_path: Path) -> None:
    made = new(tmp_path / "data")
    assert made.returncode == 0, made.stdout + made.stderr
    result = check(tmp_path / "data", "--strict")
    leftovers = [line for line in result.stdout.splitlines() if "warning:" in line and "http:" not in line]
    assert leftovers == []
    plain = check(tmp_path / "data")
    assert plain.returncode == 0, plain.stdout
    data = load_data(tmp_path / "data")
    c = data.coalition
    assert (c.name, c.city, c.region, c.country, c.paper, c.emergency_number) == (
        "Riverside Coalition Against Trafficking", "Riverside", "Ohio", "US", "letter", "911")
    assert c.primary_hotline.number == "1-888-373-7888"  # the national hotline carries over
    assert c.notice is None and c.founded is None
    assert data.hotel.program_credit and "Coalition on Human Trafficking" in str(data.hotel.program_credit)
    assert not (tmp_path / "data" / "events.yml").exists() and not (tmp_path / "data" / "outreach.yml").exists()
    assert "# How to edit this file" in (tmp_path / "data" / "hotel_project.yml").read_text(encoding="utf-8")


def test_new_abroad_leaves_hotlines_to_fill_in_reported_at_their_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = new(data, "abroad")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "FILL IN" in made.stdout
    result = check(data)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    assert problems and all("not filled in yet" in line for line in problems), result.stdout
    text = (data / "coalition.yml").read_text(encoding="utf-8").splitlines()
    for line in problems:
        path, number = line.split(":")[0], int(line.split(":")[1])
        assert "FILL IN" in Path(path).read_text(encoding="utf-8").splitlines()[number - 1], line
    assert any("coalition.yml" in line and "hotlines > item 1 > number" in line for line in problems)
    assert fill_in(data) == len(problems)
    assert check(data).returncode == 0
    c = load_data(data).coalition
    assert (c.country, c.paper, c.emergency_number, c.timezone) == ("GB", "a4", "999", "Europe/London")
    assert not any("1-888" in line for line in text)


@pytest.mark.parametrize(("country", "paper"), [("CA", "letter"), ("NO", "a4"), ("AU", "a4")])
def test_paper_follows_the_country_unless_given(tmp_path: Path, country: str, paper: str) -> None:
    args = ["--name", "N", "--city", "C", "--region", "R", "--country", country, "--email", "a@example.org",
            "--website", "https://example.org"]
    assert coalition("new", tmp_path / "a", *args).returncode == 0
    assert f"paper: {paper}\n" in (tmp_path / "a" / "coalition.yml").read_text(encoding="utf-8")
    other = "a4" if paper == "letter" else "letter"
    assert coalition("new", tmp_path / "b", *args, "--paper", other).returncode == 0
    assert f"paper: {other}\n" in (tmp_path / "b" / "coalition.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("flag", "value", "says"), [
    ("--country", "XX", "--country: 'XX' is not a country code"),
    ("--languages", "en,pl", "--languages: 'pl' is not a language this toolkit can build"),
    ("--email", "not-an-address", "--email:"),
    ("--website", "http://example.org", "--website:"),
])
def test_new_refuses_a_bad_answer_by_its_option(tmp_path: Path, flag: str, value: str, says: str) -> None:
    args = list(FORKS["us"])
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    result = coalition("new", tmp_path / "data", *args)
    assert result.returncode == 1 and says in result.stderr, result.stderr
    assert not (tmp_path / "data").exists()


def test_new_never_writes_over_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.txt").write_text("mine", encoding="utf-8")
    result = new(tmp_path / "data")
    assert result.returncode == 1 and "--force" in result.stderr
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["notes.txt"]


# --- leftovers and languages -------------------------------------------------------------------


def _renamed_default(tmp_path: Path) -> Path:
    """The default data with a new identity, and every text left as it was (a hasty fork)."""
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, data)
    path = data / "coalition.yml"
    text = path.read_text(encoding="utf-8")
    for old, new_value in (("city: Omaha", "city: Riverside"), ("region: Nebraska", "region: Ohio"),
                           ("website: https://notrafficking.org", "website: https://riverside.example.org"),
                           ("email: info@notrafficking.org", "email: hello@riverside.example.org")):
        assert old in text
        text = text.replace(old, new_value)
    path.write_text(text, encoding="utf-8")
    return data


def test_a_fork_that_kept_the_press_conference_paragraph_is_warned_at_its_line(tmp_path: Path) -> None:
    data = _renamed_default(tmp_path)
    building = (data / "building.yml").read_text(encoding="utf-8").splitlines()
    story = next(n for n, line in enumerate(building, 1) if line.strip() == "- id: press-conference")
    scope = next(n for n in range(story, story + 3) if building[n - 1].strip() == "scope: default-coalition")
    result = check(data)
    assert result.returncode == 0  # warnings do not fail the check
    assert (f"{data / 'building.yml'}:{scope}:12: warning: this entry is the default coalition's own "
            "(scope: default-coalition); rewrite it for your coalition and delete the scope line, "
            "or delete the entry") in result.stdout.splitlines()
    strict = check(data, "--strict")
    assert strict.returncode == 1 and "--strict makes them fail" in strict.stdout


def test_the_default_coalition_itself_has_no_leftover_warning() -> None:
    result = check(DEFAULT_DATA, "--strict")
    assert not [line for line in result.stdout.splitlines() if "still names" in line or "scope:" in line]


def test_an_unsupported_language_is_a_located_error(tmp_path: Path) -> None:
    data = _renamed_default(tmp_path)
    path = data / "coalition.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("languages: [en, es]", "languages: [en, en-GB]"),
                    encoding="utf-8")
    result = check(data)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("languages:"))
    assert result.returncode == 1
    assert f"{path}:{line}:" in result.stdout
    assert "'en-GB' is not a language this toolkit can build; supported: en (English), es (Spanish)" in result.stdout
    assert "spelling" in result.stdout and "Traceback" not in result.stdout + result.stderr


# --- the forks, built ------------------------------------------------------------------------------


class _Text(HTMLParser):
    """The text a reader sees on a page, without the program credit."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = dict(attrs).get("class") or ""
        if self._skip or tag in ("script", "style") or "ck-credit" in classes:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def test_the_fork_abroad_says_nothing_of_the_default_coalition_or_of_us_law(fork_abroad_build: Build) -> None:
    build = fork_abroad_build
    credit = " ".join(build.data.text(build.data.hotel.program_credit, "en").split())
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        found = _found(_page_text(page), NOT_ABROAD)
        assert not found, f"{page.relative_to(build.site)}: {found}"
    pdfs = sorted(build.dist.glob("*.pdf"))
    assert {p.stem.rsplit("-", 1)[0] for p in pdfs} >= {e.id for e in build.data.editions.editions}
    for pdf in pdfs:
        text = " ".join(build.pdf(pdf.name).text.split()).replace(credit, "")
        found = _found(text, NOT_ABROAD)
        assert not found, f"{pdf.name}: {found}"


def test_the_fork_abroad_prints_its_own_identity_on_a4(fork_abroad_build: Build) -> None:
    build = fork_abroad_build
    home = _page_text(build.site / "index.html")
    assert "Fenwick" in home and "999" in home
    staff = next(build.dist.glob("staff-*.pdf"))
    box = build.pdf(staff.name).reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_fork_in_the_united_states_keeps_national_lines_and_drops_the_default_story(
        fork_us_build: Build) -> None:
    build = fork_us_build
    home = _page_text(build.site / "index.html")
    assert "Riverside" in home and "1-888-373-7888" in home
    for page in sorted(build.site.rglob("*.html")):
        found = _found(_page_text(page), [DEFAULT.city, "notrafficking.org", *DEFAULT.emails])
        assert not found, f"{page.relative_to(build.site)}: {found}"
