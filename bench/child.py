"""One measured piece of work, run in a fresh process by ``bench/run.py``.

Each task imports what it needs first, then times only the work, and prints one JSON line
(its last line of output) with the seconds it measured. Run in a separate process so that
every measure starts cold in the same way and its peak memory is its own.

Tasks that use only MkDocs (``mkdocs``) import nothing from the project: they also run in the
peer's virtual environment.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any


def emit(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


class Clock:
    """Wall and CPU seconds of this process since it was made (CPU time is less disturbed by other
    processes on a shared machine than wall time)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def record(self, result: dict[str, Any], key: str) -> dict[str, Any]:
        result[key] = time.perf_counter() - self.wall
        result[f"{key}_cpu"] = time.process_time() - self.cpu
        return result


# --------------------------------------------------------------------------- the project's pieces

def _project_and_data(data_dir: Path) -> tuple[Any, Any, dict[str, Any]]:
    """The project, its validated data, and how long loading and checking took (``load_check``)."""
    from coalition_kit.paths import Project
    from coalition_kit.pipeline.validate import validated_data

    project = Project.here()
    clock = Clock()
    data = validated_data(data_dir, project.docs_dir, [])
    return project, data, clock.record({}, "load_check")


def _site_inputs(data: Any, dist_dir: Path) -> Any:
    from coalition_kit.model.privacy import public_view
    from coalition_kit.outputs.manifest import read_manifest
    from coalition_kit.site.inputs import SiteInputs

    public = public_view(data)
    return SiteInputs(public, public.coalition.main_language, dist_dir, read_manifest(dist_dir))


def task_site(args: argparse.Namespace) -> None:
    """Load and check the data, render the site (engine + finish step), then run the privacy guard on it."""
    from coalition_kit.pipeline.privacy_guard import PrivacyGuard
    from coalition_kit.pipeline.website import render_site

    project, data, result = _project_and_data(args.data)
    clock = Clock()
    render_site(project, _site_inputs(data, args.dist), args.out)
    clock.record(result, "site")
    clock = Clock()
    leaks = PrivacyGuard(data).leaks_in_folder(args.out)
    clock.record(result, "guard")
    emit({**result, "leaks": len(leaks), "pages": sum(1 for _ in args.out.rglob("*.html"))})


def task_pdf(args: argparse.Namespace) -> None:
    """One edition in one language, as the build makes it: compose, privacy check, WeasyPrint, finish."""
    from coalition_kit.pipeline.pdfs import build_pdfs, targets

    project, data, result = _project_and_data(args.data)
    both = args.lang.split("+")  # "en+es": the piece printed in two languages
    chosen = [t for t in targets(data, [args.edition], both) if t.language == args.lang]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    clock = Clock()
    entries = build_pdfs(data, project, args.out.parent, chosen, report=lambda _line: None, output=args.out)
    clock.record(result, "pdf")
    emit({**result, "pages": entries[0].pages, "bytes": entries[0].bytes})


def task_bare(args: argparse.Namespace) -> None:
    """Bare WeasyPrint on an already composed HTML file: no fetcher, no checks, no finisher."""
    import weasyprint

    html = args.html.read_text(encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    options = {"pdf_variant": args.variant} if args.variant else {}
    clock = Clock()
    document = weasyprint.HTML(string=html, base_url=str(args.base)).render()
    document.write_pdf(args.out, **options)
    result = clock.record({}, "pdf")
    emit({**result, "pages": len(document.pages), "bytes": args.out.stat().st_size})


def task_expand(args: argparse.Namespace) -> None:
    """Build the site once with a hook that saves every page's Markdown after mkdocs-macros expanded it."""
    import os

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from coalition_kit.site.engine import INPUTS_KEY

    project, data, _ = _project_and_data(args.data)
    os.environ["BENCH_EXPANDED_DIR"] = str(args.out)
    hook = Path(__file__).with_name("expand_hook.py")
    config = load_config(str(project.mkdocs_yml), site_dir=str(args.site), hooks=[str(hook)])
    config[INPUTS_KEY] = _site_inputs(data, args.dist)
    mkdocs_build(config)
    volunteer = data.edition("volunteer")
    emit({"pages": sorted(p.relative_to(args.out).as_posix() for p in args.out.rglob("*.md")),
          "volunteer_pages": [page for part in volunteer.parts for page in part.pages]})


# --------------------------------------------------------------------------- MkDocs alone (any venv)

def task_mkdocs(args: argparse.Namespace) -> None:
    """``mkdocs build`` of a configuration, in this process; with the PDF plugin's own time if it is on."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    try:  # imported before the clock starts, as the project's engines are
        import mkdocs_to_pdf.plugin  # noqa: F401
        import weasyprint  # noqa: F401
    except ImportError:
        pass
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    clock = Clock()
    config = load_config(str(args.config), site_dir=str(args.site))
    mkdocs_build(config)
    result = clock.record({}, "build")
    plugin = config.plugins.get("to-pdf")
    emit({**result, "plugin_self": getattr(plugin, "_total_time", None)})


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    tasks = parser.add_subparsers(dest="task", required=True)
    site = tasks.add_parser("site")
    pdf = tasks.add_parser("pdf")
    bare = tasks.add_parser("bare")
    expand = tasks.add_parser("expand")
    plain = tasks.add_parser("mkdocs")
    for sub in (site, pdf, expand):
        sub.add_argument("--data", type=Path, required=True)
    for sub in (site, expand):
        sub.add_argument("--dist", type=Path, required=True)
    for sub in (site, pdf, bare, expand):
        sub.add_argument("--out", type=Path, required=True)
    pdf.add_argument("--edition", required=True)
    pdf.add_argument("--lang", required=True)
    bare.add_argument("--html", type=Path, required=True)
    bare.add_argument("--base", type=Path, required=True)
    bare.add_argument("--variant", default=None)
    expand.add_argument("--site", type=Path, required=True)
    plain.add_argument("--config", type=Path, required=True)
    plain.add_argument("--site", type=Path, required=True)
    return parser.parse_args(argv)


TASKS = {"site": task_site, "pdf": task_pdf, "bare": task_bare, "expand": task_expand, "mkdocs": task_mkdocs}


if __name__ == "__main__":
    arguments = parse(sys.argv[1:])
    TASKS[arguments.task](arguments)
