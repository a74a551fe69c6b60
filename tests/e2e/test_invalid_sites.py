"""Each site under fixtures/sites/invalid/ must fail with the messages in its expected.txt,
exit 1 without a traceback, and leave the previous site/ exactly as it was."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ssg.build import build
from ssg.errors import BuildFailed
from tests.conftest import FIXTURES

CASES = sorted(p.name for p in (FIXTURES / "sites" / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_fails_with_its_message(case, copy_site):
    root = copy_site(f"invalid/{case}")
    with pytest.raises(BuildFailed) as caught:
        build(root)
    report = caught.value.report()
    for expected in (root / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert expected in report, f"expected {expected!r} in:\n{report}"


@pytest.mark.parametrize("case", ["broken-yaml", "template-error"])
def test_cli_reports_without_traceback_and_keeps_previous_site(case, copy_site):
    root = copy_site(f"invalid/{case}")
    previous = root / "site"
    (previous / "2024").mkdir(parents=True)
    (previous / "index.html").write_bytes(b"<p>previous build</p>")
    (previous / "2024" / "page.html").write_bytes(b"older page")
    result = subprocess.run([sys.executable, "-m", "ssg", "build", "-s", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "build failed: 1 error" in result.stderr
    assert (previous / "index.html").read_bytes() == b"<p>previous build</p>"
    assert (previous / "2024" / "page.html").read_bytes() == b"older page"
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.")], "no staging folder is left"
