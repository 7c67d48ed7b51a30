"""The fast preview: a save shows the main language first, the others after it, in every
language; the PDFs are printed only with `coalition serve --pdf` (or `make build`)."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ck_paths import ROOT
from coalition_kit import cli
from coalition_kit.paths import Project
from coalition_kit.pipeline import preview as preview_module
from coalition_kit.pipeline.preview import PdfPrinter, pages_digest
from coalition_kit.site.live import PreviewServer
from test_serve_errors import _free_port, fetch, previewing, wait_for

# --- the server: what is visible while the other languages build --------------------------------


def server() -> PreviewServer:
    return PreviewServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=".")


def test_publish_shows_the_main_language_while_the_others_wait() -> None:
    s = server()
    s._wanted_epoch += 1  # a build under way: nothing is answered
    assert not s._ready("/about/") and not s._ready("/es/about/")
    s.publish(pending=["/es/"])
    assert s._visible_epoch == s._wanted_epoch
    assert s._ready("/about/") and s._ready("/") and not s._ready("/es/about/")
    s.finished("/es/")
    assert s._ready("/es/about/")


def test_finished_without_a_folder_releases_every_language() -> None:
    s = server()
    s.publish(pending=["/es/", "/fr/"])
    s.finished()
    assert s._ready("/es/") and s._ready("/fr/x/")


def test_reload_now_moves_the_browsers_to_a_new_version() -> None:
    s = server()
    before = s._visible_epoch
    time.sleep(0.01)
    s.publish(pending=["/es/"])
    s.reload_now()
    assert s._visible_epoch == s._wanted_epoch > before and s._ready("/es/")


def test_a_request_for_a_pending_language_waits_for_it() -> None:
    s = server()
    s.publish(pending=["/es/"])
    answered = threading.Event()

    def ask() -> None:
        with s._epoch_cond:
            s._epoch_cond.wait_for(lambda: s._ready("/es/about/"))
        answered.set()

    threading.Thread(target=ask, daemon=True).start()
    assert not answered.wait(0.3)
    s.finished("/es/")
    assert answered.wait(5)


def test_request_rebuild_asks_the_build_loop() -> None:
    s = server()
    s.request_rebuild()
    assert s._want_rebuild


# --- PDFs: only with --pdf -----------------------------------------------------------------------


def test_serve_prints_no_pdfs_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict] = []
    monkeypatch.setattr(preview_module, "preview", lambda *args, **kwargs: calls.append(kwargs))
    runner = CliRunner()
    plain = runner.invoke(cli.main, ["serve", "--data", str(ROOT / "data"), "-a", "127.0.0.1:1"])
    assert plain.exit_code == 0, plain.output
    assert "make build" in plain.output and "--pdf" in plain.output
    with_pdf = runner.invoke(cli.main, ["serve", "--pdf", "--data", str(ROOT / "data"), "-a", "127.0.0.1:1"])
    assert with_pdf.exit_code == 0, with_pdf.output
    assert calls == [{"pdfs": False}, {"pdfs": True}]
    help_text = runner.invoke(cli.main, ["serve", "--help"]).output
    assert "--pdf" in help_text and "make build" in help_text


def test_the_printer_runs_the_pdf_command_of_build_notebook(tmp_path: Path) -> None:
    printer = PdfPrinter(Project(ROOT), tmp_path / "data", tmp_path / "dist", on_done=lambda: None)
    command = printer.command()
    assert command[0] == sys.executable and "coalition_kit.pdf_cli" in command[2]
    assert command[3:] == ["--data", str(tmp_path / "data"), "--dist", str(tmp_path / "dist"),
                           "--docs", str(ROOT / "docs")]


class FakePrinter(PdfPrinter):
    def __init__(self, project: Project, seconds: float) -> None:
        self.done = threading.Event()
        super().__init__(project, project.root / "data", project.root / "dist", on_done=self.done.set)
        self.seconds = seconds

    def command(self) -> list[str]:
        return [sys.executable, "-c", f"import time; time.sleep({self.seconds})"]


def small_project(tmp_path: Path) -> Project:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return Project(tmp_path)


def test_pdfs_print_once_per_change_of_the_data_or_pages(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    printer = FakePrinter(project, 0.1)
    assert printer.start_if_changed("digest-1")
    assert printer.done.wait(20)  # then the site is rebuilt for the downloads…
    printer.done.clear()
    assert not printer.start_if_changed("digest-1")  # …which prints nothing again
    assert printer.start_if_changed("digest-2")  # the data changed
    assert printer.done.wait(20)
    printer.done.clear()
    page = project.docs_dir / "index.md"
    page.write_text("# Home, edited\n", encoding="utf-8")
    os.utime(page, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert printer.start_if_changed("digest-2")  # a page changed
    assert printer.done.wait(20)


def test_a_newer_change_stops_the_print_under_way(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    printer = FakePrinter(project, 60)
    printer.start_if_changed("digest-1")
    first = printer._process
    assert printer.start_if_changed("digest-2")
    assert first.poll() is not None  # stopped, and its end is not reported as done
    printer.stop()
    assert printer._process is None
    assert not printer.done.wait(0.5)


def test_pages_digest_follows_the_pages_and_mkdocs_yml(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    before = pages_digest(project)
    assert pages_digest(project) == before
    (project.docs_dir / "new.md").write_text("# New\n", encoding="utf-8")
    assert pages_digest(project) != before


# --- the preview, running, with two languages ----------------------------------------------------


def change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def showing(url: str, marker: str):
    return lambda: (lambda html: html if marker in html else None)(fetch(url))


@pytest.mark.slow  # runs a preview of its own, of the default data in two languages
def test_a_save_reaches_every_language(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("data", "docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with previewing(project=project, timeout=180) as url:
        assert "ZZ-page-en" not in fetch(url + "about/")
        change(project / "docs" / "about.md", "\n", "\nZZ-page-en\n\n")
        wait_for("the English page edit", showing(url + "about/", "ZZ-page-en"))
        change(project / "docs" / "about.es.md", "\n", "\nZZ-page-es\n\n")
        wait_for("the Spanish page edit", showing(url + "es/about/", "ZZ-page-es"))

        change(project / "data" / "coalition.yml", "email: ", "email: zz-")
        wait_for("the data edit, in English", showing(url + "about/", "zz-info@"))
        assert "zz-info@" in wait_for("the data edit, in Spanish", showing(url + "es/about/", "zz-info@"))
        assert "ZZ-page-en" in fetch(url + "about/") and "ZZ-page-es" in fetch(url + "es/about/")
