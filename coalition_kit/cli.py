"""The ``coalition`` command: check, build, serve. Thin verbs over the pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coalition_kit.load.problems import DataError
from coalition_kit.paths import Project

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                           help="Data folder (default: ./data).")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build a coalition's website and printed notebook from its data folder."""


@main.command()
@DATA_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="text: FILE:LINE:COLUMN: message lines; github: GitHub Actions annotations (::error file=…).")
def check(data_dir: Path | None, strict: bool, output_format: str) -> None:
    """Validate the data folder; print one line per problem (FILE:LINE:COLUMN: message)."""
    from coalition_kit.pipeline.annotations import annotations
    from coalition_kit.pipeline.validate import validated_data, warning_lines

    project = Project.here()
    github = output_format == "github"
    warnings: list = []
    try:
        validated_data(data_dir or project.data_dir, project.docs_dir, warnings)
    except DataError as exc:
        click.echo("\n".join([*annotations(exc.problems, project.root), exc.summary()]) if github else exc.report())
        sys.exit(1)
    for line in annotations(warnings, project.root) if github else warning_lines(warnings):
        click.echo(line)
    if strict and warnings:
        click.echo(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}; --strict makes them fail the check.")
        sys.exit(1)


@main.command()
@DATA_OPTION
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Where the website goes (default: ./site).")
@click.option("--dist", "dist_dir", type=click.Path(path_type=Path), default=None, help="Where PDFs go (default: ./dist).")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
def build(data_dir: Path | None, site_dir: Path | None, dist_dir: Path | None, force: bool) -> None:
    """Validate, then build every PDF and the website."""
    from coalition_kit.pipeline.errors import BuildError, interrupt_on_sigterm
    from coalition_kit.pipeline.validate import validated_data, warning_lines

    project = Project.here()
    interrupt_on_sigterm()
    data_dir = data_dir or project.data_dir
    warnings: list = []
    try:
        data = validated_data(data_dir, project.docs_dir, warnings)
    except DataError as exc:  # before the engines are even imported: bad data fails fast
        click.echo(exc.report())
        sys.exit(1)
    for line in warning_lines(warnings):
        click.echo(line)
    from coalition_kit.pipeline.build import build_validated

    try:
        build_validated(project, data, data_dir, site_dir or project.site_dir, dist_dir or project.dist_dir,
                        report=click.echo, force=force)
    except BuildError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted; the site and the PDFs were left as they were (never half replaced)")


@main.command()
@DATA_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--pdf", "pdfs", is_flag=True,
              help="Also print every PDF into dist/ at start and after each change, in the background.")
def serve(data_dir: Path | None, dev_addr: str, pdfs: bool) -> None:
    """Live preview of the website; edits to docs/ and to the data folder reload it.

    While the data has problems (even at start) the browser shows them instead of the site.
    A save shows the main language first, then the other languages. The PDFs are not printed
    again on each save: the downloads list those already in dist/ when they were made from the
    same data. Get fresh PDFs with `make build` (or `coalition build`), or add --pdf."""
    from coalition_kit.pipeline.errors import interrupt_on_sigterm
    from coalition_kit.pipeline.preview import preview

    project = Project.here()
    interrupt_on_sigterm()  # stopped by a supervisor: still remove the preview's temporary folder
    data = (data_dir or project.data_dir).resolve()
    if not data.is_dir():
        _fail(f"data folder not found: {data} (pass the folder that holds coalition.yml with --data)")
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter("use HOST:PORT, e.g. 127.0.0.1:8000", param_hint="--dev-addr")
    _show_mkdocs_messages()
    click.echo(f"Previewing {data} at http://{dev_addr}/ (Ctrl+C to stop); edits to data and docs reload.")
    if pdfs:
        click.echo(f"PDFs are printed into {project.dist_dir} after each change (--pdf).")
    else:
        click.echo("PDFs are not printed on save: run `make build` for fresh ones, or serve with --pdf.")
    preview(project, data, project.dist_dir, host, int(port), pdfs=pdfs)


@main.command(name="new")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--name", prompt="Name of the coalition", help="Full name, e.g. 'Riverside Coalition Against Trafficking'.")
@click.option("--city", prompt="City", help="The city or town the coalition works in.")
@click.option("--region", prompt="State, province or county", help="State, province or county.")
@click.option("--country", prompt="Country (two-letter ISO code, e.g. US, GB, CA)", default="US",
              help="Two-letter ISO 3166 country code, e.g. US, GB, NO.")
