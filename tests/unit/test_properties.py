"""Properties that hold for any input (hypothesis): the readers of front-matter, slugs,
dates and Markdown either succeed or report a user error; they never crash or escape."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssg.article import Article
from ssg.config import SiteConfig
from ssg.errors import SiteError
from ssg.reading.reader import parse_source
from ssg.rendering.markup import render_inline, render_markdown
from ssg.text.dates import BadDate, parse_date
from ssg.text.urls import UnsafeSlug, clean_slug, is_inside, output_path_for, slugify

CONFIG = SiteConfig.for_tests(timezone="Asia/Baghdad")
BAGHDAD = ZoneInfo("Asia/Baghdad")
# Arabic, Latin, digits, punctuation YAML and Markdown care about, controls and marks.
ALPHABET = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْـ٠١٢٣abcXYZ0129 -_:'\"#[]{}*&!|>%@`,.\n\t/\\")
                           + ["\u200b", "\u200c", "\u200f", "\x00", "\x0b", "\ufeff"])
TEXT = st.text(ALPHABET, max_size=200)
# The same examples in CI, so that a landing never hangs on a lucky draw; new ones each run elsewhere.
SAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                   derandomize=bool(os.environ.get("CI")), database=None)


def front_matter(draw_keys: dict) -> str:
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in draw_keys.items()) + "---\nنص.\n"


@SAMPLES
@given(st.dictionaries(st.sampled_from(["title", "date", "slug", "tags", "summary", "image", "aliases", "lang",
                                        "dir", "draft", "updated", "author", "sources"]), TEXT, max_size=8))
def test_any_front_matter_gives_an_article_or_errors_with_the_file_and_a_line(keys):
    result = parse_source("content/x.md", front_matter(keys), CONFIG)
    if isinstance(result, Article):
        assert result.title and result.date.tzinfo is not None
        assert is_inside(output_path_for("/" + result.slug + "/")) and "/" not in result.slug
    else:
        assert result and all(isinstance(error, SiteError) and error.path == "content/x.md" for error in result)
        assert all(error.line is None or error.line >= 1 for error in result)


@SAMPLES
@given(TEXT)
def test_any_text_parses_as_front_matter_or_says_why(text):
    result = parse_source("content/x.md", text, CONFIG)
    assert isinstance(result, Article) or all(isinstance(error, SiteError) for error in result)


@SAMPLES
@given(TEXT, st.sampled_from(["arabic", "latin"]))
def test_a_slug_made_from_any_text_is_one_safe_segment_and_stable(text, style):
    slug = slugify(text, style)
    assert "/" not in slug and "\\" not in slug and slug not in (".", "..")
    assert is_inside(output_path_for("/" + slug + "/"))
    assert slugify(slug, style) == slug, "a slug slugifies to itself"


@SAMPLES
@given(TEXT)
def test_a_front_matter_slug_is_kept_safe_or_refused(text):
    try:
        slug = clean_slug(text)
    except UnsafeSlug:
        return
    # A path of segments, none hidden, none climbing out, none empty.
    assert all(segment and not segment.startswith(".") for segment in slug.split("/")) or slug == ""
    assert is_inside(output_path_for("/" + slug + "/")) and "\\" not in slug


@SAMPLES
@given(st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1),
                    timezones=st.sampled_from([dt.timezone.utc, BAGHDAD, dt.timezone(dt.timedelta(hours=-5))]),
                    allow_imaginary=False))
def test_a_date_written_in_iso_reads_back_as_the_same_moment(moment):
    moment = moment.replace(microsecond=0)
    parsed = parse_date(moment.isoformat(), BAGHDAD)
    # Compared as instants: == between zones is False for a wall time that occurs twice.
    assert parsed.timestamp() == moment.timestamp() and parsed.utcoffset() == moment.utcoffset()
    assert parse_date(moment.date().isoformat(), BAGHDAD).date() == moment.date()


@SAMPLES
@given(TEXT)
def test_any_text_is_a_date_or_a_bad_date(text):
    try:
        parsed = parse_date(text, BAGHDAD)
    except BadDate:
        return
    assert parsed.tzinfo is not None


HTML = st.sampled_from(["<script>alert(1)</script>", "<b onclick=x>", "</p>", "<img src=x onerror=y>", "<",
                        "[a](javascript:x)", "<!-- c -->", "&amp;", "&#0;"])
MARKDOWN = st.lists(st.one_of(st.text(ALPHABET, max_size=30), HTML), max_size=30).map("".join)


@SAMPLES
@given(MARKDOWN)
def test_any_markdown_renders_and_inline_markdown_never_passes_html(text):
    render_markdown(text)
    inline = render_inline(text)
    assert "<script" not in inline and "<b " not in inline and "<img" not in inline
    assert 'href="javascript' not in inline
