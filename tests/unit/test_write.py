"""Putting output in place: the atomic swap, and the journaled update with its recovery."""

import json
from pathlib import Path

from ssg.output.journal import JOURNAL, TRASH, JournalWriter, emptying_trash, pending_name, recover
from ssg.output.staged import swap_into_place


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
    update = JournalWriter(out, cache)
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


def test_replaced_and_deleted_files_are_freed_by_the_next_build_not_by_the_commit(tmp_path):
    """Freeing a file's blocks is the slow part of moving a new file over it: the commit
    keeps a link to each file it replaces or deletes, and the next build frees them."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    out.mkdir()
    (out / "a.html").write_bytes(b"old a")
    (out / "gone.html").write_bytes(b"gone")
    update = JournalWriter(out, cache)
    update.place("a.html").write_bytes(b"new a")
    update.place("b.html").write_bytes(b"new b")
    update.commit(["a.html", "b.html"], ["gone.html"])
    assert tree(out) == {"a.html": b"new a", "b.html": b"new b"}
    [batch] = (cache / TRASH).iterdir()
    assert sorted(tree(batch).values()) == [b"gone", b"old a"]
    with emptying_trash(cache):
        update = JournalWriter(out, cache)
        update.place("b.html").write_bytes(b"newer b")
        update.commit(["b.html"], [])
    [batch] = (cache / TRASH).iterdir()
    assert tree(batch) == {pending_name("b.html"): b"new b"}, "only this build's own trash is left"
    assert tree(out) == {"a.html": b"new a", "b.html": b"newer b"}


def test_a_commit_interrupted_after_its_links_is_finished_all_the_same(tmp_path):
    out, cache, pending = tmp_path / "site", tmp_path / "cache", tmp_path / ".site.pending-1"
    trash = cache / TRASH / "1-1"
    out.mkdir()
    trash.mkdir(parents=True)
    (out / "a.html").write_bytes(b"old a")
    pending.mkdir()
    (pending / pending_name("a.html")).write_bytes(b"new a")
    (trash / pending_name("a.html")).hardlink_to(out / "a.html")     # linked, not yet moved
    (cache / JOURNAL).write_text(json.dumps({"pending": str(pending), "output": str(out), "moves": ["a.html"],
                                             "deletes": [], "trash": str(trash)}))
    assert recover(cache)
    assert tree(out) == {"a.html": b"new a"}
    assert tree(trash) == {pending_name("a.html"): b"old a"}
