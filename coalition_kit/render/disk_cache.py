"""Work kept between builds: compiled Jinja templates (and converted fonts, ``site.assets``).

Only an accelerator: every entry is named by a hash of everything its content depends on, so
a changed input makes a new entry and never reuses an old one, and when the folder cannot be
read or written the work is simply done again in memory. The folder is the user's cache
folder (``$XDG_CACHE_HOME/coalition-kit``, or ``~/.cache/coalition-kit``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache


def cache_folder(*parts: str) -> Path:
    """``$XDG_CACHE_HOME/coalition-kit/<parts>`` (``~/.cache`` when the variable is not set)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "coalition-kit", *parts)


def read_entry(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_entry(path: Path, content: bytes) -> None:
    """Write ``path`` atomically (a whole file or none, even with builds running side by side);
    nothing when the folder cannot be written."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as out:
            temporary = out.name
            out.write(content)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# --- compiled templates ------------------------------------------------------------------------

#: Compiled templates already read in this process, by cache key (a preview rebuilds often).
_MEMORY: dict[str, bytes] = {}


class TemplateCache(BytecodeCache):
    """Jinja's bytecode cache in memory and on disk, for one environment.

    Jinja checks each entry against the template's source (a SHA-1 of it) and its own format
    and Python version; the key adds the environment's settings that change the compiled code
    (delimiters, whitespace control, autoescape, extensions), so that two environments that
    compile the same file differently never share an entry."""

    def __init__(self, environment: jinja2.Environment, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_folder("templates")
        self._settings = environment_settings(environment)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self._settings}\0{name}\0{filename}".encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        found = _MEMORY.get(bucket.key)
        if found is None:
            found = read_entry(self.folder / bucket.key)
        if not found:
            return
        try:
            bucket.bytecode_from_string(found)  # left empty when stale: Jinja compiles again
        except Exception:  # noqa: BLE001 - a damaged entry is only a miss
            bucket.reset()
        if bucket.code is not None:
            _MEMORY[bucket.key] = found

    def dump_bytecode(self, bucket: Bucket) -> None:
        content = bucket.bytecode_to_string()
        _MEMORY[bucket.key] = content
        write_entry(self.folder / bucket.key, content)


def environment_settings(environment: jinja2.Environment) -> str:
    """What, besides the source, the code Jinja compiles for a template depends on."""
    env = environment
    return repr((
        jinja2.__version__, sys.version_info[:2], type(env).__module__, type(env).__qualname__,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        sorted(env.extensions), _described(env.autoescape), _described(env.finalize),
        _described(env.code_generator_class), _described(env.context_class),
    ))


def _described(value: Any) -> Any:
    """A value, or a function by its name and the values it closes over (``select_autoescape``)."""
    if not callable(value):
        return value
    cells = tuple(_described(cell.cell_contents) for cell in getattr(value, "__closure__", None) or ())
    return (getattr(value, "__module__", None), getattr(value, "__qualname__", repr(type(value))), cells)
