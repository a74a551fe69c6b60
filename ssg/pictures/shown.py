"""What pages show of the pictures, decided with the site model: an article's picture with
its size and its smaller copies (srcset), the same for the pictures its body shows, and
the share card of an article that has no picture large enough for link previews."""

from __future__ import annotations

import dataclasses
import posixpath
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..article import Article, Image
from ..text.urls import Urls
from .cards import HEIGHT as CARD_HEIGHT, VERSION as CARD_VERSION, WIDTH as CARD_WIDTH, CardText
from .fonts import CardFonts
from ..digest import sha1
from .probe import Picture, kind_of
from .stage import PictureSettings

SHAREABLE = ("jpeg", "png", "webp", "gif")    # what link previews show


class PicturesShown:
    def __init__(self, config, table: Mapping[str, Picture], urls: Urls, dates, fonts: CardFonts | None):
        self.config, self.table, self.urls, self.dates, self.fonts = config, table, urls, dates, fonts
        self.settings = PictureSettings.of(config)
        self.fonts_identity = repr(fonts.identity()) if fonts is not None else ""
        self.cards: dict[str, tuple[str, CardText]] = {}       # output path -> (key, text)
        self.used: set[str] = set()      # the pictures pages show with their smaller copies, by output path

    def image(self, article: Article) -> Image | None:
        """The article's picture with its URLs, and its size and srcset when ssg has it."""
        return self.placed(article.image, article.content_dir) if article.image is not None else None

    def placed(self, image: Image, folder: str = "") -> Image:
        """IMAGE with its URLs, and its size and srcset when ssg has it. FOLDER: where a
        relative path starts from, under content/."""
        if "://" in image.src or image.src.startswith("//"):
            url = permalink = image.src
            width = height = 0
            srcset = ""
        else:
            path = image.src if image.src.startswith("/") else \
                posixpath.normpath(posixpath.join("/", folder, image.src))
            url, permalink = self.urls.url(path), self.urls.permalink(path)
            picture = self.table.get(unquote(path.lstrip("/").split("?")[0].split("#")[0]))
            width, height = (picture.width, picture.height) if picture is not None else (0, 0)
            srcset = self.srcset(picture, url) if picture is not None else ""
        fields = {"url": url, "permalink": permalink, "width": width, "height": height, "srcset": srcset}
        if all(getattr(image, name) == value for name, value in fields.items()):
            return image
        return dataclasses.replace(image, **fields)

    def srcset(self, picture: Picture, url: str) -> str:
        """"url 480w, url 800w, ..., url-of-itself WIDTHw", or "" when it has no smaller copies."""
        variants = self.settings.variants(picture)
        if not variants:
            return ""
        self.used.add(picture.path)
        shown = [f"{self.urls.url('/' + path)} {width}w" for width, path, _ in variants]
        return ", ".join(shown + [f"{url} {picture.width}w"])

    def card(self, article: Article, image: Image | None) -> str:
        """The URL of the article's share card, or "" when it has none."""
        wanted = self.config.share_cards
        if wanted == "none" or self.fonts is None:
            return ""
        if wanted == "missing" and image is not None and shareable(image):
            return ""
        text = CardText(article.title, self.config.title, self.dates.format_date(article.date, article.lang, "long"),
                        article.lang, article.dir)
        key = sha1(CARD_VERSION, repr(text), self.fonts_identity)
        path = f"cards/{key[:20]}.jpg"
        self.cards[path] = (key, text)
        return self.urls.url("/" + path)

    def body_entries(self, articles: Iterable[Article]) -> dict[str, str]:
        """"picture:PATH" -> "WIDTH HEIGHT SRCSET" for each picture of the site a body shows."""
        found = {}
        for article in articles:
            for target in article.md_links:
                if target.startswith("picture:") and target not in found:
                    picture = self.table.get(target[8:])
                    if picture is not None:
                        url = self.urls.url("/" + picture.path)
                        found[target] = f"{picture.width} {picture.height} {self.srcset(picture, url)}".rstrip()
        return found


def shareable(image: Image) -> bool:
    """A picture link previews show whole: a JPEG, PNG, WebP or GIF of at least the card's
    size, or a picture elsewhere on the web (whose size ssg does not know)."""
    if "://" in image.src or image.src.startswith("//"):
        return True
    return kind_of(image.src.split("?")[0]) in SHAREABLE and image.width >= CARD_WIDTH and image.height >= CARD_HEIGHT
