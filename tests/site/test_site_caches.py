"""What a site build keeps between builds (render/disk_cache.py): the WOFF2 fonts and the compiled
templates, in the user's cache folder. The cache changes no byte of the site, and a folder that
cannot be written only costs time."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
import pytest

from ck_paths import FJORD
from coalition_kit.load.loader import load_data
from coalition_kit.render import disk_cache
from coalition_kit.render.disk_cache import TemplateCache, cache_folder, environment_settings
from coalition_kit.render.fonts import font_files
from coalition_kit.site import assets
from coalition_kit.site.inputs import SiteInputs

REGULAR = font_files()[("normal", "normal")]
EPOCH = "1700000000"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assets._woff2.cache_clear()
    yield home
    assets._woff2.cache_clear()


def converted_directly(ttf: Path) -> bytes:
    """The conversion the site made before the cache existed."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(ttf))
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


def test_the_cache_folder_follows_xdg_cache_home(cache_home: Path) -> None:
    assert cache_folder("fonts") == cache_home / "coalition-kit" / "fonts"


def test_cached_fonts_are_the_bytes_of_a_direct_conversion(cache_home: Path) -> None:
    first = assets._woff2(REGULAR, EPOCH)
    assert first == converted_directly(REGULAR)
    entries = list((cache_home / "coalition-kit" / "fonts").glob("*.woff2"))
    assert len(entries) == 1 and entries[0].read_bytes() == first
    assets._woff2.cache_clear()
    assert assets._woff2(REGULAR, EPOCH) == first  # read back from the folder


def test_a_second_build_reads_the_fonts_from_the_cache(cache_home: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    written = {p.name: p.read_bytes() for p in assets.write_fonts(tmp_path / "one")}
    assert len(written) == 4
    assets._woff2.cache_clear()

    def no_conversion(ttf: bytes) -> bytes:
        raise AssertionError("converted again instead of reading the cache")

    monkeypatch.setattr(assets, "_convert", no_conversion)
    again = {p.name: p.read_bytes() for p in assets.write_fonts(tmp_path / "two")}
    assert again == written


def test_another_epoch_or_font_is_another_entry(cache_home: Path) -> None:
    assets._woff2(REGULAR, EPOCH)
    assets._woff2(REGULAR, "1800000000")
    assets._woff2(font_files()[("bold", "normal")], EPOCH)
    assert len(list((cache_home / "coalition-kit" / "fonts").glob("*.woff2"))) == 3


def test_a_damaged_entry_is_converted_again(cache_home: Path) -> None:
    good = assets._woff2(REGULAR, EPOCH)
    (entry,) = (cache_home / "coalition-kit" / "fonts").glob("*.woff2")
    entry.write_bytes(b"not a font")
    assets._woff2.cache_clear()
    assert assets._woff2(REGULAR, EPOCH) == good


def test_an_unwritable_cache_folder_converts_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # nothing can be made under a file
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assets._woff2.cache_clear()
    try:
        assert assets._woff2(REGULAR, EPOCH) == converted_directly(REGULAR)
    finally:
        assets._woff2.cache_clear()


# --- compiled templates ------------------------------------------------------------------------

TEMPLATES = {"page.html": "{% for x in items %}\n  <li>{{ x }}</li>\n{% endfor %}\n"}


def environment(**settings) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), **settings)
    env.bytecode_cache = TemplateCache(env)
    return env


def counting_compiles(env: jinja2.Environment) -> list[str]:
    compiled: list[str] = []
    original = env.compile

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)

    env.compile = compile
    return compiled


def test_a_template_compiled_once_is_read_back_with_the_same_output(cache_home: Path) -> None:
    disk_cache._MEMORY.clear()
    first = environment(autoescape=True)
    made = first.get_template("page.html").render(items=["<a>", "b"])
    assert list((cache_home / "coalition-kit" / "templates").iterdir())

    disk_cache._MEMORY.clear()  # a new process: only the folder is left
    second = environment(autoescape=True)
    compiled = counting_compiles(second)
    assert second.get_template("page.html").render(items=["<a>", "b"]) == made
    assert compiled == []


def test_environments_that_compile_differently_never_share_an_entry(cache_home: Path) -> None:
    disk_cache._MEMORY.clear()
    plain = environment(autoescape=False).get_template("page.html").render(items=["<a>"])
    escaped = environment(autoescape=True).get_template("page.html").render(items=["<a>"])
    trimmed = environment(autoescape=True, trim_blocks=True).get_template("page.html").render(items=["<a>"])
    assert "<li><a></li>" in plain and "&lt;a&gt;" in escaped and escaped != trimmed
    assert len({environment_settings(jinja2.Environment(autoescape=a, trim_blocks=t))
                for a in (True, False) for t in (True, False)}) == 4


