"""The one way our code builds a Jinja environment for its own templates: autoescape on."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.ext import Extension


def package_templates(package: str, folder: str = "templates") -> Environment:
    """Templates shipped in ``package``; every value is HTML-escaped, undefined names fail."""
    return Environment(
        loader=PackageLoader(package, folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Autoescape(Extension):
    """Turns autoescape on in the Jinja environment that loads it.

    mkdocs-macros builds its environment without autoescape; listed in mkdocs.yml's
    ``j2_extensions``, this makes every value a page prints escaped unless it is already
    ``Markup`` (our blocks), whatever engine builds that environment.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.autoescape = True
