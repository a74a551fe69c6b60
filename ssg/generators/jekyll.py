"""Jekyll: `_config.yml`, posts in `_posts/`, files served from the folders beside them.

URLs follow `permalink` (a style, `date` by default, or a pattern of :placeholders). :title
keeps the file name's capitals, as Jekyll does, and :slug lowercases; :categories are the
post's categories, lowercased, one folder each.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import Layout, base_url, language_of, plain_values

SETTINGS = ("_config.yml", "_config.yaml")
STYLES = {                     # Jekyll's permalink styles
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
PLACEHOLDERS = {":categories": "{categories}", ":year": "{year}", ":month": "{month}", ":day": "{day}",
                ":title": "{slug}", ":slug": "{slug}", ":output_ext": ".html", ":i_month": "{i_month}",
                ":i_day": "{i_day}", ":short_year": "{short_year}", ":y_day": "{y_day}", ":hour": "{hour}",
                ":minute": "{minute}", ":second": "{second}"}
# Folders that hold no files of the site: Jekyll's own and the tools' around it.
NOT_SERVED = {"node_modules", "vendor", "site", "static", "content", "templates", "themes", "Gemfile", "bin"}


def layout(root: Path) -> Layout | None:
    found = next((root / name for name in SETTINGS if (root / name).is_file()), None)
    if found is None or not (root / "_posts").is_dir():
        return None
    try:
        data = yaml.safe_load(found.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return Layout("jekyll", found.name, {"title": root.name, "base_url": "https://example.org/"}, "_posts",
                      notes=(f"{found.name} could not be read ({type(error).__name__}): its settings are not used",))
    if not isinstance(data, dict):
        data = {}
    return translate(root, found.name, data)


def translate(root: Path, settings_file: str, data: dict[str, Any]) -> Layout:
    notes: list[str] = []
    url, missing = base_url(str(data.get("url") or ""), str(data.get("baseurl") or ""))
    notes += missing
    settings: dict[str, Any] = {"title": str(data.get("title") or root.name), "base_url": url}
    if data.get("description"):
        settings["description"] = " ".join(str(data["description"]).split())
    language = language_of(str(data.get("lang") or data.get("locale") or data.get("language") or ""))
    if language:
        settings["language"] = language
    if data.get("timezone"):
        settings["timezone"] = str(data["timezone"])
    permalink, case, permalink_notes = permalink_pattern(str(data.get("permalink") or "date"))
    settings["permalink"] = permalink
    if case:
        settings["slug_case"] = case
    else:
        settings["slug_style"] = "pretty"     # :title keeps what Jekyll's pretty mode keeps (what's-new)
    notes += permalink_notes
    excluded = {str(name).strip("/") for name in data.get("exclude") or [] if isinstance(name, str)}
    copied = tuple(folder.name for folder in sorted(root.iterdir())
                   if folder.is_dir() and not folder.name.startswith(("_", ".")) and folder.name not in NOT_SERVED
                   and folder.name not in excluded and re.fullmatch(r"\w[\w.-]*", folder.name)
                   and _serves_files(folder))
    settings["content"] = "_posts"
    if copied:
        settings["copy"] = list(copied)
    settings["undated"] = "skip"
    settings["tags_split"] = "space"          # Jekyll: `tags: a b` is two tags
    extra = plain_values({k: v for k, v in data.items() if k not in ("title", "description", "url", "baseurl",
                                                                       "permalink", "timezone", "lang", "locale")})
    if extra:
        settings["extra"] = extra
    if (root / "_drafts").is_dir():
        notes.append("_drafts/ is not built: move a draft into _posts/ with `draft: true` to preview it with --drafts")
    for other in sorted(root.glob("*/_posts")):
        notes.append(f"{other.relative_to(root).as_posix()}/ is not read: only _posts/ at the top holds articles")
    return Layout("jekyll", settings_file, settings, "_posts", copied, tuple(notes))


def permalink_pattern(permalink: str) -> tuple[str, str, list[str]]:
    """Jekyll's permalink as site.toml's, with the slug case it needs and notes on what
    cannot be said (an hour, a day of the year)."""
    pattern = STYLES.get(permalink.strip(), permalink.strip())
    case = "lower" if ":slug" in pattern and ":title" not in pattern else ""
    converted = re.sub(r":[a-z_]+", lambda m: PLACEHOLDERS.get(m.group(0), m.group(0)), pattern)
    unknown = re.findall(r":[a-z_]+", converted)
    if unknown or "{slug}" not in converted:
        default = "/{categories}/{year}/{month}/{day}/{slug}.html"
        return default, case, [f"permalink {permalink!r}: {', '.join(unknown) or 'no :title'} has no equivalent; "
                               f"articles are at {default}, add aliases for their old URLs"]
    converted = "/" + re.sub(r"/{2,}", "/", converted).lstrip("/")
    if not converted.endswith(("/", ".html")):
        converted += ".html"      # /:title: Jekyll writes title.html, served at /title
    return converted, case, []


def _serves_files(folder: Path) -> bool:
    """A folder Jekyll would copy: one with a file that is not Markdown (a page, not built here)."""
    return any(path.is_file() and path.suffix.lower() not in (".md", ".markdown") for path in folder.rglob("*"))
