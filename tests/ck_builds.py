"""The builds the tests share: each made once per session by the real commands, in the
background, two at a time (the fixtures and the list are in conftest.py). The tour of every
page of the default site in Chromium (ck_browser.py) runs the same way.

A build runs as a child process (`coalition build` or `build_notebook.py`) with
SOURCE_DATE_EPOCH set and umask 022, in its own folder under pytest's temporary folder:
``data/`` (a copy of the data it is built from), ``site/``, ``dist/`` and, for the notebook
build, ``docs/``. A build that fails makes every test that needs it fail with its output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ck_paths import DEFAULT_DATA, EPOCH, FJORD, NOTEBOOK_PAGES, ROOT
from coalition_kit.load.loader import load_data
from coalition_kit.model import CoalitionData
from coalition_kit.model.privacy import public_view

if TYPE_CHECKING:
    from ck_browser import Tour


# --- running the commands -------------------------------------------------------------

def command(*args: str | Path, timeout: float = 900, epoch: str | None = EPOCH,
            started: Callable[[subprocess.Popen], None] | None = None,
            ended: Callable[[subprocess.Popen], None] | None = None,
            cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in the checkout, as `make` runs it: SOURCE_DATE_EPOCH set, umask 022."""
    env = dict(os.environ)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    else:
        env.pop("SOURCE_DATE_EPOCH", None)
    argv = [sys.executable, *map(str, args)]
    with subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, umask=0o022) as process:
        if started:
            started(process)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            if ended:
                ended(process)
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


