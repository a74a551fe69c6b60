from ssg.rendering.markup import link_resolver, render_markdown


def test_commonmark_tables_strikethrough_footnotes():
    html = render_markdown("نص[^1] ~~قديم~~\n\n| أ | ب |\n|---|---|\n| 1 | 2 |\n\n[^1]: حاشية\n")
    assert "<s>قديم</s>" in html
    assert '<th dir="auto">أ</th>' in html and '<td dir="auto">1</td>' in html
    assert 'href="#fn1"' in html and 'id="fn1"' in html and "حاشية" in html
    assert "<hr" in html and "/>" not in html


def test_arabic_heading_ids_without_tashkeel_and_unique():
    html = render_markdown("## مُقدّمة\n\n## مقدمة\n\n## Why 2024?\n")
    assert '<h2 id="مقدمة" dir="auto">مُقدّمة</h2>' in html
    assert 'id="مقدمة-1"' in html
    assert 'id="why-2024"' in html


def test_blocks_follow_their_own_direction_and_code_is_ltr():
    html = render_markdown("- بند\n\n> اقتباس\n\nEnglish paragraph with `code`.\n\n```\nx = 1\n```\n")
    assert '<ul dir="rtl">\n<li>بند</li>' in html and '<blockquote dir="rtl">' in html
    assert '<p dir="auto">English paragraph with <code dir="ltr">code</code>.</p>' in html
    assert '<pre dir="ltr"><code>x = 1' in html


def test_a_container_takes_the_direction_of_its_text_and_its_items_inherit_it():
    """dir="auto" on an item whose text is in a <p dir="auto"> finds no text: ltr."""
    loose = render_markdown("- أول\n\n- ثان\n\n> فقرة\n>\n> Second\n\n- English\n- list\n")
    assert loose.startswith('<ul dir="rtl">\n<li>\n<p dir="auto">أول</p>')
    assert '<blockquote dir="rtl">' in loose and '<ul dir="ltr">\n<li>English</li>' in loose
    mixed = render_markdown("- Reuters\n- رويترز\n")                # items disagree: the page's direction
    assert mixed.startswith("<ul>\n<li>Reuters</li>")


def test_raw_html_is_kept():
    assert '<div class="box">محتوى</div>' in render_markdown('<div class="box">محتوى</div>\n')


def test_links_resolve_to_articles_assets_and_sub_path():
    resolve = link_resolver("2024", "/archive", {"content/2023/report.md": "/archive/2023/03/report/"})
    assert resolve("../2023/report.md") == "/archive/2023/03/report/"
    assert resolve("../2023/report.md#الأرقام") == "/archive/2023/03/report/#الأرقام"
    assert resolve("images/صورة.svg") == "/archive/2024/images/%D8%B5%D9%88%D8%B1%D8%A9.svg"
    assert resolve("/about/") == "/archive/about/"
    assert resolve("https://example.com/x") == "https://example.com/x"
    assert resolve("mailto:a@example.org") == "mailto:a@example.org"
    assert resolve("#section") == "#section"
    assert resolve("../../../etc/passwd") == "../../../etc/passwd"


def test_links_in_rendered_markdown_use_the_resolver():
    resolve = link_resolver("2024", "", {"content/2023/report.md": "/2023/03/report/"})
    html = render_markdown("[تقرير](../2023/report.md) ![صورة](images/a.svg)", resolve)
    assert 'href="/2023/03/report/"' in html and 'src="/2024/images/a.svg"' in html


def test_windows_and_old_mac_line_endings_and_nul_read_as_commonmark_says():
    unix = render_markdown("# عنوان\n\nسطر أول\nسطر ثانٍ\n\n- أ\n- ب\n")
    assert render_markdown("# عنوان\r\n\r\nسطر أول\r\nسطر ثانٍ\r\n\r\n- أ\r\n- ب\r\n") == unix
    assert render_markdown("# عنوان\r\rسطر أول\rسطر ثانٍ\r\r- أ\r- ب\r") == unix
    assert render_markdown("نص\0آخر") == '<p dir="auto">نص\ufffdآخر</p>\n'


def test_inline_markdown_of_front_matter_escapes_raw_html_and_keeps_links():
    from ssg.rendering.markup import render_inline
    html = render_inline('وكالات <script>alert(1)</script> و[رويترز](https://example.org/) **عاجل** <b onclick="x">')
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.org/">رويترز</a>' in html and "<strong>عاجل</strong>" in html
    assert "&lt;b onclick=&quot;x&quot;&gt;" in html
    assert "<a" not in render_inline("[x](javascript:alert(1))"), "no javascript: link"


def test_a_feeds_body_has_absolute_urls_in_src_href_and_srcset():
    from ssg.rendering.renderer import absolute_urls
    html = ('<p><a href="#note">n</a> <img src="/2024/a.jpg" srcset="/2024/a-480w.1.webp 480w, '
            'https://cdn.example.org/b.webp 900w, /2024/a.jpg 1200w" width="1200"></p>')
    assert absolute_urls(html, "https://example.org", "https://example.org/2024/09/x/") == (
        '<p><a href="https://example.org/2024/09/x/#note">n</a> <img src="https://example.org/2024/a.jpg" '
        'srcset="https://example.org/2024/a-480w.1.webp 480w, https://cdn.example.org/b.webp 900w, '
        'https://example.org/2024/a.jpg 1200w" width="1200"></p>')


def test_body_pictures_of_the_site_get_their_size_and_copies_in_markdown_and_raw_html():
    from ssg.rendering.markup import link_resolver, picture_sizes, render_markdown
    links = {"picture:2024/images/a.jpg": "1000 700 /2024/images/a-480w.k.webp 480w, /2024/images/a.jpg 1000w"}
    body = ('![أ](images/a.jpg)\n\n<figure><img src="images/a.jpg" alt="أ"></figure>\n\n'
            '<p><img src="images/a.jpg" width="10" alt="sized by its author"></p>\n\n![b](images/b.jpg)\n')
    html = render_markdown(body, link_resolver("2024", "", links), picture_sizes("2024", links))
    sized = ('width="1000" height="700" srcset="/2024/images/a-480w.k.webp 480w, /2024/images/a.jpg 1000w" '
             'sizes="(max-width: 46rem) calc(100vw - 2rem), 44rem" loading="lazy" decoding="async"')
    assert html.count(sized) == 2
    assert '<img src="/2024/images/a.jpg" width="10" alt="sized by its author" height="7">' in html, \
        "the author's width, and the height that keeps the picture's shape"
    assert '<img src="/2024/images/b.jpg" alt="b">' in html, "a picture ssg has not read is left as written"
