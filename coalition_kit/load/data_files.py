"""Files that data names (the logo): confined to the data folder and typed by their content.

Data is untrusted input (a pull request may edit it), and whatever file it names is published
on the website and embedded in PDFs. So a named file must resolve inside the data folder
after following links, be a regular file of a sane size, and be an image by its content —
PNG, JPEG, WebP, or an SVG with no script, event handler, ``foreignObject``, entity or
outside reference — with a name whose extension says the same.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from xml.etree import ElementTree

MAX_IMAGE_BYTES = 2 * 1024 * 1024

#: Extensions accepted for each type found by content.
EXTENSIONS = {"png": {".png"}, "jpeg": {".jpg", ".jpeg"}, "webp": {".webp"}, "svg": {".svg"}}

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


def image_type(content: bytes) -> str | None:
    """'png', 'jpeg', 'webp' or 'svg' from the bytes themselves; None for anything else."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in content[:4096].lower():
        return "svg"
    return None


def svg_problem(content: bytes) -> str | None:
    """Why an SVG may not be published (script, handlers, outside references…), or None."""
    if b"<!doctype" in content.lower() or b"<!entity" in content.lower():
        return "the SVG declares a DOCTYPE or entities, which an image does not need"
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        return f"the SVG is not well-formed XML ({exc})"
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        return "the file is not an SVG image (its first element is not <svg>)"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in ("script", "foreignobject", "iframe", "embed", "object"):
            return f"the SVG contains a <{name}> element"
        style = (element.text or "") if name == "style" else ""
        if _OUTSIDE_URL.search(style) or "@import" in style:
            return "the SVG's style refers to another file or address"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"the SVG has an event handler ({local}=…)"
            if (local == "href" or attribute == _XLINK_HREF) and not value.strip().startswith("#"):
                return f"the SVG refers to another file or address ({local}=\"{value[:60]}\")"
            if _OUTSIDE_URL.search(value):
                return f"the SVG refers to another file or address in {local}=…"
    return None


def data_file_problem(data_dir: Path, name: str) -> str | None:
    """Why ``name`` (as written in data) may not be used as an image, or None when it may."""
    folder = data_dir.resolve()
    if Path(name).is_absolute():
        return f"'{name}' is an absolute path; give a file inside the data folder, e.g. logo.svg"
    path = (data_dir / name).resolve()
    if folder not in path.parents:
        return f"'{name}' is outside the data folder (after following links); put the file in the data folder"
    try:
        info = path.stat()
    except OSError:
        return f"file '{name}' not found next to coalition.yml"
    if not stat.S_ISREG(info.st_mode):
        return f"'{name}' is not a regular file"
    if info.st_size > MAX_IMAGE_BYTES:
        return f"'{name}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    content = path.read_bytes()
    kind = image_type(content)
    if kind is None:
        return f"'{name}' is not a PNG, JPEG, WebP or SVG image (judged by its content, not its name)"
    if path.suffix.lower() not in EXTENSIONS[kind]:
        return f"'{name}' holds a {kind.upper()} image; name it with {' or '.join(sorted(EXTENSIONS[kind]))}"
    if kind == "svg":
        problem = svg_problem(content)
        if problem:
            return f"'{name}': {problem}; export a plain SVG or use a PNG"
    return None
