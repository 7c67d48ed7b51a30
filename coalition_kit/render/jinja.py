"""The one way our code builds a Jinja environment for its own templates: autoescape on."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def package_templates(package: str, folder: str = "templates") -> Environment:
    """Templates shipped in ``package``; every value is HTML-escaped, undefined names fail."""
    return Environment(
        loader=PackageLoader(package, folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
