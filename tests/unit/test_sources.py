import datetime as dt

import pytest

from ssg.config import SiteConfig
from ssg.article import Article
from ssg.execution.workers import Executor
from ssg.reading.files import list_sources
from ssg.reading.reader import first_paragraph, parse_source
from tests.helpers import article

CONFIG = SiteConfig.for_tests(timezone="Asia/Baghdad")
BAGHDAD = dt.timezone(dt.timedelta(hours=3))


def parse(text: str, source: str = "content/2024/story.md"):
    result = parse_source(source, text, CONFIG)
    assert not isinstance(result, list), "\n".join(map(str, result))
    return result


def errors(text: str, source: str = "content/2024/story.md") -> list[str]:
    result = parse_source(source, text, CONFIG)
    assert isinstance(result, list), "expected errors"
    return [str(e) for e in result]


def test_yaml_article_with_every_key():
    a = parse(article(
        "قمة المياه", "2024-09-13T10:30:00+03:00", body="الفقرة الأولى.\n\n## عنوان",
        slug="x", summary='"ملخص"', tags="[المياه, العراق]", categories="[بيئة]", author="سارة",
        image="images/a.svg", image_alt='"نهر"', image_caption='"تعليق"', image_credit='"مصور"',
        sources="[وكالات]", lang="ar", updated="2024-09-14", aliases='["/old/x.html"]',
        draft="false", rating="5"))
    assert a.title == "قمة المياه" and a.slug == "x"
    assert a.date == dt.datetime(2024, 9, 13, 10, 30, tzinfo=BAGHDAD)
    assert a.updated == dt.datetime(2024, 9, 14, tzinfo=CONFIG.tz)
    assert (a.summary, a.summary_from_body) == ("ملخص", False)
    assert a.tags == ("المياه", "العراق") and a.categories == ("بيئة",) and a.authors == ("سارة",)
    assert (a.image.src, a.image.alt, a.image.caption, a.image.credit) == ("images/a.svg", "نهر", "تعليق", "مصور")
    assert a.sources == ("وكالات",) and a.aliases == ("/old/x.html",)
    assert (a.lang, a.dir, a.draft) == ("ar", "rtl", False)
    assert dict(a.extra) == {"rating": 5}
    assert a.body.lstrip().startswith("الفقرة الأولى.") and a.body_line == 20  # the line after the closing ---


def test_toml_front_matter():
    a = parse('+++\ntitle = "تقرير"\ndate = 2023-03-05T09:00:00+03:00\ntags = ["المياه"]\n+++\nنص\n')
    assert a.title == "تقرير" and a.date == dt.datetime(2023, 3, 5, 9, tzinfo=BAGHDAD) and a.tags == ("المياه",)


@pytest.mark.parametrize("written, expected", [
    ("2024-09-13", dt.datetime(2024, 9, 13, tzinfo=CONFIG.tz)),
    ("2024-09-13T10:30", dt.datetime(2024, 9, 13, 10, 30, tzinfo=CONFIG.tz)),
    ("2024-09-13 10:30:00 +0300", dt.datetime(2024, 9, 13, 10, 30, tzinfo=BAGHDAD)),
    ("2024-09-13T07:30:00Z", dt.datetime(2024, 9, 13, 7, 30, tzinfo=dt.timezone.utc)),
    ('"٢٠٢٤-٠٩-١٣"', dt.datetime(2024, 9, 13, tzinfo=CONFIG.tz)),
])
def test_dates_as_hugo_and_jekyll_write_them(written, expected):
    assert parse(article(date=written)).date == expected


def test_hugo_and_jekyll_aliases():
    a = parse("---\ntitle: t\ndate: 2024-01-01\ndescription: وصف\nlastmod: 2024-02-01\n"
              "tags: \"اقتصاد, النفط ,العراق\"\ncategory: سياسة\nauthors: [أ, ب]\n---\n")
    assert a.summary == "وصف" and a.updated.month == 2
    assert a.tags == ("اقتصاد", "النفط", "العراق") and a.categories == ("سياسة",) and a.authors == ("أ", "ب")
    assert parse("---\ntitle: t\ndate: 2024-01-01\nexcerpt: مقتطف\n---\n").summary == "مقتطف"


def test_jekyll_file_name_gives_date_and_slug():
    a = parse("---\ntitle: مرحبا\n---\nنص\n", source="content/_posts/2020-05-01-hello.md")
    assert (a.date.date(), a.slug) == (dt.date(2020, 5, 1), "hello")


