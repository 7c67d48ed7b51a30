"""Who the default coalition is: the identity this toolkit's own data/ folder ships with.

A fork keeps the toolkit but not this identity. ``coalition check`` compares a fork's texts
with these values to find leftovers, and pages show the default coalition's own story only
while the data is still the default coalition's. A test keeps these values equal to data/.
"""

from __future__ import annotations

from dataclasses import dataclass

from coalition_kit.model.base import dialable


@dataclass(frozen=True)
class DefaultIdentity:
    name: str = "The Coalition on Human Trafficking, Inc."
    website: str = "https://notrafficking.org"
    city: str = "Omaha"
    region: str = "Nebraska"
    country: str = "US"
    emails: tuple[str, ...] = ("info@notrafficking.org", "trainhotel@notrafficking.org")
    emergency_number: str = "911"
    #: Numbers of the default coalition's hotlines, as people read them.
    hotline_numbers: tuple[str, ...] = ("1-888-373-7888", "233733", "1-866-347-2423", "1-800-843-5678")


DEFAULT = DefaultIdentity()


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def is_default_coalition(coalition) -> bool:
    """True while the data is the default coalition's own (its website is the default's)."""
    return _host(coalition.website) == _host(DEFAULT.website)


def same_number(a: str, b: str) -> bool:
    return dialable(a).lstrip("+") == dialable(b).lstrip("+")
