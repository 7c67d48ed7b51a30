"""`make bench`: how fast the build is, compared with bare WeasyPrint, plain MkDocs and a peer plugin.

Prints a table and appends it, as Markdown, to bench/RESULTS.md with the machine it ran on.

The machines are shared and noisy, so the members of each pair are run back to back, in
alternating order, for ``--rounds`` rounds; a row reports the median seconds of each member and
the median of the per-round ratios. Every measure runs in a fresh process (``child.py``, or the
``coalition`` command itself), with the project's code from this checkout. Everything it makes
goes to bench/scratch/ (and the peer's virtual environment to bench/.peer-venv/), both ignored by git.

    python bench/run.py [--rounds N] [--quick] [--only SECTION,...] [--results FILE]

``--quick`` (for working on the benchmark): one round, no 50x data, no PDFs at scale, no peer
install. ``--only`` runs some sections (builds, pieces, print, site, scaling) and prints only their rows.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Timing = tuple[float, float]
"""(wall seconds, CPU seconds) of one measure."""

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "scratch"
sys.path.insert(0, str(BENCH))

from measure import ChildFailed, ChildRun, median, ratios, run_child  # noqa: E402
from projects import Peer, peer_venv, write_peer_projects, write_plain_project  # noqa: E402
from report import Table, machine_lines, ratio, ratio_list, seconds  # noqa: E402
from scale import EVENTS_PER_SCALE, edit_one_value, make_scaled_data  # noqa: E402
from sizes import home_page_weight, kib, pdf_sizes  # noqa: E402

#: A line of `coalition build` for one PDF: "volunteer    en    92 pages    1.8 MB   38.8 s  dist/…".
PIECE_LINE = re.compile(r"^(\S+)\s+(\S+)\s+(\d+) pages?\s+[\d.]+ [KM]B\s+([\d.]+) s\s")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


#: The data the PDFs are timed with at 10× when the full 10× data makes fitted pieces overflow.
PRINTABLE_10X = "10×, sectors and signs 1×"

#: The sections of a run, in the order they run.
SECTIONS = ("builds", "pieces", "print", "site", "scaling")


@dataclass
class Settings:
    rounds: int
    quick: bool
    results: Path
    only: frozenset[str] = frozenset(SECTIONS)


@dataclass(frozen=True)
class Piece:
    """One PDF built alone in its own process."""

    seconds: float | None
    cpu: float | None
    max_rss_mb: float | None
    pages: int | None
    bytes: int | None


@dataclass
class Findings:
    """What the sections measured, for the tables."""

    build: dict[str, list[float]] = field(default_factory=dict)
    pieces: dict[str, list[float]] = field(default_factory=dict)
    printing: dict[str, list[float]] = field(default_factory=dict)
    site: dict[str, list[float]] = field(default_factory=dict)
    alone: dict[str, Piece] = field(default_factory=dict)
    scaling: dict[int, dict[str, list[float]]] = field(default_factory=dict)
    scaled_pdfs: dict[str, dict[str, Piece | str]] = field(default_factory=dict)
    """data (e.g. "10×") -> piece -> its measure, or why it failed."""
    peer: Peer | None = None
    peer_pages: int | None = None
    edited: str = ""
    lang: str = "en"
    notes: list[str] = field(default_factory=list)

    def add(self, group: dict[str, list[float]], key: str, value: float | None) -> None:
        group.setdefault(key, []).append(value)


class Bench:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.found = Findings()
        self.python = sys.executable
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.env.setdefault("SOURCE_DATE_EPOCH", _commit_epoch())
        self.peer_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.build_data, self.build_site, self.build_dist = WORK / "build" / "data", WORK / "build" / "site", \
            WORK / "build" / "dist"
        self.volunteer_pages: list[str] = []
        self._volunteer: tuple[int | None, int | None] = (None, None)

    # ------------------------------------------------------------------ running things

    def coalition(self, *args: str) -> ChildRun:
        return run_child([self.python, "-m", "coalition_kit.cli", *args], cwd=ROOT, env=self.env)

    def child(self, *args: str, python: str | None = None) -> ChildRun:
        env = self.peer_env if python else self.env
        return run_child([python or self.python, str(BENCH / "child.py"), *args], cwd=ROOT, env=env)

    def build(self, *extra: str, data: Path | None = None, site: Path | None = None,
              dist: Path | None = None) -> ChildRun:
        return self.coalition("build", "--data", str(data or self.build_data), "--site-dir",
                              str(site or self.build_site), "--dist", str(dist or self.build_dist), *extra)

    # ------------------------------------------------------------------ rows 4 and 5, one edit, each piece

    def builds(self) -> None:
        """Per round: a forced build, a build with nothing changed, a build after one data value changed."""
        for number in range(1, self.settings.rounds + 1):
            forced = self._timed_build("forced", "--force")
            self._pieces_of(forced.stdout)
            same = self._timed_build("same")
            if "up to date" not in same.stdout:
                self.found.notes.append(f"round {number}: the no-change build did not say 'up to date'")
            self.found.edited = edit_one_value(self.build_data, f"(edited in round {number})")
            edited = self._timed_build("edited")
            log(f"round {number}: forced build {forced.wall:.1f} s (CPU {forced.cpu:.1f} s), "
                f"no change {same.wall:.1f} s, one value changed {edited.wall:.1f} s")

    def _timed_build(self, name: str, *extra: str) -> ChildRun:
        run = self.build(*extra)
        self.found.add(self.found.build, name, run.wall)
        self.found.add(self.found.build, f"{name}_cpu", run.cpu)
        return run

    def _pieces_of(self, output: str, record: bool = True) -> None:
        for line in output.splitlines():
            match = PIECE_LINE.match(line)
            if match and record:
                self.found.add(self.found.pieces, f"{match.group(1)}-{match.group(2)}", float(match.group(4)))
            if match and match.group(1) == "volunteer":
                self.found.lang = match.group(2)

    def setup_build(self) -> None:
        """One untimed build, for the sections that need its outputs when the build rows are not run."""
        self._pieces_of(self.build("--force").stdout, record=False)

    def pieces_alone(self) -> None:
        """Each PDF but the volunteer notebook (measured in the print rounds) alone in its own process, once."""
        for edition, lang, file in self._pieces():
            if edition == "volunteer":
                continue
            run = self.child("pdf", "--data", str(self.build_data), "--edition", edition, "--lang", lang,
                             "--out", str(WORK / "pieces" / file))
            r = run.result
            self.found.alone[f"{edition}-{lang}"] = Piece(r["pdf"], r["pdf_cpu"], run.max_rss_mb, r["pages"], r["bytes"])
            log(f"{edition} [{lang}] alone: {run.result['pdf']:.1f} s, {run.max_rss_mb:.0f} MiB")

    # ------------------------------------------------------------------ rows 1 and 2

    def printing(self) -> None:
        """Per round, in alternating order: our volunteer PDF, bare WeasyPrint on its HTML, the peer with and
        without its PDF plugin."""
        html = WORK / "print" / "volunteer.html"
        run_child([self.python, "build_notebook.py", "--data", str(self.build_data), "--edition", "volunteer",
                   "--lang", self.found.lang, "--html", str(html)], cwd=ROOT, env=self.env)
        members = {"ours": self._ours_pdf, "bare": lambda: self._bare_pdf(html, "pdf/ua-1")}
        configs = self._peer_configs()
        if configs is not None:
            members["peer_with"] = lambda: self._peer_build(configs[0], "with")
            members["peer_without"] = lambda: self._peer_build(configs[1], "without")
        self._alternate(members, self.found.printing, "print")
        peer_step(self.found.printing)
        p = self.found.printing
        pages, size = self._volunteer
        if p.get("ours"):
            self.found.alone[f"volunteer-{self.found.lang}"] = Piece(median(p["ours"]), median(p["ours_cpu"]),
                                                                    median(p["ours_rss"]), pages, size)
        untagged, untagged_cpu = self._bare_pdf(html, None)
        self.found.notes.append(f"bare WeasyPrint without pdf/ua-1 tagging, one run: {untagged:.2f} s "
                                f"(CPU {untagged_cpu:.2f} s)")

    def _ours_pdf(self) -> Timing:
        run = self.child("pdf", "--data", str(self.build_data), "--edition", "volunteer", "--lang", self.found.lang,
                         "--out", str(WORK / "print" / "ours.pdf"))
        self.found.add(self.found.printing, "ours_rss", run.max_rss_mb)
        self._volunteer = (run.result["pages"], run.result["bytes"])
        return run.result["pdf"], run.result["pdf_cpu"]

    def _bare_pdf(self, html: Path, variant: str | None) -> Timing:
        args = ["bare", "--html", str(html), "--base", str(ROOT / "docs"), "--out", str(WORK / "print" / "bare.pdf")]
        result = self.child(*args, *(["--variant", variant] if variant else [])).result
        return result["pdf"], result["pdf_cpu"]

    def _peer_build(self, config: Path, label: str) -> Timing:
        site = WORK / "peer" / f"site-{label}"
        shutil.rmtree(site, ignore_errors=True)
        run = self.child("mkdocs", "--config", str(config), "--site", str(site), python=str(self.found.peer.python))
        if run.result.get("plugin_self") is not None:
            self.found.add(self.found.printing, "peer_self", run.result["plugin_self"])
            self.found.peer_pages = _pdf_pages(site / "pdf" / "volunteer.pdf")
        return run.result["build"], run.result["build_cpu"]

    def _peer_configs(self) -> tuple[Path, Path] | None:
        if self.settings.quick:
            self.found.peer = Peer(None, "skipped in --quick mode")
            return None
        log("peer: preparing bench/.peer-venv (mkdocs-to-pdf and the locked MkDocs, Material, macros, WeasyPrint)")
        self.found.peer = peer_venv(BENCH / ".peer-venv", ROOT / "requirements.lock")
        if self.found.peer.python is None:
            log(f"peer unavailable: {self.found.peer.reason}")
            return None
        return write_peer_projects(WORK / "peer", ROOT / "mkdocs.yml", ROOT / "docs", WORK / "expanded",
                                   self.volunteer_pages)

    def _alternate(self, members: dict[str, Callable[[], Timing]], into: dict[str, list[float]], label: str) -> None:
        """Each round runs every member once, back to back; even rounds in reverse order."""
        names = list(members)
        for number in range(1, self.settings.rounds + 1):
            for name in list(names) if number % 2 else list(reversed(names)):
                try:
                    wall, cpu = members[name]()
                except ChildFailed as exc:  # the others go on; this member is left out from now on
                    self._failed(name, exc)
                    names.remove(name)
                    continue
                self.found.add(into, name, wall)
                self.found.add(into, f"{name}_cpu", cpu)
            log(f"{label} round {number}: " + ", ".join(f"{n} {into[n][-1]:.1f} s" for n in names if n in into))

    def _failed(self, name: str, exc: ChildFailed) -> None:
        if name.startswith("peer"):
            self.found.peer = Peer(None, f"its build failed: {exc.why}")
        self.found.notes.append(f"{name} failed and was left out: {exc}")
        log(f"{name} failed: {exc}")

    # ------------------------------------------------------------------ row 3

    def expand_pages(self) -> None:
        """Every page's Markdown as mkdocs-macros expands it, saved once (for plain MkDocs and the peer)."""
        run = self.child("expand", "--data", str(self.build_data), "--dist", str(self.build_dist),
                         "--out", str(WORK / "expanded"), "--site", str(WORK / "expand-site"))
        self.volunteer_pages = run.result["volunteer_pages"]

    def site(self) -> None:
        """Per round, alternating: our site step (load + check the data, MkDocs with macros, finish) and plain
        MkDocs + Material on the expanded pages."""
        plain = write_plain_project(WORK / "plain", ROOT / "mkdocs.yml", ROOT / "docs", WORK / "expanded")
        self._alternate({"ours": self._our_site, "plain": lambda: self._plain_site(plain)}, self.found.site, "site")

    def _our_site(self) -> Timing:
        out = WORK / "site" / "ours"
        shutil.rmtree(out, ignore_errors=True)
        run = self.child("site", "--data", str(self.build_data), "--dist", str(self.build_dist), "--out", str(out))
        for key in ("load_check", "site", "guard"):
            self.found.add(self.found.site, key, run.result[key])
        self.found.add(self.found.site, "rss", run.max_rss_mb)
        r = run.result
        return r["load_check"] + r["site"], r["load_check_cpu"] + r["site_cpu"]

    def _plain_site(self, config: Path) -> Timing:
        out = WORK / "site" / "plain"
        shutil.rmtree(out, ignore_errors=True)
        result = self.child("mkdocs", "--config", str(config), "--site", str(out)).result
        return result["build"], result["build_cpu"]

    # ------------------------------------------------------------------ row 6

    def scaling(self) -> None:
        """Check, site and privacy guard at 1x, 10x (each round) and 50x (once; not in --quick) data; then each
        PDF at 1x and 10x, and the two books at 10x with sectors and signs left at 1x (not in --quick)."""
        scales = [1, 10] if self.settings.quick else [1, 10, 50]
        folders = {n: make_scaled_data(ROOT / "data", WORK / "scale" / f"data-{n}x", n) for n in scales}
        for number in range(1, self.settings.rounds + 1):
            for scale in scales if number == 1 else [s for s in scales if s != 50]:
                self._scaled_site(scale, folders[scale])
        if self.settings.quick:
            return
        self._scaled_pdfs("1×", folders[1])
        self._scaled_pdfs("10×", folders[10])
        printable = make_scaled_data(ROOT / "data", WORK / "scale" / "data-10x-printable", 10, fitted_lists=False)
        self._scaled_pdfs(PRINTABLE_10X, printable, only=["volunteer", "starter"])

    def _scaled_site(self, scale: int, data: Path) -> None:
        out = WORK / "scale" / f"site-{scale}x"
        shutil.rmtree(out, ignore_errors=True)
        run = self.child("site", "--data", str(data), "--dist", str(self.build_dist), "--out", str(out))
        into = self.found.scaling.setdefault(scale, {})
        for key in ("load_check", "site", "guard"):
            self.found.add(into, key, run.result[key])
            self.found.add(into, f"{key}_cpu", run.result[f"{key}_cpu"])
        log(f"{scale}x data: check {run.result['load_check']:.1f} s, site {run.result['site']:.1f} s, "
            f"guard {run.result['guard']:.2f} s")

    def _scaled_pdfs(self, label: str, data: Path, only: list[str] | None = None) -> None:
        """Every PDF of the scaled data (or those of the editions ``only``), each alone in its own process:
        one that fails is recorded with its reason and the others go on."""
        into = self.found.scaled_pdfs.setdefault(label, {})
        out = WORK / "scale" / f"pdf-{data.name}"
        for edition, lang, file in self._pieces():
            if only is not None and edition not in only:
                continue
            try:
                run = self.child("pdf", "--data", str(data), "--edition", edition, "--lang", lang,
                                 "--out", str(out / file))
            except ChildFailed as exc:
                into[f"{edition}-{lang}"] = exc.why
                log(f"{label} data: {edition} [{lang}] failed: {exc.why}")
                continue
            r = run.result
            into[f"{edition}-{lang}"] = Piece(r["pdf"], r["pdf_cpu"], run.max_rss_mb, r["pages"], r["bytes"])
            log(f"{label} data: {edition} [{lang}] {r['pdf']:.1f} s, {r['pages']} pages, {run.max_rss_mb:.0f} MiB")

    def _pieces(self) -> list[tuple[str, str, str]]:
        """(edition, language, file name) of every PDF the default data makes, as its manifest lists
        them (the language of a piece printed in two is "en+es")."""
        manifest = json.loads((self.build_dist / "manifest.json").read_text(encoding="utf-8"))
        return [(entry["edition"], entry["language"], entry["file"]) for entry in manifest["files"]]

    # ------------------------------------------------------------------ the whole run

    def run(self) -> list[Table]:
        shutil.rmtree(WORK, ignore_errors=True)
        WORK.mkdir(parents=True)
        shutil.copytree(ROOT / "data", self.build_data)
        run_child([self.python, "-c", "import coalition_kit.cli, coalition_kit.pipeline.build"], cwd=ROOT,
                  env=self.env)  # compiles this checkout's modules once, outside every measure
        for name, step in self._steps(self.settings.only):
            log(f"— {name}")
            try:
                step()
            except ChildFailed as exc:
                self.found.notes.append(f"{name} failed: {exc}")
                log(f"{name} failed: {exc}")
        return tables(self.found, self.build_site, self.build_dist)

    def _steps(self, only: frozenset[str]) -> list[tuple[str, Callable[[], None]]]:
        """The sections to run, in order, with what they need: a build's outputs, the expanded pages."""
        sections = [("builds", self.builds), ("pieces", self.pieces_alone), ("print", self.printing),
                    ("site", self.site), ("scaling", self.scaling)]
        chosen = [(name, step) for name, step in sections if name in only]
        if "builds" not in only:
            chosen.insert(0, ("build (untimed, for the other sections)", self.setup_build))
        if only & {"print", "site"}:
            at = next(i for i, (name, _) in enumerate(chosen) if name in ("print", "site"))
            chosen.insert(at, ("expanded pages", self.expand_pages))
        return chosen


