"""Checks of editions.yml against docs/ and the known forms, without composing anything.

``coalition check`` reports these next to the line of editions.yml they concern: each problem
is ``(edition_index, part_index, field, item_index, message)``, where ``field`` is ``'pages'``
or ``'forms'`` and the indexes count from 0 in the order of the file; a problem with an
edition's own field (``'bilingual'``) has no part (``part_index`` is None).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from coalition_kit.model import CoalitionData
from coalition_kit.printed.forms import FORMS, internal_form_message, unknown_form_message

__all__ = ["EditionProblem", "check_editions"]

EditionProblem = tuple[int, int | None, Literal["pages", "forms", "bilingual"], int, str]


def check_editions(data: CoalitionData, docs_dir: Path) -> list[EditionProblem]:
    """Pages that do not exist in ``docs_dir`` (or are listed twice), unknown forms, internal
    forms listed by an edition without ``includes_private: true``, and bilingual pieces in a
    language the coalition does not enable."""
    problems: list[EditionProblem] = []
    enabled = data.coalition.languages
    for e_index, edition in enumerate(data.editions.editions):
        for i, lang in enumerate(edition.bilingual or ()):
            if lang not in enabled:
                problems.append((e_index, None, "bilingual", i,
                                 f"edition '{edition.id}' is bilingual in '{lang}', but coalition.yml does not "
                                 f"list it in languages ({', '.join(enabled)}); add it there, or leave it out here"))
        seen: set[str] = set()
        for p_index, part in enumerate(edition.parts):
            for i, page in enumerate(part.pages):
                if not (docs_dir / page).is_file():
                    problems.append((e_index, p_index, "pages", i,
                                     f"edition '{edition.id}' lists the page '{page}', "
                                     f"but docs/{page} does not exist"))
                elif page in seen:
                    problems.append((e_index, p_index, "pages", i,
                                     f"edition '{edition.id}' lists the page '{page}' twice"))
                seen.add(page)
            for i, slug in enumerate(part.forms):
                spec = FORMS.get(slug)
                if spec is None:
                    problems.append((e_index, p_index, "forms", i,
                                     f"edition '{edition.id}': {unknown_form_message(slug)}"))
                elif spec.internal and not edition.includes_private:
                    problems.append((e_index, p_index, "forms", i,
                                     f"edition '{edition.id}' lists {internal_form_message(slug)}"))
    return problems
