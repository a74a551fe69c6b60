"""Pictures through the build: sized and responsive in the HTML, published without
location and serials, originals untouched, share cards for articles without a large
picture; and a rebuild that makes only the pictures whose inputs changed, equal to a
clean build byte for byte."""

from __future__ import annotations

import re

from PIL import Image

from ssg.build import build
from tests.e2e.rebuilds import Twin, edit, touch_later
from tests.helpers import article, parse_html, photo

CONFIG = ('title = "أرشيف الصور"\nbase_url = "https://example.org/"\nsearch = false\n'
          'default_image = "/images/share.png"\n')


def photo_site(make_site, config: str = CONFIG):
    root = make_site({
        "content/2024/flood.md": article("فيضان في الأهوار", "2024-03-02", slug="flood", image="images/flood.jpg",
                                         image_alt='"مياه تغمر الطريق"',
                                         body="قبل:\n\n![الجسر قبل الفيضان](images/bridge.jpg)\n\n"
                                              '<p><img src="images/bridge.jpg" alt="الجسر"></p>\n'),
        "content/2024/plain.md": article("خبر بلا صورة", "2024-03-03", slug="plain", body="نص."),
        "content/2024/small.md": article("صورة صغيرة", "2024-03-04", slug="small", image="images/thumb.png"),
    }, config)
    pictures = root / "content" / "2024" / "images"
    pictures.mkdir(parents=True, exist_ok=True)
    (pictures / "flood.jpg").write_bytes(photo(2000, 1333))
    (pictures / "bridge.jpg").write_bytes(photo(1000, 700, orientation=6))
    (pictures / "thumb.png").write_bytes(photo(120, 63, kind="PNG", private=False))
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "share.png").write_bytes(photo(1200, 630, kind="PNG", private=False))
    return root


def img_tags(html: str) -> list[dict[str, str]]:
    """The pictures of the page's main part (not the masthead's mark)."""
    main = html[html.index("<main"):html.index("</main>")]
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img\b[^>]*>", main)]


def test_pictures_are_sized_responsive_and_private(make_site, tmp_path):
    root = photo_site(make_site)
    written = (root / "content/2024/images/flood.jpg").read_bytes()
    output = tmp_path / "site"
    report = build(root, output)
    html = (output / "2024/03/flood/index.html").read_text(encoding="utf-8")
    hero, body_picture, raw_picture = img_tags(html)
    assert (hero["width"], hero["height"]) == ("2000", "1333") and hero["fetchpriority"] == "high"
    candidates = [entry.rsplit(" ", 1) for entry in hero["srcset"].split(", ")]
    assert [width for _, width in candidates] == ["480w", "800w", "1200w", "2000w"]
    for url, width in candidates[:-1]:
        variant = Image.open(output / url.lstrip("/"))
        assert variant.format == "WEBP" and variant.width == int(width[:-1])
        assert re.fullmatch(r"/2024/images/flood-\d+w\.[0-9a-f]{10}\.webp", url), "named by what it is made of"
    # The body's picture, turned upright: 700 wide, 1000 high, in Markdown and in raw HTML alike.
    for tag in (body_picture, raw_picture):
        assert (tag["width"], tag["height"], tag["loading"]) == ("700", "1000", "lazy")
        assert tag["srcset"].startswith("/2024/images/bridge-480w.") and "sizes" in tag
    published = Image.open(output / "2024/images/flood.jpg")
    assert dict(published.getexif().get_ifd(0x8825)) == {}, "no GPS position"
    assert 0xA431 not in published.getexif().get_ifd(0x8769), "no camera serial number"
    assert (root / "content/2024/images/flood.jpg").read_bytes() == written, "the original is never changed"
    # A picture smaller than previews take: a card instead, and a warning on its line.
    small = parse_html((output / "2024/03/small/index.html").read_text(encoding="utf-8"))
    assert "/cards/" in small.meta["og:image"]
    assert any("content/2024/small.md:5" in str(note) and "120×63" in str(note) for note in report.notes)
    flood = parse_html(html)
    assert flood.meta["og:image"] == "https://example.org/2024/images/flood.jpg"
    assert (flood.meta["og:image:width"], flood.meta["og:image:height"]) == ("2000", "1333")
    home = parse_html((output / "index.html").read_text(encoding="utf-8"))
    assert (home.meta["og:image:width"], home.meta["og:image:height"]) == ("1200", "630"), "default_image's size"


