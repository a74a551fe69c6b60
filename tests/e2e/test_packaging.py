"""ssg installed from its wheel (not from the checkout) finds its theme and builds."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_the_wheel_carries_the_theme_and_builds_a_site(tmp_path, copy_site):
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = wheels.glob("ssg-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import ssg; print(ssg.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(target)), "the installed copy, not the checkout"
    output = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "ssg", "build", "-s", str(copy_site("basic")),
                             "-o", str(output), "--clean", "-q"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (output / "index.html").is_file() and (output / "feed.xml").is_file()
    assert list(output.glob("css/style.*.css"))