# ---------------------------------------------------------------------------- tables

def _pair_row(table: Table, label: str, group: dict[str, list[float]], ours: str, reference: str, goal: str,
              percent: bool = False) -> None:
    """A row for ``group[ours]`` ÷ ``group[reference]``, wall and CPU (``key_cpu``)."""
    if not group.get(ours) and not group.get(reference):
        return  # a section that did not run (--only)
    per_round = ratios(group.get(ours, []), group.get(reference, []))
    cpu = ratios(group.get(f"{ours}_cpu", []), group.get(f"{reference}_cpu", []))
    table.add(label, seconds(median(group.get(ours, []))), seconds(median(group.get(reference, []))),
              ratio(median(per_round), percent), ratio_list(per_round, percent), ratio(median(cpu), percent), goal)


def peer_step(printing: dict[str, list[float]]) -> None:
    """The plugin's PDF step, round by round: the build with it − the build without it."""
    for suffix in ("", "_cpu"):
        with_pdf, without = printing.get(f"peer_with{suffix}", []), printing.get(f"peer_without{suffix}", [])
        printing[f"peer_step{suffix}"] = [w - wo for w, wo in zip(with_pdf, without)]


def _scale_pair(one: dict[str, list[float]], many: dict[str, list[float]]) -> dict[str, list[float]]:
    """The 1× and N× series of each measure in one group: ``key@1``, ``key@N`` (and ``…_cpu``)."""
    group = {}
    for label, values in (("1", one), ("N", many)):
        for key, series in values.items():
            base, cpu = (key.removesuffix("_cpu"), "_cpu") if key.endswith("_cpu") else (key, "")
            group[f"{base}@{label}{cpu}"] = series
    return group


