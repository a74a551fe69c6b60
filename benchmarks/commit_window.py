"""How long a rebuild's commit takes: the window in which a reader of site/ can see
some files of the new build and some of the last (README, "Building").

    .venv/bin/python benchmarks/commit_window.py CORPUS [--search] [--repeat 3]

CORPUS is a folder of articles (gen_corpus.py writes one; run.py caches them under
/work/bench-work/corpus/). The site is laid out as run.py lays out ssg's, built once,
then rebuilt after one body edit and after one added article, REPEAT times each; each
rebuild's commit (the journal's moves and deletions) is timed in the build's process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from ssg.build import build
from ssg.output import journal

timings: list[tuple[int, int, float]] = []


def timed_apply(record: dict) -> None:
    started = time.perf_counter()
    original_apply(record)
    timings.append((len(record["moves"]), len(record["deletes"]), time.perf_counter() - started))


original_apply = journal._apply
journal._apply = timed_apply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--search", action="store_true", help="search on (the default of a new site)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ssg-commit-") as scratch:
        root = Path(scratch) / "site-src"
        shutil.copytree(arguments.corpus, root / "content")
        (root / "site.toml").write_text(
            'title = "أرشيف"\nbase_url = "https://example.org/"\nlanguage = "ar"\ntimezone = "Asia/Baghdad"\n'
            f'per_page = 20\nsearch = {"true" if arguments.search else "false"}\n', encoding="utf-8")
        build(root)
        stories = sorted((root / "content").rglob("*.md"))
        story = stories[len(stories) // 2]
        text = story.read_text(encoding="utf-8")
        added = root / "content" / "added-for-the-benchmark.md"
        cases: dict[str, list[tuple[int, int, float]]] = {"edit": [], "add": []}
        for trial in range(arguments.repeat):
            story.write_text(text + f"\n\nتصحيح {trial}.\n", encoding="utf-8")
            build(root)
            cases["edit"].append(timings.pop())
            added.write_text(text.replace("slug:", "slug: added-", 1), encoding="utf-8")
            build(root)
            cases["add"].append(timings.pop())
            added.unlink()
            build(root)
        print(f"search {'on' if arguments.search else 'off'}, {arguments.corpus}")
        for case, runs in cases.items():
            seconds = [s for _, _, s in runs]
            print(f"{case}: {runs[0][0]} files moved in, {runs[0][1]} deleted; commit "
                  f"{min(seconds) * 1000:.1f} / {statistics.median(seconds) * 1000:.1f} / "
                  f"{max(seconds) * 1000:.1f} ms (min / median / max of {len(runs)})")


if __name__ == "__main__":
    main()
