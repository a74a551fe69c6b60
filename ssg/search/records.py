"""What the search index holds of an article: one record, made from the article itself
(its front-matter and its Markdown), not from the page written for it.

The indexed text is folded as tags are (ssg.text.arabic.fold_key: hamza forms, alef
maqsura, teh marbuta, tashkeel, tatweel, Latin case), and the search page folds the
query the same way, so "قمه" finds "قمة". What a result shows (title, summary, date,
picture) is kept unfolded in the record's meta.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..article import Article
from ..text.arabic import fold_key
from ..text.dates import DateStyle

# An article's text beyond this many characters is not indexed: a 50 MB file costs the
# index no more than a long book chapter.
MAX_TEXT = 200_000

_FENCE = re.compile(r"^\s{0,3}(?:```|~~~).*$", re.MULTILINE)
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S.*$", re.MULTILINE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_TAG = re.compile(r"<!--.*?-->|<[^>\n]*>", re.DOTALL)
_LINE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+", re.MULTILINE)
_INLINE_MARKS = re.compile(r"[*_~`|\\]+|^\s{0,3}(?:-{3,}|={3,})\s*$", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The words of a Markdown body: link and picture texts kept, their addresses, HTML
    tags, comments and Markdown's marks dropped."""
    text = markdown[:MAX_TEXT]
    text = _FENCE.sub(" ", text)
    text = _LINK_DEFINITION.sub(" ", text)
    text = _IMAGE_OR_LINK.sub(r" \1 ", text)
    text = _TAG.sub(" ", text)
    text = _LINE_MARKS.sub(" ", text)
    text = _INLINE_MARKS.sub(" ", text)
    return " ".join(html.unescape(text).split())


def search_record(article: Article, body: str, dates: DateStyle, folds: tuple[str, ...]) -> dict[str, Any]:
    """The record Pagefind indexes for ARTICLE, whose Markdown body is BODY."""
    words = [article.title, article.summary, *(link.name for link in article.tag_links), plain_text(body)]
    meta = {"title": article.title, "summary": article.summary,
            "date": dates.format_date(article.date, article.lang, "long")}
    if article.image is not None:
        # A result shows it 8rem wide: its smallest copy, when it has them.
        smallest = article.image.srcset.split(" ", 1)[0] if article.image.srcset else article.image.url
        meta["image"], meta["image_alt"] = smallest, article.image.alt
    return {"url": article.url, "language": article.lang, "content": fold_key("\n".join(words), folds),
            "meta": meta, "filters": {"year": [str(article.date.year)],
                                      "tag": sorted({link.term for link in article.tag_links})}}