def ratio_table(found: Findings) -> Table:
    table = Table("Ratios (medians; 'per round' = each pair measured back to back; 'CPU ratio' = the same "
                  "pairs in CPU seconds)", ["measure", "ours", "reference", "ratio", "per round", "CPU ratio", "goal"])
    p, b = found.printing, found.build
    _pair_row(table, "1. volunteer PDF ÷ bare WeasyPrint on its composed HTML", p, "ours", "bare", "≤ 1.10")
    if found.peer is not None and found.peer.python is None and p.get("ours"):
        table.add("2. volunteer PDF ÷ mkdocs-to-pdf's PDF step", seconds(median(p.get("ours", []))),
                  f"peer unavailable: {found.peer.reason}", "—", "—", "—", "≤ 1.0")
    else:
        _pair_row(table, "2. volunteer PDF ÷ mkdocs-to-pdf's PDF step (build with − without)", p, "ours",
                  "peer_step", "≤ 1.0")
        _pair_row(table, "   the same ÷ the plugin's own timer", p, "ours", "peer_self", "≤ 1.0")
    _pair_row(table, "3. site build ÷ plain MkDocs, macros pre-expanded", found.site, "ours", "plain", "≤ 1.2")
    per_round = ratios(b.get("forced_cpu", []), b.get("forced", []))
    if per_round:
        table.add("4. full build --force: CPU busy ÷ wall", seconds(median(b.get("forced_cpu", []))),
                  seconds(median(b.get("forced", []))), ratio(median(per_round)), ratio_list(per_round), "",
                  "≥ 1.7 on 2 cores")
    _pair_row(table, "5. no-change build ÷ forced build", b, "same", "forced", "< 5 %", percent=True)
    _pair_row(table, "   one data value changed ÷ forced build", b, "edited", "forced", "only what shows it",
              percent=True)
    for scale in sorted(found.scaling):
        if scale == 1:
            continue
        group = _scale_pair(found.scaling[1], found.scaling[scale])
        for key, name in (("load_check", "check"), ("site", "site build"), ("guard", "privacy guard")):
            _pair_row(table, f"6. {name}: {scale}× ÷ 1× data", group, f"{key}@N", f"{key}@1", f"≤ {scale} (linear)")
    table.notes += method_notes(found)
    return table


