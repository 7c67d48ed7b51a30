"""``python build_notebook.py``: PDFs only, narrowed by edition and language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coalition_kit.load.problems import DataError
from coalition_kit.model import CoalitionData
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import ManifestEntry, read_manifest, write_manifest
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError, interrupt_on_sigterm
from coalition_kit.pipeline.staging import output_lock
from coalition_kit.pipeline.validate import validated_data


if TYPE_CHECKING:
    from coalition_kit.pipeline.pdfs import Target


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None, help="Data folder (default: ./data).")
@click.option("--edition", "editions", multiple=True, help="Only this edition (repeatable), e.g. staff.")
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable), e.g. en.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the single chosen PDF here instead of dist/.")
@click.option("--dist", "dist_dir", type=click.Path(path_type=Path), default=None, help="Output folder (default: ./dist).")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the pages to print (default: ./docs).")
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None,
              help="Write the composed HTML of the single chosen edition here instead of a PDF.")
def main(data_dir: Path | None, editions: tuple[str, ...], langs: tuple[str, ...], output: Path | None,
         dist_dir: Path | None, docs_dir: Path | None, html_path: Path | None) -> None:
    """Build every printed edition in every language (or the ones you choose)."""
    project = Project.here()
    dist = dist_dir or project.dist_dir
    try:
        data = validated_data(data_dir or project.data_dir, docs_dir or project.docs_dir)
    except DataError as exc:
        click.echo(exc.report())
        sys.exit(1)
    from coalition_kit.pipeline.pdfs import build_pdfs, compose, targets  # the engines, once data is good

    try:
        chosen = targets(data, list(editions) or None, list(langs) or None)
    except (BuildError, KeyError) as exc:
        click.echo(f"error: {exc.args[0]}", err=True)
        sys.exit(2)
    if (output or html_path) and len(chosen) != 1:
        click.echo("error: -o and --html need exactly one edition and one language "
                   f"(you chose {len(chosen)}); add --edition and --lang", err=True)
        sys.exit(2)
    interrupt_on_sigterm()
    try:
        if html_path:
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(compose(data, chosen[0], project, docs_dir), encoding="utf-8")
            click.echo(f"html         {html_path}")
        elif output is not None:
            build_pdfs(data, project, dist, chosen, report=click.echo, output=output, docs_dir=docs_dir)
        else:
            with output_lock(dist.resolve()):
                _build_into_dist(data, project, dist, chosen, docs_dir)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: could not write {exc.filename or 'the PDFs'}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("error: interrupted; each PDF is either the old file or a complete new one", err=True)
        sys.exit(1)


def _build_into_dist(data: CoalitionData, project: Project, dist: Path, chosen: list[Target],
                     docs_dir: Path | None) -> None:
    """The chosen PDFs into ``dist``, each written atomically; the manifest keeps the others."""
    from coalition_kit.pipeline.fingerprint import record_pieces, recorded
    from coalition_kit.pipeline.pdfs import build_pdfs
    from coalition_kit.pipeline.pieces import piece_cache

    # A piece whose own inputs did not change since it was last printed into dist/ stays as it is.
    cache = piece_cache(data, docs_dir or project.docs_dir, dist.resolve(), recorded(dist))
    entries = build_pdfs(data, project, dist, chosen, report=click.echo, docs_dir=docs_dir, cache=cache)
    digest = data_digest(data.data_dir)
    kept = {e.file: e for e in _entries(read_manifest(dist, digest)) if (dist / e.file).exists()}
    kept.update({e.file: e for e in entries})
    write_manifest(dist, list(kept.values()), digest)
    record_pieces(dist, cache.recorded)


def _entries(raw: list[dict]) -> list[ManifestEntry]:
    out = []
    for item in raw:
        try:
            out.append(ManifestEntry(**item))
        except TypeError:
            continue
    return out
