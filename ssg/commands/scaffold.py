"""`ssg new`: a commented site.toml and content/, or one article with its front-matter filled in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..config import CONFIG_FILE, load_config
from ..errors import CommandError
from ..reading.placeholders import PLACEHOLDERS
from ..text.dates import iso
from ..text.lang import primary_language
from ..text.urls import slugify

SITE_TOML = '''\
# ssg site settings. Every key is optional except title and base_url.
# An unknown key is an error, so a typo never goes unnoticed.

title = "أرشيف الأخبار"
# The address the site will be served at; a sub-path such as
# "https://example.org/archive/" works too.
base_url = "https://example.org/"
# A short line about the site, used in share previews of the home page.
description = ""

# The site's language (an article can say `lang: en`); sets <html lang dir>.
language = "ar"
# Dates written without a time zone in front-matter take this one.
timezone = "Asia/Baghdad"

# Where each article is written; placeholders: {year} {month} {day} {slug} {lang} {section}
permalink = "/{year}/{month}/{slug}/"
# Articles on each listing page (the home page, tag pages, date pages).
per_page = 10
# A folder under themes/ here, or one shipped with ssg.
theme = "default"

# How dates read: the CLDR locale gives the month names, كانون الثاني ... in
# "ar_SY", "ar_IQ", "ar_LB", "ar_JO", يناير ... in "ar_EG", "ar_SA".
# locale = "ar_IQ"
# "arabic" prints ٠١٢٣٤٥٦٧٨٩ in dates and numbers (never in URLs).
# digits = "arabic"
# true adds the Umm al-Qura date: 13 أيلول 2024 · 10 ربيع الأول 1446 هـ
# hijri = true
# Share links under each article, among "whatsapp", "telegram", "x", "facebook", "email", "copy".
# share = ["whatsapp", "telegram", "x", "facebook", "email", "copy"]

# Pictures: smaller WebP copies at these widths, offered by srcset (never enlarged).
# picture_widths = [480, 800, 1200]
# Published pictures lose their GPS position and camera serial numbers; true keeps them.
# keep_photo_metadata = false
# A 1200x630 share card with the headline for articles "missing" a large picture, "all", or "none".
# share_cards = "missing"
# The publisher's logo (JSON-LD), and the share picture of the home page and listings.
# logo = "/images/logo.png"
# default_image = "/images/share.png"

# The sections under the masthead and on the home page, in order (category names);
# without it, the largest categories.
# menu = ["سياسة", "اقتصاد", "ثقافة", "رياضة"]
# The theme's fonts (Noto Naskh Arabic, Noto Serif), subset and served from the site;
# false leaves the text to the reader's fonts.
# web_fonts = true

# Tables come last: every line after a [table] header belongs to that table, so a
# setting added at the end of this file would land in [extra] and set nothing
# (the build warns). Add settings above this comment.

# A writer's page (/authors/<name>/) shows their record:
# [authors."ليلى حسن"]
# role = "محررة شؤون البيئة"
# bio = "تكتب عن المياه والمناخ منذ 2016."
# picture = "/images/authors/layla.jpg"
# links = ["https://example.org/@layla"]

# Your own values for your templates: {{ site.extra.twitter }}
[extra]
'''

ARTICLE = '''\
---
title: {title}
date: {date}
summary: ""
tags: []
categories: []
author: ""
{lang}draft: false
---

{lead}

## {heading}

{body}
'''
HEADINGS = {"ar": "عنوان فرعي", "en": "A subheading"}
GITIGNORE = "# What ssg builds and keeps between builds\n/site/\n.ssg-cache/\n"


class ScaffoldError(CommandError):
    pass


def new_site(folder: Path) -> Path:
    config = folder / CONFIG_FILE
    if config.exists():
        raise ScaffoldError(f"{config} already exists; not overwriting it")
    folder.mkdir(parents=True, exist_ok=True)
    config.write_text(SITE_TOML, encoding="utf-8")
    (folder / "content").mkdir(exist_ok=True)
    if not (folder / ".gitignore").exists():
        (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return config


def new_article(root: Path, title: str, lang: str | None = None, now: dt.datetime | None = None) -> Path:
    if not title.strip():
        raise ScaffoldError("the article needs a title: ssg new article \"عنوان\"")
    config = load_config(root)
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(config.tz).replace(microsecond=0)
    slug = slugify(title, "arabic" if config.slug_style == "pretty" else config.slug_style) or "article"
    path = config.content_dir / f"{moment.year:04d}" / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    lang_line = f"lang: {lang}\n" if lang else ""
    words = "ar" if primary_language(lang or config.language) == "ar" else "en"
    lead, body = PLACEHOLDERS[words]
    path.write_text(ARTICLE.format(title=json.dumps(title.strip(), ensure_ascii=False), date=iso(moment),
                                   lang=lang_line, lead=lead, heading=HEADINGS[words], body=body), encoding="utf-8")
    return path