def method_notes(found: Findings) -> list[str]:
    notes = [
        "1: ours = bench/child.py pdf: build_pdfs() for the volunteer edition (compose from docs/ + macros, "
        "privacy check, confined fetcher, glyph and fit checks, WeasyPrint render + write with pdf/ua-1 and our "
        "finisher); bare = weasyprint.HTML(string=composed HTML, base_url=docs/).render().write_pdf(pdf_variant="
        "'pdf/ua-1') on the HTML that build_notebook.py --html wrote; data loading excluded from both, imports too.",
        "2: the peer = MkDocs + Material + mkdocs-to-pdf 0.12 (bench/.peer-venv) on the volunteer notebook's pages "
        "(expanded by our macros, in its order; the peer has no forms, dividers or page references); its PDF step "
        "= `mkdocs build` with the plugin − without it, each in its own process (imports before the clock); the "
        "plugin's own timer (its on_post_page + on_post_build) is shown too.",
        "3: ours = bench/child.py site: validated_data() + render_site() (MkDocs with mkdocs-macros, overrides, "
        "finish step: fonts, .ics, downloads, CSP); plain = load_config() + mkdocs build of bench/scratch/plain "
        "(same pages as expanded by mkdocs-macros, same nav, theme features, search and privacy plugins and "
        "Markdown extensions, no macros, no overrides, no extension of ours).",
        "4, 5: `coalition build` as a subprocess on a copy of data/ (bench/scratch/build); CPU = "
        "getrusage(RUSAGE_CHILDREN) user+sys delta around it. Each round: --force, then no change, then "
        f"one value changed ({found.edited or 'a glossary definition'}) and rebuilt without --force.",
        f"6: data copied with stakeholders' sectors, hotels (outreach.yml), glossary terms and each staff role's "
        f"signs ×N, and {EVENTS_PER_SCALE}×N generated events (data/ has none), ids unique; 'check' = "
        "validated_data() with warnings, as `coalition check` runs it (it fails the run on invalid data); "
        "'site' = render_site(); 'guard' = PrivacyGuard(data) + leaks_in_folder(site). 1× and 10× every round, "
        "50× once (its ratio is to the first round's 1×).",
    ]
    return notes


