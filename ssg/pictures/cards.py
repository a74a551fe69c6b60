"""Share cards: a 1200×630 picture for link previews of an article that has no picture
large enough, with its headline, the site's name and the date.

The headline is laid out by Pillow's raqm engine (FriBiDi for the order, HarfBuzz for the
letters' joined forms), so Arabic reads right to left with each letter in its form, as a
browser sets it. Words the Arabic font has no letters for (Latin names) are set in the
Latin font, each run in its own direction, in the line's order."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fonts import CardFonts

VERSION = "2"                            # of the design: a new one makes every card again
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = (17, 24, 39)
HEADLINE = (255, 255, 255)
MUTED = (203, 213, 225)
ACCENT = (225, 29, 72)
SIZES = (72, 66, 60, 54, 48, 44, 40)     # the headline's, largest first: the first that fits
MAX_LINES = 4
QUALITY = 80                             # JPEG: 1.7 ms and about 45 KB a card (a 16-colour PNG: 11 ms, 25 KB)


@dataclass(frozen=True, slots=True)
class CardText:
    headline: str
    site: str
    date: str
    lang: str                          # "ar", "en"...
    dir: str                           # "rtl" or "ltr"


def render_card(text: CardText, fonts: CardFonts, layout: str = "raqm") -> bytes:
    """The card as JPEG bytes. LAYOUT: Pillow's "raqm" engine, or "basic" (for tests that
    show what an unshaped card looks like)."""
    from PIL import Image, ImageDraw

    card = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(card)
    rtl = text.dir == "rtl"
    bar = (WIDTH - 16, 0, WIDTH, HEIGHT) if rtl else (0, 0, 16, HEIGHT)
    draw.rectangle(bar, fill=ACCENT)
    # The site's name is the same on every card: set once, pasted after.
    name, name_width = _set_once(text.site, fonts.text, fonts.latin, 30, layout, rtl, text.lang)
    card.paste(MUTED, (WIDTH - MARGIN - name_width if rtl else MARGIN, 70 - 30), name)
    _draw_line(draw, text.date, _faces(fonts.text, fonts.latin, 30, layout, rtl), HEIGHT - 110, rtl, MUTED,
               text.lang)
    size, lines = fit_headline(text.headline, fonts, layout, rtl, text.lang)
    faces = _faces(fonts.headline, fonts.latin, size, layout, rtl)
    line_height = round(size * 1.6)
    top = 150 + max(0, (HEIGHT - 260 - line_height * len(lines)) // 2)
    for number, line in enumerate(lines):
        _draw_line(draw, line, faces, top + number * line_height, rtl, HEADLINE, text.lang)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def fit_headline(headline: str, fonts: CardFonts, layout: str, rtl: bool, lang: str) -> tuple[int, list[str]]:
    """The largest size at which HEADLINE wraps into MAX_LINES lines, and its lines (the
    last cut with an ellipsis when even the smallest size is not enough)."""
    words = headline.split()
    for size in SIZES:
        faces = _faces(fonts.headline, fonts.latin, size, layout, rtl)
        # Each word measured once: a line is as wide as its words and the spaces between
        # them (shaping joins letters within a word, never across a space).
        widths = {word: line_width(word, faces, rtl, lang) for word in words}
        lines = wrap(words, widths, line_width(" ", faces, rtl, lang), WIDTH - 2 * MARGIN)
        if len(lines) <= MAX_LINES:
            return size, lines
    lines = lines[:MAX_LINES]
    last = lines[-1]
    while last and line_width(last + "…", faces, rtl, lang) > WIDTH - 2 * MARGIN:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + "…"
    return SIZES[-1], lines


def wrap(words: list[str], widths: dict[str, float], space: float, room: float) -> list[str]:
    """WORDS (each of the width WIDTHS gives, with SPACE between two) in lines no wider than
    ROOM (a word wider than ROOM has a line of its own)."""
    lines: list[str] = []
    used = 0.0
    for word in words:
        if lines and used + space + widths[word] <= room:
            lines[-1] += " " + word
            used += space + widths[word]
        else:
            lines.append(word)
            used = widths[word]
    return lines


def runs(line: str, faces, rtl: bool = True) -> list[tuple[str, int]]:
    """LINE cut where the font changes: (text, index in FACES). A character the first font
    has goes to it; one it lacks, to the second; spaces and signs both have stay with the
    run they are in. The spaces at the ends of a run set against the line's direction (a
    Latin name in an Arabic line, RTL) are runs of their own, so that they stay between
    the words, not at the run's far end."""
    found: list[tuple[str, int]] = []
    for ch in line:
        face = 0 if _has(faces[0], ch) else 1
        neutral = ch.isspace() or unicodedata.bidirectional(ch) in ("WS", "ON", "CS", "ES", "ET", "EN")
        if found and (face == found[-1][1] or (neutral and _has(faces[found[-1][1]], ch))):
            found[-1] = (found[-1][0] + ch, found[-1][1])
        else:
            found.append((ch, face))
    base = "rtl" if rtl else "ltr"
    split: list[tuple[str, int]] = []
    for text, face in found:
        if _direction(text, rtl) == base or not text.strip():
            split.append((text, face))
            continue
        strong = [i for i, ch in enumerate(text) if unicodedata.bidirectional(ch) in ("L", "R", "AL")]
        start, end = strong[0], strong[-1] + 1
        for part in (text[:start], text[start:end], text[end:]):
            if part:
                split.append((part, face))
    return split


