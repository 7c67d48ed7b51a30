"""Print the editions: every edition in every language, with one line of feedback each."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coalition_kit.model import CoalitionData
from coalition_kit.model.editions import Edition
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.manifest import ManifestEntry, entry_for, size_label
from coalition_kit.paths import Project
from coalition_kit.pipeline.errors import BuildError
from coalition_kit.pipeline.privacy_guard import PrivacyGuard
from coalition_kit.printed.compose import compose_edition
from coalition_kit.printed.pdf import write_pdf
from coalition_kit.site.engine import markdown_settings


@dataclass(frozen=True)
class Target:
    edition: Edition
    lang: str
    second: str | None = None
    """A bilingual piece's second language (``bilingual: [en, es]`` in editions.yml)."""

    @property
    def language(self) -> str:
        """As the manifest says it: ``es``, or ``en+es`` for a bilingual piece."""
        return f"{self.lang}+{self.second}" if self.second else self.lang

    @property
    def file_name(self) -> str:
        return f"{self.edition.id}-{self.lang}-{self.second}.pdf" if self.second else f"{self.edition.id}-{self.lang}.pdf"


def targets(data: CoalitionData, editions: list[str] | None = None, langs: list[str] | None = None) -> list[Target]:
    """Each chosen edition in each chosen language, then its bilingual copy when editions.yml
    asks for one and both its languages are chosen."""
    chosen = [data.edition(e) for e in editions] if editions else list(data.editions.editions)
    languages = langs or list(data.coalition.languages)
    for lang in languages:
        if lang not in data.coalition.languages:
            raise BuildError(f"language '{lang}' is not enabled in coalition.yml "
                             f"(enabled: {', '.join(data.coalition.languages)})")
    found = []
    for edition in chosen:
        found += [Target(edition, lang) for lang in languages]
        if edition.bilingual and all(lang in languages for lang in edition.bilingual):
            found.append(Target(edition, edition.bilingual[0], edition.bilingual[1]))
    return found


def data_for(data: CoalitionData, edition: Edition) -> CoalitionData:
    """Only an edition marked includes_private sees private data."""
    return data if edition.includes_private else public_view(data)


def compose(data: CoalitionData, target: Target, project: Project, docs_dir: Path | None = None) -> str:
    """The edition's HTML; pages come from ``docs_dir`` (default: the project's docs/)."""
    return compose_edition(data_for(data, target.edition), target.edition, target.lang,
                           docs_dir or project.docs_dir, markdown_settings(project.mkdocs_yml), second=target.second)


def build_pdfs(data: CoalitionData, project: Project, dist_dir: Path, chosen: list[Target],
               report: Callable[[str], None] = print, output: Path | None = None,
               shown_dir: Path | None = None, docs_dir: Path | None = None,
               guard: PrivacyGuard | None = None) -> list[ManifestEntry]:
    """Build each target into ``dist_dir`` (or ``output``); ``shown_dir`` is the folder named in feedback."""
    guard = guard or PrivacyGuard(data)
    entries: list[ManifestEntry] = []
    for target in chosen:
        started = time.perf_counter()
        path = output if output is not None else dist_dir / target.file_name
        try:
            html = compose(data, target, project, docs_dir)
            if not target.edition.includes_private:
                leaks = guard.fields_in(html)
                if leaks:
                    raise BuildError(f"{target.edition.id} [{target.language}]: private data would be printed in a "
                                     f"public edition: the value of {', '.join(map(str, leaks))}; nothing was written")
            pages = docs_dir or project.docs_dir
            result = write_pdf(html, path, base_url=pages, readable=[pages, *data.referenced_files()])
            for line in result.warnings:
                report(f"warning      {target.edition.id} [{target.language}]: {line}")
        except BuildError:
            raise
        except Exception as exc:  # report which edition failed, then stop
            raise BuildError(f"{target.edition.id} [{target.language}]: failed: {exc}") from exc
        elapsed = time.perf_counter() - started
        report(f"{target.edition.id:<12} {target.language:<5} {result.pages:>4} {'page ' if result.pages == 1 else 'pages'}  "
               f"{size_label(result.bytes):>8}  {elapsed:5.1f} s  {(shown_dir / path.name) if shown_dir else path}")
        entries.append(entry_for(path, edition=target.edition.id, language=target.language,
                                 paper=data.coalition.paper, pages=result.pages,
                                 public=not target.edition.includes_private))
    return entries
