"""WordPress bodies and URLs (ssg.wordpress.body, ssg.commands.wordpress): paragraphs from
blank lines, block comments gone, shortcodes, frames, and the permalink most links follow."""

from __future__ import annotations

from ssg.commands.wordpress import _expand, _structure
from ssg.wordpress.body import Context, convert_body, wpautop
from ssg.wordpress.wxr import Item


def plain_context() -> Context:
    return Context(lambda url: url, lambda number: None)


def test_wpautop_makes_paragraphs_of_blank_lines_and_leaves_blocks():
    assert wpautop("سطر أول\nسطر ثان\n\n<h2>عنوان</h2>\n\nفقرة") == (
        "<p>سطر أول<br>\nسطر ثان</p>\n\n<h2>عنوان</h2>\n\n<p>فقرة</p>")


def test_a_gutenberg_post_loses_its_block_comments_and_keeps_its_markup():
    body = ('<!-- wp:heading {"level":3} -->\n<h3>عنوان</h3>\n<!-- /wp:heading -->\n'
            '<!-- wp:list -->\n<ul><li>أ</li><li><span style="color:red">ب</span></li></ul>\n<!-- /wp:list -->\n'
            '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>قول</p></blockquote>\n<!-- /wp:quote -->')
    converted = convert_body(body, plain_context())
    assert converted.markdown == "### عنوان\n\n- أ\n- ب\n\n> قول\n"
    assert converted.notes == []


def test_unknown_shortcodes_stay_as_text_and_frames_keep_only_known_players():
    body = ('<p>قبل [poll id="3"] بعد</p>\n<iframe src="https://player.vimeo.com/video/1" width="640"></iframe>\n'
            '<iframe src="https://tracker.example.net/x"></iframe>')
    converted = convert_body(body, plain_context())
    assert 'قبل [poll id="3"] بعد' in converted.markdown
    assert '<iframe src="https://player.vimeo.com/video/1"' in converted.markdown
    assert "tracker" not in converted.markdown
    assert [kind for kind, _ in converted.notes] == ["wordpress", "iframe"]


def post(number: int, link: str, date: str = "2021-06-05 10:00:00", name: str = "x") -> Item:
    return Item(id=number, link=link, post_type="post", status="publish", date=date, name=name)


def test_the_permalink_is_the_structure_most_links_follow():
    posts = [post(1, "https://s.org/2021/06/05/a/", name="a"), post(2, "https://s.org/2021/06/05/b/", name="b"),
             post(3, "https://s.org/archives/3", name="c")]
    structure, permalink = _structure(posts, "")
    assert structure == "/%year%/%monthnum%/%day%/%postname%/" and permalink == "/{year}/{month}/{day}/{slug}/"
    assert _expand(permalink, posts[0]) == "/2021/06/05/a/"
    assert _structure([post(1, "https://s.org/?p=1")], "") == ("", "/{year}/{month}/{slug}/"), "plain ?p= links"
    assert _structure([post(1, "https://s.org/news/%d8%a8/", name="%d8%a8")], "/news") == ("/%postname%/",
                                                                                           "/{slug}/")
