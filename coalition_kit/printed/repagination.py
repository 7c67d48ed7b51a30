"""Lay out a book once, plus only the pages whose page references could not be known, with the same result.

A book's table of contents, part dividers and cross references print the page their target is
on (``target-counter(attr(href), page)`` in book.css). WeasyPrint 70 lays the pages out, then
again the pages marked as changed, until none is (``layout/__init__.py: layout_document``,
``layout/page.py: make_all_pages / remake_page / make_page``, ``css/targets.py``). Counting
the calls of ``remake_page`` on the volunteer notebook: 103 pages in a first pass, then the 38
pages holding a reference in a second pass, and the same 38 in a third: 179 pages laid out to
print 103. What marks them, read in WeasyPrint 70:

- ``compute_content_list`` (formatting_structure/build.py) files a reference's target under
  the anchor of the *unresolved* token, which for ``attr(href)`` is ``None``. So when a target
  is laid out, ``cache_target_page_counters`` finds no reference to it: the path meant to
  update references never runs.
- The same function reuses the name ``missing_counters`` for the target's missing counters,
  so a reference that reads only its target's page looks as if it printed a page counter of
  its own (``counter(page)``). ``make_page`` ("local counters") therefore lays out every page
  holding a reference again whenever its page counters differ from the previous pass, which
  they do twice: at the first pass (none cached) and at the second (the ``pages`` counter, the
  page count, is 0 during the first pass and known afterwards). This is what, by accident,
  makes the numbers right: a forward reference (to a later page) gets its number at the second
  pass and prints it at the third; a backward one has it at the first and is laid out twice
  more for nothing.

``settled_page_references()``, around ``HTML.render()``, lets the path meant for it do the
work, for a document whose references each read one target's counters and no counter of
their own (otherwise it changes nothing): (1) each reference is filed under its target's
anchor, resolved as ``lookup_target`` resolves it; (2) it gets an empty list of counters of its
own; (3) a target whose counters differ from the previous pass in ``pages`` alone does not mark
its references (none reads it); (4) a reference not laid out yet when its target is (a backward
reference) gets the target's page at once, and is laid out once, with it; when it is on the
same page as its target, after it, the page is laid out again, as before. A forward reference
marks its page when the target is laid out, and that page alone is laid out again: on the
volunteer notebook 103 + 29 pages instead of 103 + 38 + 38, and the same PDF, byte for byte.

Nothing of WeasyPrint's installed files is changed: two methods of ``TargetCollector`` and
``layout.page.remake_page`` are wrapped in this process; the wrappers change nothing outside
the context, and are not installed with another WeasyPrint version than the one this was read
from. tests/notebook/test_page_references.py renders documents with and without it and
compares the PDFs byte for byte, and checks each reference of a book against its target's page.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import weasyprint
from weasyprint.layout import page as layout_page
from weasyprint.css.targets import TargetCollector, anchor_name_from_token
from weasyprint.urls import get_url_tuple

#: The WeasyPrint version whose ``css/targets.py`` and ``layout/page.py`` this was read from.
READ_FROM = "70.0"

_active: ContextVar[bool] = ContextVar("settled_page_references", default=False)
_ORIGINAL_CHECK = TargetCollector.check_pending_targets
_ORIGINAL_CACHE = TargetCollector.cache_target_page_counters
_OWN_COUNTERS = ("counter()", "counters()")


def _content_reads_own_counters(box) -> bool:
    content = box.style["content"]
    return not isinstance(content, (tuple, list)) or any(
        isinstance(value, tuple) and value and value[0] in _OWN_COUNTERS for value in content)


def _target_name(box) -> str | None:
    """The anchor the one ``target-counter()`` of ``box``'s content names, as ``lookup_target`` resolves it."""
    content = box.style["content"]
    tokens = [value[1][0] for value in content if isinstance(value, tuple) and value
              and value[0] in ("target-counter()", "target-counters()")] if isinstance(content, (tuple, list)) else []
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token[0] == "attr()":
        attr_name, type_, fallback = token[1]
        value = box.element.get(attr_name, fallback)
        if type_ == "string":
            token = ("string", value)
        elif type_ == "url":
            token = ("url", get_url_tuple(value, box.style.base_url))
        else:
            return None
    return anchor_name_from_token(token)