@click.option("--email", prompt="Public contact email", help="The coalition's public contact address.")
@click.option("--website", prompt="Website (https://...)", help="The coalition's website, https://...")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default=None,
              help="Paper size of the PDFs (default: Letter in the US and Canada, A4 elsewhere).")
@click.option("--languages", default=None, help="Languages to build, e.g. en or en,es (default: en).")
@click.option("--emergency-number", default=None, help="The emergency number (default: the country's, e.g. 911, 999, 112).")
@click.option("--timezone", default=None, help="IANA time zone for events, e.g. Europe/London (default: the country's).")
@click.option("--force", is_flag=True, help="Write into TARGET even if it already holds files.")
def new_coalition(target: Path, force: bool, **answers: str | None) -> None:
    """Start a new coalition: write a complete data folder TARGET from the shared program.

    Asks for each value it is not given. Keeps the guide, the Hotel-Motel Project, the signs
    and the forms; leaves out the default coalition's own story, events and tracker.
    """
    from coalition_kit.fork.answers import AnswerError, checked_answers
    from coalition_kit.fork.new import create

    project = Project.here()
    if target.exists() and any(target.iterdir()) and not force:
        _fail(f"{target} already holds files; choose a new folder, or add --force to write into it")
    try:
        new = checked_answers(answers, ask=click.prompt if sys.stdin.isatty() else None)
    except AnswerError as exc:
        _fail(str(exc))
    written = create(project.data_dir, target, new)
    click.echo(f"Wrote {len(written)} data files to {target}: {', '.join(written)}.")
    from coalition_kit.fork.answers import next_steps

    for line in next_steps(target, new):
        click.echo(line)


def _show_mkdocs_messages() -> None:
    """MkDocs logs through 'mkdocs'; show its messages (rebuilds, errors) on the terminal."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)  # its INFO lists every macro


# --- measuring the project: the outreach tracker as a spreadsheet, and the figures ---------------


@main.group()
def tracker() -> None:
    """Move the hotel outreach tracker between data/outreach.yml and a CSV file (a spreadsheet)."""


@tracker.command("import")
@click.argument("csv_file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@DATA_OPTION
def tracker_import(csv_file: Path, data_dir: Path | None) -> None:
    """Replace the hotels and sessions of outreach.yml with those of CSV_FILE (one row per session).

    Every bad row is reported as FILE:LINE:COLUMN and nothing is changed while any row is bad.
    """
    from coalition_kit.load.tracker_csv import import_csv

    data_dir = data_dir or Project.here().data_dir
    try:
        data = import_csv(csv_file, data_dir)
    except DataError as exc:
        click.echo(exc.report().replace("nothing was built", "nothing was changed"))
        sys.exit(1)
    hotels = data.outreach.hotels
    sessions = sum(len(h.sessions) for h in hotels)
    click.echo(f"imported     {len(hotels)} hotel{'s' if len(hotels) != 1 else ''} and {sessions} session"
               f"{'s' if sessions != 1 else ''} into {data_dir / 'outreach.yml'}")


@tracker.command("export")
@click.argument("csv_file", type=click.Path(path_type=Path, dir_okay=False))
@DATA_OPTION
def tracker_export(csv_file: Path, data_dir: Path | None) -> None:
    """Write the hotels and sessions of outreach.yml to CSV_FILE (UTF-8, one row per session)."""
    from coalition_kit.load.tracker_csv import export_csv

    try:
        rows = export_csv(data_dir or Project.here().data_dir, csv_file)
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)
    except OSError as exc:
        _fail(f"could not write {csv_file}: {exc.strerror or exc}")
    click.echo(f"exported     {rows} row{'s' if rows != 1 else ''} to {csv_file}")
    click.echo("note         the file holds managers' contacts and notes: keep it private, as outreach.yml is")


@main.command()
@DATA_OPTION
@click.option("--names", is_flag=True, help="Also name the hotels whose refresher is overdue (private: for "
                                            "coalition members only).")
def report(data_dir: Path | None, names: bool) -> None:
    """Print the project's figures: hotel outreach, training results and community readiness."""
    from coalition_kit.render.report import report_lines

    project = Project.here()
    try:
        from coalition_kit.load.loader import load_data

        data = load_data(data_dir or project.data_dir)
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)
    for line in report_lines(data, names=names):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