def coalition(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    """The ``coalition`` command."""
    return command("-m", "coalition_kit.cli", *args, **kwargs)


def coalition_build(root: Path, data: Path | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    """``coalition build`` of ``root/data`` (or ``data``) into ``root/site`` and ``root/dist``."""
    return coalition("build", "--data", data or root / "data", "--site-dir", root / "site",
                     "--dist", root / "dist", **kwargs)


# --- what a build leaves ------------------------------------------------------------------

@dataclass
class Pdf:
    path: Path

    @cached_property
    def pages(self) -> list[str]:
        """Text of each page (pdftotext -layout), index 0 is page 1."""
        out = subprocess.run(["pdftotext", "-layout", str(self.path), "-"], check=True,
                             capture_output=True, text=True).stdout
        pages = out.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages

    @cached_property
    def text(self) -> str:
        return "\n".join(self.pages)

    @cached_property
    def flat(self) -> str:
        """All text in reading order with every space and line break removed (split words join up)."""
        out = subprocess.run(["pdftotext", "-raw", str(self.path), "-"], check=True,
                             capture_output=True, text=True).stdout
        return "".join(out.split())

    @cached_property
    def reader(self):
        from pypdf import PdfReader
        return PdfReader(str(self.path))


@dataclass
class Build:
    """One finished build: its folders, what the command printed, its data."""

    name: str
    root: Path
    output: str  # the command's standard output (one line per PDF, then the site)
    docs: Path = ROOT / "docs"  # the pages it printed
    _pdfs: dict[str, Pdf] = field(default_factory=dict, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @cached_property
    def data(self) -> CoalitionData:
        """All the data, private fields included."""
        return load_data(self.data_dir)

    @cached_property
    def public(self) -> CoalitionData:
        """The public view: what the website sees."""
        return public_view(self.data)

    @property
    def manifest(self) -> dict:
        return json.loads((self.dist / "manifest.json").read_text(encoding="utf-8"))

    def pdf(self, name: str) -> Pdf:
        if name not in self._pdfs:
            self._pdfs[name] = Pdf(self.dist / name)
        return self._pdfs[name]


class BuildFailed(AssertionError):
    pass


def _finished(name: str, root: Path, result: subprocess.CompletedProcess[str], **kwargs) -> Build:
    if result.returncode != 0:
        raise BuildFailed(f"the {name} build failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return Build(name, root, result.stdout, **kwargs)


# --- data and pages for the builds that need their own -----------------------------------

OVERSIZED_ROWS = 150


def oversized_table() -> str:
    rows = "\n".join(f"| Row {n} | ROWMARK-{n:03d} | A cell of text that keeps the row a little taller |"
                     for n in range(1, OVERSIZED_ROWS + 1))
    return ("\n## A table taller than a page\n\n| Row | Marker | Text |\n| --- | --- | --- |\n" + rows +
            f"\n| End | LAST-ROW-OF-THE-TABLE | the end |\n\nText after the table: AFTER-THE-TABLE.\n")


def notebook_docs(docs: Path) -> Path:
    """tests/notebook/docs copied to ``docs``, with one deliberately oversized table added."""
    shutil.copytree(NOTEBOOK_PAGES, docs)
    with (docs / "resources" / "sources.md").open("a", encoding="utf-8") as handle:
        handle.write(oversized_table())
    return docs


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


VARIANT_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" role="img" aria-label="Logo">
<circle cx="20" cy="20" r="18" fill="#0b6e4f"/></svg>
"""

VARIANT_EVENTS = """events:
  - id: harbour-talk
    title: {en: An evening at the harbour hall, es: Una tarde en la sala del puerto}
    date: 2027-03-04
    start: "18:30"
    end: "20:00"
    location: Harbour hall, Fjordby
    description: A talk about fair work in fish processing; questions welcome.
"""

#: The variant's tagline: the fixture's is "See it. Say it. Stop it."
VARIANT_TAGLINE = "Look. Listen. Report."

#: The variant's hotel project, in English and Spanish: three staff roles with their signs, so
#: that the Spanish and bilingual pieces have real text to set (issue 12).
VARIANT_HOTEL = """goal: {en: Train the staff of every guesthouse on the fjord., es: Capacitar al personal de todas las casas de huéspedes del fiordo.}
area: {en: Guesthouses within 30 kilometres of Fjordby, es: Casas de huéspedes a menos de 30 kilómetros de Fjordby}
three_rs:
  - id: see
    title: {en: See it, es: Notarlo}
    summary: {en: Know what exploitation is., es: Saber qué es la explotación.}
    points: [{en: It can happen here, es: Puede pasar aquí}]
  - id: say
    title: {en: Say it, es: Decirlo}
    summary: {en: Notice the signs., es: Reconocer las señales.}
    points: [{en: Look for control, es: Fíjese en si alguien controla a otra persona}]
  - id: stop
    title: {en: Stop it, es: Detenerlo}
    summary: {en: Report safely., es: Denunciar sin ponerse en riesgo.}
    points: [{en: Call the Safe Line, es: Llame a la Línea Segura}]
caveat:
  en: A single sign does not prove anything. Look for several signs together, and report what you saw; do not investigate.
  es: Una sola señal no prueba nada. Fíjese si hay varias señales a la vez y cuente lo que vio; no investigue por su cuenta.
roles:
  - id: reception
    name: {en: Reception, es: Recepción}
    staff: {en: reception staff, es: el personal de recepción}
    signs:
      - {en: A guest who never holds their own passport, es: Un huésped que nunca tiene su propio pasaporte}
      - {en: One person pays for several rooms in cash, es: Una sola persona paga varias habitaciones en efectivo}
      - {en: A guest seems afraid to speak for themselves, es: Un huésped parece tener miedo de hablar por sí mismo}
      - {en: Different visitors ask for the same room all night, es: Distintas visitas preguntan por la misma habitación toda la noche}
      - {en: A young person arrives with an adult who is not their parent, es: Una persona joven llega con un adulto que no es su padre ni su madre}
    source: {name: Fjordby guide (fictional), url: "https://fjordby-alliance.example.org/guide"}
  - id: housekeeping
    name: {en: Housekeeping, es: Limpieza de habitaciones}
    staff: {en: housekeeping staff, es: el personal de limpieza}
    signs:
      - {en: The Do Not Disturb sign stays up for days, es: El letrero de «No molestar» sigue puesto durante días}
      - {en: Many phones or bank cards in one room, es: Muchos teléfonos o tarjetas bancarias en una sola habitación}
      - {en: Guests refuse cleaning but ask for many towels, es: Los huéspedes no dejan limpiar pero piden muchas toallas}
      - {en: Someone seems not to be allowed to leave the room, es: Parece que a alguien no lo dejan salir de la habitación}
    source: {name: Fjordby guide (fictional), url: "https://fjordby-alliance.example.org/guide"}
  - id: kitchen
    name: {en: Kitchen and breakfast, es: Cocina y desayuno}
    staff: {en: kitchen staff, es: el personal de cocina}
    signs:
      - {en: A worker is never paid in person, es: A un trabajador nunca le pagan en persona}
      - {en: Someone else answers every question for a worker, es: Otra persona contesta todas las preguntas por un trabajador}
      - {en: A worker sleeps at the workplace, es: Un trabajador duerme en el lugar de trabajo}
    source: {name: Fjordby guide (fictional), url: "https://fjordby-alliance.example.org/guide"}
response:
  - {title: {en: Stay calm., es: Mantenga la calma.}, detail: {en: Do not confront anyone., es: No confronte a nadie.}, never: true}
  - {title: {en: Call 112., es: Llame al 112.}, detail: {en: If someone is in danger now., es: Si alguien está en peligro ahora.}}
  - {title: {en: Tell your manager., es: Avise a su gerente.}, detail: {en: 'Say what you saw, and nothing more.', es: 'Cuente lo que vio, y nada más.'}}
details_to_note: [{en: Time and place, es: Hora y lugar}, {en: What people looked like, es: Cómo eran las personas}]
provides:
  - id: training
    title: {en: Training, es: Capacitación}
    description: {en: A one-hour session for guesthouse staff., es: Una sesión de una hora para el personal de las casas de huéspedes.}
"""

#: Spanish for the texts of the variant's editions.yml, and the pieces it also prints bilingual.
VARIANT_EDITIONS = {
    "title: Volunteer notebook": "title: {en: Volunteer notebook, es: Cuaderno de voluntarios}",
    "audience: Volunteers and members only": "audience: {en: Volunteers and members only, es: Solo para voluntarios y miembros}",
    "title: Welcome": "title: {en: Welcome, es: Bienvenida}",
    "intro: Who we are and where to get help.": "intro: {en: Who we are and where to get help., es: Quiénes somos y dónde pedir ayuda.}",
    "title: The guesthouse project": "title: {en: The guesthouse project, es: El proyecto de las casas de huéspedes}",
    "title: Forms and worksheets": "title: {en: Forms and worksheets, es: Formularios y hojas de trabajo}",
    "title: Guesthouse manager guide": "title: {en: Guesthouse manager guide, es: Guía para gerentes de casas de huéspedes}",
    "{title: Why it matters, ": "{title: {en: Why it matters, es: Por qué importa}, ",
    "{title: Responding, ": "{title: {en: Responding, es: Cómo responder}, ",
    "title: Staff handout\n    audience: Every guesthouse employee\n    layout: handout":
        "title: {en: Staff handout, es: Hoja informativa para el personal}\n"
        "    audience: {en: Every guesthouse employee, es: Todo el personal de las casas de huéspedes}\n"
        "    layout: handout\n    bilingual: [en, es]",
    "title: Wallet card": "title: {en: Wallet card, es: Tarjeta para la billetera}",
    "title: Back-of-house poster\n    audience: Staff rooms, laundries and kitchens\n    layout: poster":
        "title: {en: Back-of-house poster, es: Cartel para las áreas del personal}\n"
        "    audience: {en: 'Staff rooms, laundries and kitchens', es: 'Salas del personal, lavanderías y cocinas'}\n"
        "    layout: poster\n    bilingual: [en, es]",
    "title: Role posters\n    audience: The staff room of each department\n    layout: role-posters":
        "title: {en: Role posters, es: Carteles por puesto}\n"
        "    audience: {en: The staff room of each department, es: La sala del personal de cada departamento}\n"
        "    layout: role-posters\n    bilingual: [en, es]",
    "title: Safety card\n    audience: To offer, only when it is safe, to a person who may be controlled\n"
    "    layout: safety-cards":
        "title: {en: Safety card, es: Tarjeta de seguridad}\n"
        "    audience: {en: 'To offer, only when it is safe, to a person who may be controlled', "
        "es: 'Para ofrecer, solo cuando sea seguro, a una persona que podría estar bajo el control de otra'}\n"
        "    layout: safety-cards\n    bilingual: [en, es]",
}

#: Spanish for the variant's identity and main hotline.
VARIANT_COALITION = {
    "name: Fjordby Alliance Against Exploitation":
        "name: {en: Fjordby Alliance Against Exploitation, es: Alianza de Fjordby contra la Explotación}",
    "    name: Fjordby Safe Line": "    name: {en: Fjordby Safe Line, es: Línea Segura de Fjordby}",
    "    hours: Every day, 08:00 to 22:00": "    hours: {en: 'Every day, 08:00 to 22:00', es: 'Todos los días, de 08:00 a 22:00'}",
    "    when_to_use: To ask for advice or to report a worry about exploitation.":
        "    when_to_use: {en: To ask for advice or to report a worry about exploitation., "
        "es: Para pedir consejo o contar una preocupación sobre explotación.}",
}

#: The bilingual pieces the variant prints (one file each: edition-en-es.pdf).
VARIANT_BILINGUAL = ("staff", "poster", "role-posters", "safety-card")


def make_variant(data: Path) -> None:
    """The fixture reshaped: two languages (its hotel project, identity and editions with Spanish
    texts, four pieces also printed bilingual), US Letter paper, a logo, events, no text line,
    no statistics, no outreach file and a new tagline."""
    coalition = data / "coalition.yml"
    edit(coalition, "languages: [en]", "languages: [en, es]")
    edit(coalition, "paper: a4", "paper: letter")
    edit(coalition, "tagline: See it. Say it. Stop it.",
         f"tagline: {{en: {VARIANT_TAGLINE}, es: Mirar. Escuchar. Denunciar.}}")
    edit(coalition, '    text_number: "2020"\n    text_keyword: SAFE\n', "")
    edit(coalition, "colors:", "logo: logo.svg\ncolors:")
    for old, new in VARIANT_COALITION.items():
        edit(coalition, old, new)
    for old, new in VARIANT_EDITIONS.items():
        edit(data / "editions.yml", old, new)
    (data / "hotel_project.yml").write_text(VARIANT_HOTEL, encoding="utf-8")
    (data / "logo.svg").write_text(VARIANT_LOGO, encoding="utf-8")
    (data / "events.yml").write_text(VARIANT_EVENTS, encoding="utf-8")
    (data / "statistics.yml").write_text("statistics: []\n", encoding="utf-8")
    (data / "outreach.yml").unlink()


# --- the builds ---------------------------------------------------------------------------------

def _default(runner: Builds, root: Path) -> Build:
    shutil.copytree(DEFAULT_DATA, root / "data")
    return _finished("default", root, runner.run(coalition_build, root))


def _fjord(runner: Builds, root: Path) -> Build:
    shutil.copytree(FJORD, root / "data")
    return _finished("fjord", root, runner.run(coalition_build, root))


def _fjord_again(runner: Builds, root: Path) -> Build:
    shutil.copytree(FJORD, root / "data")
    return _finished("fjord_again", root, runner.run(coalition_build, root))


#: The page the variant's own copy of the pages leaves untranslated, to show the fallback.
UNTRANSLATED = "hotel-project/signs.es.md"


def variant_project(root: Path) -> Path:
    """A copy of the project's pages and theme (mkdocs.yml, docs/, overrides/) in which one page
    has no Spanish translation; a command run there builds from it (``Project.here``)."""
    project = root / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs" / UNTRANSLATED).unlink()
    return project


def _variant(runner: Builds, root: Path) -> Build:
    """Built over a copy of the fixture's finished outputs: a data change rebuilds them. Its
    pages are a copy of the project's with one page untranslated (``variant_project``)."""
    previous = runner.get("fjord")
    for folder in ("data", "site", "dist"):
        shutil.copytree(previous.root / folder, root / folder)
    make_variant(root / "data")
    project = variant_project(root)
    return _finished("variant", root, runner.run(coalition_build, root, cwd=project), docs=project / "docs")


def _notebook(runner: Builds, root: Path) -> Build:
    shutil.copytree(FJORD, root / "data")
    docs = notebook_docs(root / "docs")
    result = runner.run(command, "build_notebook.py", "--data", root / "data", "--docs", docs,
                        "--dist", root / "dist", "--edition", "volunteer", "--edition", "manager")
    return _finished("notebook", root, result, docs=docs)


#: The two coalitions `coalition new` starts in the tests: one in the United States, and one
#: in the United Kingdom (another country code, A4 paper, another emergency number).
FORKS: dict[str, list[str]] = {
    "us": ["--name", "Riverside Coalition Against Trafficking", "--city", "Riverside", "--region", "Ohio",
           "--country", "US", "--email", "hello@riverside.example.org", "--website", "https://riverside.example.org"],
    "abroad": ["--name", "Fenwick Coalition Against Trafficking", "--city", "Fenwick", "--region", "Kent",
               "--country", "GB", "--email", "hello@fenwick.example.org", "--website", "https://fenwick.example.org",
               "--emergency-number", "999"],
}

#: What the test writes where `coalition new` left FILL IN, by key (fictional, obviously).
FILLED_IN = {
    "name": "Fenwick Helpline (fictional)",
    "number": "0800 555 0199",
    "when_to_use": "To get advice or report a worry at any hour. Calls are confidential.",
    "url": "https://helpline.example.org",
    "verified": "2026-11-29",
    "lead": "Need to talk? Confidential help.",
    "what_happens": "Answered day and night. Confidential: you need not give your name, and you decide what happens next.",
}


def fill_in(data: Path) -> int:
    """Replace every ``FILL IN`` value left by `coalition new` with ``FILLED_IN``'s; return how many."""
    import re

    count = 0
    for path in data.glob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for i, line in enumerate(lines):
            match = re.match(r'^(\s*(?:- )?)([a-z_]+): "FILL IN[^"]*"\s*$', line)
            if match:
                lines[i] = f'{match.group(1)}{match.group(2)}: "{FILLED_IN[match.group(2)]}"\n'
                count += 1
        path.write_text("".join(lines), encoding="utf-8")
    return count


def new_coalition(root: Path, which: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """`coalition new ROOT/data` with the answers of ``FORKS[which]``, nobody at the keyboard."""
    return coalition("new", root / "data", *FORKS[which], **kwargs)


#: Two quick pieces, for a build whose tests read only its website.
SMALL_EDITIONS = """editions:
  - id: wallet-card
    title: Wallet card
    audience: Staff and the public
    layout: cards
  - id: poster
    title: Back-of-house poster
    audience: Staff rooms
    layout: poster
"""


def _fork(which: str, site_only: bool = False) -> Callable[[Builds, Path], Build]:
    """``site_only``: its tests read the website alone, so it prints two quick pieces, not the books."""
    def make(runner: Builds, root: Path) -> Build:
        made = runner.run(new_coalition, root, which)
        if made.returncode != 0:
            raise BuildFailed(f"coalition new failed:\n{made.stdout}{made.stderr}")
        fill_in(root / "data")
        if site_only:
            (root / "data" / "editions.yml").write_text(SMALL_EDITIONS, encoding="utf-8")
        return _finished(f"fork_{which}", root, runner.run(coalition_build, root))
    return make


def _tour(scheme: str) -> Callable[[Builds, Path], Tour | None]:
    def make(runner: Builds, root: Path) -> Tour | None:
        """Every page of the default site in Chromium (None when Chromium is not installed:
        the browser tests then skip, or fail under CI=true, on their own)."""
        from ck_browser import take_tour

        chromium = shutil.which("chromium")
        default = runner.get("default")
        if not chromium:
            return None
        return take_tour(chromium, default.site, default.public.coalition.quick_exit_url, scheme,
                         stopped=lambda: runner.closed)
    return make


@dataclass(frozen=True)
class Job:
    make: Callable[[Builds, Path], Any]
    needs: tuple[str, ...] = ()


#: Every shared job, in the order they are started: the longest first, and each after what it
#: needs, late enough that a worker seldom waits for it.
JOBS: dict[str, Job] = {
    "default": Job(_default),
    "fjord": Job(_fjord),
    "variant": Job(_variant, needs=("fjord",)),
    "notebook": Job(_notebook),
    "tour_light": Job(_tour("light"), needs=("default",)),
    "tour_dark": Job(_tour("dark"), needs=("default",)),
    "fjord_again": Job(_fjord_again),
    "fork_abroad": Job(_fork("abroad")),
    "fork_us": Job(_fork("us", site_only=True)),
}

#: The order in which they are expected to be ready (tests that need a later one run later).
READY = ["fjord", "default", "variant", "notebook", "tour_light", "tour_dark", "fjord_again", "fork_abroad",
         "fork_us"]


class Builds:
    """Runs each job at most once, in background threads (a build waits on its child process)."""

    def __init__(self, base: Path, workers: int = 2) -> None:
        self.base = base
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ck-build")
        self._futures: dict[str, Future[Any]] = {}
        self._lock = threading.RLock()
        self._running: set[subprocess.Popen] = set()
        self._closed = False

    def start(self, name: str) -> Future[Any]:
        """Start ``name`` (after what it needs) unless it is started already."""
        with self._lock:
            if name not in self._futures:
                if self._closed:
                    raise RuntimeError("the builds are closed")
                job = JOBS[name]
                for need in job.needs:  # queued first, so started first: no worker waits on a queued job
                    self.start(need)
                self._futures[name] = self._pool.submit(self._make, name, job)
            return self._futures[name]

    @property
    def closed(self) -> bool:
        return self._closed

    def get(self, name: str) -> Any:
        return self.start(name).result()

    def _make(self, name: str, job: Job) -> Any:
        root = self.base / name
        root.mkdir()
        return job.make(self, root)

    def run(self, how: Callable[..., subprocess.CompletedProcess[str]], *args, **kwargs):
        """Run a command for a build; :meth:`close` stops it if the session ends first."""
        def started(process: subprocess.Popen) -> None:
            with self._lock:
                self._running.add(process)
                closed = self._closed
            if closed:
                process.kill()

        def ended(process: subprocess.Popen) -> None:
            with self._lock:
                self._running.discard(process)

        return how(*args, started=started, ended=ended, **kwargs)

    def close(self) -> None:
        """Cancel the builds not started, stop the running ones (the processes started here)."""
        with self._lock:
            self._closed = True
            for future in self._futures.values():
                future.cancel()
            running = list(self._running)
        for process in running:
            process.kill()
        self._pool.shutdown(wait=True)
