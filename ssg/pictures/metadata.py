"""What a published picture must not carry: where it was taken (GPS), the serial numbers
of the camera and lens, the maker notes (which hold serials and more), the owner's name,
and XMP packets (which may repeat all of that). Removed from the file's own segments or
chunks, so a JPEG is not encoded again and loses nothing of its picture; the rest of its
EXIF (orientation, date, artist, copyright), its colour profile and its IPTC stay."""

from __future__ import annotations

import io
import struct

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
# In the EXIF sub-IFD: maker notes, owner, body and lens serial numbers, a unique image id.
PRIVATE_EXIF = (0x927C, 0xA430, 0xA431, 0xA435, 0xA420)
# In IFD0: DNG's camera serial number, the host computer, the XMP and IPTC copies.
PRIVATE_IFD0 = (0xC62F, 0x013C, 0x02BC, 0x83BB)


def filtered_exif(exif_data: bytes, upright: bool = False) -> bytes:
    """EXIF_DATA ("Exif\\0\\0" and a TIFF structure) without location and serial numbers.
    UPRIGHT: the pixels were turned as the orientation said, so it is dropped."""
    exif = Image.Exif()
    exif.load(exif_data)
    exif.get_ifd(EXIF_IFD)                 # loaded now, so the private tags can be taken out
    for tag in (GPS_IFD, *PRIVATE_IFD0):
        exif.pop(tag, None)
    if upright:
        exif.pop(ORIENTATION, None)
    sub = exif.get_ifd(EXIF_IFD)
    for tag in PRIVATE_EXIF:
        sub.pop(tag, None)
    return exif.tobytes()


def strip_jpeg(data: bytes) -> bytes:
    """DATA, a JPEG, with its EXIF filtered and its XMP left out; segments are copied as
    they are up to the picture data, which is not touched."""
    if data[:2] != b"\xff\xd8":
        return data
    out, position = [b"\xff\xd8"], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return data                   # not a segment where one should be: leave the file alone
        marker = data[position + 1]
        if marker == 0xFF:                # fill byte
            position += 1
            continue
        if marker in (0xDA, 0xD9):        # start of scan: the rest is the picture itself
            out.append(data[position:])
            return b"".join(out)
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        segment = data[position:position + 2 + length]
        body = segment[4:]
        if marker == 0xE1 and body.startswith(b"Exif\0\0"):
            try:
                exif = filtered_exif(body)
            except Exception:             # noqa: BLE001 - an EXIF Pillow cannot read is dropped whole
                exif = b""
            if exif and len(exif) + 2 <= 0xFFFF:
                out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
        elif marker == 0xE1 and (body.startswith(b"http://ns.adobe.com/") or body.startswith(b"<?xpacket")):
            pass                          # XMP, and extended XMP
        else:
            out.append(segment)
        position += 2 + length
    return data


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_PRIVATE_TEXT = (b"Raw profile type exif", b"Raw profile type APP1", b"Raw profile type xmp",
                     b"XML:com.adobe.xmp")


def strip_png(data: bytes) -> bytes:
    """DATA, a PNG, without its eXIf chunk and the text chunks that carry EXIF or XMP."""
    if not data.startswith(_PNG_SIGNATURE):
        return data
    out, position = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 12 + length
        chunk = data[position:end]
        keyword = data[position + 8:position + 8 + min(length, 80)].split(b"\0", 1)[0]
        if kind == b"eXIf" or (kind in (b"tEXt", b"zTXt", b"iTXt") and keyword in _PNG_PRIVATE_TEXT):
            pass
        else:
            out.append(chunk)
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


def strip_webp(data: bytes) -> bytes:
    """DATA, a WebP, without its EXIF and XMP chunks (and their flags in VP8X)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return data
    chunks, position = [], 12
    while position + 8 <= len(data):
        kind, length = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        end = position + 8 + length + (length & 1)
        chunk = data[position:end]
        if kind == b"VP8X":
            flags = chunk[8] & ~0x0C      # the EXIF (0x08) and XMP (0x04) flags
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if kind not in (b"EXIF", b"XMP "):
            chunks.append(chunk)
        position = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def strip(data: bytes, kind: str) -> bytes:
    """DATA without location, serials and XMP; KIND: "jpeg", "png", "webp" (else as it is)."""
    if kind == "jpeg":
        return strip_jpeg(data)
    if kind == "png":
        return strip_png(data)
    if kind == "webp":
        return strip_webp(data)
    return data


def exif_of(image: Image.Image) -> bytes:
    """IMAGE's EXIF as Pillow saves it, filtered, with its orientation dropped (its pixels
    are upright by now); b"" when it has none."""
    raw = image.info.get("exif")
    if not raw:
        return b""
    if not raw.startswith(b"Exif\0\0"):
        raw = b"Exif\0\0" + raw
    try:
        return filtered_exif(raw, upright=True)
    except Exception:                     # noqa: BLE001 - an EXIF Pillow cannot read is dropped
        return b""


def read_back(data: bytes) -> Image.Exif:
    """The EXIF of a picture's bytes, for tests and `ssg check`."""
    return Image.open(io.BytesIO(data)).getexif()
