"""A picture's record: its size as shown, its kind, the digest of its bytes, and the
variant widths it gets. Made from the file's header (Pillow reads no pixels for it)."""

from __future__ import annotations

import hashlib
import io
import posixpath
from dataclasses import dataclass

from ..article import pickled_as_tuple

RASTER = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".gif": "gif", ".avif": "avif"}
RESIZED = ("jpeg", "png", "webp")      # a GIF may move, an AVIF is small already: shown as they are
TURNED = (5, 6, 7, 8)                  # EXIF orientations that swap width and height
VERSION = "1"                          # of the way outputs are made: a new one makes them again


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Picture:
    path: str                          # in site/, e.g. "2024/photo.jpg"
    width: int                         # as a browser shows it: upright
    height: int
    kind: str                          # jpeg, png, webp, gif, avif
    digest: str                        # of the file's bytes
    orientation: int = 1               # EXIF orientation: anything but 1 is turned upright when published

    def variant_widths(self, widths: tuple[int, ...]) -> tuple[int, ...]:
        """Of WIDTHS, those its smaller copies have: narrower than itself (never enlarged)."""
        return tuple(w for w in sorted(set(widths)) if w < self.width) if self.kind in RESIZED else ()

    def variant_path(self, width: int, fmt: str, key: str) -> str:
        """Beside the picture, named by what it is made from (KEY), so a CDN may keep it for ever."""
        folder, name = posixpath.split(self.path)
        stem = name.rsplit(".", 1)[0]
        return posixpath.join(folder, f"{stem}-{width}w.{key[:10]}.{fmt}")


def kind_of(path: str) -> str | None:
    """The raster kind PATH names by its extension, or None (SVG, PDF, anything else)."""
    dot = path.rfind(".")
    return RASTER.get(path[dot:].lower()) if dot >= 0 else None


class NotAPicture(Exception):
    """The file's bytes are not the picture its name says."""


def probe(path: str, data: bytes) -> Picture:
    """PATH's record from its bytes DATA."""
    from PIL import Image, UnidentifiedImageError

    kind = kind_of(path) or ""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            orientation = 1
            if kind in ("jpeg", "png", "webp"):
                try:
                    orientation = int(image.getexif().get(0x0112, 1) or 1)
                except Exception:          # noqa: BLE001 - a broken EXIF: shown as stored
                    orientation = 1
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise NotAPicture(str(error)) from None
    if orientation in TURNED:
        width, height = height, width
    return Picture(path, width, height, kind, hashlib.sha1(data).hexdigest(), orientation)
