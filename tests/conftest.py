"""Shared fixtures: fixture sites copied to a temporary folder, built with a fixed clock."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
# 2025-01-01T00:00:00Z: builds are reproducible, and the fixture's 2999 article stays in the future.
FIXED_EPOCH = "1735689600"
# 2030-01-01T00:00:00Z for the sample archive, whose newest articles are from 2026.
SAMPLE_EPOCH = "1893456000"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture(autouse=True)
def fixed_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory):
    """One cache of web font subsets for the whole run (ssg keeps them in the user's cache
    folder, shared by every site): made once, not in the tester's home."""
    import os
    folder = tmp_path_factory.mktemp("font-cache")
    before = os.environ.get("SSG_FONT_CACHE")
    os.environ["SSG_FONT_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("SSG_FONT_CACHE", None)
    else:
        os.environ["SSG_FONT_CACHE"] = before


@pytest.fixture
def copy_site(tmp_path):
    """Copy a fixture site (by name under fixtures/sites/) into a temporary folder."""
    def copy(name: str) -> Path:
        target = tmp_path / name.replace("/", "-")
        shutil.copytree(FIXTURES / "sites" / name, target)
        return target
    return copy


@pytest.fixture
def make_site(tmp_path):
    """Write a site from a dict of relative path -> text; site.toml gets a default."""
    def make(files: dict[str, str], config: str | None = None) -> Path:
        root = tmp_path / "site-src"
        (root / "content").mkdir(parents=True, exist_ok=True)
        (root / "site.toml").write_text(config if config is not None else textwrap.dedent('''\
            title = "موقع"
            base_url = "https://example.org/"
            '''), encoding="utf-8")
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root
    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own sample archive, built once for every test that only reads it."""
    from ssg.build import build

    output = tmp_path_factory.mktemp("sample") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
        build(REPO, output)
    return output