def pieces_table(found: Findings, dist: Path) -> Table:
    table = Table("Each piece", ["piece", "in the forced build", "alone", "alone, CPU", "peak memory (alone)",
                                 "pages", "size"])
    sizes = {file.removesuffix(".pdf"): (size, pages) for file, size, pages in pdf_sizes(dist)} \
        if (dist / "manifest.json").is_file() else {}
    for name in sorted(set(found.pieces) | set(found.alone)):
        alone = found.alone.get(name, Piece(None, None, None, None, None))
        size, pages = sizes.get(name, (alone.bytes, alone.pages))
        table.add(name, seconds(median(found.pieces.get(name, []))), seconds(alone.seconds), seconds(alone.cpu),
                  megabytes(alone.max_rss_mb), pages, kib(size) if size else "—")
    site = found.site
    table.add("site (load + check + render)", "(not printed by the build)", seconds(median(site.get("ours", []))),
              seconds(median(site.get("ours_cpu", []))), megabytes(median(site.get("rss", []))), "", "")
    table.add("privacy guard on the site", "", seconds(median(site.get("guard", []))), "", "", "", "")
    table.notes.append("'in the forced build': the seconds `coalition build --force` prints per PDF (median of the "
                       "rounds); 'alone': the same piece built by itself in a fresh process (bench/child.py pdf, "
                       "data loading excluded), peak memory = that process's ru_maxrss (volunteer: median of the "
                       "print rounds; others: one run)")
    if found.peer_pages:
        table.notes.append(f"the peer's PDF of the same pages: {found.peer_pages} pages")
    return table


