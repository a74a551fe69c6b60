"""Pictures (ssg.pictures): sizes, variants never enlarged, pictures turned upright, location
and serial numbers gone from what is published (read back with Pillow), share cards."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ssg.pictures.cards import CardText, render_card, runs
from ssg.pictures.encode import published, variants
from ssg.pictures.fonts import card_fonts
from ssg.pictures.metadata import strip
from ssg.pictures.probe import NotAPicture, probe
from tests.helpers import photo, require_tool


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def private_tags(data: bytes) -> dict:
    exif = opened(data).getexif()
    sub = exif.get_ifd(0x8769)
    return {"gps": dict(exif.get_ifd(0x8825)), "serials": {t: sub[t] for t in (0xA431, 0xA435, 0x927C) if t in sub}}


def test_a_pictures_record_has_its_size_as_shown():
    picture = probe("2024/photo.jpg", photo(640, 480))
    assert (picture.width, picture.height, picture.kind) == (640, 480, "jpeg")
    turned = probe("2024/photo.jpg", photo(640, 480, orientation=6))
    assert (turned.width, turned.height) == (480, 640), "a camera held upright: shown 480 wide"
    with pytest.raises(NotAPicture):
        probe("2024/photo.jpg", b"not a picture")


def test_variants_are_never_wider_than_the_picture():
    picture = probe("a/photo.jpg", photo(1000, 600))
    assert picture.variant_widths((480, 800, 1200)) == (480, 800)
    made = variants(photo(1000, 600), picture, (480, 800), "webp", 80)
    assert [opened(data).size for data in made] == [(480, 288), (800, 480)]
    assert all(opened(data).format == "WEBP" for data in made)
    assert probe("a/small.png", photo(300, 200, kind="PNG")).variant_widths((480, 800)) == ()
    assert probe("a/moving.gif", photo(900, 600, kind="GIF", private=False)).variant_widths((480,)) == ()


def test_published_pictures_lose_location_and_serials_and_keep_the_rest():
    original = photo()
    assert private_tags(original)["gps"] and private_tags(original)["serials"], "the fixture carries them"
    kept = published(original, probe("a.jpg", original), keep_metadata=False)
    assert private_tags(kept) == {"gps": {}, "serials": {}}
    exif = opened(kept).getexif()
    assert exif[0x013B] == "Field photographer" and exif.get_ifd(0x8769)[0x9003] == "2024:01:01 10:00:00"
    # Not encoded again: the picture data is the original's, byte for byte.
    assert kept[kept.index(b"\xff\xda"):] == original[original.index(b"\xff\xda"):] and len(kept) < len(original)
    assert published(original, probe("a.jpg", original), keep_metadata=True) == original


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif(kind):
    original = photo(400, 300, kind=kind)
    assert private_tags(original)["gps"]
    stripped = strip(original, kind.lower())
    assert private_tags(stripped)["gps"] == {} and opened(stripped).size == (400, 300)
    opened(stripped).load()                                   # still a whole picture


def _red(pixel) -> bool:
    return pixel[0] > 180 and pixel[1] < 80


def test_a_turned_photo_is_published_upright_with_its_variants():
    original = photo(1200, 800, orientation=6)                # stored on its side, shown turned a quarter
    picture = probe("a.jpg", original)
    upright = opened(published(original, picture, keep_metadata=False))
    assert upright.size == (800, 1200) and upright.getexif().get(0x0112, 1) == 1
    # The red corner, top left as stored, is top right once turned clockwise.
    red = [(x, y) for x, y in ((20, 20), (780, 20), (20, 1180), (780, 1180)) if _red(upright.getpixel((x, y)))]
    assert red == [(780, 20)]
    [small] = variants(original, picture, (480,), "webp", 80)
    assert opened(small).size == (480, 720)
    assert private_tags(published(original, picture, keep_metadata=False))["gps"] == {}


def test_avif_variants_when_asked():
    [small] = variants(photo(900, 600), probe("a.jpg", photo(900, 600)), (480,), "avif", 60)
    assert opened(small).format == "AVIF" and opened(small).size == (480, 320)


@pytest.fixture(scope="module")
def fonts():
    from pathlib import Path
    found = card_fonts("", Path("."))
    require_tool(found is not None, "an Arabic font known to fontconfig (apt-get install fonts-noto-core)")
    return found


def test_a_card_is_a_share_sized_jpeg(fonts):
    card = opened(render_card(CardText("افتتاح جسر الكرخ", "أرشيف المدينة", "٦ كانون الأول ٢٠٢٦", "ar", "rtl"),
                              fonts))
    assert card.format == "JPEG" and card.size == (1200, 630)


def test_a_latin_name_in_an_arabic_headline_takes_the_latin_font_with_its_spaces_outside(fonts):
    from ssg.pictures.cards import _faces
    faces = _faces(fonts.headline, fonts.latin, 60, "raqm", True)
    assert runs("وشركة Siemens الألمانية", faces, True) == [("وشركة ", 0), ("Siemens", 1), (" ", 1),
                                                              ("الألمانية", 0)]


def test_a_long_headline_is_set_smaller_and_cut_with_an_ellipsis(fonts):
    from ssg.pictures.cards import MAX_LINES, SIZES, fit_headline
    size, lines = fit_headline("كلمة " * 6, fonts, "raqm", True, "ar")
    assert size == SIZES[0] and len(lines) == 1
    size, lines = fit_headline("كلمة طويلة " * 80, fonts, "raqm", True, "ar")
    assert size == SIZES[-1] and len(lines) == MAX_LINES and lines[-1].endswith("…")
