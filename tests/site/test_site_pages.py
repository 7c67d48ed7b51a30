"""Build tests on the HTML: every page exists and shows its data; nothing from another origin; CSP."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coalition_kit.site.csp import source_hash

from ck_site_support import PAGES, BuiltSite, visible_text

pytestmark = pytest.mark.slow


def _expected(built: BuiltSite) -> dict[str, list[str]]:
    """For each page, data values that must show on it (derived from the data, for any coalition)."""
    d, t = built.data, built.t
    c = d.coalition
    hotline = c.primary_hotline
    hotlines = [t(h.name) for h in c.hotlines]
    manifest = json.loads((built.dist / "manifest.json").read_text(encoding="utf-8"))
    public_files = [e["file"] for e in manifest["files"] if e.get("public", True)]
    return {
        "": [t(c.name), hotline.number, c.emergency_number] + [t(r.title) for r in d.hotel.three_rs],
        "get-help/": [c.emergency_number, hotline.number, "Leave this site", "Shift", "private"] + hotlines,
        "about-trafficking/": [s.value for s in d.statistics.statistics],
        "about-trafficking/myths/": [t(m.myth) for m in d.myths.myths] + [t(m.fact) for m in d.myths.myths],
        "about-trafficking/glossary/": [t(g.term) for g in d.glossary.terms],
        "build-a-coalition/": [t(s.title) for s in d.building.steps],
        "build-a-coalition/steps/": [t(s.title) for s in d.building.steps]
        + [t(item) for s in d.building.steps for item in s.checklist],
        "build-a-coalition/who-to-invite/": [t(s.name) for s in d.stakeholders.sectors]
        + [t(s.why) for s in d.stakeholders.sectors],
        "build-a-coalition/focus-areas/": [t(a.name) for a in d.focus_areas.areas],
        "hotel-project/": [t(r.title) for r in d.hotel.three_rs] + [t(o.title) for o in d.hotel.provides],
        "hotel-project/signs/": [t(r.name) for r in d.hotel.roles]
        + [t(s) for r in d.hotel.roles for s in r.signs] + [t(d.hotel.caveat)],
        "hotel-project/respond/": [t(s.title) for s in d.hotel.response]
        + [t(x) for x in d.hotel.details_to_note] + hotlines,
        "hotel-project/managers/": [t(p) for p in d.volunteers.policy_template]
        + [t(o.objection) for o in d.volunteers.objections],
        "hotel-project/volunteers/": [t(r.name) for r in d.volunteers.roles]
        + [t(v.title) for v in d.volunteers.visit] + [t(s.title) for s in d.volunteers.session]
        + [t(f.what) for f in d.volunteers.follow_up],
        "hotel-project/request-training/": [c.email],
        "our-progress/": ["Hotels and motels in our area"] + [h.name for h in d.outreach.hotels],  # only named ones
        "community-readiness/": [t(s.name) for s in d.readiness.stages]
        + [t(x.name) for x in d.readiness.dimensions] + [t(a) for a in d.readiness.assessment],
        "events/": [t(e.title) for e in d.events.events] or ["No public events"],
        "downloads/": [f"{e['pages']} page" for e in manifest["files"] if e.get("public", True)]
        if public_files else [],
        "resources/hotlines/": hotlines + [h.number for h in c.hotlines if h.number],
        "resources/sources/": [t(s.name) for s in d.all_sources()],
        "about/": [c.email, c.website],
    }


def test_nav_lists_every_page(built: BuiltSite) -> None:
    for path in PAGES:
        assert (built.site / path / "index.html").is_file(), f"missing page /{path}"


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_its_data(built: BuiltSite, path: str) -> None:
    text = built.text(path)
    expected = _expected(built).get(path)
    if expected is None:  # a prose page: it has more than its heading
        assert len(text) > 80, f"/{path} is nearly empty"
    for value in expected or []:
        assert value in text, f"/{path} does not show {value!r}"


def test_every_page_has_quick_exit_and_hotline(built: BuiltSite) -> None:
    c = built.data.coalition
    for path in PAGES:
        page = built.page(path)
        exits = re.findall(r'<a [^>]*data-ck-exit[^>]*>', page)
        assert len(exits) >= 2, f"/{path}: quick exit link and skip-style link expected"
        for link in exits:
            assert f'href="{c.quick_exit_url}"' in link
            assert 'rel="nofollow noreferrer"' in link
        # The secondary exit link comes before the header in <body>.
        body = page[page.index("<body"):]
        assert body.index("data-ck-exit") < body.index("<header")
        bar = re.search(r"<div class=\"ck-hotline-bar\".*?</div>", page, re.S)
        assert bar, f"/{path}: no hotline bar"
        assert f'href="{c.primary_hotline.tel_href}"' in bar.group(0)
        if c.primary_hotline.sms_href:
            assert c.primary_hotline.sms_href.replace("&", "&amp;") in bar.group(0)
        assert c.emergency_number in visible_text(bar.group(0))


def test_downloads_link_every_public_pdf(built: BuiltSite) -> None:
    manifest = json.loads((built.dist / "manifest.json").read_text(encoding="utf-8"))
    page = built.page("downloads/")
    lang = built.data.coalition.main_language
    for entry in manifest["files"]:
        if entry.get("public", True) and entry.get("language") == lang:
            assert f'href="{entry["file"]}"' in page
            assert (built.site / "downloads" / entry["file"]).is_file()


def test_events_have_ics_files(built: BuiltSite) -> None:
    for event in built.data.events.events:
        ics = built.site / "events" / f"{event.id}.ics"
        assert ics.is_file()
        assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        assert f'href="{event.id}.ics"' in built.page("events/")


# --- nothing from another origin -------------------------------------------------

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _is_external(url: str) -> bool:
    url = url.strip()
    return bool(_EXTERNAL.match(url)) or url.lower().startswith(("http:", "https:"))


def test_no_url_to_another_origin_in_assets(built: BuiltSite) -> None:
    problems = []
    for path in _html_files(built.site):
        page = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:img|script|iframe|source|video|audio|embed|object|track|input)\b[^>]*>", page, re.I):
            for attr, url in re.findall(r"\s(src|srcset|data|poster)\s*=\s*[\"']([^\"']*)", tag, re.I):
                if any(_is_external(part.split()[0]) for part in url.split(",") if part.strip()):
                    problems.append(f"{path}: {attr}={url}")
        for tag in re.findall(r"<link\b[^>]*>", page, re.I):
            rel = re.search(r"\srel=[\"']([^\"']*)", tag)
            href = re.search(r"\shref=[\"']([^\"']*)", tag)
            if rel and href and rel.group(1) != "canonical" and _is_external(href.group(1)):
                problems.append(f"{path}: <link rel={rel.group(1)}> {href.group(1)}")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", " ".join(re.findall(r"<style\b.*?</style>|style=\"[^\"]*\"", page, re.S))):
            if _is_external(url):
                problems.append(f"{path}: inline CSS url({url})")
    for css in sorted(built.site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if _is_external(url):
                problems.append(f"{css}: url({url})")
    assert not problems, "\n".join(problems)


def test_font_is_self_hosted(built: BuiltSite) -> None:
    css = (built.site / "assets" / "ck" / "site.css").read_text(encoding="utf-8")
    for face in re.findall(r'url\("\.\./fonts/([^"]+)"\)', css):
        assert (built.site / "assets" / "fonts" / face).is_file(), face
    assert "fonts.googleapis" not in (built.site / "index.html").read_text(encoding="utf-8")


# --- CSP and referrer --------------------------------------------------------------

def test_csp_meta_first_and_hashes_every_inline_script(built: BuiltSite) -> None:
    for path in _html_files(built.site):
        page = path.read_text(encoding="utf-8")
        head = page[page.index("<head>"):page.index("</head>")]
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" data-ck-csp content="([^"]*)">', head)
        assert csp, f"{path}: no CSP meta"
        assert head.index("Content-Security-Policy") < head.find("<script"), f"{path}: a script before the CSP"
        policy = csp.group(1)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        for bad in ("frame-ancestors", "report-uri", "sandbox"):
            assert bad not in policy  # ignored in <meta>; belongs in HTTP headers
        for body in re.findall(r"<script(?![^>]*\ssrc=)(?:\s[^>]*)?>(.*?)</script>", page, re.S):
            assert source_hash(body) in policy, f"{path}: inline script not in the CSP"
        for body in re.findall(r"<style(?:\s[^>]*)?>(.*?)</style>", page, re.S):
            assert source_hash(body) in policy, f"{path}: inline style not in the CSP"
        assert '<meta name="referrer" content="no-referrer">' in head
        tags = re.findall(r"<[a-zA-Z][^>]*>", re.sub(r"<script.*?</script>", "", page, flags=re.S))
        assert not [tag for tag in tags if re.search(r"\son[a-z]+\s*=", tag)], \
            f"{path}: inline event handler attribute"
