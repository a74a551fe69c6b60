"""The fonts a share card is set in: site.toml's card_font, else the system's Arabic font
found by family through fontconfig, and a Latin one for the words the Arabic font has no
letters for (Noto's Arabic fonts have none)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..fontfiles import find_family, font_identity

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
        return tuple(font_identity(path) for path in (self.headline, self.latin, self.text))


def card_fonts(card_font: str, root: Path) -> CardFonts | None:
    """CARD_FONT (a path in site.toml, relative to the site folder ROOT) or the first
    Arabic family fontconfig has; None when there is none."""
    if card_font:
        path = (root / card_font).resolve()
        if not path.is_file():
            return None
        latin = find_family(LATIN_FAMILIES, "bold") or str(path)
        return CardFonts(str(path), latin, str(path))
    return _system_fonts()


@lru_cache(maxsize=1)
def _system_fonts() -> CardFonts | None:
    headline = find_family(ARABIC_FAMILIES, "bold", lang="ar")
    if headline is None:
        return None
    text = find_family(ARABIC_FAMILIES, "regular", lang="ar") or headline
    return CardFonts(headline, find_family(LATIN_FAMILIES, "bold") or headline, text)