def scaling_table(found: Findings) -> Table:
    table = Table("Scaling with generated data (median seconds)", ["data", "check", "site build", "privacy guard"])
    for scale, values in sorted(found.scaling.items()):
        table.add(f"{scale}×", seconds(median(values.get("load_check", []))), seconds(median(values.get("site", []))),
                  seconds(median(values.get("guard", []))))
    table.notes.append("1× and 10× every round, 50× once; PDFs at 50× are not timed (every PDF at 50× would take "
                       "too long here)")
    return table


def scaled_pdfs_table(found: Findings) -> Table:
    pieces = sorted({name for pdfs in found.scaled_pdfs.values() for name in pdfs})
    table = Table("PDFs with generated data (each alone in its own process, once; seconds, pages, peak memory)",
                  ["piece", *found.scaled_pdfs])
    for name in pieces:
        table.add(name, *(_piece_cell(pdfs.get(name)) for pdfs in found.scaled_pdfs.values()))
    for label, pdfs in found.scaled_pdfs.items():
        for name, piece in pdfs.items():
            if isinstance(piece, str):
                table.notes.append(f"{label}: {name} {piece}")
    table.notes.append(f"'{PRINTABLE_10X}': glossary terms, hotels and events ×10 but stakeholders' sectors and "
                       "staff roles' signs as in data/, so that the pieces of a fixed number of pages (stakeholder "
                       "map, role posters, staff handout) still fit; built there: the two books that hold the stakeholder map "
                       "(only the notebook prints the glossary and the hotels)")
    return table


