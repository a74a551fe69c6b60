"""Helpers for tests: building article sources, and requiring external tools."""

from __future__ import annotations

import os

import pytest


def strict() -> bool:
    """Under SSG_STRICT=1 (CI) a test whose external tool is missing fails instead of skipping."""
    return os.environ.get("SSG_STRICT") == "1"


def require_tool(found: bool, what: str) -> None:
    if not found:
        if strict():
            pytest.fail(f"{what} is required under SSG_STRICT=1 but was not found")
        pytest.skip(f"{what} not found")


def article(title: str = "عنوان", date: str = "2024-09-13", body: str = "نص.", **keys: str) -> str:
    """Markdown source of one article with YAML front-matter."""
    lines = [f'title: "{title}"', f"date: {date}"] + [f"{k}: {v}" for k, v in keys.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


class ParsedPage:
    def __init__(self):
        self.tags: list[str] = []
        self.meta: dict[str, str] = {}          # name or property -> content (first wins)
        self.links: list[dict[str, str]] = []   # <link> attributes
        self.json_ld: list[dict] = []
        self.anchors: list[str] = []            # every <a href>
        self.html_attrs: dict[str, str] = {}


def parse_html(html: str) -> ParsedPage:
    """The parts of a page a test asserts on: tags seen, meta, links, JSON-LD, anchors."""
    import json
    from html.parser import HTMLParser

    page = ParsedPage()

    class Parser(HTMLParser):
        in_json_ld = False
        buffer = ""

        def handle_starttag(self, tag, attrs):
            values = {k: v or "" for k, v in attrs}
            page.tags.append(tag)
            if tag == "html":
                page.html_attrs = values
            elif tag == "meta" and ("name" in values or "property" in values):
                page.meta.setdefault(values.get("name") or values.get("property"), values.get("content", ""))
            elif tag == "link":
                page.links.append(values)
            elif tag == "a" and "href" in values:
                page.anchors.append(values["href"])
            elif tag == "script" and values.get("type") == "application/ld+json":
                self.in_json_ld, self.buffer = True, ""

        def handle_data(self, data):
            if self.in_json_ld:
                self.buffer += data

        def handle_endtag(self, tag):
            if tag == "script" and self.in_json_ld:
                page.json_ld.append(json.loads(self.buffer))
                self.in_json_ld = False

    Parser().feed(html)
    return page


def photo(width: int = 2000, height: int = 1333, kind: str = "JPEG", orientation: int = 1,
          private: bool = True) -> bytes:
    """A picture as a camera writes one: a scene with a marked top-left corner (red) and,
    when PRIVATE, EXIF with a GPS position, body and lens serial numbers and maker notes
    beside its artist and date."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width // 5, height // 5), fill=(220, 20, 20))
    draw.ellipse((width // 3, height // 3, width * 2 // 3, height * 2 // 3), fill=(20, 90, 200))
    exif = Image.Exif()
    exif[0x013B] = "Field photographer"
    if orientation != 1:
        exif[0x0112] = orientation
    if private:
        gps = exif.get_ifd(0x8825)
        gps.update({1: "N", 2: (33.0, 18.0, 12.5), 3: "E", 4: (44.0, 22.0, 1.0)})
        sub = exif.get_ifd(0x8769)
        sub.update({0xA431: "BODY-123456", 0xA435: "LENS-999", 0x927C: b"maker notes", 0x9003: "2024:01:01 10:00:00"})
    out = io.BytesIO()
    options = {"quality": 90} if kind == "JPEG" else {}
    picture.save(out, kind, exif=exif, **options)
    return out.getvalue()
