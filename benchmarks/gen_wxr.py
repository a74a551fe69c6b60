"""A WordPress export (WXR 1.2) of the benchmark corpus: each article of
benchmarks/gen_corpus.py's corpus as a post, its Markdown body rendered to HTML the way a
WordPress editor stores it (paragraphs in Gutenberg blocks), with its tags, category,
author and featured picture (an attachment), for `benchmarks/wordpress.py`.

    .venv/bin/python benchmarks/gen_wxr.py CORPUS_DIR OUT.xml
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

import yaml
from markdown_it import MarkdownIt

SITE = "https://akhbar.example.org"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    markdown = MarkdownIt("commonmark")
    authors: dict[str, str] = {}
    with out.open("w", encoding="utf-8") as xml:
        xml.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
                  f"<channel>\n<title>أرشيف الأخبار</title>\n<link>{SITE}</link>\n<language>ar</language>\n"
                  "<wp:wxr_version>1.2</wp:wxr_version>\n")
        items = []
        for number, path in enumerate(sorted(corpus.rglob("*.md")), start=1):
            text = path.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            meta = yaml.safe_load(front)
            date = meta["date"]
            local = date.strftime("%Y-%m-%d %H:%M:%S")
            gmt = (date - date.utcoffset()).strftime("%Y-%m-%d %H:%M:%S")
            login = f"author{zlib.crc32(meta['author'].encode()) % 1000}"
            authors.setdefault(login, meta["author"])
            html = "\n\n".join(f"<!-- wp:paragraph -->\n{block}\n<!-- /wp:paragraph -->"
                               for block in markdown.render(body).strip().split("\n\n"))
            slug = quote(meta["title"].replace(" ", "-")[:60]).lower() if number % 2 else meta["slug"]
            picture = f"{date:%Y/%m}/{meta['slug']}.jpg"
            terms = "".join(f'<category domain="post_tag" nicename="{quote(tag).lower()}">{cdata(tag)}</category>'
                            for tag in meta.get("tags", []))
            terms += f'<category domain="category" nicename="c">{cdata(meta["category"])}</category>'
            items.append(
                f"<item><title>{escape(meta['title'])}</title>"
                f"<link>{SITE}/{date:%Y/%m}/{slug}/</link><dc:creator>{cdata(login)}</dc:creator>"
                f"<content:encoded>{cdata(html)}</content:encoded>"
                f"<excerpt:encoded>{cdata(meta.get('summary', ''))}</excerpt:encoded>"
                f"<wp:post_id>{number}</wp:post_id><wp:post_date>{cdata(local)}</wp:post_date>"
                f"<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt><wp:post_modified_gmt>{cdata(gmt)}"
                f"</wp:post_modified_gmt><wp:post_name>{cdata(slug)}</wp:post_name>"
                f"<wp:status>{cdata('publish')}</wp:status><wp:post_type>{cdata('post')}</wp:post_type>"
                f"<wp:post_password>{cdata('')}</wp:post_password>{terms}"
                f"<wp:postmeta><wp:meta_key>{cdata('_thumbnail_id')}</wp:meta_key>"
                f"<wp:meta_value>{cdata(str(1_000_000 + number))}</wp:meta_value></wp:postmeta></item>\n"
                f"<item><title>{escape(meta['slug'])}</title><wp:post_id>{1_000_000 + number}</wp:post_id>"
                f"<wp:post_type>{cdata('attachment')}</wp:post_type><wp:status>{cdata('inherit')}</wp:status>"
                f"<wp:attachment_url>{cdata(SITE + '/wp-content/uploads/' + picture)}</wp:attachment_url></item>\n")
        for login, name in sorted(authors.items()):
            xml.write(f"<wp:author><wp:author_login>{cdata(login)}</wp:author_login>"
                      f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n")
        xml.writelines(items)
        xml.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
