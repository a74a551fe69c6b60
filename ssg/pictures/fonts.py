"""The fonts a share card is set in: site.toml's card_font, else the system's Arabic font
found by family through fontconfig, and a Latin one for the words the Arabic font has no
letters for (Noto's Arabic fonts have none)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ARABIC_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Noto Kufi Arabic", "DejaVu Sans")
LATIN_FAMILIES = ("Noto Sans", "Noto Serif", "DejaVu Sans", "Liberation Sans")


@dataclass(frozen=True, slots=True)
class CardFonts:
    headline: str                  # a font file: bold where the family has one
    latin: str                     # for the letters HEADLINE lacks; may be HEADLINE itself
    text: str                      # the site's name and the date

    def identity(self) -> tuple[str, ...]:
        """What a card's pixels depend on of its fonts: each file's bytes (not its path or
        time, so that two machines with one font name their cards alike)."""
        return tuple(_digest(path, *_stat(path)) for path in (self.headline, self.latin, self.text))


def _stat(path: str) -> tuple[int, int]:
    stat = Path(path).stat()
    return stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=16)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def card_fonts(card_font: str, root: Path) -> CardFonts | None:
    """CARD_FONT (a path in site.toml, relative to the site folder ROOT) or the first
    Arabic family fontconfig has; None when there is none."""
    if card_font:
        path = (root / card_font).resolve()
        if not path.is_file():
            return None
        latin = _match(LATIN_FAMILIES, "bold") or str(path)
        return CardFonts(str(path), latin, str(path))
    return _system_fonts()


@lru_cache(maxsize=1)
def _system_fonts() -> CardFonts | None:
    headline = _match(ARABIC_FAMILIES, "bold", lang="ar")
    if headline is None:
        return None
    text = _match(ARABIC_FAMILIES, "regular", lang="ar") or headline
    return CardFonts(headline, _match(LATIN_FAMILIES, "bold") or headline, text)


def _match(families: tuple[str, ...], style: str, lang: str = "") -> str | None:
    """The file of the first of FAMILIES fontconfig has (not a substitute it offers)."""
    if shutil.which("fc-match") is None:
        return None
    for family in families:
        pattern = f"{family}:style={style.capitalize()}" + (f":lang={lang}" if lang else "")
        try:
            found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern], capture_output=True,
                                   text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        names, _, file = found.partition("\t")
        if file and family in names.split(",") and Path(file).is_file() and file.endswith((".ttf", ".otf")):
            return file
    return None
