"""Share metadata (Open Graph, Twitter card, JSON-LD) and share links, computed here so
that templates only print them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..article import Article
from ..config import SHARE_NETWORKS
from ..text.dates import iso
from ..model.pages import Page
from ..pictures.cards import HEIGHT as CARD_HEIGHT, WIDTH as CARD_WIDTH
from ..reading.reader import first_paragraph

# og:locale wants language_TERRITORY; these are the territories Facebook expects
# for a bare language.
_DEFAULT_TERRITORY = {"ar": "AR", "en": "US", "fr": "FR", "fa": "IR", "ur": "PK", "he": "IL", "ku": "TR",
                      "tr": "TR", "es": "ES", "de": "DE"}


@dataclass(frozen=True, slots=True)
class ShareMeta:
    og: tuple[tuple[str, str], ...]          # (property, content)
    twitter: tuple[tuple[str, str], ...]     # (name, content)
    json_ld: tuple[str, ...]                 # each a serialised JSON-LD object, safe inside <script>


@dataclass(frozen=True, slots=True)
class ShareLink:
    network: str
    href: str


def og_locale(lang: str) -> str:
    parts = lang.replace("_", "-").split("-")
    language = parts[0].lower()
    territory = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return f"{language}_{territory or _DEFAULT_TERRITORY.get(language, language.upper())}"


def json_for_script(data: Any) -> str:
    """JSON that no user text can break out of: <, > and & are escaped as \\u sequences,
    so a title containing </script> stays inside the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True, slots=True)
class SharePicture:
    url: str                         # absolute
    alt: str = ""
    width: int = 0                   # 0: not known
    height: int = 0


@dataclass(frozen=True, slots=True)
class SiteShare:
    """What every page's share metadata takes from site.toml."""
    title: str
    home: str                        # the home page's absolute URL
    default_image: SharePicture | None = None   # for pages without a picture previews can show
    logo: str = ""                   # absolute URL of the publisher's logo
    origin: str = ""                 # scheme://host, for share cards' URLs


def shareable(url: str) -> bool:
    """A picture link previews show: not an SVG (WhatsApp, X and Facebook take none)."""
    return not url.lower().split("?")[0].split("#")[0].endswith(".svg")


def share_picture(article: Article | None, site: SiteShare, origin: str) -> SharePicture | None:
    """What link previews of a page show: the article's share card, else its picture (not an
    SVG), else the site's default_image."""
    if article is not None and article.card:
        return SharePicture(origin + article.card, article.title, CARD_WIDTH, CARD_HEIGHT)
    image = article.image if article is not None else None
    if image is not None and shareable(image.permalink):
        return SharePicture(image.permalink, image.alt, image.width, image.height)
    return site.default_image


def share_meta(page: Page, site: SiteShare) -> ShareMeta:
    site_title = site.title
    article = page.article if page.kind == "article" else None
    image = share_picture(article, site, site.origin) if page.kind not in ("not_found", "redirect") else None
    og = [("og:site_name", site_title), ("og:title", page.title), ("og:url", page.permalink),
          ("og:type", "article" if article else "website"), ("og:locale", og_locale(page.lang))]
    if page.description:
        og.append(("og:description", page.description))
    if image:
        og.append(("og:image", image.url))
        if image.width:
            og += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
        if image.alt:
            og.append(("og:image:alt", image.alt))
    if article:
        og.append(("article:published_time", iso(article.date)))
        og.append(("article:modified_time", iso(article.modified)))
        og.extend(("article:author", name) for name in article.authors)
        if article.categories:
            og.append(("article:section", article.categories[0]))
        og.extend(("article:tag", tag) for tag in article.tags)
    twitter = [("twitter:card", "summary_large_image" if image else "summary"), ("twitter:title", page.title)]
    if page.description:
        twitter.append(("twitter:description", page.description))
    if image:
        twitter.append(("twitter:image", image.url))
        if image.alt:
            twitter.append(("twitter:image:alt", image.alt))
    return ShareMeta(tuple(og), tuple(twitter), tuple(json_for_script(d) for d in
                                                       _json_ld(page, article, site, image)))


def _json_ld(page: Page, article: Article | None, site: SiteShare, image: SharePicture | None) -> list[dict]:
    site_title, home = site.title, site.home
    context = "https://schema.org"
    publisher: dict[str, Any] = {"@type": "Organization", "name": site_title, "url": home}
    if site.logo:
        publisher["logo"] = {"@type": "ImageObject", "url": site.logo}
    if article:
        data: dict[str, Any] = {
            "@context": context, "@type": "NewsArticle", "headline": article.title,
            "description": article.summary, "datePublished": iso(article.date),
            "dateModified": iso(article.modified), "inLanguage": article.lang, "url": article.permalink,
            "mainEntityOfPage": {"@type": "WebPage", "@id": article.permalink}, "publisher": publisher,
        }
        if article.author_links:
            data["author"] = [{"@type": "Person", "name": link.name, "url": _absolute(link.url, home)}
                              for link in article.author_links]
        elif article.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
        else:
            data["author"] = publisher
        if image:
            data["image"] = [image.url]
        if article.tags:
            data["keywords"] = list(article.tags)
        if article.categories:
            data["articleSection"] = article.categories[0]
        documents = [data]
    elif page.kind == "home":
        documents = [{"@context": context, "@type": "WebSite", "name": site_title, "url": home,
                      "inLanguage": page.lang, **({"description": page.description} if page.description else {})}]
    elif page.kind == "author" and page.term is not None:
        documents = [{"@context": context, "@type": "ProfilePage", "name": page.title, "url": page.permalink,
                      "inLanguage": page.lang, "mainEntity": _person(page)}]
    elif page.kind in ("not_found", "redirect"):
        return []
    else:
        documents = [{"@context": context, "@type": "CollectionPage", "name": page.title, "url": page.permalink,
                      "inLanguage": page.lang, "isPartOf": {"@type": "WebSite", "name": site_title, "url": home}}]
    if len(page.breadcrumbs) > 1:
        documents.append({"@context": context, "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.name, "item": _absolute(crumb.url, home)}
            for number, crumb in enumerate(page.breadcrumbs, start=1)]})
    return documents


def _person(page: Page) -> dict[str, Any]:
    """An author page's writer, with what site.toml's record says of them."""
    person: dict[str, Any] = {"@type": "Person", "name": page.term.name, "url": page.term.permalink}
    profile = page.profile
    if profile is not None:
        if profile.role:
            person["jobTitle"] = profile.role
        if profile.bio:
            person["description"] = first_paragraph(profile.bio)     # plain text, not Markdown
        if profile.image is not None and profile.image.permalink:
            person["image"] = profile.image.permalink
        if profile.links:
            person["sameAs"] = [link.url for link in profile.links]
    return person


def _absolute(url: str, home: str) -> str:
    if "://" in url:
        return url
    origin = home.split("/", 3)[:3]
    return "/".join(origin) + url


def share_links(article: Article, networks: tuple[str, ...] = SHARE_NETWORKS) -> tuple[ShareLink, ...]:
    """Plain links, with the URL and title encoded: no third-party script, no tracking."""
    url, title = quote(article.permalink, safe=""), quote(article.title, safe="")
    hrefs = {
        "whatsapp": f"https://wa.me/?text={title}%20{url}",
        "telegram": f"https://t.me/share/url?url={url}&text={title}",
        "x": f"https://x.com/intent/tweet?url={url}&text={title}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={url}",
        "email": f"mailto:?subject={title}&body={url}",
        "copy": article.permalink,
    }
    return tuple(ShareLink(network, hrefs[network]) for network in networks)
