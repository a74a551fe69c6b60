"""ssg installed from its wheel (not from the checkout) finds its theme and builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import REPO


def test_the_wheel_carries_the_theme_and_builds_a_site(tmp_path, copy_site):
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    # From a copy without the checkout's build/ folder, whose leftovers setuptools would ship.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "site",
                                                                "test-artifacts", ".ssg-cache", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    [wheel] = wheels.glob("ssg-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.endswith(".py")}
    # Every module of the checkout, subpackages included (a subpackage missing from
    # pyproject.toml's list would go unnoticed below: the editable install finds it).
    modules = {path.relative_to(REPO).as_posix() for path in (REPO / "ssg").rglob("*.py")}
    assert modules <= shipped, f"not in the wheel: {sorted(modules - shipped)}"
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
