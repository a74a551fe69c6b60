"""Writers: each one's record from site.toml ([authors."name"]: bio, role, picture, links),
found by the folded name, so that a writer spelt two ways is one page with one record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from ..article import Image, Link, pickled_as_tuple

# Labels of the networks a writer's links most often lead to, by host.
KNOWN_HOSTS = {"x.com": "X", "twitter.com": "X", "facebook.com": "Facebook", "instagram.com": "Instagram",
               "linkedin.com": "LinkedIn", "t.me": "Telegram", "youtube.com": "YouTube",
               "github.com": "GitHub", "mastodon.social": "Mastodon", "threads.net": "Threads"}


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Profile:
    """What an author page shows of its writer besides the articles."""
    name: str
    role: str = ""
    bio: str = ""                     # Markdown: paragraphs of inline Markdown, apart by blank lines
    image: Image | None = None
    links: tuple[Link, ...] = ()      # (label, URL): the writer's pages elsewhere


def link_label(url: str) -> str:
    """A link's label: the network's name, an address without mailto:, else the host."""
    if url.startswith("mailto:"):
        return url[7:]
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    return KNOWN_HOSTS.get(host, host)


def profiles(records: Mapping[str, Mapping[str, Any]], key: Callable[[str], str],
             image: Callable[[str, str], Image]) -> dict[str, Profile]:
    """RECORDS (site.toml's [authors]) as Profiles by folded name (KEY). IMAGE makes a
    picture's Image from its path and its alternative text."""
    found = {}
    for name, record in records.items():
        links = record.get("links", ())
        pairs = links.items() if isinstance(links, Mapping) else ((link_label(url), url) for url in links)
        picture = record.get("picture", "")
        found[key(name)] = Profile(
            name=name, role=record.get("role", ""), bio=record.get("bio", ""),
            image=image(picture, name) if picture else None,
            links=tuple(Link(label, url) for label, url in pairs))
    return found
