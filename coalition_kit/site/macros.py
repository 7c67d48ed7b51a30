"""mkdocs-macros adapter: a thin ``define_env`` over the package (listed under ``modules:``).

Everything it does is also available without MkDocs; a move to another engine with
the same macros contract (Zensical, ProperDocs) touches only this file.

Safety: mkdocs-macros builds its Jinja environment without autoescape, and MkDocs'
theme templates have none either. So every value from data that pages or the theme
print is escaped here: page templates render with autoescape on (the blocks are
``Markup`` already), and the names MkDocs itself prints (``site_name``,
``site_author``) are escaped ``Markup`` before any template sees them.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError

from coalition_kit.build.fingerprint import data_digest
from coalition_kit.build.manifest import read_manifest
from coalition_kit.load.problems import DataError
from coalition_kit.render.blocks import Blocks
from coalition_kit.site.assets import write_fonts, write_logo
from coalition_kit.site.context import dist_dir, site_data, site_language, theme_settings
from coalition_kit.site.csp import POLICY, apply_csp_to_site
from coalition_kit.site.downloads import copy_downloads
from coalition_kit.site.events import write_ics_files


def define_env(env) -> None:
    config_dir = Path(env.conf["config_file_path"]).resolve().parent
    try:
        data = site_data(config_dir)
    except DataError as exc:  # show the problems, not a traceback
        raise PluginError("the coalition data has problems:\n" + exc.report()) from None
    lang = site_language(data)
    manifest = read_manifest(dist_dir(config_dir), data_digest(data.data_dir))
    blocks = Blocks(data, lang, output="site", manifest=manifest)
    settings = theme_settings(data, lang)
    env.conf["site_name"] = escape(settings["short_name"])
    env.conf["site_author"] = escape(settings["name"])
    env.conf["theme"]["language"] = lang
    env.conf["extra"]["ck"] = settings
    env.conf["extra"]["ck_csp"] = POLICY.format(scripts="", styles="")
    env.variables["ck_data"] = data
    env.variables["ck_manifest"] = manifest
    for name, value in blocks.variables().items():
        env.variables[name] = value
    for name, function in blocks.macros().items():
        env.macro(function, name)


def on_pre_page_macros(env) -> None:
    """Escape every expression a page prints unless it is already safe HTML (our blocks)."""
    env.env.autoescape = True


def on_post_build(env) -> None:
    data = env.variables["ck_data"]
    site_dir = Path(env.conf["site_dir"])
    write_ics_files(data, site_dir / "events", site_language(data))
    write_fonts(site_dir)
    write_logo(data, site_dir)
    config_dir = Path(env.conf["config_file_path"]).resolve().parent
    copy_downloads(env.variables["ck_manifest"], dist_dir(config_dir), site_dir / "downloads")
    apply_csp_to_site(site_dir)  # last: hashes the inline scripts of the finished pages
