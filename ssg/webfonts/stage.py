"""Stage: the web fonts. Each face (Arabic and Latin, regular and bold) is found (site.toml's
[fonts], else fontconfig), subset once by the digest of its bytes and of the characters
kept, and copied into site/fonts/ by the plan. The subsets are kept in the user's cache
folder (font_cache), shared by every site on the machine: a subset is a function of the
font and the characters alone, and takes a second or two to make."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..digest import sha1
from ..errors import SiteError
from ..fontfiles import find_family, font_identity
from .repertoire import ARABIC, ARABIC_DIGITS, ARABIC_EXTRA, COMMON, DIGITS, LATIN, LATIN_ACCENTED, SIGNS, VERSION

ARABIC_FAMILIES = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "Scheherazade New")
LATIN_FAMILIES = ("Noto Serif", "Noto Sans", "DejaVu Serif", "Liberation Serif")
# Each face comes in pieces, (name, characters kept), each a file of its own that a page
# fetches only when it has one of its characters: the Arabic letters with the digits and
# signs the Arabic font has, the Arabic-Indic digits, and the rarer letters; the Latin
# signs (brackets, %, quotes: Arabic fonts lack most of them, so Arabic pages fetch these
# 2.6 KB), the Latin letters with the digits (a page with Latin words), and the accented
# letters.
ARABIC_PIECES = (("", ARABIC + COMMON), ("digits", ARABIC_DIGITS), ("extra", ARABIC_EXTRA))
LATIN_PIECES = (("signs", SIGNS), ("letters", LATIN + DIGITS), ("accents", LATIN_ACCENTED))
# (setting in [fonts], CSS family, weight, families fontconfig is asked for, pieces)
ROLES = (
    ("arabic", "ssg Arabic", 400, ARABIC_FAMILIES, ARABIC_PIECES),
    ("arabic_bold", "ssg Arabic", 700, ARABIC_FAMILIES, ARABIC_PIECES),
    ("latin", "ssg Latin", 400, LATIN_FAMILIES, LATIN_PIECES),
    ("latin_bold", "ssg Latin", 700, LATIN_FAMILIES, LATIN_PIECES),
)


@dataclass(frozen=True, slots=True)
class Face:
    family: str              # the CSS family: "ssg Arabic" or "ssg Latin"
    weight: int
    output_path: str         # under site/: fonts/arabic-400.<key>.woff2
    key: str                 # its file in the cache
    unicode_range: str
    size_adjust: float       # the Latin faces': see subset.size_adjust
    piece: str = ""          # which piece of the face: "" for the Arabic letters (see ROLES)


@dataclass(frozen=True, slots=True)
class WebFonts:
    faces: tuple[Face, ...] = ()
    warnings: tuple[SiteError, ...] = ()

    def css(self, url_of) -> str:
        """The @font-face rules; URL_OF makes a path from the site's root into a URL. The
        Latin faces come twice: as they are for Latin pages, and scaled to match the
        Arabic letters for Latin words inside Arabic text ("ssg Latin in Arabic")."""
        rules = []
        for face in self.faces:
            names = [(face.family, 1.0)]
            if face.family == "ssg Latin" and face.size_adjust != 1.0:
                names.append(("ssg Latin in Arabic", face.size_adjust))
            for name, adjust in names:
                rule = (f'@font-face{{font-family:"{name}";src:url("{url_of("/" + face.output_path)}") '
                        f'format("woff2");font-weight:{face.weight};font-display:swap;'
                        f"unicode-range:{face.unicode_range}")
                rules.append(rule + (f";size-adjust:{adjust:.1%}}}" if adjust != 1.0 else "}"))
        return "\n".join(rules)

    def preload(self, url_of) -> tuple[str, ...]:
        """The faces every Arabic page needs at once: the text's and the headline's."""
        return tuple(url_of("/" + face.output_path) for face in self.faces
                     if face.family == "ssg Arabic" and face.piece == "")

    def outputs(self, cache: Path) -> dict[str, Path]:
        return {face.output_path: cache / f"{face.key}.woff2" for face in self.faces}


def font_cache(site_cache: Path) -> Path:
    """$SSG_FONT_CACHE, else the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then
    ssg/fonts), else SITE_CACHE (the site's .ssg-cache/fonts) where that cannot be made."""
    chosen = os.environ.get("SSG_FONT_CACHE")
    if chosen:
        return Path(chosen)
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(home) / "ssg" / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return site_cache
    return folder if os.access(folder, os.W_OK) else site_cache


def font_stage(config, cache: Path) -> WebFonts:
    """The site's web fonts, made into CACHE where they are not there yet; none with
    web_fonts = false. A face whose font is not found is left out with a warning: its
    text is drawn by the reader's own fonts."""
    if not config.web_fonts:
        return WebFonts()
    files, warnings = _font_files(config)
    faces = []
    arabic, latin = files.get("arabic"), files.get("latin")
    for setting, family, weight, _, pieces in ROLES:
        path = files.get(setting)
        if path is None:
            continue
        pair = (arabic, latin) if family == "ssg Latin" and arabic else None
        for piece, characters in pieces:
            name = "-".join(filter(None, (setting.removesuffix("_bold"), piece)))
            faces.append(_face(cache, name, family, weight, path, characters, pair, piece))
    return WebFonts(tuple(faces), tuple(warnings))


def _font_files(config) -> tuple[dict[str, str], list[SiteError]]:
    """Each role's font file: [fonts] in site.toml (a missing file is a warning on the
    setting's line, and the role is left out), else fontconfig's; a bold that fontconfig lacks is left to the
    browser, which thickens the regular."""
    from ..config import line_in_site_toml

    files: dict[str, str] = {}
    warnings = []
    chosen: Mapping[str, str] = config.fonts
    for setting, _, weight, families, _ in ROLES:
        if setting in chosen:
            path = (config.root / chosen[setting]).resolve()
            if path.is_file():
                files[setting] = str(path)
                continue
            warnings.append(SiteError(config.settings_file, line_in_site_toml(config.root, setting, "fonts"),
                                      f"fonts.{setting}: no font file at {chosen[setting]}",
                                      "give the path of a .ttf or .otf file from the site folder"))
            continue
        if setting.endswith("_bold") and setting.removesuffix("_bold") in chosen:
            continue          # a family of the site's own: its bold is its own to give
        found = find_family(families, "bold" if weight == 700 else "regular",
                            lang="ar" if setting.startswith("arabic") else "")
        if found is not None:
            files[setting] = found
    if "arabic" not in files and "arabic" not in chosen:
        warnings.append(SiteError(config.settings_file, line_in_site_toml(config.root, "web_fonts"),
                                  "no Arabic font found for the web fonts (fontconfig knows no Noto Naskh Arabic, "
                                  "Amiri or Noto Sans Arabic): pages use the reader's own fonts",
                                  "install one (Debian: apt-get install fonts-noto-core), set [fonts] arabic to a "
                                  ".ttf file, or web_fonts = false"))
    return files, warnings


def _face(cache: Path, name: str, family: str, weight: int, path: str, characters: str,
          pair: tuple[str, str] | None, piece: str) -> Face:
    identity = font_identity(path)
    paired = tuple(font_identity(p) for p in pair) if pair else ()
    key = sha1(VERSION, identity, characters, *paired)[:20]
    record = cache / f"{key}.json"
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
        if not (cache / f"{key}.woff2").is_file():
            raise FileNotFoundError
    except (OSError, ValueError):
        known = _make(cache, key, path, characters, pair)
    return Face(family, weight, f"fonts/{name}-{weight}.{key[:10]}.woff2", key, known["range"], known["adjust"],
                piece)


def _make(cache: Path, key: str, path: str, characters: str, pair: tuple[str, str] | None) -> dict:
    from .subset import size_adjust, subset_woff2, unicode_range

    data, codes = subset_woff2(path, characters)
    known = {"range": unicode_range(codes), "adjust": size_adjust(*pair) if pair else 1.0}
    cache.mkdir(parents=True, exist_ok=True)
    # Written under a name of this process's, then renamed: two builds may make one subset at once.
    for suffix, content in ((".woff2", data), (".json", json.dumps(known).encode("utf-8"))):
        partial = cache / f"{key}{suffix}.{os.getpid()}.part"
        partial.write_bytes(content)
        partial.replace(cache / f"{key}{suffix}")
    return known
