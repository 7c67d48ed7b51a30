"""The ``coalition`` command: check, build, serve, new. Thin verbs over the package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.paths import default_data_dir, project_root

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
def check(data_dir: Path | None) -> None:
    """Validate the data folder; print one line per problem (FILE:LINE:COLUMN: message)."""
    from coalition_kit.build.validate import validated_data

    try:
        validated_data(data_dir or default_data_dir(), project_root() / "docs")
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)


@main.command()
@DATA_OPTION
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Where the website goes (default: ./site).")
@click.option("--dist", "dist_dir", type=click.Path(path_type=Path), default=None, help="Where PDFs go (default: ./dist).")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
def build(data_dir: Path | None, site_dir: Path | None, dist_dir: Path | None, force: bool) -> None:
    """Validate, then build every PDF and the website."""
    from coalition_kit.build.notebook import BuildError
    from coalition_kit.build.pipeline import build_everything
    from coalition_kit.build.site import SiteBuildError

    root = project_root()
    try:
        build_everything(root, data_dir or default_data_dir(), site_dir or root / "site", dist_dir or root / "dist",
                         report=click.echo, force=force)
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)
    except (BuildError, SiteBuildError) as exc:
        _fail(str(exc))


@main.command()
@DATA_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(data_dir: Path | None, dev_addr: str) -> None:
    """Live preview of the website; edits to docs/ and to the data folder reload it."""
    from coalition_kit.build.site import build_environment
    from mkdocs.commands.serve import serve as mkdocs_serve

    root = project_root()
    data = (data_dir or default_data_dir()).resolve()
    try:
        load_data(data)
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)
    _show_mkdocs_messages()
    click.echo(f"Previewing {data} at http://{dev_addr}/ (Ctrl+C to stop); edits to data and docs reload.")
    with build_environment(data, root / "dist"):
        mkdocs_serve(str(root / "mkdocs.yml"), dev_addr=dev_addr, watch=[str(data)])


def _show_mkdocs_messages() -> None:
    """MkDocs logs through 'mkdocs'; show its messages (rebuilds, errors) on the terminal."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.macros").setLevel(logging.WARNING)  # its INFO lists every macro


if __name__ == "__main__":  # pragma: no cover
    main()
