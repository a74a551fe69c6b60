"""Other generators' settings in site.toml's terms: the permalink that reproduces their URLs."""

import pytest

from ssg.config import config_from
from ssg.generators import find_layout, gatsby, hugo, jekyll
from ssg.reading.notes import Note, grouped


@pytest.mark.parametrize("permalink, pattern, case", [
    ("date", "/{categories}/{year}/{month}/{day}/{slug}.html", ""),            # Jekyll's default
    ("pretty", "/{categories}/{year}/{month}/{day}/{slug}/", ""),
    ("none", "/{categories}/{slug}.html", ""),
    ("/:title/", "/{slug}/", ""),
    ("/blog/:year/:month/:slug", "/blog/{year}/{month}/{slug}.html", "lower"),
    ("/:categories/:title:output_ext", "/{categories}/{slug}.html", ""),
    ("ordinal", "/{categories}/{year}/{y_day}/{slug}.html", ""),
    ("/:short_year/:i_month/:i_day/:title/", "/{short_year}/{i_month}/{i_day}/{slug}/", ""),
])
def test_jekyll_permalinks(permalink, pattern, case):
    assert jekyll.permalink_pattern(permalink)[:2] == (pattern, case)


def test_a_jekyll_permalink_with_no_equivalent_says_so():
    pattern, _, notes = jekyll.permalink_pattern("/:year/W:week/:title/")
    assert pattern == "/{categories}/{year}/{month}/{day}/{slug}.html"
    assert ":week has no equivalent" in notes[0]


@pytest.mark.parametrize("permalinks, sections, from_title", [
    (None, {}, False),                                                               # Hugo's default
    ({"posts": "/:year/:month/:slug/"}, {"posts": "/{year}/{month}/{slug}/"}, True),
    ({"posts": "/:year/:filename/"}, {"posts": "/{year}/{slug}/"}, False),
    ({"page": {"posts": "/:sections/:title"}}, {"posts": "/{folder}/{slug}/"}, True),    # Hugo 0.120's form
    ({"posts": "/:year/:slug/", "news": "/n/:slug/"}, {"posts": "/{year}/{slug}/", "news": "/n/{slug}/"}, True),
])
def test_hugo_permalinks(permalinks, sections, from_title):
    assert hugo.permalink_patterns(permalinks) == ("/{folder}/{slug}/", sections, from_title, [])


def test_a_hugo_permalink_with_no_equivalent_says_so():
    _, sections, _, notes = hugo.permalink_patterns({"posts": "/:year/:monthname/:slug/"})
    assert sections == {} and ":monthname has no equivalent" in notes[0]


def test_every_layout_makes_a_valid_site_toml(tmp_path):
    """What a generator's settings become passes site.toml's own checks."""
    (tmp_path / "j" / "_posts").mkdir(parents=True)
    (tmp_path / "j" / "assets").mkdir()
    (tmp_path / "j" / "assets" / "a.png").write_bytes(b"x")
    (tmp_path / "j" / "_config.yml").write_text("title: T\nurl: http://x.org\nbaseurl: /b\nlocale: ar_JO\n"
                                                "timezone: Asia/Amman\nauthor: {name: A}\ncount: 3\n")
    (tmp_path / "h" / "content" / "posts").mkdir(parents=True)
    (tmp_path / "h" / "content" / "posts" / "a.md").write_text("---\n---\n")
    (tmp_path / "h" / "config.yaml").write_text("baseURL: https://h.org/\ntitle: H\nlanguageCode: en-us\n"
                                                "permalinks:\n  posts: /:year/:slug/\nparams:\n  author: A\n")
    (tmp_path / "g" / "content").mkdir(parents=True)
    (tmp_path / "g" / "gatsby-config.js").write_text("module.exports = {siteMetadata: {title: 'G'}}")
    layouts = {name: find_layout(tmp_path / name) for name in "jhg"}
    assert [layout.generator for layout in layouts.values()] == ["jekyll", "hugo", "gatsby"]
    for layout in layouts.values():
        config_from(layout.settings, source=layout.settings_file)
    assert layouts["j"].settings["base_url"] == "http://x.org/b/" and layouts["j"].settings["language"] == "ar"
    assert layouts["j"].copy == ("assets",) and layouts["j"].settings["extra"] == {"count": 3}
    assert layouts["h"].settings["permalinks"] == {"posts": "/{year}/{slug}/"}
    assert layouts["h"].settings["slug_case"] == "lower"
    assert layouts["h"].settings["extra"]["params"] == {"author": "A"}
    assert layouts["g"].settings["base_url"] == "https://example.org/"
    assert "no absolute site URL" in layouts["g"].notes[0]
    assert find_layout(tmp_path) is None


def test_gatsby_reads_where_the_filesystem_plugin_points(tmp_path):
    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "posts" / "a" / "index.md").write_text("---\n---\n")
    (tmp_path / "gatsby-config.js").write_text(
        "module.exports = { siteMetadata: { siteUrl: `https://g.org` },\n"
        "  plugins: [{ resolve: `gatsby-source-filesystem`, options: { path: `${__dirname}/posts` } }] }")
    layout = gatsby.layout(tmp_path)
    assert layout.content == "posts" and layout.settings["base_url"] == "https://g.org/"


def test_warnings_are_grouped_by_kind_with_the_first_few_then_a_count():
    notes = [Note(f"content/{i}.md", 3, "component", "component `<X />` ...") for i in range(7)]
    notes.append(Note("content/a.md", 9, "liquid", "Liquid tag `{% if %}` ..."))
    lines = grouped(notes, shown=5)
    assert lines[0] == "1 Liquid tags and values with no equivalent here, shown as written:"
    assert lines[2] == "7 MDX components and AMP elements, shown as text:"
    assert lines[3] == "    content/0.md:3: component `<X />` ..."
    assert lines[-1] == "    and 2 more (`ssg build -v` lists them all)"
    assert len(grouped(notes, shown=None)) == 2 + 8