@pytest.mark.parametrize("source, front, slug", [
    ("content/en/report.md", "", "report"),
    ("content/2024/مهرجان-الكتاب.md", "", "مهرجان-الكتاب"),
    ("content/posts/my-trip/index.md", "", "my-trip"),
    ("content/2024/x.md", "slug: «خاص» جداً\n", "«خاص»-جداً"),
])
def test_slug_sources(source, front, slug):
    assert parse(f"---\ntitle: عنوان المقال\ndate: 2024-01-01\n{front}---\n", source=source).slug == slug


def test_english_article_is_left_to_right():
    a = parse(article(lang="en"))
    assert (a.lang, a.dir) == ("en", "ltr")


def test_summary_defaults_to_first_paragraph_as_plain_text():
    a = parse(article(body="## عنوان\n\n> اقتباس\n\nقال **John Smith** إن [الخطة](x.md) نجحت.\n\nفقرة ثانية."))
    assert (a.summary, a.summary_from_body) == ("قال John Smith إن الخطة نجحت.", True)


def test_first_paragraph_of_empty_body():
    assert first_paragraph("") == ""


def test_broken_yaml_names_the_line():
    [message] = errors("---\ntitle: t\ndate: 2024-01-01\ntags: [a, b\n---\n")
    assert message.startswith("content/2024/story.md:4: broken YAML front-matter"), "the line where the bracket opened"


def test_front_matter_nested_too_deep_names_the_line_and_says_so():
    [message] = errors("---\ntitle: t\ndate: 2024-01-01\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n")
    assert message.startswith("content/2024/story.md:4: broken YAML front-matter: exceeded maximum nesting depth")
    assert "nest too deep here" in message


