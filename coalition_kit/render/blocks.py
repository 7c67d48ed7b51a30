"""Render data as HTML blocks for pages: the functions pages call as macros.

The same ``Blocks`` object serves the website (through mkdocs-macros) and the
notebook (through our own Markdown rendering), so a list is written once and shown
the same way everywhere. Every value from data is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from coalition_kit.model import CoalitionData
from coalition_kit.model.base import text_for
from coalition_kit.model.default_coalition import is_default_coalition
from coalition_kit.model.identity import Hotline
from coalition_kit.render.disk_cache import TemplateCache
from coalition_kit.render.hotline import Reach
from coalition_kit.render.jinja import package_templates
from coalition_kit.render.progress import Progress, day_label, readiness_interviews
from coalition_kit.render.words import Words

_MD_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")  # Python-Markdown's own backslash escapes
_MD_OTHER = re.compile(r"[|~:]")  # active in tables and extensions; written as character references


def md_text(value: object) -> Markup:
    """``value`` as inert text inside Markdown: escaped for HTML and for Markdown, on one line.

    Whatever a data value holds (``[x](javascript:…)``, ``![](http://…)``, ``*``, ``{: …}``,
    a line break then ``# heading``), a page prints it as the same characters, never as a
    link, an image, markup or a new block.
    """
    line = " ".join(str(value).split())
    escaped = str(escape(_MD_ESCAPABLE.sub(r"\\\1", line)))  # HTML last: its entities stay whole
    return Markup(_MD_OTHER.sub(lambda m: f"&#{ord(m.group())};", escaped))


_ENV = package_templates("coalition_kit.render")
_ENV.bytecode_cache = TemplateCache(_ENV)  # compiled once, not in every process

MACRO = "_ck_macro"


def macro(method: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a ``Blocks`` method as a macro pages may call (``Blocks.macros`` collects them)."""
    setattr(method, MACRO, True)
    return method


def _html_block(html: str) -> Markup:
    """Collapse blank lines so Markdown keeps the block as one raw HTML block."""
    lines = [line for line in str(html).splitlines() if line.strip()]
    return Markup("\n" + "\n".join(lines) + "\n")


class SafeView:
    """Read-only view of a model for page templates: text comes out localized and inert
    (escaped for HTML and Markdown, see ``md_text``)."""

    def __init__(self, model: Any, t: Callable[[Any], str]):
        self._model = model
        self._t = t

    def __getattr__(self, name: str) -> Any:
        return _safe(getattr(self._model, name), self._t)

    def __str__(self) -> str:
        return str(md_text(self._model))


def _safe(value: Any, t: Callable[[Any], str]) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return md_text(value)
    if isinstance(value, dict):
        return md_text(t(value))
    if isinstance(value, (list, tuple)):
        return [_safe(v, t) for v in value]
    return SafeView(value, t)


@dataclass
class Blocks:
    """Macros bound to one coalition's data, one language and one output ('site' or 'print')."""

    data: CoalitionData
    lang: str
    output: str = "site"
    manifest: list[dict[str, Any]] = field(default_factory=list)
    downloads_href: str = ""
    """Where the downloads page finds the PDFs, relative to it ("" when they sit beside it; a
    language built under /<lang>/ links to the main language's downloads folder)."""
    _progress: Progress | None = field(default=None, init=False, repr=False)

    # --- helpers ---------------------------------------------------------------

    def text(self, value: Any) -> str:
        """The text of a data value in this build's language."""
        return text_for(value, self.lang, self.data.coalition.main_language)

    @property
    def words(self) -> Words:
        """The fixed words of this build's language (``render/words.py``)."""
        return Words(self.lang)

    def reach(self, hotline: Hotline, **presentation: Any) -> Reach:
        """How to reach ``hotline``, in the one wording of ``render.hotline`` (not a page macro)."""
        return Reach(hotline, self.text, words=self.words, **presentation)

    def _render(self, macro: str, template: str = "blocks.html", **context: Any) -> Markup:
        module = _ENV.get_template(template).make_module(
            {"t": self.text, "output": self.output, "lang": self.lang, "c": self.data.coalition,
             "data": self.data, "reach": self.reach, "L": self.words}
        )
        return _html_block(getattr(module, macro)(**context))

    def macros(self) -> dict[str, Callable[..., Any]]:
        """Every macro a page may call, by name: the methods marked ``@macro``."""
        return {name: getattr(self, name) for name, member in vars(type(self)).items()
                if getattr(member, MACRO, False)}

    def variables(self) -> dict[str, Any]:
        """Values pages may print directly; every string is already inert (``md_text``)."""
        c = self.data.coalition
        rs = [self.text(r.title) for r in self.data.hotel.three_rs]
        return {
            "coalition": SafeView(c, self.text),
            "hotline": SafeView(c.primary_hotline, self.text),
            "lang": self.lang,
            "org_name": md_text(self.text(c.name)),
            "org_short": md_text(self.text(c.short_name or c.name)),
            "three_rs_heading": md_text(", ".join(rs)),
            "has_law": self.data.law is not None,
            "has_training_rules": bool(self.data.law and self.data.law.training_rules),
            "has_training_topics": bool(self.data.law and self.data.law.training_topics),
        }

    # --- hotlines --------------------------------------------------------------

    @macro
    def hotline_box(self) -> Markup:
        return self._render("hotline_box", hotline=self.data.coalition.primary_hotline)

    @macro
    def hotlines_table(self, kinds: str | None = None) -> Markup:
        lines = self.data.coalition.hotlines
        if kinds:
            wanted = {k.strip() for k in kinds.split(",")}
            lines = [h for h in lines if h.kind in wanted]
        return self._render("hotlines_table", hotlines=lines)

    # --- statistics ------------------------------------------------------------

    @macro
    def stat(self, stat_id: str) -> Markup:
        """One figure, inline, with its exact wording and source."""
        return Markup(str(self._render("stat", s=self.data.statistic(stat_id))).strip())

    @macro
    def in_country(self, *codes: str) -> bool:
        """True when the coalition works in one of ``codes`` (pages wrap one country's facts in it:
        ``{% if in_country("US") %}…{% endif %}``)."""
        return self.data.coalition.country in codes

    @macro
    def default_coalition(self) -> bool:
        """True while the data is the default coalition's own (pages wrap its own story in it)."""
        return is_default_coalition(self.data.coalition)

    @macro
    def has_stat(self, *ids: str) -> bool:
        """True when statistics.yml has every one of ``ids`` (pages show optional figures with it)."""
        known = {s.id for s in self.data.statistics.statistics}
        return all(i in known for i in ids)

    @macro
    def statistics_list(self, ids: str | None = None) -> Markup:
        stats = self.data.statistics.statistics
        if ids:
            stats = [self.data.statistic(i.strip()) for i in ids.split(",")]
        return self._render("statistics_list", stats=stats)

    # --- building a coalition --------------------------------------------------

    @macro
    def coalition_steps(self) -> Markup:
        return self._headed_items("step", self.data.building.steps, level=3, numbered=True)

    @macro
    def steps_overview(self, page: str = "steps.md") -> Markup:
        """A numbered Markdown list linking each step on ``page`` (relative to the calling page),
        so the site and the notebook both resolve and check the links."""
        lines = [f"{n}. [{md_text(self.text(step.title))}]({page}#step-{step.id}): {md_text(self.text(step.summary))}"
                 for n, step in enumerate(self.data.building.steps, start=1)]
        return Markup("\n" + "\n".join(lines) + "\n")

    @macro
    def stakeholder_sectors(self) -> Markup:
        return self._headed_items("sector", self.data.stakeholders.sectors, level=3)

    @macro
    def focus_areas(self) -> Markup:
        return self._headed_items("focus_area", self.data.focus_areas.areas, level=3)

    # --- hotel project ---------------------------------------------------------

    @macro
    def hotel_goal(self) -> Markup:
        return self._render("hotel_goal", hotel=self.data.hotel)

    @macro
    def story(self, story_id: str) -> Markup:
        """The passage ``story_id`` of building.yml's ``stories``, with its source, or nothing."""
        found = next((s for s in self.data.building.stories if s.id == story_id), None)
        return self._render("story", story=found) if found else Markup("")

    @macro
    def program_credit(self) -> Markup:
        """Who designed the Hotel-Motel Project (``program_credit`` in hotel_project.yml), or nothing."""
        credit = self.data.hotel.program_credit
        return self._render("program_credit", credit=credit) if credit else Markup("")

    @macro
    def why_hotels(self) -> Markup:
        """The statistics hotel_project.yml lists under why_hotels, each with its source."""
        stats = [self.data.statistic(i) for i in self.data.hotel.why_hotels]
        return self._render("statistics_list", stats=stats)

    @macro
    def three_rs(self) -> Markup:
        return self._render("three_rs", rs=self.data.hotel.three_rs)

    @macro
    def signs(self, role: str | None = None) -> Markup:
        roles = self.data.hotel.roles
        if role:
            roles = [r for r in roles if r.id == role]
            if not roles:
                known = ", ".join(r.id for r in self.data.hotel.roles)
                raise KeyError(f"no staff role '{role}' in hotel_project.yml (known: {known})")
            return self._render("signs_role", role=roles[0], caveat=self.data.hotel.caveat)
        return self._headed_items("signs_role", roles, level=3, extra={"caveat": self.data.hotel.caveat},
                                  arg="role")

    @macro
    def response_steps(self) -> Markup:
        return self._render("response_steps", steps=self.data.hotel.response)

    @macro
    def details_to_note(self) -> Markup:
        return self._render("simple_list", items=self.data.hotel.details_to_note, cls="ck-details")

    @macro
    def provides(self) -> Markup:
        return self._render("definition_cards", items=self.data.hotel.provides)

    # --- volunteer program -----------------------------------------------------

    @macro
    def volunteer_roles(self) -> Markup:
        return self._render("volunteer_roles", roles=self.data.volunteers.roles)

    @macro
    def volunteer_commitment(self) -> Markup:
        return self._render("simple_list", items=self.data.volunteers.commitment, cls="ck-commitment",
                            source=self.data.volunteers.commitment_source)

    @macro
    def visit_steps(self) -> Markup:
        return self._render("titled_steps", steps=self.data.volunteers.visit, cls="ck-visit")

    @macro
    def session_plan(self) -> Markup:
        return self._render("session_plan", segments=self.data.volunteers.session,
                            total=self.data.volunteers.session_minutes)

    @macro
    def objections(self) -> Markup:
        return self._render("objections", items=self.data.volunteers.objections)

    @macro
    def policy_template(self) -> Markup:
        return self._render("policy_template", clauses=self.data.volunteers.policy_template,
                            source=self.data.volunteers.policy_source)

    @macro
    def follow_up(self) -> Markup:
        return self._render("follow_up", items=self.data.volunteers.follow_up)

    # --- readiness -------------------------------------------------------------

    @macro
    def readiness_summary(self) -> Markup:
        return self._render("readiness_summary", readiness=self.data.readiness)

    @macro
    def readiness_stages(self) -> Markup:
        return self._render("readiness_stages", stages=self.data.readiness.stages)

    @macro
    def readiness_dimensions(self) -> Markup:
        return self._render("readiness_dimensions", dimensions=self.data.readiness.dimensions)

    @macro
    def readiness_assessment(self) -> Markup:
        return self._render("ordered_list", items=self.data.readiness.assessment, cls="ck-assessment")

    # --- measuring the project: figures, charts, readiness result (render/progress.py) ---

    def progress(self) -> Progress:
        """The figures of this data as of the build date, in words, tables and charts (not a page macro)."""
        if self._progress is None:
            self._progress = Progress(self.data, self.lang)
        return self._progress

    @macro
    def progress_figures(self) -> Markup:
        """The key figures of the outreach tracker, with the date they are as of."""
        return self._render("progress_figures", "progress.html", p=self.progress())

    @macro
    def progress_chart(self, kind: str) -> Markup:
        """One chart with its numbers beside it: coverage, staff, scores or readiness."""
        p = self.progress()
        charts = {"coverage": p.coverage_chart, "staff": p.staff_chart, "scores": p.scores_chart,
                  "readiness": p.readiness_chart}
        if kind not in charts:
            raise KeyError(f"no chart '{kind}' (known: {', '.join(charts)})")
        make, empty = charts[kind], self.words.text(f"progress_empty_{kind}")
        return self._render("progress_chart", "progress.html", ch=make(), cls=kind, empty=empty)

    @macro
    def sessions_by_month(self) -> Markup:
        return self._render("sessions_by_month", "progress.html", rows=self.progress().sessions_table())

    @macro
    def recognised_hotels(self) -> Markup:
        """Only the hotels that agreed to be named (the public view holds no other)."""
        p = self.progress()
        return self._render("recognised_hotels", "progress.html", p=p, hotels=p.recognised_hotels(),
                            statuses=p.statuses)

    @macro
    def has_readiness_results(self) -> bool:
        return self.progress().readiness is not None

    @macro
    def readiness_result(self) -> Markup:
        """The coalition's own assessment: overall stage, dimensions, weakest ones and strategies."""
        p = self.progress()
        if p.readiness is None:
            return Markup("")
        interviews = readiness_interviews(self.data)
        dates = sorted(i.date for i in interviews)
        results = self.data.readiness.results
        return self._render("readiness_result", "progress.html", p=p, r=p.readiness, ch=p.readiness_chart(),
                            community=self.text(results.community) if results and results.community else "",
                            first=day_label(dates[0], self.lang) if dates else "",
                            last=day_label(dates[-1], self.lang) if dates else "")

    # --- law -------------------------------------------------------------------

    @macro
    def legal_definitions(self) -> Markup:
        return self._render("legal_definitions", law=self.data.law) if self.data.law else Markup("")

    @macro
    def training_rules(self) -> Markup:
        return self._render("training_rules", rules=self.data.law.training_rules if self.data.law else [])

    @macro
    def training_topics(self) -> Markup:
        law = self.data.law
        return self._render("simple_list", items=law.training_topics if law else [], cls="ck-training-topics",
                            source=law.training_topics_source if law else None)

    # --- reference -------------------------------------------------------------

    @macro
    def glossary(self) -> Markup:
        terms = sorted(self.data.glossary.terms, key=lambda term: self.text(term.term).lower())
        return self._render("glossary", terms=terms)

    @macro
    def myths(self) -> Markup:
        return self._render("myths", myths=self.data.myths.myths)

    @macro
    def events_list(self) -> Markup:
        events = sorted(self.data.events.events, key=lambda e: (e.date, e.start))
        return self._render("events", events=events)

    @macro
    def sources_list(self) -> Markup:
        sources = sorted(self.data.all_sources(), key=lambda s: self.text(s.name).lower())
        return self._render("sources", sources=sources)

    @macro
    def downloads(self) -> Markup:
        """The public PDFs: this language's first, then the other languages' and the bilingual
        ones, each labelled with its language's own name (English, Español)."""
        order = [e.id for e in self.data.editions.editions]
        langs = [self.lang] + [lang for lang in self.data.coalition.languages if lang != self.lang]
        entries = [e for e in self.manifest if e.get("public", True)]

        def rank(lang: str) -> int:
            return langs.index(lang) if lang in langs else len(langs)

        entries.sort(key=lambda e: (rank(e["language"]) if "+" not in e["language"] else len(langs),
                                    order.index(e["edition"]) if e["edition"] in order else len(order),
                                    e["language"]))
        editions = {e.id: e for e in self.data.editions.editions}
        several = len({e["language"] for e in entries}) > 1
        return self._render("downloads", entries=entries, editions=editions, several=several,
                            href=self.downloads_href, command=Markup("<code>make build</code>"))

    @macro
    def contact(self) -> Markup:
        return self._render("contact")

    # --- shared ------------------------------------------------------------------

    def _headed_items(self, macro: str, items: list, *, level: int, numbered: bool = False,
                      extra: dict[str, Any] | None = None, arg: str = "item") -> Markup:
        """Each item under its own Markdown heading, so it shows in the page's table of contents."""
        parts: list[str] = []
        for number, item in enumerate(items, start=1):
            title = self.text(getattr(item, "title", None) or getattr(item, "name"))
            heading = f"{number}. {title}" if numbered else title
            anchor = f"{macro.replace('_', '-')}-{item.id}"
            parts.append(f"\n{'#' * level} {md_text(heading)} {{ #{anchor} }}\n")
            parts.append(str(self._render(macro, **{arg: item}, **(extra or {}))))
        return Markup("\n".join(parts) + "\n")

