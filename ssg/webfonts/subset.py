"""One font file subset to a set of characters, as woff2, with the ranges it covers."""

from __future__ import annotations

import io

from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont


def subset_woff2(path: str, characters: str) -> tuple[bytes, tuple[int, ...]]:
    """The font at PATH cut down to CHARACTERS (those it has), with fontTools' default
    OpenType features: among them Arabic's joining forms (init, medi, fina, isol), its
    required ligatures and mark placement, and Latin's kerning and ligatures (not small
    capitals or old-style figures, which the theme does not use). Returns the woff2 bytes
    and the code points the subset covers."""
    font = TTFont(path)
    available = set(font.getBestCmap())
    wanted = sorted({ord(c) for c in characters} & available)
    options = subset.Options()
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]      # the family, style and licence lines the font names
    options.name_languages = [0x409]
    options.hinting = False                        # browsers on screens today do without
    options.desubroutinize = True                  # smaller once brotli compresses it
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=wanted)
    cutter.subset(font)
    font.flavor = "woff2"                          # Brotli-compressed: what browsers fetch
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), tuple(wanted)


def unicode_range(codes: tuple[int, ...]) -> str:
    """CSS unicode-range of CODES (sorted), runs joined: "U+20-7E, U+A0, U+621-63A"."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def size_adjust(arabic: str, latin: str) -> float:
    """How much to scale the Latin face so that its capitals stand as tall as the Arabic
    face's alef: at one font size, Noto Serif's letters look a tenth larger than Noto
    Naskh Arabic's, and a Latin name inside Arabic text looks set in another size."""
    alef = _height(arabic, "ا")
    capital = _height(latin, "H")
    if not alef or not capital:
        return 1.0
    return round(min(1.25, max(0.75, alef / capital)), 3)


def _height(path: str, character: str) -> float:
    """CHARACTER's ink height in PATH's font, as a share of its em; 0 when it has none."""
    font = TTFont(path, lazy=True)
    name = font.getBestCmap().get(ord(character))
    if name is None:
        return 0.0
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)
    if pen.bounds is None:
        return 0.0
    return (pen.bounds[3] - max(0, pen.bounds[1])) / font["head"].unitsPerEm
