"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, run with Java) over every
page of the sample archive: zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import REPO
from tests.helpers import require_tool

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_sample_archive_has_no_html_errors(sample_site):
    java = shutil.which("java")
    require_tool(java is not None, "java (apt-get install default-jre-headless)")
    require_tool(VNU.is_file(), "vnu.jar (npm ci)")
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 15
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                             "--skip-non-html", str(sample_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    problems = [f"{m.get('url', '?').split('/sample')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
                for m in messages]
    assert not problems, "\n".join(problems)
    assert result.returncode == 0, result.stderr