def test_without_libyaml_a_deep_front_matter_is_the_same_error_not_a_crash(monkeypatch):
    import yaml

    import ssg.reading.frontmatter as frontmatter

    class PurePython(yaml.SafeLoader):       # PyYAML built without libyaml recurses instead
        pass
    monkeypatch.setattr(frontmatter, "_LOADER", PurePython)
    [message] = errors("---\ntitle: t\ndate: 2024-01-01\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert "exceeded maximum nesting depth" in message and "nest too deep here" in message


def test_broken_toml_names_the_line():
    [message] = errors('+++\ntitle = "t"\ndate = 2024-01-01\ntags = [a]\n+++\n')
    assert message.startswith("content/2024/story.md:4: broken TOML front-matter")


def test_missing_front_matter_and_unclosed_front_matter():
    assert "couldn't find front-matter" in errors("# عنوان\n\nنص\n")[0]
    assert "never closed" in errors("---\ntitle: t\n")[0]


def test_all_field_errors_of_one_file_together():
    messages = errors("---\ndate: 13/09/2024\ntags: {a: 1}\ndraft: maybe\nlang: 'ar!'\n---\n")
    text = "\n".join(messages)
    assert "story.md:1: missing title" in text
    assert "story.md:2: date: '13/09/2024' is not a date" in text
    assert "story.md:3: tags must be a list or a comma-separated string" in text
    assert "story.md:4: draft must be true or false" in text
    assert "story.md:5: lang 'ar!' is not a language tag" in text


def test_missing_date_hint_mentions_file_name():
    [message] = errors("---\ntitle: t\n---\n")
    assert "missing date" in message and "2024-09-13-slug.md" in message


def test_slug_that_climbs_out_is_refused():
    [message] = errors(article(slug="../../etc"))
    assert "story.md:4: slug '../../etc' would lead out of the site" in message


def test_slug_may_be_a_path_and_keeps_its_capitals():
    assert parse(article(slug="web-development/JavaScript/أول-درس؟")).slug == "web-development/JavaScript/أول-درس؟"
    assert parse(article(), source="content/_posts/2016-07-26-Hello-World.md").slug == "Hello-World"
    lower = SiteConfig.for_tests(slug_case="lower")
    assert parse_source("content/_posts/2016-07-26-Hello-World.md", article(), lower).slug == "hello-world"


@pytest.mark.parametrize("key", ["url", "permalink", "path"])
def test_front_matter_url_sets_the_whole_path(key):
    assert parse(article(**{key: "/old/Story"})).fixed_path == "/old/Story/"
    assert parse(article(**{key: "old/page.html"})).fixed_path == "/old/page.html"
    [message] = errors(article(**{key: "/../../etc/"}))
    assert f"story.md:4: {key} '/../../etc/' would lead out of the site" in message
    [message] = errors(article(**{key: "/:year/:title/"}))
    assert "placeholders" in message


def test_draft_and_jekyll_published_false():
    assert parse(article(draft="true")).draft
    assert parse(article(published="false")).draft


def test_read_sources_reports_binary_and_non_utf8_files_and_collects_assets(tmp_path):
    root = tmp_path
    (root / "content" / "a").mkdir(parents=True)
    (root / "content" / "a" / "ok.md").write_text(article(), encoding="utf-8")
    (root / "content" / "a" / "bin.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "content" / "a" / "latin1.md").write_bytes(article().encode("utf-8") + b"\ncaf\xe9\n")
    (root / "content" / "a" / "photo.jpg").write_bytes(b"\xff\xd8")
    (root / "content" / "a" / ".hidden.md").write_text("junk", encoding="utf-8")
    (root / "content" / "a" / "ok.md~").write_text("junk", encoding="utf-8")
    config = SiteConfig.for_tests(root=root)
    markdown, assets, problems = list_sources(config)
    assert problems == []
    results = [result for *_, result in Executor(1).parse(markdown, config, lambda count: None)]
    assert [a.source for a in results if isinstance(a, Article)] == ["content/a/ok.md"]
    assert assets == ["a/photo.jpg"]
    messages = sorted(str(e) for errors in results if not isinstance(errors, Article) for e in errors)
    assert messages[0].startswith("content/a/bin.md: binary file among the articles")
    assert messages[1].startswith("content/a/latin1.md:8: not UTF-8 text")


def test_a_yaml_alias_bomb_is_refused_at_once_with_its_line():
    import time
    levels = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    bomb = "---\ntitle: x\ndate: 2024-09-13\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels + "---\n"
    started = time.perf_counter()
    [error] = errors(bomb)
    assert time.perf_counter() - started < 1
    assert error.startswith("content/2024/story.md:4: the front-matter's YAML aliases repeat its values more than")
    assert "write the values out" in error
    [error] = errors("---\ntitle: x\ndate: 2024-09-13\nloop: &l [1, *l]\n---\n")
    assert error.startswith("content/2024/story.md:4: the front-matter refers to itself")
    shared = parse("---\ntitle: x\ndate: 2024-09-13\nbase: &b {k: 1}\nother: *b\n---\n")
    assert shared.extra == {"base": {"k": 1}, "other": {"k": 1}}, "a few aliases are fine"


def test_a_key_set_twice_is_an_error_naming_both_lines():
    [error] = errors("---\ntitle: x\ntags: [أ]\ndate: 2024-09-13\ntags: [ب]\n---\n")
    assert error.startswith("content/2024/story.md:5: `tags` is set twice, on lines 3 and 5")
    assert "keep one of them" in error


def test_more_than_a_hundred_tags_is_an_error_with_its_line():
    tags = "[" + ", ".join(f"وسم{n}" for n in range(101)) + "]"
    [error] = errors(article(tags=tags))
    assert error.startswith("content/2024/story.md:4: 101 tags: an article may have at most 100")
    assert len(parse(article(tags="[" + ", ".join(f"وسم{n}" for n in range(100)) + "]")).tags) == 100


def test_a_tag_of_invisible_characters_is_an_error_not_an_invisible_link():
    [error] = errors(article(tags='["\\u200b\\u200f", المياه]'))
    assert error.startswith("content/2024/story.md:4: an item of tags has no visible character (\\u200b\\u200f)")
    assert parse(article(tags='["نقطة\\u200cتحول"]')).tags == ("نقطة\u200cتحول",), "a joiner inside a word stays"


def test_jekyll_tags_string_splits_at_spaces_when_asked():
    jekyll = SiteConfig.for_tests(tags_split="space")
    parsed = parse_source("content/_posts/2016-07-26-a.md", article(tags="بدايات برمجة", category="أخبار محلية"),
                          jekyll)
    assert parsed.tags == ("بدايات", "برمجة") and parsed.categories == ("أخبار محلية",)
    assert parse(article(tags="التوتر الإقليمي, مياه")).tags == ("التوتر الإقليمي", "مياه")
