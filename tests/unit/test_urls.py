import pytest

from ssg.text.urls import UnsafeSlug, clean_slug, encode_path, is_inside, output_path_for, slugify


@pytest.mark.parametrize("text, slug", [
    ("قمة المياه في بغداد", "قمة-المياه-في-بغداد"),
    ("التَّوتُّر الإقليميّ", "التوتر-الإقليمي"),
    ("هل ينجح الاتفاق؟ نعم، ربما!", "هل-ينجح-الاتفاق-نعم-ربما"),
    ("مـــؤتمر\u200f 2024", "مؤتمر-2024"),
    ("عام ٢٠٢٤", "عام-2024"),
    ("Water Report: 15% Fall", "water-report-15-fall"),
    ("؟!", ""),
])
def test_arabic_slugs(text, slug):
    assert slugify(text) == slug


def test_latin_slugs_transliterate():
    assert slugify("Café Society", style="latin") == "cafe-society"


def test_clean_slug_keeps_what_was_written_but_is_safe():
    assert clean_slug("My Story?#") == "My-Story"
    for bad in ("../x", "a/../b", "..", "C:/x", "a\\b", "https://example.org/x", "a\x00b"):
        with pytest.raises(UnsafeSlug):
            clean_slug(bad)


def test_a_slug_may_be_a_path_inside_the_site():
    """Gatsby archives set `slug: "web-development/javascript/post"`."""
    assert clean_slug("web-development/javascript/Some Post") == "web-development/javascript/Some-Post"
    assert clean_slug("/تطوير/كيف-أبدأ؟/") == "تطوير/كيف-أبدأ؟"
    assert clean_slug("a//.hidden/b") == "a/hidden/b"


def test_slugify_keeps_capitals_when_asked():
    assert slugify("Hello-World", lower=False) == "Hello-World"
    assert slugify("Hello World", style="latin", lower=False) == "Hello-World"


def test_encode_path_is_utf8_percent_encoding():
    assert encode_path("/2024/09/مهرجان/") == "/2024/09/%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86/"


def test_output_paths():
    assert output_path_for("/2024/09/x/") == "2024/09/x/index.html"
    assert output_path_for("/") == "index.html"
    assert output_path_for("/x.html") == "x.html"
    assert is_inside("2024/x/index.html") and not is_inside("../x") and not is_inside("/etc/x")


def test_encode_path_is_urllib_quote_with_the_path_safe_characters():
    from urllib.parse import quote

    from ssg.text.urls import _PATH_SAFE
    samples = ["/2024/09/مهرجان-بغداد/", "/tags/الصحه/page/2/", "/a b/c%20d?x=1#y", "/ن😀/ü/", "/x/\u200c/", "", "/"]
    samples += ["".join(chr(code) for code in range(start, start + 40)) for start in range(0, 0x700, 40)]
    for sample in samples:
        assert encode_path(sample) == quote(sample, safe=_PATH_SAFE), sample


@pytest.mark.parametrize("name, slug", [
    ("What's-New,-2016!", "What's-New,-2016!"),
    ("C++ and_Go", "C++-and_Go"),
    ("مقهى الحي؟", "مقهى-الحي"),
    ("..hidden", "hidden"),
])
def test_jekyll_pretty_slugs_keep_what_jekyll_keeps(name, slug):
    assert slugify(name, "pretty", lower=False) == slug
