"""The characters the web fonts keep. A fixed set, not the site's own letters one by one:
an article that brings a new letter would then change the font files, so every page
that names them. A character outside the set is drawn by the next font of the page's
stack (each face declares the unicode-range it covers)."""

from __future__ import annotations


def _span(first: int, last: int) -> str:
    return "".join(chr(code) for code in range(first, last + 1))


# Arabic letters, hamza forms, harakat, superscript alef, tatweel; Arabic punctuation and
# digits; the letters Arabic writers borrow from Persian for foreign names (پ چ ژ ڤ گ ک ی).
ARABIC = (_span(0x0621, 0x063A) + _span(0x0640, 0x0652) + "\u0670" + "،؛؟٪٫٬" + _span(0x0660, 0x0669)
          + "پچژڤگکی" + "\ufdf2")
# What Arabic and Latin text share: digits, punctuation, quotation marks, spaces and the
# invisible marks of bidirectional text, which would otherwise fall to another font.
COMMON = (_span(0x20, 0x40) + "[]_{}|~" + "\u00a0«»·–—‘’“”…•‹›" + "\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069")
# Latin letters: English, French and the other Western European languages, and the names
# Arabic articles quote.
LATIN = (_span(0x41, 0x5A) + _span(0x61, 0x7A) + _span(0xC0, 0xFF).replace("×", "").replace("÷", "")
         + "ŒœŸ" + "^`\\")
VERSION = "2"      # of the sets: part of each subset's key
