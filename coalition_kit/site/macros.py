"""mkdocs-macros adapter: a thin ``define_env`` over the package (listed under ``modules:``).

Everything it does is also available without MkDocs; a move to another engine with
the same macros contract (Zensical, ProperDocs) touches only this file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from coalition_kit.load.problems import DataError
from coalition_kit.build.manifest import read_manifest
from coalition_kit.render.blocks import Blocks
from coalition_kit.site.context import dist_dir, site_data, site_language, theme_settings
from coalition_kit.site.events import write_ics_files


def define_env(env) -> None:
    config_dir = Path(env.conf["config_file_path"]).resolve().parent
    try:
        data = site_data(config_dir)
    except DataError as exc:  # show the problems, not a traceback
        raise PluginError("the coalition data has problems:\n" + exc.report()) from None
    lang = site_language(data)
    blocks = Blocks(data, lang, output="site", manifest=read_manifest(dist_dir(config_dir)))
    settings = theme_settings(data, lang)
    env.conf["site_name"] = settings["short_name"]
    env.conf["site_author"] = settings["name"]
    env.conf["theme"]["language"] = lang
    env.conf["extra"]["ck"] = settings
    env.variables["ck_data"] = data
    for name, value in blocks.variables().items():
        env.variables[name] = value
    for name, function in blocks.macros().items():
        env.macro(function, name)


def on_post_build(env) -> None:
    config_dir = Path(env.conf["config_file_path"]).resolve().parent
    data = env.variables["ck_data"]
    write_ics_files(data, Path(env.conf["site_dir"]) / "events", site_language(data))
