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
def serve(data_dir: Path | None, dev_addr: str) -> None:
    """Live preview of the website; edits to docs/ and to the data folder reload it.

    While the data has problems (even at start) the browser shows them instead of the site."""
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
    preview(project, data, project.dist_dir, host, int(port))


def _show_mkdocs_messages() -> None:
    """MkDocs logs through 'mkdocs'; show its messages (rebuilds, errors) on the terminal."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)  # its INFO lists every macro


if __name__ == "__main__":  # pragma: no cover
    main()
