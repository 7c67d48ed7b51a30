"""mkdocs-macros adapter: a thin ``define_env`` over the package (listed under ``modules:``).

Driven by the pipeline, it receives everything as one ``SiteInputs`` object in the engine's
config and only registers macros and theme values. Under a plain ``mkdocs build`` or
``mkdocs serve`` it loads the data itself (once per process and data version) and calls the
same finish step the pipeline calls. A move to another engine with the same macros contract
(Zensical, ProperDocs) touches only this file and ``engine.py``.

Safety: pages render with autoescape on (``coalition_kit.render.jinja.Autoescape`` in
mkdocs.yml's ``j2_extensions``), our blocks are ``Markup`` already, and the names MkDocs itself
prints (``site_name``, ``site_author``) are escaped ``Markup`` before any template sees them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError

from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import DataError
from coalition_kit.model.privacy import public_view
from coalition_kit.outputs.digest import data_digest
from coalition_kit.outputs.manifest import read_manifest
from coalition_kit.render.blocks import Blocks
from coalition_kit.render.disk_cache import TemplateCache
from coalition_kit.site.csp import POLICY
from coalition_kit.site.engine import INPUTS_KEY
from coalition_kit.site.finish import finish_site
from coalition_kit.site.inputs import SiteInputs
from coalition_kit.site.theme import theme_settings

_STANDALONE = "_coalition_kit_standalone"
_PAGES_CACHED = "_coalition_kit_pages_cached"


def define_env(env) -> None:
    inputs = env.conf.get(INPUTS_KEY)
    if inputs is None:  # a plain `mkdocs build` or `mkdocs serve`: no pipeline around us
        inputs = _standalone_inputs(Path(env.project_dir))
        setattr(env, _STANDALONE, inputs)
    blocks = Blocks(inputs.data, inputs.lang, output="site", manifest=inputs.manifest,
                    downloads_href=inputs.downloads_href)
    settings = theme_settings(inputs.data, inputs.lang)
    env.conf["site_name"] = escape(settings["short_name"])
    env.conf["site_author"] = escape(settings["name"])
    env.conf["theme"]["language"] = inputs.lang
    env.conf["extra"]["ck"] = settings
    env.conf["extra"]["ck_csp"] = POLICY.format(scripts="", styles="")
    env.conf["extra"].setdefault("ck_fallback", [])  # set by the engine for a translated build
    env.conf["extra"].setdefault("ck_source_lang", "en")
    for name, value in blocks.variables().items():
        env.variables[name] = value
    for name, method in blocks.macros().items():
        env.macro(_function(method), name)


def _function(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` as a plain function: mkdocs-macros writes each macro as text at every build (a
    debug trace made whether or not it is shown), and a bound method's text holds its whole
    ``Blocks``, data included; a function's is its signature and docstring."""

    @wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        return method(*args, **kwargs)

    return call


def on_pre_page_macros(env) -> None:
    """Before the first page: keep each page's compiled Jinja code (``render.disk_cache``), as
    the theme's templates are kept; compiling the pages took a tenth of the build."""
    jinja = env.env
    if getattr(jinja, _PAGES_CACHED, False):
        return
    cache = TemplateCache(jinja)
    jinja.bytecode_cache = cache  # the templates pages include

    def from_string(source: str, globals: dict | None = None, template_class: Any = None) -> Any:
        """``Environment.from_string`` with the compiled code cached by the page's text."""
        name = "page:" + hashlib.sha256(source.encode("utf-8")).hexdigest()
        bucket = cache.get_bucket(jinja, name, None, source)
        if bucket.code is None:
            bucket.code = jinja.compile(source)
            cache.set_bucket(bucket)
        return (template_class or jinja.template_class).from_code(jinja, bucket.code, jinja.make_globals(globals), None)

    jinja.from_string = from_string
    setattr(jinja, _PAGES_CACHED, True)


def on_post_build(env) -> None:
    inputs = getattr(env, _STANDALONE, None)
    if inputs is not None:  # the pipeline finishes its own builds
        finish_site(Path(env.conf["site_dir"]), inputs)


def _standalone_inputs(project_dir: Path) -> SiteInputs:
    data_dir = (project_dir / "data").resolve()
    return _load_inputs(data_dir, project_dir / "dist", data_digest(data_dir))


@lru_cache(maxsize=2)
def _load_inputs(data_dir: Path, dist_dir: Path, digest: str) -> SiteInputs:
    """Data and manifest of one version of the data folder (``digest``), loaded once."""
    try:
        data = public_view(load_data(data_dir))
    except DataError as exc:  # show the problems, not a traceback
        raise PluginError("the coalition data has problems:\n" + exc.report()) from None
    return SiteInputs(data, data.coalition.main_language, dist_dir, read_manifest(dist_dir, digest))