def test_a_changed_template_is_compiled_again(cache_home: Path) -> None:
    disk_cache._MEMORY.clear()
    assert environment().get_template("page.html").render(items=[1]).strip() == "<li>1</li>"
    TEMPLATES["page.html"] = "{% for x in items %}[{{ x }}]{% endfor %}"
    try:
        assert environment().get_template("page.html").render(items=[1]) == "[1]"
    finally:
        TEMPLATES["page.html"] = "{% for x in items %}\n  <li>{{ x }}</li>\n{% endfor %}\n"


# --- what mkdocs-macros writes as text at each build ---------------------------------------------

def test_site_inputs_text_leaves_the_data_out() -> None:
    inputs = SiteInputs(load_data(FJORD), "en", Path("dist"), [{"file": "x.pdf"}])
    text = repr(inputs)
    assert len(text) < 200 and "lang='en'" in text and "x.pdf" not in text


def test_pages_compiled_by_mkdocs_macros_are_cached_with_the_same_output(cache_home: Path) -> None:
    from types import SimpleNamespace

    from coalition_kit.site.macros import on_pre_page_macros

    disk_cache._MEMORY.clear()
    page = "# {{ title }}\n\n{% for x in items %}- {{ x }}\n{% endfor %}"
    expected = jinja2.Environment(autoescape=True).from_string(page).render(title="<T>", items=[1, 2])
    macros_plugin = SimpleNamespace(env=jinja2.Environment(autoescape=True))
    on_pre_page_macros(macros_plugin)
    on_pre_page_macros(macros_plugin)  # once per page: installed once
    assert macros_plugin.env.from_string(page).render(title="<T>", items=[1, 2]) == expected

    disk_cache._MEMORY.clear()
    again = SimpleNamespace(env=jinja2.Environment(autoescape=True))
    on_pre_page_macros(again)
    compiled = counting_compiles(again.env)
    assert again.env.from_string(page).render(title="<T>", items=[1, 2]) == expected
    assert compiled == []
    assert again.env.from_string(page + "!").render(title="x", items=[]).endswith("!") and len(compiled) == 1


# --- the navigation check reads mkdocs.yml without loading the theme and plugins ------------------

def test_missing_nav_titles_match_what_mkdocs_loads(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from coalition_kit.site.engine import missing_nav_titles, nav_translations
    from coalition_kit.site.languages import untranslated_nav_titles

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text("# Welcome\n", encoding="utf-8")
    (tmp_path / "pages" / "events.md").write_text("# Events\n", encoding="utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\ndocs_dir: pages\nnav:\n  - index.md\n  - Events: events.md\n"
                   "extra:\n  nav_translations:\n    es:\n      Welcome: Bienvenida\n", encoding="utf-8")
    config = load_config(str(yml))
    expected = untranslated_nav_titles(config.nav, nav_translations(config, "es"), Path(config.docs_dir))
    assert missing_nav_titles(yml, "es") == expected == ["Events"]
    yml.write_text(yml.read_text(encoding="utf-8") + "      Events: Eventos\n", encoding="utf-8")
    assert missing_nav_titles(yml, "es") == []  # a changed file is read again


# --- the theme's files are listed once per process, the project's overrides at every build -------

def test_theme_listing_is_the_engines_and_follows_the_overrides(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from coalition_kit.site import engine

    overrides, installed = tmp_path / "overrides", tmp_path / "installed-theme"
    for folder, names in ((overrides, ["main.html", "assets/ck/site.css"]),
                          (installed, ["base.html", "assets/app.js", ".icons/a.svg", "assets/app.js.map"])):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x", encoding="utf-8")
    dirs = [str(overrides), str(installed)]
    theme = SimpleNamespace(custom_dir=str(overrides), static_templates=["404.html"], dirs=dirs,
                            get_env=lambda: jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)))
    engine._list_theme_files_once(theme)
    keep = lambda name: not name.startswith(".") and not name.endswith(".html")  # noqa: E731
    expected = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)).list_templates(filter_func=keep)
    assert theme.get_env().list_templates(filter_func=keep) == expected == [
        "assets/app.js", "assets/app.js.map", "assets/ck/site.css"]
    (overrides / "assets" / "ck" / "new.css").write_text("x", encoding="utf-8")
    assert "assets/ck/new.css" in theme.get_env().list_templates(filter_func=keep)
    assert theme.get_env().list_templates() == jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs)).list_templates()  # other calls are the engine's own


def test_a_damaged_template_entry_is_compiled_again(cache_home: Path) -> None:
    disk_cache._MEMORY.clear()
    made = environment().get_template("page.html").render(items=[1])
    folder = cache_home / "coalition-kit" / "templates"
    magic = jinja2.bccache.bc_magic
    for entry in folder.iterdir():
        entry.write_bytes(magic + b"\x80garbage")
    disk_cache._MEMORY.clear()
    assert environment().get_template("page.html").render(items=[1]) == made
