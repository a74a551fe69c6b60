"""Archives made for other generators (Jekyll, Hugo, Gatsby): what their own settings mean in
site.toml's terms, and where they keep their articles and files.

`find_layout` reads a folder without a site.toml; `ssg build` builds such a folder in
place, and `ssg import` writes the same settings into a new site's site.toml. Either way
one translation is used, so both give the same URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Layout:
    generator: str                        # "jekyll", "hugo" or "gatsby"
    settings_file: str                    # the file the settings came from, relative to the site folder
    settings: dict[str, Any]              # site.toml's keys
    content: str                          # the folder of articles
    copy: tuple[str, ...] = ()            # folders of files served at their own path (assets/, images/)
    notes: tuple[str, ...] = field(default_factory=tuple)   # settings that could not be carried over


def find_layout(root: Path) -> Layout | None:
    """The layout of the archive in ROOT, if it is one of another generator's."""
    from . import gatsby, hugo, jekyll

    for generator in (jekyll, hugo, gatsby):
        layout = generator.layout(root)
        if layout is not None:
            return layout
    return None


def plain_values(table: dict[str, Any]) -> dict[str, Any]:
    """The values of TABLE that TOML can hold and templates print (text, numbers, flags):
    a generator's own settings become site.toml's [extra], for {{ site.x }}."""
    kept: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, bool | int | float) or (isinstance(value, str) and value):
            kept[str(key)] = value
    return kept


def base_url(url: str, path: str = "") -> tuple[str, list[str]]:
    """An absolute base URL from a generator's url and sub-path, with a note when there is none."""
    url = (url or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        return "https://example.org" + _sub_path(path), [
            "no absolute site URL in the settings: https://example.org/ stands in; set base_url in site.toml"]
    return url + _sub_path(path), []


def _sub_path(path: str) -> str:
    path = (path or "").strip().strip("/")
    return f"/{path}/" if path else "/"


def language_of(tag: str) -> str:
    """'ar-sa', 'ar_SA', 'en-US' -> 'ar', 'en': the part site.toml's language takes."""
    return tag.replace("_", "-").split("-")[0].lower() if tag else ""