def test_a_card_shows_the_headline_and_none_is_made_when_cards_are_off(make_site, tmp_path):
    root = photo_site(make_site)
    build(root, tmp_path / "on")
    plain = parse_html((tmp_path / "on/2024/03/plain/index.html").read_text(encoding="utf-8"))
    card = Image.open(tmp_path / "on" / plain.meta["og:image"].removeprefix("https://example.org/"))
    assert card.size == (1200, 630) and card.format == "JPEG"
    [news] = [d for d in plain.json_ld if d["@type"] == "NewsArticle"]
    assert news["image"] == [plain.meta["og:image"]]
    edit(root / "site.toml", CONFIG + 'share_cards = "none"\n')
    build(root, tmp_path / "off")
    assert not (tmp_path / "off" / "cards").exists()
    off = parse_html((tmp_path / "off/2024/03/plain/index.html").read_text(encoding="utf-8"))
    assert off.meta["og:image"] == "https://example.org/images/share.png"


def test_keep_photo_metadata_publishes_the_file_as_it_is(make_site, tmp_path):
    root = photo_site(make_site, CONFIG + "keep_photo_metadata = true\n")
    build(root, tmp_path / "site")
    assert (tmp_path / "site/2024/images/flood.jpg").read_bytes() == \
        (root / "content/2024/images/flood.jpg").read_bytes()


def made_pictures(root, output) -> list[str]:
    seen = []
    build(root, output, jobs=2, progress=lambda stage, done, total: seen.append(stage) if stage == "pictures" else None)
    return seen


def test_rebuilds_make_only_the_pictures_whose_inputs_changed_and_equal_a_clean_build(make_site, tmp_path):
    root = photo_site(make_site)
    twin = Twin(root, tmp_path)
    twin.rebuild()
    variants = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "incremental/2024/images").iterdir()}
    cards = sorted(p.name for p in (tmp_path / "incremental/cards").iterdir())

    story = root / "content/2024/flood.md"
    edit(story, story.read_text(encoding="utf-8") + "\nفقرة جديدة.\n")
    assert made_pictures(root, tmp_path / "incremental") == [], "a body edit makes no picture"
    twin.rebuild()
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "incremental/2024/images").iterdir()} == variants

    plain = root / "content/2024/plain.md"
    edit(plain, plain.read_text(encoding="utf-8").replace("خبر بلا صورة", "عنوان جديد"))
    twin.rebuild()
    now = sorted(p.name for p in (tmp_path / "incremental/cards").iterdir())
    assert len(set(now) - set(cards)) == 1 and len(set(cards) - set(now)) == 1, "only the retitled article's card"
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "incremental/2024/images").iterdir()} == variants

    (root / "content/2024/images/flood.jpg").write_bytes(photo(1600, 900))
    touch_later(root / "content/2024/images/flood.jpg")
    twin.rebuild()
    names = {p.name for p in (tmp_path / "incremental/2024/images").iterdir()}
    old_flood = {n for n in variants if n.startswith("flood-")}
    assert not names & old_flood and len({n for n in names if n.startswith("flood-")}) == 3, \
        "a new photo: new variants under new names, the old ones gone"
    assert {n for n in names if n.startswith("bridge")} == {n for n in variants if n.startswith("bridge")}

    edit(root / "site.toml", CONFIG + "picture_widths = [400, 900]\n")
    twin.rebuild()
    (root / "content/2024/images/bridge.jpg").unlink()
    twin.rebuild()
    assert not any(p.name.startswith("bridge") for p in (tmp_path / "incremental/2024/images").iterdir())


def test_a_file_that_is_not_the_picture_its_name_says_is_copied_with_a_warning(make_site, tmp_path):
    root = photo_site(make_site)
    (root / "content/2024/images/broken.jpg").write_bytes(b"<html>not a jpeg</html>")
    report = build(root, tmp_path / "site")
    assert (tmp_path / "site/2024/images/broken.jpg").read_bytes() == b"<html>not a jpeg</html>"
    assert any("content/2024/images/broken.jpg" in warning and "not a picture" in warning
               for warning in report.warnings)


def test_a_truncated_photo_fails_the_build_naming_it_and_leaves_the_site_as_it_was(make_site, tmp_path):
    import pytest

    from ssg.errors import BuildFailed
    from tests.e2e.rebuilds import tree
    root = photo_site(make_site)
    output = tmp_path / "site"
    build(root, output)
    before = tree(output)
    whole = (root / "content/2024/images/flood.jpg").read_bytes()
    (root / "content/2024/images/flood.jpg").write_bytes(whole[:len(whole) // 2])
    touch_later(root / "content/2024/images/flood.jpg")
    with pytest.raises(BuildFailed) as failed:
        build(root, output)
    [error] = failed.value.errors
    assert error.path == "content/2024/images/flood.jpg" and "cannot be decoded" in error.message
    assert tree(output) == before


def test_only_pictures_pages_show_get_smaller_copies(make_site, tmp_path):
    root = photo_site(make_site)
    (root / "static/images/banner.jpg").write_bytes(photo(1600, 900))
    build(root, tmp_path / "site")
    assert [p.name for p in (tmp_path / "site/images").iterdir() if p.name.startswith("banner")] == ["banner.jpg"]
    assert not any(p.suffix == ".webp" for p in (tmp_path / "site/images").iterdir()), "nor share.png, default_image"
