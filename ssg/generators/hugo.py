"""Hugo: `hugo.toml` (or config.toml, YAML, JSON; or config/_default/), articles in `content/`
with page bundles, files served from `static/` (ssg's own static folder).

Hugo lowercases paths unless disablePathToLower is set, and places a page by its
section's `permalinks` pattern, else at its folder and file name (/posts/trip/).
:title and :slug come from the title when front-matter sets no slug.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from . import Layout, base_url, language_of, plain_values

SETTINGS = [f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")] + \
           [f"config/_default/{stem}.toml" for stem in ("hugo", "config")]
PLACEHOLDERS = {":year": "{year}", ":month": "{month}", ":day": "{day}", ":section": "{section}",
                ":sections": "{folder}", ":title": "{slug}", ":slug": "{slug}", ":filename": "{slug}",
                ":slugorfilename": "{slug}", ":contentbasename": "{slug}"}
FROM_TITLE = (":title", ":slug")
DEFAULT = "/{folder}/{slug}/"           # Hugo's URL of a page without a permalinks pattern


def layout(root: Path) -> Layout | None:
    found = next((root / name for name in SETTINGS if (root / name).is_file()), None)
    if found is None or not (root / "content").is_dir():
        return None
    name = found.relative_to(root).as_posix()
    try:
        data = _load(found)
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as error:
        return Layout("hugo", name, {"title": root.name, "base_url": "https://example.org/"}, "content",
                      notes=(f"{name} could not be read ({type(error).__name__}): its settings are not used",))
    return translate(root, name, data if isinstance(data, dict) else {})


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text) or {}


def translate(root: Path, settings_file: str, data: dict[str, Any]) -> Layout:
    keys = {str(k).lower(): v for k, v in data.items()}      # Hugo's keys are case-insensitive
    notes: list[str] = []
    url, missing = base_url(str(keys.get("baseurl") or ""))
    notes += missing
    settings: dict[str, Any] = {"title": str(keys.get("title") or root.name), "base_url": url}
    language = language_of(str(keys.get("languagecode") or keys.get("defaultcontentlanguage") or ""))
    if language:
        settings["language"] = language
    if keys.get("timezone"):
        settings["timezone"] = str(keys["timezone"])
    params = keys.get("params") if isinstance(keys.get("params"), dict) else {}
    if params.get("description"):
        settings["description"] = " ".join(str(params["description"]).split())
    permalink, from_title, permalink_notes = permalink_pattern(keys.get("permalinks"), _sections(root))
    settings["permalink"] = permalink
    notes += permalink_notes
    if from_title:
        settings["slug_from"] = "title"
    if not keys.get("disablepathtolower"):
        settings["slug_case"] = "lower"
    if keys.get("uglyurls"):
        notes.append("uglyURLs: articles are written as folders (/post/), not /post.html; add aliases if needed")
    settings["undated"] = "skip"
    extra = plain_values({k: v for k, v in data.items() if str(k).lower() not in (
        "title", "baseurl", "languagecode", "defaultcontentlanguage", "timezone")})
    if params:
        extra["params"] = plain_values(params)
    if extra:
        settings["extra"] = extra
    return Layout("hugo", settings_file, settings, "content", (), tuple(notes))


def permalink_pattern(permalinks: Any, sections: list[str]) -> tuple[str, bool, list[str]]:
    """The pattern of the sections' permalinks, when one pattern serves every section with
    articles; Hugo's default otherwise. And whether slugs come from titles."""
    patterns: dict[str, str] = {}
    if isinstance(permalinks, dict):
        pages = permalinks.get("page") if isinstance(permalinks.get("page"), dict) else permalinks
        patterns = {str(k): str(v) for k, v in pages.items() if isinstance(v, str)}
    if not patterns:
        return DEFAULT, False, []
    used = {section: patterns.get(section) for section in sections}
    distinct = {pattern for pattern in used.values() if pattern}
    notes = []
    if len(distinct) != 1 or None in used.values():
        other = sorted(section for section, pattern in used.items() if pattern != next(iter(distinct), None))
        if len(distinct) != 1:
            return DEFAULT, False, ["permalinks differ between sections: articles are at /{folder}/{slug}/; "
                                    "set permalink in site.toml"]
        notes.append(f"sections {', '.join(other)} have no permalinks pattern of their own: they follow the "
                     "other sections' here")
    pattern = distinct.pop()
    converted = re.sub(r":[a-z]+", lambda m: PLACEHOLDERS.get(m.group(0), m.group(0)), pattern)
    unknown = re.findall(r":[a-z]+", converted)
    if unknown or "{slug}" not in converted:
        return DEFAULT, False, [f"permalink {pattern!r}: {', '.join(unknown) or 'no :slug'} has no equivalent; "
                                f"articles are at {DEFAULT}"]
    converted = "/" + re.sub(r"/{2,}", "/", converted).lstrip("/")
    if not converted.endswith(("/", ".html")):
        converted += "/"
    return converted, any(token in pattern for token in FROM_TITLE), notes


def _sections(root: Path) -> list[str]:
    """The top folders of content/ that hold articles."""
    content = root / "content"
    return sorted(folder.name for folder in content.iterdir() if folder.is_dir()
                  and any(path.name != "_index.md" for path in folder.rglob("*.md")))
