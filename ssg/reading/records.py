"""Writers' records kept as files, content/authors/<name>.md (or Hugo's
content/authors/<name>/_index.md): the writer's name, role, picture and links in the
front-matter, the bio as the body. They join site.toml's [authors."name"] tables (a
table of site.toml wins over a file for the same name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from types import MappingProxyType

from ..config import AUTHOR_KEYS, AUTHOR_ORIGIN, check_author_record, replace
from ..errors import BuildFailed, SiteError, display_path
from .files import RECORDS
from .frontmatter import FrontMatterError, line_of_key, split_front_matter
from .reader import decode_source

KEYS = {"name": "name", "title": "name", "role": "role", "picture": "picture", "image": "picture",
        "links": "links", "bio": "bio"}


def record_files(content_dir: Path) -> list[Path]:
    folder = content_dir / RECORDS
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.md"), *folder.glob("*/_index.md")])


def with_author_records(config):
    """CONFIG with the writers' records of content/authors/ beside site.toml's (whose table
    wins for one name): a change to a record is a change to the config, as a change to
    site.toml is. Raises BuildFailed with every error found in the records."""
    records, errors = author_records(config.content_dir, config.root)
    if errors:
        raise BuildFailed(errors)
    if not records:
        return config
    merged = {name: MappingProxyType(record) for name, record in records.items()}
    merged.update(config.authors)
    return replace(config, authors=MappingProxyType(merged))


def author_records(content_dir: Path, root: Path) -> tuple[dict[str, dict[str, Any]], list[SiteError]]:
    """The records of content/authors/, by the writer's name, and the errors found in them
    (each with its file and line)."""
    records: dict[str, dict[str, Any]] = {}
    errors: list[SiteError] = []
    for path in record_files(content_dir):
        shown = display_path(path, root)
        try:
            split = split_front_matter(decode_source(path.read_bytes()))
        except (OSError, UnicodeDecodeError) as error:
            errors.append(SiteError(shown, None, f"cannot read this writer's record: {error}",
                                    "save it as UTF-8 text"))
            continue
        except FrontMatterError as error:
            errors.append(SiteError(shown, error.line, error.message, error.hint))
            continue
        record: dict[str, Any] = {}
        for key, value in split.data.items():
            field = KEYS.get(key)
            if field is None:
                errors.append(SiteError(shown, line_of_key(split, key), f"unknown key {key!r} in a writer's record",
                                        "a record takes: name (or title), " + ", ".join(AUTHOR_KEYS)))
            else:
                record[field] = value
        name_key = next((key for key in split.data if KEYS.get(key) == "name"), None)
        name = record.pop("name", None)
        if not isinstance(name, str) or not name.strip():
            errors.append(SiteError(shown, split.first_line, "a writer's record needs the writer's name",
                                    "add `name: ...` as the articles' author: lines write it"))
            continue
        if "bio" not in record and split.body.strip():
            record["bio"] = split.body.strip()
        problem = check_author_record(name, record)
        if problem:
            errors.append(SiteError(shown, split.first_line, f"this writer's record {problem}",
                                    "write it as: name: ..., role: ..., picture: /images/x.jpg, links: [https://...]"))
            continue
        # Where the record came from, for the warning when no article names this writer.
        records[name.strip()] = {**record, AUTHOR_ORIGIN: (shown, line_of_key(split, name_key))}
    return records, errors
