"""The search index a build writes: shards of Pagefind bundles made from the articles,
each in its own language, and a rebuild that re-indexes only the shards it changes."""

from __future__ import annotations

import json
import os

from ssg.build import build
from tests.helpers import article

CONFIG = 'title = "t"\nbase_url = "https://example.org/"\n'


def manifest(site) -> list[dict]:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


def index_files(site) -> dict[str, tuple[int, int, bytes]]:
    """Each file of the index: its inode and time (a file rewritten gets new ones) and bytes."""
    found = {}
    for path in sorted((site / "pagefind").rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(site).as_posix()] = (stat.st_ino, stat.st_mtime_ns, path.read_bytes())
    return found


def shard_of(site, name: str) -> set[str]:
    return {path for path in index_files(site) if path.startswith(f"pagefind/{name}/")}


def test_index_holds_every_article_in_its_language(make_site):
    root = make_site({
        "content/a.md": article("أ", "2024-09-13", slug="a", tags="[ماء]"),
        "content/b.md": article("ب", "2024-09-12", slug="b", tags="[ماء]"),
        "content/c.md": article("Report", "2024-09-11", slug="c", lang="en"),
    })
    build(root)
    site = root / "site"
    shards = manifest(site)
    assert {(s["language"], s["pages"]) for s in shards} == {("ar", 2), ("en", 1)}
    for shard in shards:
        entry = json.loads((site / "pagefind" / shard["path"] / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == \
            {shard["language"]: shard["pages"]}, "a shard holds one language, listings and other pages none"
        assert not (site / "pagefind" / shard["path"] / "pagefind-ui.js").exists(), "no unused Pagefind UI"
    assert (site / "search" / "index.html").is_file()
    assert 'href="/search/"' in (site / "index.html").read_text(encoding="utf-8")


def test_search_off_builds_no_index_and_no_search_page(make_site):
    root = make_site({"content/a.md": article("أ", "2024-09-13", slug="a")}, CONFIG + "search = false\n")
    build(root)
    site = root / "site"
    assert not (site / "pagefind").exists() and not (site / "search").exists()
    page = (site / "2024/09/a/index.html").read_text(encoding="utf-8")
    assert "pagefind" not in page and 'href="/search/"' not in page


def test_a_rebuild_re_indexes_only_the_shard_it_changes(make_site):
    files = {f"content/a{n:02d}.md": article(f"خبر {n}", f"2024-0{1 + n % 9}-10", slug=f"a{n:02d}",
                                             body=f"نص الخبر رقم {n} عن الميناء.") for n in range(36)}
    root = make_site(files, CONFIG + "search_shard_size = 5\n")
    build(root)
    site = root / "site"
    shards = {s["path"].rstrip("/") for s in manifest(site)}
    assert len(shards) == 8 and sum(s["pages"] for s in manifest(site)) == 36
    before = index_files(site)

    (root / "content" / "a07.md").write_text(article("خبر 7", "2024-08-10", slug="a07", body="نص معدل."),
                                             encoding="utf-8")
    build(root)
    after = index_files(site)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    touched = {path.split("/")[1] for path in changed}
    assert len(touched) == 1, f"one shard re-indexed, not {sorted(touched)}"
    [edited] = touched
    assert all(after[path] == before[path] for path in after if not path.startswith(f"pagefind/{edited}/")), \
        "every other shard's files are the very same files"

    (root / "content" / "new.md").write_text(article("جديد", "2024-09-01", slug="new"), encoding="utf-8")
    build(root)
    added = index_files(site)
    touched = {path.split("/")[1] for path in set(after) | set(added) if after.get(path) != added.get(path)}
    assert touched - {"shards.json"} and len(touched - {"shards.json"}) == 1, touched
    assert sum(s["pages"] for s in manifest(site)) == 37


def test_switching_search_off_and_on_again(make_site):
    root = make_site({"content/a.md": article("أ", "2024-09-13", slug="a")})
    build(root)
    site = root / "site"
    (site / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")   # as older versions left
    (root / "site.toml").write_text(CONFIG + "search = false\n", encoding="utf-8")
    build(root)
    assert not (site / "pagefind").exists()
    (root / "site.toml").write_text(CONFIG, encoding="utf-8")
    build(root)
    assert [s["pages"] for s in manifest(site)] == [1]
    assert sorted(os.listdir(site / "pagefind")) == sorted([manifest(site)[0]["path"].rstrip("/"), "shards.json"])
