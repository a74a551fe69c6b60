import os

from ssg.incremental.bodies import BodyStore, keep_only


def test_kept_bodies_are_found_again_by_a_later_store(tmp_path):
    store = BodyStore(tmp_path, size=1)
    store.put("a", "<p>نص أ</p>", keep=True)
    store.put("b", "<p>not for a feed</p>")
    store.put("c", "<p>نص ج</p>", keep=True)
    assert [key for key, _ in store.take_added()] == ["a", "c"]
    assert store.take_added() == []
    store.close()
    later = BodyStore(tmp_path, store.index)
    assert later.get("a") == "<p>نص أ</p>" and later.get("c") == "<p>نص ج</p>"
    assert later.get("b") is None          # only in the first store's memory


def test_a_forked_worker_writes_its_own_pack(tmp_path):
    store = BodyStore(tmp_path)
    store.put("parent", "<p>1</p>", keep=True)
    pid = os.fork()
    if pid == 0:                           # the worker
        store.forked()
        store.put("child", "<p>2</p>", keep=True)
        os._exit(0 if store.take_added()[0][1][0] != store.index["parent"][0] else 1)
    assert os.waitpid(pid, 0)[1] == 0
    assert len(list(tmp_path.glob("*.pack"))) == 2


def test_unneeded_packs_are_deleted_and_a_mostly_dead_pack_is_rewritten(tmp_path):
    store = BodyStore(tmp_path)
    for number in range(300):
        store.put(f"k{number}", "x" * 10_000, keep=True)
    store.close()
    (tmp_path / "old-body.html").write_text("from an older cache")
    kept = keep_only(tmp_path, store.index, ["k7", "k8", "missing"])
    assert set(kept) == {"k7", "k8"}
    packs = list(tmp_path.iterdir())
    assert len(packs) == 1 and packs[0].stat().st_size == 20_000
    assert BodyStore(tmp_path, kept).get("k8") == "x" * 10_000