def _direction(text: str, rtl: bool) -> str:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "rtl" if rtl else "ltr"


def line_width(line: str, faces, rtl: bool, lang: str) -> float:
    return sum(faces[face].getlength(part, **_layout(part, rtl, lang, faces[face]))
               for part, face in runs(line, faces, rtl))


def line_picture(line: str, fonts: CardFonts, size: int, layout: str = "raqm", rtl: bool = True,
                 lang: str = "ar"):
    """LINE alone, black on white, set as a card sets its headline (for comparing the
    shaping with a browser's)."""
    from PIL import Image, ImageDraw

    faces = _faces(fonts.headline, fonts.latin, size, layout, rtl)
    width = round(line_width(line, faces, rtl, lang)) + 2 * size
    picture = Image.new("L", (width, size * 3), 255)
    _draw_line(ImageDraw.Draw(picture), line, faces, size, rtl, 0, lang, start=width - size if rtl else size)
    return picture


@lru_cache(maxsize=8)
def _set_once(line: str, text_font: str, latin: str, size: int, layout: str, rtl: bool, lang: str):
    """LINE set as _draw_line sets it, as a mask as wide as it (and SIZE above and below
    it), with that width."""
    from PIL import Image, ImageDraw

    faces = _faces(text_font, latin, size, layout, rtl)
    width = round(line_width(line, faces, rtl, lang)) + 2
    mask = Image.new("L", (width, size * 3), 0)
    _draw_line(ImageDraw.Draw(mask), line, faces, size, rtl, 255, lang, start=width - 1 if rtl else 1)
    return mask, width


def _draw_line(draw, line: str, faces, top: int, rtl: bool, fill, lang: str, start: int | None = None) -> None:
    """LINE from the start side (the right, RTL), each run in its font and direction."""
    x = start if start is not None else WIDTH - MARGIN if rtl else MARGIN
    for part, face in runs(line, faces, rtl):
        font = faces[face]
        options = _layout(part, rtl, lang, font)
        length = font.getlength(part, **options)
        left = x - length if rtl else x
        draw.text((left, top), part, font=font, fill=fill, **options)
        x = left if rtl else x + length


def _layout(part: str, rtl: bool, lang: str, font) -> dict:
    from PIL import ImageFont

    if font.layout_engine != ImageFont.Layout.RAQM:
        return {}
    direction = _direction(part, rtl)
    return {"direction": direction, "language": lang if direction == ("rtl" if rtl else "ltr") else None}


def _faces(arabic: str, latin: str, size: int, layout: str, rtl: bool) -> list:
    """The fonts a line is set in, the first preferred: the Arabic one in an RTL card."""
    faces = [_font(arabic, size, layout), _font(latin, size, layout)]
    return faces if rtl else faces[::-1]


@lru_cache(maxsize=64)
def _font(path: str, size: int, layout: str):
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if layout == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, layout_engine=engine)


_MISSING = "\U000F0000"                  # a private-use character no font draws: its .notdef


@lru_cache(maxsize=4096)
def _has(font, ch: str) -> bool:
    """Whether FONT has a letter for CH (not its empty box)."""
    if ch.isspace():
        return True
    return _ink(font, ch) != _ink(font, _MISSING)


def _ink(font, ch: str) -> tuple:
    mask = font.getmask(ch)
    return mask.size, bytes(mask)
