"""`ssg import jekyll|hugo|gatsby SRC [DEST]`: another generator's archive as a new ssg site
folder. SRC is only read. The settings are translated as `ssg build` translates them for
an archive built in place (ssg/generators), into site.toml; the articles are copied
into content/ as they are written (the build understands their Liquid, shortcodes and
components: reading/dialects), the files the site serves into static/.

The new folder is written beside DEST and renamed into place once complete, so an
import that fails leaves nothing half made.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import CONFIG_FILE, load_config
from ..errors import CommandError
from ..generators import Layout, gatsby, hugo, jekyll
from ..reading.dialects import convert
from ..reading.dialects.context import INCLUDES, context_for
from ..reading.files import MARKDOWN_SUFFIXES, is_hidden_or_temp, list_sources
from ..reading.notes import CONSTRUCTS
from ..reading.reader import load_body, read_source
from ..text.controls import without_controls

GENERATORS = {"jekyll": jekyll, "hugo": hugo, "gatsby": gatsby}
WHAT_IT_NEEDS = {
    "jekyll": "a _config.yml beside a _posts/ folder",
    "hugo": "a hugo.toml or config.toml (or .yaml, .json) beside a content/ folder",
    "gatsby": "a gatsby-config.js and a folder of Markdown posts (content/)",
}


@dataclass
class ImportReport:
    generator: str
    layout: Layout
    destination: Path
    articles: int = 0
    pages: list[str] = field(default_factory=list)        # Markdown files without a date: not articles
    not_imported: list[str] = field(default_factory=list)
    converted: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)         # file:line: what stays as written
    errors: list[str] = field(default_factory=list)        # what `ssg build` will refuse

    def lines(self) -> list[str]:
        settings = self.layout.settings
        lines = [f"imported {self.articles} article{'s' if self.articles != 1 else ''} from {self.generator} "
                 f"({self.layout.settings_file}) into {self.destination}",
                 f"URLs: {settings['base_url'].rstrip('/')}{settings['permalink']}"]
        lines += [f"note: {note}" for note in self.layout.notes]
        if self.converted:
            lines.append("converted when built: " + ", ".join(f"{count} {kind}"
                                                             for kind, count in sorted(self.converted.items())))
        if self.notes:
            lines.append(f"left as written ({len(self.notes)}), each shown as text with a warning at build time:")
            lines += [f"    {note}" for note in self.notes]
        if self.pages:
            lines.append(f"pages without a date, kept in content/ and not built ({len(self.pages)}): "
                         + ", ".join(self.pages))
        if self.not_imported:
            lines.append("not imported: " + ", ".join(self.not_imported))
        if self.errors:
            lines.append(f"{len(self.errors)} article{'s' if len(self.errors) != 1 else ''} `ssg build` will refuse "
                         "until fixed:")
            lines += [f"    {error}" for error in self.errors]
        lines.append(f"next: ssg build -s {self.destination}")
        return lines


def import_archive(generator: str, source: Path, destination: Path | None = None) -> ImportReport:
    source = source.resolve()
    module = GENERATORS[generator]
    layout = module.layout(source) if source.is_dir() else None
    if layout is None:
        raise CommandError(f"{source} is not a {generator} archive: ssg import {generator} needs "
                           f"{WHAT_IT_NEEDS[generator]}")
    destination = (destination or source.with_name(source.name + "-ssg")).resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise CommandError(f"{destination} is not empty: ssg import writes a new site folder and never "
                           "overwrites; name another one")
    if destination.is_relative_to(source) or source.is_relative_to(destination):
        raise CommandError(f"{destination}: the new site folder must be outside {source}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{destination.name}.import-", dir=destination.parent))
    try:
        report = _import_into(work, generator, source, layout)
        if destination.exists():
            destination.rmdir()
        os.replace(work, destination)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report.destination = destination
    return report


def _import_into(work: Path, generator: str, source: Path, layout: Layout) -> ImportReport:
    report = ImportReport(generator, layout, work)
    _copy_tree(source / layout.content, work / "content")
    static = work / "static"
    if (source / "static").is_dir():
        _copy_tree(source / "static", static)
    for name in layout.copy:                          # Jekyll's assets/: served at /assets/
        _copy_tree(source / name, static / name)
    if (source / INCLUDES).is_dir():
        _copy_tree(source / INCLUDES, work / INCLUDES)
    settings = {key: value for key, value in layout.settings.items() if key not in ("content", "copy")}
    (work / CONFIG_FILE).write_text(site_toml(settings, generator, layout), encoding="utf-8")
    report.not_imported = _left_behind(generator, source, layout)
    _survey(work, report)
    return report


def _copy_tree(source: Path, target: Path) -> None:
    """Links are copied as links, never followed: one to a file outside the archive
    (/etc/passwd) must not be published; the build refuses it, naming it."""
    shutil.copytree(source, target, dirs_exist_ok=True, symlinks=True,
                    ignore=lambda folder, names: [n for n in names if is_hidden_or_temp(n)])


def _left_behind(generator: str, source: Path, layout: Layout) -> list[str]:
    """What the archive has that an ssg site has no place for: Jekyll's pages and drafts."""
    if generator != "jekyll":
        return []
    left = []
    for path in sorted(source.iterdir()):
        if path.is_file() and path.suffix.lower() in MARKDOWN_SUFFIXES + (".html",) \
                and path.read_bytes().startswith(b"---"):
            left.append(f"{path.name} (a page)")
    if (source / "_drafts").is_dir():
        drafts = sum(1 for p in (source / "_drafts").rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES)
        left.append(f"_drafts/ ({drafts} draft{'s' if drafts != 1 else ''})")
    return left


def _survey(site: Path, report: ImportReport) -> None:
    """Each article as the build will read it (the build's own listing and reader): counted,
    its constructs converted and left."""
    config = load_config(site)
    markdown, _, problems = list_sources(config)
    report.errors += [str(problem).split("\n")[0] for problem in problems]
    for source in markdown:
        result = read_source(config.root / source, config)
        if isinstance(result, list):
            if result:
                report.errors += [str(error).split("\n")[0] for error in result]
            else:
                report.pages.append(source)
            continue
        report.articles += 1
        converted = convert(without_controls(load_body(result, config.root)), context_for(result, config))
        report.converted.update(converted.converted)
        report.notes += [f"{source}:{line}: {message}" for line, kind, message in result.notes
                         if kind in CONSTRUCTS]


def site_toml(settings: dict[str, Any], generator: str, layout: Layout) -> str:
    """SETTINGS as site.toml text, with a header that says where they came from."""
    return site_toml_text(settings, f"`ssg import {generator}` from {layout.settings_file}", layout.notes)


def site_toml_text(settings: dict[str, Any], origin: str, notes=()) -> str:
    """SETTINGS as site.toml text, headed by where they came from (ORIGIN) and NOTES."""
    lines = [f"# Imported by {origin} on {dt.date.today().isoformat()}."]
    lines += [f"# note: {note}" for note in notes]
    lines.append("")
    tables = {key: value for key, value in settings.items() if isinstance(value, dict)}
    for key, value in settings.items():
        if key not in tables:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, table in tables.items():
        lines += _toml_table(key, table)
    return "\n".join(lines) + "\n"


def _toml_table(name: str, table: dict[str, Any]) -> list[str]:
    lines = ["", f"[{name}]"]
    inner = {key: value for key, value in table.items() if isinstance(value, dict)}
    lines += [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in table.items() if key not in inner]
    for key, value in inner.items():
        lines += _toml_table(f"{name}.{_toml_key(key)}", value)
    return lines


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
