"""Build the `basic` fixture site and compare the whole output tree with tests/golden/basic.

After an intended change to the output: `make golden` (pytest --update-golden) rewrites it.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from ssg.build import build
from tests.conftest import TESTS

GOLDEN = TESTS / "golden" / "basic"
# Pagefind names its index files by content hashes that change from run to run; the
# search index is tested by what it finds (tests/browser/test_search.py), not by bytes.
SEARCH_INDEX = "pagefind/"


def tree(folder: Path) -> dict[str, bytes]:
    return {path: p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not (path := p.relative_to(folder).as_posix()).startswith(SEARCH_INDEX)}


def test_basic_site_matches_golden(tmp_path, request, copy_site):
    output = tmp_path / "site"
    build(copy_site("basic"), output)    # a copy: the build leaves its .ssg-cache/ beside the sources
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN, ignore=lambda folder, names: ["pagefind"] if Path(folder) == output else [])
        return
    actual, expected = tree(output), tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "the set of written files changed (make golden to accept)"
    diffs = []
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diffs.extend(difflib.unified_diff(
                expected[path].decode("utf-8", "replace").splitlines(),
                actual[path].decode("utf-8", "replace").splitlines(),
                f"golden/{path}", f"built/{path}", lineterm="", n=2))
    assert not diffs, "output differs from tests/golden/basic (make golden to accept):\n" + "\n".join(diffs[:200])