def _piece_cell(piece: Piece | str | None) -> str:
    if piece is None:
        return ""
    if isinstance(piece, str):
        return "does not build (below)"
    return f"{seconds(piece.seconds)}, {piece.pages} p., {megabytes(piece.max_rss_mb)}"


def home_table(site: Path) -> Table:
    table = Table("Home page: bytes it loads (uncompressed, as on disk)", ["file", "bytes"])
    if not (site / "index.html").is_file():
        table.notes.append("no site was built")
        return table
    weight = home_page_weight(site)
    table.add("index.html", f"{weight.html:,}")
    for name, size in weight.assets.items():
        table.add(name, f"{size:,}")
    table.add("total: page + assets", f"{weight.total:,} ({kib(weight.total)})")
    for name, size in weight.search.items():
        table.add(f"{name} (search, loaded after the page)", f"{size:,}")
    table.add("total with search", f"{weight.with_search:,} ({kib(weight.with_search)})")
    return table


def tables(found: Findings, site: Path, dist: Path) -> list[Table]:
    result = [ratio_table(found)]
    if found.pieces or found.alone or found.site:
        result.append(pieces_table(found, dist))
    if found.scaling:
        result.append(scaling_table(found))
    if found.scaled_pdfs:
        result.append(scaled_pdfs_table(found))
    result.append(home_table(site))
    if found.notes:
        result[-1].notes += [f"note: {line}" for line in found.notes]
    return result


# ---------------------------------------------------------------------------- entry point

def megabytes(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} MiB"


def _commit_epoch() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return done.stdout.strip() or "1700000000"


def _pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(path).pages) if path.is_file() else None


def parse(argv: list[str]) -> Settings:
    parser = argparse.ArgumentParser(description="Benchmark the build (see bench/run.py).")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each pair (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help="one round, no 50x data, no peer install (for working on the benchmark)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md",
                        help="Markdown file the run is appended to (default bench/RESULTS.md)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"run only these sections, comma-separated (default: all of {','.join(SECTIONS)})")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    only = frozenset(part.strip() for part in args.only.split(",") if part.strip())
    if not only or only - set(SECTIONS):
        parser.error(f"--only takes some of: {', '.join(SECTIONS)}")
    return Settings(1 if args.quick else args.rounds, args.quick, args.results, only)


def main(argv: list[str] | None = None) -> None:
    settings = parse(sys.argv[1:] if argv is None else argv)
    load = os.getloadavg()
    started = time.perf_counter()
    result = Bench(settings).run()
    mode = ("quick" if settings.quick else "full") + ("" if settings.only == set(SECTIONS) else
                                                      f" (only {', '.join(s for s in SECTIONS if s in settings.only)})")
    header = machine_lines(ROOT, load, os.getloadavg(), mode, settings.rounds)
    header.append(f"the benchmark took {(time.perf_counter() - started) / 60:.1f} min")
    print("\n".join(header) + "\n\n" + "\n\n".join(t.text() for t in result))
    record(settings.results, header, result)


def record(path: Path, header: list[str], result: list[Table]) -> None:
    title = header[0].split(";")[0].removeprefix("date: ")
    lines = [f"### Run of {title}", "", *[f"- {line}" for line in header], "",
             "\n\n".join(t.markdown() for t in result), ""]
    if not path.exists():
        path.write_text("# Benchmark results\n\nEach run of `make bench` (bench/run.py) is appended below.\n\n",
                        encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
