"""The page `coalition serve` shows instead of the site while the data has problems.

The person editing the data is looking at the browser, not the terminal, so each problem is
listed there with its file, line, column, message and hint. The page stands alone: no theme,
no file from the site or the network, its own strict Content-Security-Policy. Every value is
escaped: a message quotes what the data says.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from coalition_kit.load.problems import Problem
from coalition_kit.site.csp import apply_csp

_STYLE = """
body { font: 1.1rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
h1 { color: #8b0000; font-size: 1.6rem; }
li { margin: 0 0 1rem; }
.where { font-family: ui-monospace, monospace; font-weight: bold; overflow-wrap: anywhere; }
.hint { margin: 0.25rem 0 0; color: #333; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 1rem; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #121212; } h1 { color: #ff8a80; } .hint { color: #ccc; }
  pre { background: #222; }
}
"""


def _page(title: str, body: str) -> str:
    html = (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" data-ck-csp content="">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(title)}</h1>\n{body}"
        "<p>Fix the file and save it: this page reloads by itself and shows the site again.</p>\n"
        "</main>\n</body>\n</html>\n"
    )
    return apply_csp(html)


def _item(problem: Problem) -> str:
    where = (f'<span class="where">{escape(problem.file)}</span>, '
             f"line {problem.line}, column {problem.column}")
    kind = "<strong>warning:</strong> " if problem.warning else ""
    hint = f'\n<p class="hint">Hint: {escape(problem.hint)}</p>' if problem.hint else ""
    return f"<li>\n<p>{where}:<br>{kind}{escape(problem.message)}</p>{hint}\n</li>\n"


def problems_page(problems: Sequence[Problem]) -> str:
    """The page listing every problem; its title says how many ("Data problems – 2 found")."""
    items = "".join(_item(p) for p in problems)
    intro = "<p>The coalition data has problems, so the site was not rebuilt. Each one is at its place in the file:</p>\n"
    return _page(f"Data problems – {len(problems)} found", f"{intro}<ol>\n{items}</ol>\n")


def failure_page(message: str) -> str:
    """The page shown when the data is fine but the website build itself failed."""
    return _page("The website build failed", f"<pre>{escape(message)}</pre>\n")
