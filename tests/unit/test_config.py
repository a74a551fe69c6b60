from pathlib import Path

import pytest

from ssg.config import SiteConfig, load_config, parse_config
from ssg.errors import ConfigError

MINIMAL = 'title = "أرشيف"\nbase_url = "https://example.org/"\n'


def errors_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    return [str(e) for e in caught.value.errors]


def test_defaults():
    config = parse_config(MINIMAL)
    assert (config.language, config.timezone, config.permalink, config.per_page, config.theme) == \
        ("ar", "UTC", "/{year}/{month}/{slug}/", 10, "default")


def test_base_url_gets_trailing_slash_and_sub_path():
    config = parse_config('title = "t"\nbase_url = "https://example.org/archive"\n')
    assert config.base_url == "https://example.org/archive/"
    assert config.base_path == "/archive"
    assert config.origin == "https://example.org"


def test_unknown_key_is_named_with_its_line_and_a_suggestion():
    [message] = errors_of(MINIMAL + "per_pgae = 5\n")
    assert message.startswith("site.toml:3: unknown key 'per_pgae'")
    assert "did you mean 'per_page'?" in message


def test_every_bad_key_is_reported_at_once():
    messages = errors_of('title = ""\nbase_url = "example.org"\nper_page = 0\ntimezone = "Mars/Olympus"\n'
                         'permalink = "/{year}/{nope}/"\nlanguage = 5\n')
    text = "\n".join(messages)
    assert "site.toml:1: title must be a non-empty string" in text
    assert "site.toml:2: base_url must be an absolute http(s) URL" in text
    assert "site.toml:3: per_page must be a whole number of 1 or more" in text
    assert "site.toml:4: timezone unknown time zone 'Mars/Olympus'" in text
    assert "site.toml:5: permalink unknown placeholder {nope}" in text
    assert "site.toml:6: language must be a language tag" in text
    assert len(messages) == 6


@pytest.mark.parametrize("pattern, problem", [
    ("{year}/{slug}/", 'must start with "/"'),
    ("/{year}/{month}/", "must contain {slug}"),
    ("/{year}/{slug}", 'must end with "/"'),
    ("/../{slug}/", "must not contain empty, '.' or '..' segments"),
])
def test_bad_permalinks(pattern, problem):
    [message] = errors_of(MINIMAL + f'permalink = "{pattern}"\n')
    assert problem in message


def test_wrong_types():
    assert "per_page must be a whole number" in errors_of(MINIMAL + 'per_page = "10"\n')[0]
    assert "per_page must be a whole number" in errors_of(MINIMAL + "per_page = true\n")[0]


def test_missing_required_keys_say_what_to_add():
    messages = errors_of('language = "ar"\n')
    assert any("missing required key 'title'" in m and "hint: add a line" in m for m in messages)
    assert any("missing required key 'base_url'" in m for m in messages)


def test_broken_toml_names_the_line():
    [message] = errors_of(MINIMAL + 'theme = default\n')
    assert message.startswith("site.toml:3: invalid TOML")


def test_extra_is_free_form():
    config = parse_config(MINIMAL + '[extra]\ntwitter = "@archive"\n')
    assert config.extra["twitter"] == "@archive"


def test_missing_site_toml(tmp_path):
    with pytest.raises(ConfigError, match="no site.toml here"):
        load_config(tmp_path)


def test_output_folder_may_not_swallow_the_site(tmp_path):
    (tmp_path / "site.toml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(ConfigError, match="would overwrite the site's own files"):
        load_config(tmp_path, output_dir=tmp_path)
    with pytest.raises(ConfigError, match="would overwrite the site's own files"):
        load_config(tmp_path, output_dir=tmp_path / "content")
    assert load_config(tmp_path).output_dir == (tmp_path / "site").resolve()


def test_for_tests_gives_a_valid_config():
    config = SiteConfig.for_tests(per_page=3)
    assert config.per_page == 3 and config.root == Path(".")



def test_every_hint_example_is_a_line_the_config_accepts():
    """An error's hint shows EXAMPLES[key]: copying that line into site.toml fixes the error."""
    from ssg.config import EXAMPLES
    for key, line in EXAMPLES.items():
        if " then " in line:
            continue                         # a table, told in words
        required = {"title": 'title = "t"', "base_url": 'base_url = "https://example.org/"'}
        lines = [line] + [other for name, other in required.items() if name != key]
        parse_config("\n".join(lines) + "\n")   # raises ConfigError on a rejected line
