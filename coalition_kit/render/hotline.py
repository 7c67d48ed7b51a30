"""How to reach a hotline, in words: the one place those words are written.

Every output says it the same way, "<name>: call <number>, or text <KEYWORD> to <number>"
(in Spanish "<name>: llame al <number>, o envíe <KEYWORD> por mensaje de texto al <number>";
the phrases are ``reach_*`` in ``render/words.py``):
the website's blocks (``blocks.html``), the theme's hotline bar and footer (pre-rendered by
``site.theme``) and every printed piece (``printed/compose.py`` hands templates ``reach``).
What differs between them is presentation only: numbers as links (website) or in bold
(print), one sentence or one line for each way to reach the line, the number set apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from markupsafe import Markup, escape

from coalition_kit.model.identity import Hotline
from coalition_kit.render.words import Words

Link = Literal["number", "phrase"]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Reach:
    """The ways to reach one hotline, as HTML phrases (values from data are escaped).

    ``links``: numbers are ``tel:``/``sms:`` links (website) or bold (print, where the
    word to send is bold too). ``strong_keyword``: the word to send is bold on the website.
    """

    def __init__(self, hotline: Hotline, text: Callable[[Any], str], *, links: bool = True,
                 strong_keyword: bool = False, words: Words | None = None) -> None:
        self.hotline = hotline
        self.words = words or Words("en")
        self.name = escape(text(hotline.name))
        self._links = links
        self._strong_keyword = strong_keyword or not links

    def _dial(self, number: str, cls: str, href: str | None) -> Markup:
        if self._links:
            return Markup('<a class="{}" href="{}">{}</a>').format(cls, href, number)
        return Markup("<strong>{}</strong>").format(number)

    @property
    def number(self) -> Markup | None:
        """The phone number alone (a link, or bold), for pieces that set it large."""
        h = self.hotline
        return self._dial(h.number, "ck-tel", h.tel_href) if h.number else None

    def _phrase(self, key: str, capital: bool, **values: Any) -> Markup:
        """The words of ``key`` with ``values`` (Markup, or escaped) filled in, capitalised or not."""
        template = str(self.words.get(key))
        return Markup(escape(_capital(template) if capital else template)).format(**values)

    def call(self, capital: bool = False, link: Link = "number") -> Markup | None:
        """"call 1-888-…" ("llame al 1-888-…"); ``link="phrase"`` makes the whole phrase the link."""
        h = self.hotline
        if not h.number:
            return None
        if self._links and link == "phrase":
            return Markup('<a class="ck-tel" href="{}">{}</a>').format(
                h.tel_href, self._phrase("reach_call", capital, number=h.number))
        return self._phrase("reach_call", capital, number=self.number)

    def text(self, capital: bool = False, link: Link = "number") -> Markup | None:
        """"or text HELP to 233733" ("text …" when the line has no phone number)."""
        h = self.hotline
        if not h.text_number:
            return None
        phrase_link = self._links and link == "phrase"
        number = escape(h.text_number) if phrase_link else self._dial(h.text_number, "ck-sms", h.sms_href)
        if h.text_keyword:
            word = Markup("<strong>{}</strong>").format(h.text_keyword) if self._strong_keyword \
                else escape(h.text_keyword)
            way = self._phrase("reach_text_keyword", capital and not h.number, keyword=word, number=number)
        else:
            way = self._phrase("reach_text", capital and not h.number, number=number)
        if h.number:
            way = self._phrase("reach_or", capital, way=way)
        if phrase_link:
            return Markup('<a class="ck-sms" href="{}">{}</a>').format(h.sms_href, way)
        return way

    @property
    def web(self) -> Markup | None:
        url = self.hotline.url
        if not url:
            return None
        return Markup('<a href="{}" rel="noreferrer">{}</a>').format(url, url) if self._links else escape(url)

    def sentence(self, url: bool = False) -> Markup:
        """"National Human Trafficking Hotline: call 1-888-…, or text HELP to 233733"."""
        ways = [w for w in (self.call(), self.text(), self.web if url else None) if w]
        return Markup("{}: {}").format(self.name, Markup(", ").join(ways)) if ways else self.name

    def lines(self, url: bool = True) -> Markup:
        """One way a line, without the name: "Call 1-888-…<br>Or text HELP to 233733<br>https://…"."""
        ways = [w for w in (self.call(capital=True), self.text(capital=True), self.web if url else None) if w]
        return Markup("<br>").join(ways)

    def html_pieces(self) -> dict[str, Markup | None]:
        """Ready HTML for templates without autoescape (the theme): the name, the sentence, and
        each way as one link, capitalised (the hotline bar)."""
        return {"name": self.name, "sentence": self.sentence(),
                "call": self.call(capital=True, link="phrase"), "text": self.text(capital=True, link="phrase")}
