"""The characters the web fonts keep. A fixed set, not the site's own letters one by one:
an article that brings a new letter would then change the font files, so every page
that names them. A character outside the set is drawn by the next font of the page's
stack (each face declares the unicode-range it covers). The sets are cut into pieces
that a page fetches only when it has one of their characters."""

from __future__ import annotations


def _span(first: int, last: int) -> str:
    return "".join(chr(code) for code in range(first, last + 1))


# Arabic letters, hamza forms, harakat, superscript alef, tatweel; Arabic punctuation.
ARABIC = _span(0x0621, 0x063A) + _span(0x0640, 0x0652) + "\u0670" + "،؛؟٪"
# Arabic-Indic digits and separators: a piece of their own, fetched by pages that print
# them (every page of a site with digits = "arabic").
ARABIC_DIGITS = _span(0x0660, 0x0669) + "٫٬"
# The letters Arabic writers borrow from Persian for foreign names (پ چ ژ ڤ گ ک ی), and
# the ligature of the word Allah: rarer, a piece of their own.
ARABIC_EXTRA = "پچژڤگکی" + "\ufdf2"
DIGITS = _span(0x30, 0x39)
# What Arabic and Latin text share besides digits: punctuation, brackets, signs, quotation
# marks, spaces and the invisible marks of bidirectional text, which would otherwise fall
# to another font.
SIGNS = (_span(0x20, 0x2F) + _span(0x3A, 0x40) + "[]_{}|~^`\\" + "\u00a0«»·–—‘’“”…•‹›"
         + "\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069")
COMMON = DIGITS + SIGNS
# Latin letters: English, and the accented letters of French and the other Western
# European languages and of the names Arabic articles quote.
LATIN = _span(0x41, 0x5A) + _span(0x61, 0x7A)
LATIN_ACCENTED = _span(0xC0, 0xFF).replace("×", "").replace("÷", "") + "ŒœŸ"
VERSION = "4"      # of the sets: part of each subset's key
