from pathlib import Path

import pytest

from ssg.render import OutputFile
from ssg.write import write_site


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_pages_and_replaces_the_previous_site(tmp_path):
    out = tmp_path / "site"
    write_site([OutputFile("index.html", b"one"), OutputFile("a/b/index.html", b"two")], [], [], tmp_path, out)
    assert tree(out) == {"index.html": b"one", "a/b/index.html": b"two"}
    write_site([OutputFile("index.html", b"three")], [], [], tmp_path, out)
    assert tree(out) == {"index.html": b"three"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no staging folder is left behind"


def test_a_failure_halfway_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    write_site([OutputFile("index.html", b"good")], [], [], tmp_path, out)

    def outputs():
        yield OutputFile("index.html", b"half")
        raise RuntimeError("template error on the second page")

    with pytest.raises(RuntimeError):
        write_site(outputs(), [], [], tmp_path, out)
    assert tree(out) == {"index.html": b"good"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
