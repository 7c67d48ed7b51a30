"""Data is untrusted input: each class of hostile value is refused at its line or comes out inert,
and nothing is published (SECURITY.md)."""

from __future__ import annotations

import dataclasses
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from ck_paths import FJORD, ROOT

from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.model.events import Event, Events
from coalition_kit.model.privacy import public_view
from coalition_kit.site.events import event_ics

CLI = [sys.executable, "-m", "coalition_kit.cli"]


def run(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, **kwargs)


def problems_of(data: Path) -> str:
    """What `coalition check` reports for ``data`` (in-process; the CLI itself is tested elsewhere)."""
    try:
        load_data(data)
    except DataError as exc:
        return exc.report()
    return ""


def set_field(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_logo(data: Path, logo: str) -> None:
    with (data / "coalition.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"logo: {json.dumps(logo)}\n")


def logo_line(data: Path) -> int:
    return (data / "coalition.yml").read_text(encoding="utf-8").splitlines().index(
        next(line for line in (data / "coalition.yml").read_text(encoding="utf-8").splitlines()
             if line.startswith("logo:"))) + 1


class Listener:
    """A web server on this machine that records every request it gets (it must get none)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's API
                outer.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


# --- files named in data ------------------------------------------------------------


@pytest.mark.parametrize("case", ["climbing", "absolute", "linked", "html", "scripted-svg", "outside-svg"])
def test_a_hostile_logo_is_refused_at_its_line_and_nothing_is_published(fjord_copy: Path, tmp_path: Path,
                                                                          case: str) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"SECRET-BYTES")
    if case == "climbing":
        logo = os.path.relpath(secret, fjord_copy)
    elif case == "absolute":
        logo = str(secret)
    elif case == "linked":
        (fjord_copy / "logo.png").symlink_to(secret)
        logo = "logo.png"
    elif case == "html":
        (fjord_copy / "logo.svg").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
        logo = "logo.svg"
    elif case == "scripted-svg":
        (fjord_copy / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                                              '<circle r="4"/></svg>', encoding="utf-8")
        logo = "logo.svg"
    else:
        (fjord_copy / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                                              'xmlns:xlink="http://www.w3.org/1999/xlink"><image '
                                              'xlink:href="http://127.0.0.1:9/x.png"/></svg>', encoding="utf-8")
        logo = "logo.svg"
    set_logo(fjord_copy, logo)
    report = problems_of(fjord_copy)
    assert re.search(rf"coalition\.yml:{logo_line(fjord_copy)}:\d+: logo: ", report), report
    if case == "climbing":  # once through the real command: it stops before writing anything
        built = run("build", "--data", str(fjord_copy), "--site-dir", str(tmp_path / "site"),
                    "--dist", str(tmp_path / "dist"))
        assert built.returncode == 1 and "logo: " in built.stdout
        assert not (tmp_path / "site").exists() and not (tmp_path / "dist").exists()


def test_a_plain_svg_logo_is_accepted(fjord_copy: Path) -> None:
    shutil.copy(ROOT / "overrides" / "assets" / "ck" / "favicon.svg", fjord_copy / "mark.svg")
    set_logo(fjord_copy, "mark.svg")
    assert problems_of(fjord_copy) == ""


# --- web addresses in data -------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message"), [
    ("website: https://", "website: http://", "must start with https://"),
    ("quick_exit_url: https://", "quick_exit_url: http://", "must start with https://"),
    ("website: https://", "website: https://localhost/x#", "local or private address"),
    ("website: https://", "website: https://192.168.1.10/x#", "local or private address"),
    ("website: https://", "website: https://user:secret@", "user name or password"),
    ("website: https://", "website: https://example.org/\u202egnp.exe#", "direction-changing character"),
])
def test_unsafe_web_addresses_are_refused_at_their_line(fjord_copy: Path, old: str, new: str, message: str) -> None:
    set_field(fjord_copy, "coalition.yml", old, new)
    line = next(n for n, text in enumerate((fjord_copy / "coalition.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(new.split(":", 1)[0] + ":"))
    report = problems_of(fjord_copy)
    assert re.search(rf"coalition\.yml:{line}:\d+: .*{re.escape(message)}", report), report


# --- text from data ---------------------------------------------------------------------


PAYLOAD_EDITIONS = """editions:
  - id: manager
    title: Manager guide
    audience: Managers
    parts:
      - {title: Why it matters, pages: [index.md, about.md]}
  - id: wallet-card
    title: Wallet card
    audience: Staff
    layout: cards
"""


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory):
    """The fixture coalition with Markdown link and image payloads in values pages print."""
    listener = Listener()
    tmp = tmp_path_factory.mktemp("payloads")
    data = tmp / "data"
    shutil.copytree(FJORD, data)
    image = f"![beacon](http://127.0.0.1:{listener.port}/beacon.png)"
    set_field(data, "coalition.yml", "name: Fjordby Alliance Against Exploitation",
              "name: 'Fjordby [click me](javascript:alert(1)) Alliance'")
    set_field(data, "coalition.yml", "city: Fjordby", f"city: 'Fjordby {image}'")
    set_field(data, "coalition.yml", "region: Vestland", "region: '![local](file:///etc/hostname) Vestland'")
    (data / "editions.yml").write_text(PAYLOAD_EDITIONS, encoding="utf-8")  # pages and cards print the values
    result = run("build", "--data", str(data), "--site-dir", str(tmp / "site"), "--dist", str(tmp / "dist"),
                 env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    time.sleep(0.2)
    listener.close()
    return tmp, result, listener


def test_markdown_in_data_is_printed_as_text(payload_build) -> None:
    tmp, result, listener = payload_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert listener.requests == [], "the build fetched an address from data"
    pages = [p.read_text(encoding="utf-8") for p in (tmp / "site").rglob("*.html")]
    home = (tmp / "site" / "index.html").read_text(encoding="utf-8")
    assert "click me" in home and "beacon" in home
    for page in pages:
        assert not re.search(r'href="\s*javascript:', page, re.I)
        assert not re.search(r'<img[^>]+src="(?:https?:|file:)', page, re.I)
    for pdf in (tmp / "dist").glob("*.pdf"):
        raw = pdf.read_bytes()
        assert b"javascript" not in raw.lower() and b"/etc/hostname" not in raw, pdf.name


def test_no_request_reaches_a_listener_named_in_data(payload_build) -> None:
    _, result, listener = payload_build
    assert result.returncode == 0
    assert listener.requests == []


def test_print_fetches_nothing_outside_the_project(tmp_path: Path, listener: Listener) -> None:
    from coalition_kit.printed.pdf import RefusedFetch, write_pdf

    for address in (f"http://127.0.0.1:{listener.port}/x.png", "file:///etc/hostname"):
        with pytest.raises(RefusedFetch, match=re.escape(address)):
            write_pdf(f'<p>Text</p><img src="{address}" alt="">', tmp_path / "x.pdf", base_url=tmp_path)
    assert listener.requests == []
    assert not (tmp_path / "x.pdf").exists()


def test_a_piece_that_asks_for_an_outside_address_fails_the_build_with_its_name(tmp_path: Path,
                                                                                listener: Listener) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "notebook" / "docs", project / "docs")
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(f'\n<p><img src="http://127.0.0.1:{listener.port}/tracker.png" alt="x"></p>\n')
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "overrides").symlink_to(ROOT / "overrides")
    result = subprocess.run([sys.executable, str(ROOT / "build_notebook.py"), "--data", str(FJORD),
                             "--edition", "manager", "--lang", "en", "-o", str(tmp_path / "m.pdf")],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "manager [en]" in result.stderr and f"127.0.0.1:{listener.port}/tracker.png" in result.stderr
    assert listener.requests == []


# --- the privacy guard ------------------------------------------------------------------


@pytest.mark.slow  # prints the private edition before the guard stops the build
def test_a_private_phone_written_differently_stops_the_build_without_printing_it(fjord_copy: Path,
                                                                                 tmp_path: Path) -> None:
    outreach = (fjord_copy / "outreach.yml").read_text(encoding="utf-8")
    phone = re.search(r"manager_phone: \"?([^\"\n]+)", outreach)
    assert phone, "the fixture has a private manager phone"
    digits = re.sub(r"\D", "", phone.group(1))
    rewritten = f"+{digits[:2]} {digits[2:5]} {digits[5:]}"
    set_field(fjord_copy, "coalition.yml", "tagline: See it. Say it. Stop it.", f"tagline: 'Call {rewritten}'")
    (fjord_copy / "editions.yml").write_text(PAYLOAD_EDITIONS, encoding="utf-8")
    result = run("build", "--data", str(fjord_copy), "--site-dir", str(tmp_path / "site"),
                 "--dist", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "outreach.yml (hotels > 0 > manager_phone)" in result.stderr
    assert digits not in re.sub(r"\D", "", result.stdout + result.stderr)
    assert not (tmp_path / "site").exists() and not (tmp_path / "dist").exists()


def test_a_private_note_sharing_a_common_word_is_no_false_alarm() -> None:
    from coalition_kit.pipeline.privacy_guard import PrivacyGuard

    guard = PrivacyGuard(load_data(FJORD))
    assert guard.fields_in("<p>The hotel staff training was a success.</p>") == []


# --- loader limits -------------------------------------------------------------------------


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_without_expanding_it(fjord_copy: Path) -> None:
    """Expanded, the bomb is 9**9 strings: building them would take minutes and gigabytes, so a
    bound of seconds and 200 MB tells refusing from expanding even on a busy machine."""
    (fjord_copy / "glossary.yml").write_text(_bomb(), encoding="utf-8")
    assert len(_bomb().encode()) < 1000
    tracemalloc.start()
    started = time.perf_counter()
    report = problems_of(fjord_copy)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert re.search(r"glossary\.yml:1:\d+: anchors \(&name\) and aliases \(\*name\) are not supported", report), report
    assert elapsed < 15, f"{elapsed:.2f} s"
    assert peak < 200 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_deep_nesting_is_refused_at_its_line(fjord_copy: Path) -> None:
    (fjord_copy / "myths.yml").write_text("myths:\n  - " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    result = run("check", "--data", str(fjord_copy))
    assert result.returncode == 1
    assert re.search(r"myths\.yml:2:\d+: the data is nested more than \d+ levels deep", result.stdout), result.stdout


def test_a_data_file_linked_to_a_device_is_refused(fjord_copy: Path) -> None:
    (fjord_copy / "events.yml").symlink_to("/dev/zero")
    result = run("check", "--data", str(fjord_copy), timeout=30)
    assert result.returncode == 1
    assert "events.yml:1:1:" in result.stdout


def test_an_oversized_data_file_is_refused(fjord_copy: Path) -> None:
    with (fjord_copy / "glossary.yml").open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (6 * 1024 * 1024) + "\n")
    result = run("check", "--data", str(fjord_copy))
    assert result.returncode == 1
    assert re.search(r"glossary\.yml:1:1: this file is larger than 5 MB", result.stdout), result.stdout


# --- small escapes ---------------------------------------------------------------------------


def test_a_carriage_return_in_an_event_title_cannot_add_a_calendar_property() -> None:
    data = public_view(load_data(FJORD))
    hostile = Event.model_validate({"id": "meeting", "date": "2026-05-04", "start": "18:00", "end": "19:30",
                                    "title": "Meeting\rATTENDEE:mailto:x@example.org\r\nX-EVIL:1",
                                    "location": "Town hall", "description": "Open to all"})
    data = dataclasses.replace(data, events=Events(events=[hostile]))
    ics = event_ics(data, "meeting", "en")
    lines = ics.split("\r\n")
    assert not any(line.startswith(("ATTENDEE", "X-EVIL")) for line in lines)
    assert "\r" not in ics.replace("\r\n", "")
    assert any(line.startswith("SUMMARY:Meeting\\nATTENDEE") for line in lines)