def _check_pending_targets(self) -> None:
    _ORIGINAL_CHECK(self)
    self.ck_settled = False
    if not _active.get():
        return
    renamed = {}
    for (box, css_token), item in self.counter_lookup_items.items():
        if any("pages" in names for names in item.missing_target_counters.values()):
            return  # a reference reads its target's page count: leave WeasyPrint as it is
        if css_token != "content" or not item.missing_target_counters:
            continue
        if _content_reads_own_counters(box):
            return
        names = list(item.missing_target_counters.values())
        name = _target_name(box)
        if len(names) != 1 or name is None or name not in self.target_lookup_items:
            return
        renamed[id(item)] = (item, name, list(names[0]))
    for item, name, counters in renamed.values():
        item.missing_target_counters = {name: counters}  # (1): under the anchor's name, not None
        item.missing_counters = []  # (2): a new list; the old one was the target's
        item.ck_targets_only = True
    self.counter_lookup_items = _WatchedLookups(self.counter_lookup_items)
    self.ck_settled = True


class _WatchedLookups(dict):
    """The references of a document; ``make_page`` gets those of the page it has laid out from here.

    A reference given its target's page (4) while the page holding it was being looked through
    (its target is on the same page, before it) was laid out with the placeholder: it is marked
    pending, so that ``make_page`` lays the page out again, as WeasyPrint would have.
    """

    def get(self, key, default=None):
        item = super().get(key, default)
        resolved_on = getattr(item, "ck_resolved_on", None)
        if resolved_on is not None:
            item.ck_resolved_on = None
            if resolved_on == _page_being_made.get():
                item.pending = True
        return item


def _cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index, page_maker):
    if not getattr(self, "ck_settled", False) or self.collecting:
        return _ORIGINAL_CACHE(self, anchor_name, page_counter_values, page_maker_index, page_maker)
    target = self.target_lookup_items.get(anchor_name)
    if target is None or target.state != "up-to-date":
        return None
    target.page_maker_index = page_maker_index
    old = target.cached_page_counter_values
    if old == page_counter_values:
        return None
    target.cached_page_counter_values = copy.deepcopy(page_counter_values)
    if old and {k: v for k, v in old.items() if k != "pages"} == \
            {k: v for k, v in page_counter_values.items() if k != "pages"}:
        return None  # (3): only the page count is new; no reference reads it
    # As WeasyPrint 70 does (css/targets.py).
    for (_, css_token), item in self.counter_lookup_items.items():
        if css_token != "content":
            continue
        missing_counters = item.missing_target_counters.get(anchor_name)
        if missing_counters is None:
            continue
        if item.page_maker_index is None and getattr(item, "ck_targets_only", False):
            # (4): not laid out yet, so it can be laid out with its target's page at once,
            # unless it is on this very page, after its target (see _WatchedLookups).
            item.parse_again(item.cached_page_counter_values)
            item.ck_resolved_on = page_maker_index
            continue
        if item.page_maker_index is None or item.page_maker_index >= len(page_maker):
            item.pending = True
            continue
        for counter_name in missing_counters:
            if page_counter_values.get(counter_name) is not None:
                page_maker[item.page_maker_index][-1]["content_changed"] = True
                item.parse_again(item.cached_page_counter_values)
                break
    return None


_page_being_made: ContextVar[int | None] = ContextVar("page_being_made", default=None)
_ORIGINAL_REMAKE = layout_page.remake_page


def _remake_page(index, context, root_box, html):
    token = _page_being_made.set(index)
    try:
        return _ORIGINAL_REMAKE(index, context, root_box, html)
    finally:
        _page_being_made.reset(token)


def _install() -> bool:
    if weasyprint.__version__ != READ_FROM:
        return False
    layout_page.remake_page = _remake_page
    TargetCollector.check_pending_targets = _check_pending_targets
    TargetCollector.cache_target_page_counters = _cache_target_page_counters
    return True


_INSTALLED = _install()


@contextmanager
def settled_page_references(enabled: bool = True) -> Iterator[bool]:
    """Within it, WeasyPrint renders without the passes that cannot change a page (see above).

    Yields whether it applies (``False`` with another WeasyPrint version: then it does nothing).
    """
    token = _active.set(enabled and _INSTALLED)
    try:
        yield enabled and _INSTALLED
    finally:
        _active.reset(token)
