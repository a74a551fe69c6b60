"""Other generators' syntax in bodies: what each construct becomes once rendered, and the one
note, with its line, for each construct left as written."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssg.reading.dialects import Context, convert
from ssg.rendering.markup import link_resolver, render_markdown

IMAGE_INCLUDE = ('<figure>\n  <img src="{{ include.src }}" alt="{{ include.alt }}">\n'
                 '  {% if include.caption %}<figcaption>{{ include.caption }}</figcaption>{% endif %}\n</figure>\n')
CONTEXT = Context(site={"url": "https://example.org/blog", "baseurl": "", "title": "مدونة الرصيف",
                        "params": {"author": "سلمى"}},
                  page={"title": "عن <المياه>", "subtitle": "تقرير"},
                  include={"image.html": IMAGE_INCLUDE, "loop.html": "{% for x in site.posts %}{% endfor %}"}.get)
LINKS = {"name:2016-07-26-Next-Story": "/blog/next/", "name:other": "/blog/other/", "content/_posts/x.md": "/blog/x/"}


def html_of(body: str, links=LINKS) -> str:
    return render_markdown(convert(body, CONTEXT).text, link_resolver("_posts", "/blog", links))


def notes_of(body: str) -> list[tuple[int, str]]:
    return [(line, kind) for line, kind, _ in convert(body, CONTEXT).notes]


def test_a_body_without_constructs_is_returned_as_it_is():
    body = "نص عادي مع [رابط](x.md) و`code` و<b>HTML</b>.\n"
    converted = convert(body, CONTEXT)
    assert converted.text is body and not converted.notes and not converted.references


def test_highlight_block_is_code_never_markup():
    """The real post: PHP and an HTML upload form inside {% highlight %} became a live form."""
    html = html_of('{% highlight php linenos %}\n<form action="up.php"><input type="file"></form>\n'
                   '<?php echo $x; ?>\n#include <iostream>\n{% endhighlight %}\n\nبعد.\n')
    assert '<pre dir="ltr"><code class="language-php">&lt;form action=&quot;up.php&quot;&gt;' in html
    assert "#include &lt;iostream&gt;" in html
    assert "<form" not in html and "<input" not in html
    assert '<p dir="auto">بعد.</p>' in html


def test_highlight_block_with_backticks_inside_keeps_them():
    html = html_of("{% highlight md %}\n```js\nx\n```\n{% endhighlight %}\n")
    assert "```js\nx\n```" in html and html.count("<pre") == 1


def test_raw_and_comment():
    html = html_of("قبل {% raw %}{{ page.title }} و{% if x %}{% endraw %} بعد\n\n{% comment %}سر{% endcomment %}\n")
    assert "{{ page.title }} و{% if x %}" in html and "سر" not in html and "raw" not in html
    assert notes_of("{% raw %}{{ x }}{% endraw %}") == []


def test_raw_markers_inside_a_code_fence_are_dropped():
    html = html_of("```liquid\n{% raw %}{{ site.title }}{% endraw %}\n```\n")
    assert "{{ site.title }}" in html and "raw" not in html


def test_liquid_values_and_filters():
    html = html_of("{{ site.title }} — {{ page.title | escape }} — [a]({{ site.baseurl }}/about/) — "
                   "![i]({{ '/assets/a.png' | relative_url }}) — {{ \"/x/\" | absolute_url }}")
    assert "مدونة الرصيف" in html and "عن &lt;المياه&gt;" in html
    assert 'href="/blog/about/"' in html and 'src="/blog/assets/a.png"' in html
    assert "https://example.org/blog/x/" in html


def test_post_url_and_link_resolve_by_file_name():
    html = html_of("[أ]({% post_url 2016-07-26-Next-Story %}) [ب]({% link _posts/other.md %}) "
                   "[ج]({% link assets/report.pdf %})")
    assert 'href="/blog/next/"' in html and 'href="/blog/other/"' in html
    assert 'href="/blog/assets/report.pdf"' in html
    assert convert("{% post_url 2016-07-26-Next-Story %}", CONTEXT).references == [(1, "2016-07-26-Next-Story")]


def test_include_of_an_html_file_with_include_values_is_expanded():
    html = html_of('نص\n\n{% include image.html src="/assets/a.png" alt="صورة" caption="تعليق" %}\n\nبعد\n')
    assert '<img src="/blog/assets/a.png" alt="صورة">' in html and "<figcaption>تعليق</figcaption>" in html
    html = html_of('{% include image.html src="/assets/a.png" alt="صورة" %}\n')
    assert "figcaption" not in html


def test_include_that_is_missing_or_uses_more_liquid_is_noted_and_shown():
    body = "أ\n{% include nothing.html %}\n{% include loop.html %}\n"
    assert notes_of(body) == [(2, "include"), (3, "include")]
    assert "{% include nothing.html %}" in html_of(body)


def test_kramdown_toc_and_block_attributes():
    html = html_of("* TOC\n{:toc}\n\n## مقدمة {#intro}\n\nفقرة\n{: .notice #n}\n\n## ثانٍ\n{: .wide}\n\n### فرع\n")
    assert html.startswith('<nav class="toc"><ul><li><a href="#intro">مقدمة</a></li>')
    assert '<a href="#فرع">فرع</a>' in html and "TOC" not in html and "{:" not in html
    assert '<p dir="auto" class="notice" id="n">فقرة</p>' in html
    assert '<h2 id="ثان" dir="auto" class="wide">' in html


def test_kramdown_options_and_span_attributes():
    body = '{::options parse_block_html="true" /}\n\n*كلمة*{: .x} بعد\n'
    html = html_of(body)
    assert "{:" not in html and "options" not in html and "<em>كلمة</em> بعد" in html
    assert notes_of(body) == [(3, "kramdown")]


def test_hugo_shortcodes():
    html = html_of('{{< figure src="/img/a.jpg" alt="بديل" caption="شرح الصورة" attr="تصوير: أ" >}}\n'
                   "{{< youtube dQw4w9WgXcQ >}}\n"
                   '{{< vimeo id="146022717" >}}\n'
                   '[التالي]({{< ref "other.md#part" >}}) [ب]({{< relref "/posts/other" >}})\n\n'
                   '{{< highlight go "linenos=table" >}}\nfunc main() { fmt.Println("<b>") }\n{{< /highlight >}}\n'
                   '{{% notice warning %}}\nانتبه **هنا**\n{{% /notice %}}\n'
                   '{{< param author >}} {{< param subtitle >}}\n'
                   "{{< gist spf13 7896402 >}}\n")
    assert '<figure><img src="/blog/img/a.jpg" alt="بديل"><figcaption>شرح الصورة <small>تصوير: أ</small>' in html
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert "https://player.vimeo.com/video/146022717" in html
    assert 'href="/blog/other/#part"' in html and 'href="/blog/other/"' in html
    assert '<code class="language-go">func main() { fmt.Println(&quot;&lt;b&gt;&quot;) }' in html
    assert '<div class="notice warning">' in html and "<strong>هنا</strong>" in html
    assert "سلمى" in html and "تقرير" in html
    assert 'href="https://gist.github.com/spf13/7896402"' in html
    assert "{{" not in html


def test_hugo_commented_shortcode_prints_the_shortcode():
    assert '<code dir="ltr">{{&lt; youtube x &gt;}}</code>' in html_of("`{{</* youtube x */>}}`")
    assert '<p dir="auto">{{&lt; youtube x &gt;}}</p>' in html_of("{{</* youtube x */>}}")
    assert not convert("{{</* youtube x */>}}", CONTEXT).notes


def test_unknown_hugo_shortcode_is_noted_once_and_a_paired_one_keeps_its_text():
    body = "أ\n{{< instagram BWNjjyYFxVx >}}\n{{% details title=\"x\" %}}\nنص داخلي\n{{% /details %}}\n"
    assert notes_of(body) == [(2, "shortcode"), (3, "shortcode")]
    html = html_of(body)
    assert "{{&lt; instagram BWNjjyYFxVx &gt;}}" in html and "نص داخلي" in html and "details" not in html


def test_wordpress_caption_becomes_a_figure():
    html = html_of('[caption id="attachment_12" align="alignright" width="300"]<a href="/big.jpg">'
                   '<img src="/small.jpg" alt="" width="300"></a> المتظاهرون في الساحة[/caption]\n\nبعد\n')
    assert ('<figure class="wp-caption alignright"><a href="/blog/big.jpg"><img src="/blog/small.jpg" alt="" '
            'width="300"></a><figcaption>المتظاهرون في الساحة</figcaption></figure>') in html
    assert "[caption" not in html and "[/caption]" not in html


def test_wordpress_gallery_is_noted_and_embed_becomes_a_link():
    body = 'أ\n\n[gallery ids="1,2,3"]\n\n[embed]https://www.youtube.com/watch?v=x[/embed]\n'
    assert notes_of(body) == [(3, "wordpress")]
    assert 'href="https://www.youtube.com/watch?v=x"' in html_of(body)


def test_mdx_components_are_shown_and_noted_never_swallowing_their_neighbours():
    body = 'قبل <Widget /> بعد\n\n<Author slug="x" />\nفقرة تالية **مهمة**\n\n<Callout>نص</Callout> <P>قديم</P>\n'
    html = html_of(body)
    assert "قبل &lt;Widget /&gt; بعد" in html
    assert "&lt;Author slug=&quot;x&quot; /&gt;" in html and "<strong>مهمة</strong>" in html
    assert "&lt;Callout&gt;نص&lt;/Callout&gt;" in html and "<P>قديم</P>" in html
    assert notes_of(body) == [(1, "component"), (3, "component"), (6, "component")]


def test_amp_img_becomes_img():
    html = html_of('<amp-img src="/a.jpg" width="800" height="600" layout="responsive"></amp-img>\n')
    assert '<img src="/blog/a.jpg" width="800" height="600" alt="">' in html and "amp-" not in html


@pytest.mark.parametrize("body, line", [
    ("أ\n\n{% assign x = 1 %}", 3),
    ("أ\n{% for post in site.posts %}\n{{ post.title }}\n{% endfor %}\n", 2),
    ("{{ page.nothing }}", 1),
    ("أ {{ site.title | date: '%Y' }}", 1),
])
def test_liquid_left_as_written_is_one_note_on_its_line(body, line):
    notes = convert(body, CONTEXT).notes
    assert [n[0] for n in notes][:1] == [line]
    assert len([n for n in notes if n[0] == line]) == 1


def test_code_is_never_converted():
    body = "```\n{{< youtube x >}} {% include image.html %} <Widget /> [caption]x[/caption]\n```\n" \
           "`{{ site.title }}` and ``{% post_url x %}``\n"
    converted = convert(body, CONTEXT)
    assert not converted.notes and not converted.references
    assert "{{ site.title }}" in html_of(body) and "&lt;Widget /&gt;" in html_of(body)


def test_relative_link_by_name_and_raw_html_resolve_like_markdown():
    html = html_of('[أ](other) [ب](other/) [ج](missing) <a href="x.md">د</a> <img src="images/a.png">')
    assert 'href="/blog/other/"' in html and html.count('href="/blog/other/"') == 2
    assert 'href="/blog/_posts/missing"' in html
    assert 'src="/blog/_posts/images/a.png"' in html and '<a href="/blog/x/">د</a>' in html


# --- any body: the converter never fails, never touches code, never loses a line ---------

PIECES = ["{%", "%}", "{{", "}}", "{{<", ">}}", "{{%", "%}}", "{:", "}", "{::", "[caption]", "[/caption]",
          "[gallery", "]", "<Widget", "/>", "<amp-img", ">", "<!--", "-->", "`", "```", "\n", " ", "raw", "endraw",
          "highlight", "endhighlight", "include", "post_url", "toc", "youtube", "figure", '"', "=", "/", "ب", "x"]
BODY = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
FUZZ = settings(max_examples=int(os.environ.get("SSG_FUZZ", "400")), deadline=None,   # SSG_FUZZ=6000: longer
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(BODY)
def test_any_body_converts_and_renders_with_notes_on_its_own_lines(body):
    converted = convert(body, CONTEXT)
    lines = body.count("\n") + 1
    assert all(1 <= line <= lines for line, _, _ in converted.notes)
    assert all(1 <= line <= lines for line, _ in converted.references)
    render_markdown(converted.text, link_resolver("", "", LINKS))


@FUZZ
@given(BODY, st.text(st.sampled_from("ab {}%<>/[]:#\n"), max_size=80), BODY)
def test_a_fenced_block_comes_out_as_written(before, code, after):
    code = code.replace("\n", "\n ")              # no line of it may close the fence
    block = f"\n~~~~~~\n{code}\n~~~~~~\n"
    assert block in convert(before + "\n" + block + "\n" + after, CONTEXT).text


def test_huge_bodies_of_unclosed_constructs_convert_in_one_pass():
    """A million characters of openers without closers: each is read from its start a
    bounded distance, not to the end of the body (which took minutes)."""
    import subprocess
    import sys
    script = ("from ssg.reading.dialects import convert, Context\n"
              "for opener in ['{{ x ', '{% x ', '{{< x ', '<A b=\"', '[/caption', '{% raw %}', '` ', '<!--']:\n"
              "    convert(opener * 100000, Context(site={}, page={}))\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
