"""`ssg import wordpress EXPORT.xml [DEST] [--uploads DIR] [--base-url URL]`: a WordPress
site's export (Tools → Export) as a new ssg site folder, its posts at their old URLs and
their pictures copied from the uploads folder. Nothing is fetched from the network; the
export and the uploads are only read; the folder appears whole or not at all."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from ..config import CONFIG_FILE
from ..errors import CommandError
from ..text.urls import encode_path
from ..wordpress.body import Context, convert_body
from ..wordpress.wxr import Channel, ExportError, Item, read_export
from .importer import site_toml_text

UPLOADS = "wp-content/uploads/"
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")        # WordPress's photo-300x200.jpg
# WordPress permalink structures, as ssg permalinks, most specific first.
STRUCTURES = (("/%year%/%monthnum%/%day%/%postname%/", "/{year}/{month}/{day}/{slug}/"),
              ("/%year%/%monthnum%/%postname%/", "/{year}/{month}/{slug}/"),
              ("/%year%/%postname%/", "/{year}/{slug}/"),
              ("/%postname%/", "/{slug}/"))


@dataclass
class WordPressReport:
    destination: Path
    site: str = ""
    permalink: str = ""
    articles: int = 0
    pages: int = 0
    drafts: int = 0
    own_urls: int = 0                      # articles kept at their old URL by `url:` (not the pattern)
    skipped: Counter = field(default_factory=Counter)        # post type or reason -> count
    protected: list[str] = field(default_factory=list)       # password-protected posts, never published
    pictures: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)   # upload path -> the articles that use it
    converted: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)            # file: what was left out or kept as text
    redirects: list[tuple[str, str]] = field(default_factory=list)   # old ?p= URL -> new path
    archives: int = 0                      # category and tag archive addresses kept by redirect pages
    failed: list[str] = field(default_factory=list)           # posts that could not be imported

    def lines(self) -> list[str]:
        lines = [f"imported {self.articles} article{'s' if self.articles != 1 else ''} and {self.pages} "
                 f"page{'s' if self.pages != 1 else ''} from {self.site} into {self.destination}"
                 + (f" ({self.drafts} of them drafts, not published)" if self.drafts else ""),
                 f"URLs: {self.permalink}" + (f"; {self.own_urls} articles keep another old URL with `url:`"
                                              if self.own_urls else "")]
        if self.skipped:
            lines.append("skipped: " + ", ".join(f"{count} {kind}" for kind, count in sorted(self.skipped.items())))
        if self.protected:
            lines.append(f"password-protected, not imported ({len(self.protected)}): " + ", ".join(self.protected))
        lines.append(f"pictures copied: {self.pictures}")
        if self.missing:
            lines.append(f"pictures missing ({len(self.missing)}), each with the articles that show it:")
            lines += _first([f"    {path}: {', '.join(users[:5])}" + (f" and {len(users) - 5} more"
                                                                       if len(users) > 5 else "")
                             for path, users in sorted(self.missing.items())])
        if self.converted:
            lines.append("converted: " + ", ".join(f"{count} {kind}" for kind, count in sorted(self.converted.items())))
        if self.notes:
            lines.append(f"left out or kept as text ({len(self.notes)}):")
            lines += _first([f"    {note}" for note in self.notes])
        if self.archives:
            lines.append(f"category and tag archives kept at their old addresses: {self.archives} redirect pages "
                         "in static/category/ and static/tag/")
        if self.redirects:
            lines.append(f"old addresses a static host cannot serve by itself ({len(self.redirects)}): redirects "
                         "written to static/_redirects (Netlify, Cloudflare Pages) and wordpress-redirects.nginx")
        if self.failed:
            lines.append(f"not imported ({len(self.failed)}):")
            lines += [f"    {failure}" for failure in self.failed]
        lines.append(f"next: ssg build -s {self.destination}")
        return lines


def import_wordpress(export: Path, destination: Path | None = None, uploads: Path | None = None,
                     base_url: str | None = None, pages: bool = True) -> WordPressReport:
    export = export.resolve()
    if not export.is_file():
        raise CommandError(f"{export}: no such file; ssg import wordpress needs the XML file of "
                           "WordPress's Tools → Export")
    if uploads is not None and not uploads.is_dir():
        raise CommandError(f"{uploads}: no such folder; --uploads names a copy of wp-content/uploads")
    destination = (destination or export.with_name(export.stem + "-ssg")).resolve()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise CommandError(f"{destination} is not empty: ssg import writes a new site folder and never "
                           "overwrites; name another one")
    destination.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{destination.name}.import-", dir=destination.parent))
    try:
        report = _Import(export, work, uploads.resolve() if uploads else None, base_url, pages).run()
        if destination.exists():
            destination.rmdir()
        os.replace(work, destination)
    except ExportError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise CommandError(str(error)) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report.destination = destination
    return report


@dataclass
class _Post:
    """What the second pass needs to know of every post before writing any."""
    path: str                              # its new URL path from the site's root
    old: str                               # its old URL path, '' when it had none of its own (?p=)
    public: bool                           # published, not a draft or private


class _Import:
    def __init__(self, export: Path, work: Path, uploads: Path | None, base_url: str | None, pages: bool):
        self.export, self.work, self.uploads, self.base_url, self.with_pages = export, work, uploads, base_url, pages
        self.report = WordPressReport(work)
        self.attachments: dict[int, tuple[str, str, str]] = {}
        self.posts: dict[int, _Post] = {}
        self.copied: dict[str, str] = {}    # upload path as linked -> as published
        self.terms: dict[tuple[str, str], str] = {}   # (category or post_tag, nicename) -> name, published

    def run(self) -> WordPressReport:
        channel, published = self._first_pass()
        site = urlsplit(self.base_url or channel.link or "https://example.org/")
        self.host, self.base_path = site.hostname or "", site.path.rstrip("/")
        self.report.site = channel.title or self.export.name
        structure, permalink = _structure(published, self.base_path)
        self.report.permalink = structure or "no path of its own (?p=): " + permalink
        self.permalink = permalink
        for item in published:
            old = _old_path(item.link, self.base_path)
            new = _expand(permalink, item) if item.post_type == "post" else old or f"/{_slug(item)}/"
            self.posts[item.id] = _Post(old if old else new, old, item.status in ("publish", "future"))
        timezone = _timezone(published)
        self.channel = channel
        self.category_names = channel.category_names      # nicename (as the export writes it) -> name
        self.language = (channel.language or "ar").split("-")[0]
        self.site_origin = f"{site.scheme or 'https'}://{site.netloc}"
        self._second_pass(channel)
        settings = {"title": channel.title or "أرشيف", "base_url": f"{self.site_origin}{self.base_path}/",
                    "language": self.language, "timezone": timezone, "permalink": permalink}
        origin = f"`ssg import wordpress` from {self.export.name}"
        (self.work / CONFIG_FILE).write_text(site_toml_text(settings, origin), encoding="utf-8")
        self._archive_pages()
        self._redirect_files()
        return self.report

    def _first_pass(self) -> tuple[Channel, list[Item]]:
        """The channel, every attachment, and the posts and pages to publish (without their
        bodies): their old URLs decide the permalink."""
        channel, published = Channel(), []
        for entry in read_export(self.export):
            if isinstance(entry, Channel):
                channel = entry
                continue
            if entry.post_type == "attachment":
                self.attachments[entry.id] = (entry.attachment_url or entry.link,
                                              entry.meta.get("_wp_attachment_image_alt", ""), entry.excerpt)
            elif entry.post_type in ("post", "page") and _wanted(entry):
                published.append(Item(id=entry.id, title=entry.title, link=entry.link, post_type=entry.post_type,
                                      status=entry.status, date=entry.date, date_gmt=entry.date_gmt, name=entry.name))
        return channel, published

    def _second_pass(self, channel: Channel) -> None:
        for item in read_export(self.export):
            if isinstance(item, Channel):
                continue
            if item.post_type not in ("post", "page"):
                self.report.skipped[_plural(item.post_type or "untyped item")] += 1
                continue
            if item.password:
                self.report.protected.append(f"post {item.id} «{item.title}»")
                continue
            if item.status in ("trash", "auto-draft", "inherit"):
                self.report.skipped[f"{item.status} posts"] += 1
                continue
            if item.post_type == "page" and not self.with_pages:
                self.report.skipped["pages (--no-pages)"] += 1
                continue
            try:
                self._write(item, channel)
            except (ValueError, OSError) as error:
                self.report.failed.append(f"post {item.id} «{item.title}»: {error}")

    def _write(self, item: Item, channel: Channel) -> None:
        page = item.post_type == "page"
        date = _date(item)
        slug = _slug(item)
        folder = "pages" if page else f"{date.year:04d}"
        name = f"{slug}.md"
        target = self.work / "content" / folder / name
        if target.exists():
            target = target.with_name(f"{slug}-{item.id}.md")
        source = target.relative_to(self.work).as_posix()
        users: list[str] = []

        def address(url: str) -> str:
            return self._address(url, source, users)

        def attachment(number: int) -> tuple[str, str, str] | None:
            return self.attachments.get(number)

        body = convert_body(item.content, Context(address, attachment))
        self.report.converted.update(body.converted)
        self.report.notes += [f"{source}: {message}" for _, message in body.notes]
        front: dict = {"title": item.title or slug, "date": date.isoformat()}
        if item.modified_gmt and not item.modified_gmt.startswith("0000"):
            modified = _utc(item.modified_gmt).astimezone(date.tzinfo)
            if modified > date:
                front["updated"] = modified.isoformat()
        front["slug"] = slug
        if item.status != "publish" and item.status != "future":
            front["draft"] = True
            self.report.drafts += 1
        known = self.posts.get(item.id)
        if known is not None and known.old and (page or known.old != _expand(self.permalink, item)):
            front["url"] = known.old
            self.report.own_urls += 0 if page else 1
        categories = self._with_parents([(nicename, name) for domain, nicename, name in item.terms
                                         if domain == "category" and name])
        tags = [name for domain, _, name in item.terms if domain == "post_tag" and name]
        if item.status in ("publish", "future"):
            for domain, nicename, name in item.terms:
                if domain in ("category", "post_tag") and name and nicename:
                    self.terms.setdefault((domain, nicename), name)
        if categories and categories != ["Uncategorized"] and categories != ["غير مصنف"]:
            front["categories"] = categories
        if tags:
            front["tags"] = tags
        author = channel.authors.get(item.creator, item.creator)
        if author:
            front["author"] = author
        summary = item.meta.get("_yoast_wpseo_metadesc") or item.meta.get("rank_math_description") \
            or _plain(item.excerpt)
        if summary:
            front["summary"] = summary
        featured = self.attachments.get(_number(item.meta.get("_thumbnail_id", "")))
        if featured is not None:
            url, alt, caption = featured
            front["image"] = address(url)
            if alt:
                front["image_alt"] = alt
            if caption:
                front["image_caption"] = _plain(caption)
        seo_title = item.meta.get("_yoast_wpseo_title") or item.meta.get("rank_math_title")
        front["wordpress_id"] = item.id
        if seo_title:
            front["seo_title"] = seo_title
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
                          + "---\n\n" + body.markdown, encoding="utf-8")
        if page:
            self.report.pages += 1
        else:
            self.report.articles += 1

    def _address(self, url: str, source: str, users: list[str]) -> str:
        """URL as the new site has it: the site's own addresses root-relative, ?p= links the
        post's path, uploads copied and linked where they are served."""
        parts = urlsplit(url.strip())
        if parts.scheme and parts.scheme not in ("http", "https") or (parts.hostname and parts.hostname != self.host):
            return url
        path = unquote(parts.path)
        if parts.query.startswith("p=") and path in ("", "/", self.base_path, self.base_path + "/"):
            found = self.posts.get(_number(parts.query[2:].split("&")[0]))
            if found is not None:
                return found.path + (f"#{parts.fragment}" if parts.fragment else "")
        if UPLOADS in path:
            return "/" + self._upload(path.split(UPLOADS, 1)[1], source)
        if not parts.hostname:
            return url
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path):]
        return (path or "/") + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment
                                                                             else "")

    def _upload(self, relative: str, source: str) -> str:
        """The upload RELATIVE (2020/01/photo-300x200.jpg) copied into static/wp-content/uploads/
        (its old address), or the original when the resized copy is not there; its path."""
        if relative in self.copied:
            return self.copied[relative]
        chosen = relative
        if self.uploads is not None:
            if not (self.uploads / relative).is_file() and RESIZED.search(relative):
                original = RESIZED.sub("", relative)
                if (self.uploads / original).is_file():
                    chosen = original
            file = self.uploads / chosen
            if file.is_file() and file.resolve().is_relative_to(self.uploads):
                target = self.work / "static" / UPLOADS / chosen
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists():
                    shutil.copyfile(file, target)
                    self.report.pictures += 1
                self.copied[relative] = UPLOADS + chosen
                return self.copied[relative]
        self.report.missing.setdefault(UPLOADS + relative, []).append(source)
        return UPLOADS + relative

    def _with_parents(self, categories: list[tuple[str, str]]) -> list[str]:
        """The names of CATEGORIES (nicename, name), each after its parent categories: a post
        in ثقافة under محلي is in both, as WordPress lists it on both archives."""
        names = {unquote(nicename): name for nicename, name in categories}
        found: list[str] = []
        for nicename, name in categories:
            chain, parent = [name], self.channel.categories.get(nicename, "")
            while parent and len(chain) < 10:
                chain.insert(0, self.category_names.get(parent) or names.get(unquote(parent)) or unquote(parent))
                parent = self.channel.categories.get(parent, "")
            found += [category for category in chain if category not in found]
        return [name for name in found if name not in ("Uncategorized", "غير مصنف")]

    def _archive_pages(self) -> None:
        """WordPress's category and tag archives (/category/x/, /tag/y/) as redirect pages
        to ssg's (/categories/…/, /tags/…/), in static/: any static host serves them."""
        from ..model.taxonomy import TermNamer

        namer = TermNamer(lambda path: path)
        folders = {"category": ("category", "categories"), "post_tag": ("tag", "tags")}
        for (domain, nicename), name in sorted(self.terms.items()):
            old_folder, new_folder = folders[domain]
            target = f"{self.base_path}/{new_folder}/{namer.slug(name)}/"
            paths = [unquote(nicename)]
            if domain == "category":           # WordPress's /category/parent/child/ too
                parent, chain = self.channel.categories.get(nicename, ""), [unquote(nicename)]
                while parent and len(chain) < 10:
                    chain.insert(0, unquote(parent))
                    parent = self.channel.categories.get(parent, "")
                if len(chain) > 1:
                    paths.append("/".join(chain))
            for path in paths:
                page = self.work / "static" / old_folder / path / "index.html"
                if page.exists():
                    continue
                page.parent.mkdir(parents=True, exist_ok=True)
                address = self.site_origin + encode_path(target)
                page.write_text(REDIRECT_PAGE.format(lang=self.language, title=html.escape(name),
                                                     address=html.escape(address),
                                                     target=html.escape(encode_path(target))), encoding="utf-8")
                self.report.archives += 1

    def _redirect_files(self) -> None:
        """?p= addresses and WordPress's category and tag archives: static hosting serves
        neither by itself, so the rules a host can read."""
        for number, post in sorted(self.posts.items()):
            if post.public:
                self.report.redirects.append((f"/?p={number}", encode_path(post.path)))
        if not self.report.redirects:
            return
        netlify = "\n".join(f"/ p={old.split('=', 1)[1]} {new} 301" for old, new in self.report.redirects)
        (self.work / "static").mkdir(exist_ok=True)
        (self.work / "static" / "_redirects").write_text(
            "# WordPress's ?p= addresses (Netlify and Cloudflare Pages read this file)\n" + netlify + "\n",
            encoding="utf-8")
        nginx = "\n".join(f"    {old.split('=', 1)[1]} {new};" for old, new in self.report.redirects)
        (self.work / "wordpress-redirects.nginx").write_text(
            "# In nginx's http block; then in the server block:\n"
            "#     if ($wordpress_post) { return 301 $wordpress_post; }\n"
            "map $arg_p $wordpress_post {\n    default \"\";\n" + nginx + "\n}\n", encoding="utf-8")


