"""Putting output in place: the atomic swap, and the journaled update with its recovery."""

import json
from pathlib import Path

from ssg.output import JOURNAL, Update, pending_name, recover
from ssg.write import swap_into_place


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_swap_replaces_the_previous_site_in_one_step(tmp_path):
    out, staging = tmp_path / "site", tmp_path / "staging"
    for folder, text in ((out, b"old"), (staging, b"new")):
        (folder / "a").mkdir(parents=True)
        (folder / "a" / "index.html").write_bytes(text)
    (out / "gone.html").write_bytes(b"x")
    swap_into_place(staging, out)
    assert tree(out) == {"a/index.html": b"new"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the previous tree is removed"


def test_update_moves_changed_files_in_and_deletes_removed_ones(tmp_path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    (out / "2024" / "x").mkdir(parents=True)
    (out / "2024" / "x" / "index.html").write_bytes(b"old x")
    (out / "keep.html").write_bytes(b"keep")
    update = Update(out, cache)
    update.place("2024/y/index.html").write_bytes(b"new y")
    update.place("keep.html").write_bytes(b"changed")
    update.commit(["2024/y/index.html", "keep.html"], ["2024/x/index.html"])
    assert tree(out) == {"2024/y/index.html": b"new y", "keep.html": b"changed"}
    assert not (out / "2024" / "x").exists(), "emptied folders go too"
    assert not update.target.exists() and not (cache / JOURNAL).exists()


def test_an_interrupted_commit_is_finished_by_the_next_run(tmp_path):
    out, cache, pending = tmp_path / "site", tmp_path / "cache", tmp_path / ".site.pending-1"
    out.mkdir()
    (out / "a.html").write_bytes(b"old a")
    (out / "b.html").write_bytes(b"old b")
    pending.mkdir()
    (pending / pending_name("b.html")).write_bytes(b"new b")   # a.html was moved before the interruption
    (out / "a.html").write_bytes(b"new a")
    cache.mkdir()
    (cache / JOURNAL).write_text(json.dumps({"pending": str(pending), "output": str(out),
                                             "moves": ["a.html", "b.html"], "deletes": ["c.html"]}))
    assert recover(cache)
    assert tree(out) == {"a.html": b"new a", "b.html": b"new b"}
    assert not pending.exists() and not recover(cache)
