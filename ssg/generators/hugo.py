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
    permalink, sections, from_title, permalink_notes = permalink_patterns(keys.get("permalinks"))
    settings["permalink"] = permalink
    if sections:
        settings["permalinks"] = sections
    notes += permalink_notes
    if from_title:
        settings["slug_from"] = "title"
        others = [section for section in _sections(root) if section not in sections]
        if others:
            notes.append(f"{', '.join(others)}: no permalinks pattern, and their slugs come from titles here "
                         "as the other sections' do (Hugo takes the file name): set slug: where it matters")
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


def permalink_patterns(permalinks: Any) -> tuple[str, dict[str, str], bool, list[str]]:
    """Hugo's default pattern and each section's own ([permalinks] in site.toml); whether
    slugs come from titles; notes on the patterns that cannot be said."""
    patterns: dict[str, str] = {}
    if isinstance(permalinks, dict):
        pages = permalinks.get("page") if isinstance(permalinks.get("page"), dict) else permalinks
        patterns = {str(k): str(v) for k, v in pages.items() if isinstance(v, str)}
    sections, notes, from_title = {}, [], set()
    for section, pattern in sorted(patterns.items()):
        converted = permalink_pattern(pattern)
        if converted is None:
            unknown = [token for token in re.findall(r":[a-z]+", pattern) if token not in PLACEHOLDERS]
            notes.append(f"permalinks {section} = {pattern!r}: {', '.join(unknown) or 'no :slug'} has no "
                         f"equivalent; its articles are at {DEFAULT}")
            continue
        sections[section] = converted
        from_title.add(any(token in pattern for token in FROM_TITLE))
    if len(from_title) > 1:
        notes.append("some sections' permalinks take the slug from the title, others from the file name: "
                     "here every slug comes from the title")
    return DEFAULT, sections, any(from_title), notes


def permalink_pattern(pattern: str) -> str | None:
    """One of Hugo's permalink patterns in site.toml's terms; None when it cannot be said."""
    converted = re.sub(r":[a-z]+", lambda m: PLACEHOLDERS.get(m.group(0), m.group(0)), pattern)
    if re.search(r":[a-z]+", converted) or "{slug}" not in converted:
        return None
    converted = "/" + re.sub(r"/{2,}", "/", converted).lstrip("/")
    return converted if converted.endswith(("/", ".html")) else converted + "/"


def _sections(root: Path) -> list[str]:
    """The top folders of content/ that hold articles."""
    content = root / "content"
    return sorted(folder.name for folder in content.iterdir() if folder.is_dir()
                  and any(path.name != "_index.md" for path in folder.rglob("*.md")))
