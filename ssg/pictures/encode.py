"""The bytes ssg publishes for a picture: the picture itself without private metadata and
upright, and its variants, smaller and in WebP (or AVIF). Pure functions of the source's
bytes and the settings, run in the build's worker processes."""

from __future__ import annotations

import io

from .metadata import exif_of, strip
from .probe import Picture

ORIGINAL_QUALITY = 92          # a JPEG turned upright is encoded again: near its own quality
# libwebp's effort: 1 encodes a photo in a third of the time of its default (4), a few per
# cent larger (benchmarks/RESULTS.md, session 11).
WEBP_METHOD = 1


def published(data: bytes, picture: Picture, keep_metadata: bool) -> bytes:
    """The picture as site/ serves it at its own path. KEEP_METADATA: as it is."""
    if keep_metadata:
        return data
    if picture.orientation != 1:
        return _upright(data, picture)
    return strip(data, picture.kind)


def _upright(data: bytes, picture: Picture) -> bytes:
    """Turned as its EXIF orientation says, encoded again in its own format."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        exif, icc = exif_of(image), image.info.get("icc_profile")
        turned = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        options: dict = {"icc_profile": icc} if icc else {}
        if exif:
            options["exif"] = exif
        if picture.kind == "jpeg":
            turned.save(out, "JPEG", quality=ORIGINAL_QUALITY, optimize=True, **options)
        elif picture.kind == "webp":
            turned.save(out, "WEBP", quality=ORIGINAL_QUALITY, **options)
        else:
            turned.save(out, "PNG", optimize=False, **options)
    return out.getvalue()


def variants(data: bytes, picture: Picture, widths: tuple[int, ...], fmt: str, quality: int) -> list[bytes]:
    """The picture at each of WIDTHS (narrowest first), in FMT ("webp" or "avif"), upright,
    without metadata. Decoded once, at the smallest scale the largest width allows."""
    from PIL import Image, ImageOps

    if not widths:
        return []
    with Image.open(io.BytesIO(data)) as image:
        largest = max(widths)
        if picture.kind == "jpeg":
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for almost nothing: as small as the largest variant allows.
            turned = picture.orientation in (5, 6, 7, 8)
            need = (round(largest * picture.height / picture.width), largest) if turned else \
                (largest, round(largest * picture.height / picture.width))
            image.draft("RGB", need)
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.mode or "transparency" in upright.info else "RGB")
        icc = image.info.get("icc_profile")
        outputs = []
        source = upright
        for width in sorted(widths, reverse=True):
            height = max(1, round(width * picture.height / picture.width))
            # Each from the one before, larger: Pillow's filters average every source pixel
            # under the new one, so a bicubic step loses nothing a Lanczos one would keep that
            # shows at these sizes, in two thirds of the time (benchmarks/RESULTS.md, session 11).
            source = source.resize((width, height), Image.Resampling.BICUBIC)
            out = io.BytesIO()
            options: dict = {"icc_profile": icc} if icc else {}
            if fmt == "avif":
                source.save(out, "AVIF", quality=quality, speed=8, **options)
            else:
                source.save(out, "WEBP", quality=quality, method=WEBP_METHOD, **options)
            outputs.append((width, out.getvalue()))
    return [data for _, data in sorted(outputs)]
