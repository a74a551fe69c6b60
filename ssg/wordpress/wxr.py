"""A WordPress export (WXR 1.0–1.2), read as a stream: one item at a time, each cleared
once read, so an export of any size takes the memory of its largest post. The parser is
defusedxml's: a DTD that declares entities (the "billion laughs") or an external entity
is refused, never expanded or fetched."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


class ExportError(Exception):
    """The file is not a WordPress export ssg can read, with why."""


@dataclass
class Item:
    """One <item>: a post, a page, an attachment, a menu item..."""
    id: int = 0
    title: str = ""
    link: str = ""
    post_type: str = ""
    status: str = ""
    date: str = ""                   # post_date, the site's local time: "2020-01-05 13:00:00"
    date_gmt: str = ""
    modified_gmt: str = ""
    name: str = ""                   # post_name: the slug, percent-encoded for Arabic
    creator: str = ""                # the author's login
    content: str = ""
    excerpt: str = ""
    password: str = ""
    parent: int = 0
    attachment_url: str = ""
    terms: list[tuple[str, str, str]] = field(default_factory=list)   # (domain, nicename, name)
    meta: dict[str, str] = field(default_factory=dict)
    line: int = 0                    # where the item ends in the export, for messages


@dataclass
class Channel:
    title: str = ""
    link: str = ""                   # the site's address
    language: str = ""
    authors: dict[str, str] = field(default_factory=dict)    # login -> display name
    categories: dict[str, str] = field(default_factory=dict)  # nicename -> parent nicename
    category_names: dict[str, str] = field(default_factory=dict)   # nicename -> its name


def _local(tag: str) -> tuple[str, str]:
    """("wp", "post_id") from "{http://wordpress.org/export/1.2/}post_id"."""
    if not tag.startswith("{"):
        return "", tag
    namespace, _, name = tag[1:].partition("}")
    if namespace.startswith("http://wordpress.org/export/"):
        return ("excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"), name
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content", name
    if "purl.org/dc/elements" in namespace:
        return "dc", name
    return "other", name


def _text(element) -> str:
    return (element.text or "").strip()


def read_export(path: Path) -> Iterator[Channel | Item]:
    """The channel first (its title, link, authors and categories, which WXR lists before
    the items), then each item. Raises ExportError for a file that is not a WXR export, is
    not well-formed, or declares entities."""
    channel = Channel()
    told = False
    holder = None                         # the <channel> element, which holds the items as they are read
    depth = 0                             # of the element an event is for: <rss> 1, <channel> 2, <item> 3
    try:
        for event, element in iterparse(str(path), events=("start", "end")):
            prefix, name = _local(element.tag)
            depth += 1 if event == "start" else -1
            if event == "start":
                if holder is None and name not in ("rss", "channel"):
                    raise ExportError(f"{path.name} is not a WordPress export: <{name}> where <rss><channel> "
                                      "should be")
                if name == "channel" and prefix == "":
                    holder = element
                elif name == "item" and prefix == "" and not told:
                    told = True
                    yield channel
                continue
            if prefix == "" and name == "item":
                yield _item(element)
                element.clear()
                if holder is not None:
                    holder.remove(element)    # else the items read so far would stay in memory
            elif prefix == "wp" and name == "author":
                login = _child_text(element, "author_login")
                channel.authors[login] = _child_text(element, "author_display_name") or login
            elif prefix == "wp" and name == "category":
                nicename = _child_text(element, "category_nicename")
                channel.categories[nicename] = _child_text(element, "category_parent")
                channel.category_names[nicename] = _child_text(element, "cat_name")
            elif prefix == "" and name in ("title", "link", "language") and depth == 2:
                setattr(channel, name, _text(element))      # the channel's own, not an item's
    except DefusedXmlException as error:
        raise ExportError(f"{path.name} declares entities or a DTD (an XML bomb or an external entity): "
                          f"refused, nothing imported ({type(error).__name__})") from None
    except SyntaxError as error:          # ElementTree.ParseError
        raise ExportError(f"{path.name} is not well-formed XML: {error}") from None
    if holder is None:
        raise ExportError(f"{path.name} is not a WordPress export: no <channel>")
    if not told:
        yield channel


def _child_text(element, local: str) -> str:
    for child in element:
        if _local(child.tag)[1] == local:
            return _text(child)
    return ""


def _item(element) -> Item:
    item = Item()
    for child in element:
        prefix, name = _local(child.tag)
        text = child.text or ""
        if prefix == "" and name == "title":
            item.title = text.strip()
        elif prefix == "" and name == "link":
            item.link = text.strip()
        elif prefix == "" and name == "category":
            item.terms.append((child.get("domain", ""), child.get("nicename", ""), text.strip()))
        elif prefix == "dc" and name == "creator":
            item.creator = text.strip()
        elif prefix == "content" and name == "encoded":
            item.content = text
        elif prefix == "excerpt" and name == "encoded":
            item.excerpt = text.strip()
        elif prefix == "wp":
            if name == "post_id":
                item.id = _number(text)
            elif name == "post_parent":
                item.parent = _number(text)
            elif name == "postmeta":
                key, value = _child_text(child, "meta_key"), _child_text(child, "meta_value")
                item.meta[key] = value
            elif name in ("post_type", "status", "post_date", "post_date_gmt", "post_modified_gmt", "post_name",
                          "post_password", "attachment_url"):
                field_name = {"post_date": "date", "post_date_gmt": "date_gmt", "post_modified_gmt": "modified_gmt",
                              "post_name": "name", "post_password": "password"}.get(name, name)
                setattr(item, field_name, text.strip())
    return item


def _number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return 0
