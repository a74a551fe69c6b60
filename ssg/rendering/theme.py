"""Finding the theme: its templates, its words in each language, and its static files."""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from babel import Locale, UnknownLocaleError

from ..config import SiteConfig, line_in_site_toml
from ..errors import ConfigError, SiteError
from ..reading.files import folder_link, link_problem
from ..text.lang import primary_language

FINGERPRINTED = (".css", ".js")
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class StaticFile:
    source: Path
    output_path: str             # where it is written under site/
    also_at: str | None = None   # a fingerprinted copy, for css and js


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    folder: Path
    template_dirs: tuple[Path, ...]          # site overrides first
    words: Mapping[str, Mapping[str, str]]   # language -> key -> text, the site's strings first
    static: tuple[StaticFile, ...]
    assets: Mapping[str, str]                # "css/style.css" -> "css/style.1a2b3c4d.css"
    problems: tuple[SiteError, ...] = ()     # static files that are not copied (links out, dangling)

    def entry(self, key: str, language: str) -> str | Mapping[str, str] | None:
        """The theme's word for KEY in LANGUAGE (else English): text, or a table of plural forms."""
        for lang in (primary_language(language), FALLBACK_LANGUAGE):
            found = self.words.get(lang, {}).get(key)
            if found is not None:
                return found
        return None

    def word(self, key: str, language: str, count: int | None = None) -> str:
        """The theme's word for KEY. A word given as a table of CLDR plural forms (zero, one,
        two, few, many, other) is chosen by COUNT."""
        found = self.entry(key, language)
        if isinstance(found, Mapping):
            lang = primary_language(language) if primary_language(language) in self.words else FALLBACK_LANGUAGE
            found = found.get(plural_form(lang, count if count is not None else 0), found.get("other"))
        return key if found is None else found


def builtin_themes() -> list[Path]:
    """Where the themes shipped with ssg live: ssg/themes/ in an installed package (the
    wheel maps the repository's themes/ there), or themes/ at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    return [package / "themes", package.parent / "themes"]


def find_theme(config: SiteConfig) -> Path:
    candidates = [config.root / "themes" / config.theme] + [d / config.theme for d in builtin_themes()]
    for folder in candidates:
        if (folder / "templates").is_dir():
            return folder
    raise ConfigError([SiteError("site.toml", line_in_site_toml(config.root, "theme"),
                                 f"theme {config.theme!r} not found",
                                 f"looked in {', '.join(str(c) for c in candidates)}; "
                                 "use theme = \"default\" or add themes/<name>/templates/")])


def load_theme(config: SiteConfig) -> Theme:
    folder = find_theme(config)
    template_dirs = tuple(d for d in (config.root / "templates", folder / "templates") if d.is_dir())
    words = _load_words(folder / "i18n")
    words = _with_site_strings(words, config.strings, config.root)
    copied = [(config.root / name, name + "/") for name in config.copy]
    static, assets, problems = _collect_static([(folder / "static", ""), (config.root / "static", ""), *copied],
                                               (Path(os.path.realpath(folder)), Path(os.path.realpath(config.root))),
                                               config.root)
    return Theme(config.theme, folder, template_dirs, MappingProxyType(words), static, MappingProxyType(assets),
                 tuple(problems))


def _load_words(folder: Path) -> dict[str, Mapping[str, str]]:
    words: dict[str, Mapping[str, str]] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                words[path.stem] = MappingProxyType(tomllib.loads(path.read_text(encoding="utf-8")))
            except tomllib.TOMLDecodeError as error:
                raise ConfigError([SiteError(path.as_posix(), None, f"invalid TOML: {error}")]) from None
    return words


def _with_site_strings(words: dict[str, Mapping[str, str]], strings: Mapping[str, Mapping[str, str]], root: Path):
    """site.toml [strings.<lang>] overrides the theme's words; an unknown word is an error."""
    known = {key for catalog in words.values() for key in catalog}
    errors = [SiteError("site.toml", line_in_site_toml(root, key, f"strings.{lang}"),
                        f"[strings.{lang}] has unknown word {key!r}",
                        "theme words are: " + ", ".join(sorted(known)))
              for lang, overrides in strings.items() for key in overrides if key not in known]
    if errors:
        raise ConfigError(errors)
    merged = dict(words)
    for lang, overrides in strings.items():
        merged[primary_language(lang)] = MappingProxyType({**words.get(primary_language(lang), {}), **overrides})
    return merged


def _collect_static(folders: list[tuple[Path, str]], inside: tuple[Path, ...],
                    root: Path) -> tuple[tuple[StaticFile, ...], dict[str, str], list[SiteError]]:
    """Theme static files, then the site's static/ which overrides files of the same path,
    then the folders site.toml's `copy` names (each at its own path, the PREFIX of FOLDERS);
    and the links among them that are not followed (reading.files.link_problem)."""
    chosen: dict[str, Path] = {}
    problems = []
    for folder, prefix in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.name.startswith("."):
                    continue
                if path.is_symlink() and path.is_dir():
                    problems.append(folder_link(path, root))
                    continue
                problem = link_problem(path, inside, root)
                if problem is not None:
                    problems.append(problem)
                elif path.is_file():
                    chosen[prefix + path.relative_to(folder).as_posix()] = path
    files, assets = [], {}
    for relative, path in sorted(chosen.items()):
        fingerprinted = None
        if path.suffix in FINGERPRINTED:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            stem, _, suffix = relative.rpartition(".")
            fingerprinted = f"{stem}.{digest}.{suffix}"
            assets[relative] = fingerprinted
        files.append(StaticFile(path, relative, fingerprinted))
    return tuple(files), assets, problems


@lru_cache(maxsize=4096)
def plural_form(language: str, count: int) -> str:
    try:
        return Locale.parse(language).plural_form(count)
    except (ValueError, LookupError, UnknownLocaleError):
        return "one" if count == 1 else "other"