SHOWN = 20                                 # lines of a long list in the report
REDIRECT_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{address}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""



def _first(lines: list[str]) -> list[str]:
    """LINES, or their first SHOWN and how many more there are."""
    return lines if len(lines) <= SHOWN else lines[:SHOWN] + [f"    and {len(lines) - SHOWN} more"]


def _wanted(item: Item) -> bool:
    return not item.password and item.status not in ("trash", "auto-draft", "inherit")


def _plural(kind: str) -> str:
    return {"nav_menu_item": "menu items", "attachment": "attachments", "revision": "revisions"}.get(kind, kind)


def _number(text: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def _utc(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)


def _date(item: Item) -> dt.datetime:
    """The post's date with the site's offset at the time (post_date less post_date_gmt). A
    draft never saved with a date (0000-00-00) takes its local date as UTC."""
    local = dt.datetime.strptime(item.date, "%Y-%m-%d %H:%M:%S") if item.date and not item.date.startswith("0000") \
        else None
    if local is None:
        raise ValueError("it has no date")
    if not item.date_gmt or item.date_gmt.startswith("0000"):
        return local.replace(tzinfo=dt.timezone.utc)
    offset = local - _utc(item.date_gmt).replace(tzinfo=None)
    return local.replace(tzinfo=dt.timezone(offset))


def _slug(item: Item) -> str:
    name = unquote(item.name).strip()
    if name:
        return name
    from ..text.urls import slugify
    return slugify(item.title) or str(item.id)


def _old_path(link: str, base_path: str) -> str:
    """The post's path from the site's root, decoded; '' for ?p= links."""
    parts = urlsplit(link)
    path = unquote(parts.path)
    if parts.query or not path or path == "/":
        return ""
    if base_path and path.startswith(base_path + "/"):
        path = path[len(base_path):]
    return path if path.endswith("/") or path.endswith(".html") else path + "/"


def _expand(permalink: str, item: Item) -> str:
    date = dt.datetime.strptime(item.date, "%Y-%m-%d %H:%M:%S") if item.date and not item.date.startswith("0000") \
        else dt.datetime(1970, 1, 1)
    return permalink.format(year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}",
                            slug=_slug(item))


def _structure(published: list[Item], base_path: str) -> tuple[str, str]:
    """The WordPress structure most published posts' links follow, as (its name, ssg's
    permalink); the posts that do not follow it keep their own with `url:`."""
    posts = [item for item in published if item.post_type == "post" and item.status == "publish"]
    best, best_count = ("", "/{year}/{month}/{slug}/"), -1
    for structure, permalink in STRUCTURES:
        count = sum(1 for item in posts if _old_path(item.link, base_path) == _expand(permalink, item))
        if count > best_count:
            best, best_count = (structure, permalink), count
    return best if best_count > 0 else ("", "/{year}/{month}/{slug}/")


def _timezone(published: list[Item]) -> str:
    """The IANA name of the offset most posts were written at (Etc/GMT-3 is UTC+3)."""
    offsets = Counter()
    for item in published:
        if item.date and item.date_gmt and not item.date.startswith("0000") and not item.date_gmt.startswith("0000"):
            offset = _date(item).utcoffset()
            offsets[int(offset.total_seconds() // 3600)] += 1
    if not offsets:
        return "UTC"
    hours = offsets.most_common(1)[0][0]
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
