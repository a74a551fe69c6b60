"""Stage: the search index, in shards (search/shards.py), each a Pagefind bundle under
site/pagefind/SHARD/, listed in site/pagefind/shards.json for the search page.

A shard is indexed again only when what it indexes changed: the cards and bodies of
its articles (by the fingerprints the page plan uses), the site's settings, or
Pagefind's version; an unchanged shard's files stay as they are. Records are made
from the articles (search/records.py) and fed to Pagefind's service one shard at a
time (search/service.py). The files go into the writer like every other output,
before the commit: a build whose index fails leaves site/ as it was, and the commit
brings pages and index in together.
"""

from __future__ import annotations

import base64
import filecmp
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable, Mapping

from ..article import Article
from ..config import SiteConfig, line_in_site_toml
from ..errors import BuildFailed, SiteError
from ..incremental.state import sha1
from ..output.folders import work_folder
from ..output.writer import Writer
from ..progress import Progress
from ..reading.reader import load_markdown
from ..text.dates import DateStyle
from .records import search_record
from .service import PagefindService, ServiceError
from .shards import assign_shards

BUNDLE = "pagefind"
MANIFEST = "shards.json"
RECORDS = "1"                # the version of search_record: a change indexes every shard again
# What Pagefind writes for its own search interfaces, which the search page does not use.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
HINT = "install ssg's dependencies again (pip install pagefind[extended]), or set search = false in site.toml"
# Indexing runs as many Pagefind services at once as there are jobs, but no more than
# keep the build (this process and the services) within MEMORY_BUDGET, the 1 GiB that
# a 100,000-article archive builds in. A service takes about this much per article of
# its shard (148 MB at its peak for 390 articles of 5,000 characters, 307 MB for 780).
MEMORY_BUDGET = 2**30
SERVICE_MEMORY_PER_ARTICLE = 400 * 2**10


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"


@dataclass(frozen=True, slots=True)
class Shard:
    language: str
    articles: tuple[Article, ...]
    digest: str


@dataclass(frozen=True, slots=True)
class SearchPlan:
    on: bool                         # the site has search
    shards: dict[str, Shard]         # every shard the index has after this build
    make: tuple[str, ...]            # those to index now
    digests: dict[str, str]          # shard -> digest of what its files index, for the next build


@dataclass
class IndexFiles:
    """What the search stage hands the commit, as paths under site/."""
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def plan_index(config: SiteConfig, last: Mapping[str, str] | None, articles: Iterable[Article],
               cards: Mapping[str, str], bodies: Mapping[str, str], site_digest: str, reindex: bool) -> SearchPlan:
    """ARTICLES: every published article; CARDS and BODIES: their fingerprints; SITE_DIGEST:
    of the settings every page sees; LAST: the last build's shard digests. REINDEX false
    keeps the shards site/ has as they are (the preview server, which rebuilds on every save)."""
    if not config.search:
        return SearchPlan(False, {}, (), {})
    live = config.output_dir / BUNDLE
    frame = sha1(RECORDS, pagefind_version(), site_digest)
    shards, make, digests = {}, [], {}
    for name, members in sorted(assign_shards(articles, last or (), config.search_shard_size).items()):
        members.sort(key=lambda article: article.source)
        digest = sha1(frame, *(f"{a.source}:{cards[a.source]}:{bodies[a.source]}" for a in members))
        shards[name] = Shard(members[0].lang, tuple(members), digest)
        there = last is not None and name in last and (live / name / "pagefind-entry.json").is_file()
        if there and (last[name] == digest or not reindex):
            digests[name] = last[name]
        else:
            make.append(name)
            digests[name] = digest
    return SearchPlan(True, shards, tuple(make), digests)


def write_index(plan: SearchPlan, config: SiteConfig, dates: DateStyle, writer: Writer, progress: Progress,
                jobs: int, update: bool) -> IndexFiles:
    """Index the shards PLAN makes into WRITER, delete those the site no longer has, and
    write the list of shards. UPDATE: the writer holds only what changed, so files the
    live index holds already are not written again."""
    live = config.output_dir / BUNDLE
    files = IndexFiles()
    if update:
        # Whatever else the live index holds: shards the site no longer has, the files of
        # the single bundle that earlier versions wrote, all of it without search.
        for entry in _entries(live):
            if entry not in plan.shards and not (plan.on and entry == MANIFEST):
                files.deleted.extend(f"{BUNDLE}/{path}" for path in _files(live, entry))
    if not plan.on:
        return files
    work = work_folder(config.output_dir, "pagefind")
    shutil.rmtree(work, ignore_errors=True)
    progress("indexing", 0, len(plan.make))
    # One service per job at a time: this build's process makes the records, the
    # services index them, each on a core of its own.
    running = []
    with ThreadPoolExecutor(services_at_once(plan, jobs)) as pool:
        try:
            running = [pool.submit(_index_shard, plan.shards[name], config, dates, work / name) for name in plan.make]
            for done, (name, shard) in enumerate(zip(plan.make, running), start=1):
                shard.result()
                _place(work, name, live if update else None, writer, files)
                progress("indexing", done, len(plan.make))
        finally:
            for shard in running:
                shard.cancel()
            pool.shutdown(wait=True)
            shutil.rmtree(work, ignore_errors=True)
    listed = [{"path": f"{name}/", "language": shard.language, "pages": len(shard.articles)}
              for name, shard in plan.shards.items()]
    manifest = json.dumps({"shards": listed}, ensure_ascii=False, separators=(",", ":")) + "\n"
    if not (update and _holds(live / MANIFEST, manifest)):
        target = writer.place(f"{BUNDLE}/{MANIFEST}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(manifest, encoding="utf-8")
        files.written.append(f"{BUNDLE}/{MANIFEST}")
    return files


def services_at_once(plan: SearchPlan, jobs: int) -> int:
    """One per job, as long as they fit beside this process in MEMORY_BUDGET; at least one."""
    largest = max((len(plan.shards[name].articles) for name in plan.make), default=0)
    room = MEMORY_BUDGET - _resident_bytes()
    fit = room // max(1, largest * SERVICE_MEMORY_PER_ARTICLE)
    return max(1, min(jobs, len(plan.make), fit))


def _resident_bytes() -> int:
    """This process's resident memory now (Linux), or else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _index_shard(shard: Shard, config: SiteConfig, dates: DateStyle, output: Path) -> None:
    """One shard's bundle, written to OUTPUT by a service of its own (see service.py)."""
    try:
        with PagefindService() as service:
            [created] = service.ask([{"type": "NewIndex", "config": {"force_language": shard.language}}])
            index = created["index_id"]
            service.ask({"type": "AddRecord", "index_id": index, "sort": None,
                         **search_record(article, load_markdown(article, config), dates, config.tag_folds)}
                        for article in shard.articles)
            # The files come back in the answer and are written here: the service answers
            # WriteFiles before its writes are done, and a file it has not finished when it
            # exits is left empty (seen under load).
            [bundle] = service.ask([{"type": "GetFiles", "index_id": index}])
        for file in bundle["files"]:
            relative = Path(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise ServiceError(f"Pagefind named a file outside its bundle: {file['path']}")
            if relative.name in UNUSED:
                continue
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
    except (ServiceError, OSError, KeyError, ValueError) as error:
        raise BuildFailed([SiteError("site.toml", line_in_site_toml(config.root, "search"),
                                     f"the search index could not be built: {error}", HINT)]) from None


def _place(work: Path, shard: str, live: Path | None, writer: Writer, files: IndexFiles) -> None:
    """Move the files of SHARD's new bundle into WRITER, but those the live index (LIVE, for
    a writer that updates site/) holds byte for byte; delete the live bundle's others."""
    new = _files(work, shard)
    old = set(_files(live, shard)) if live is not None else set()
    for path in new:
        if path in old and filecmp.cmp(work / path, live / path, shallow=False):
            continue
        target = writer.place(f"{BUNDLE}/{path}")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / path, target)
        files.written.append(f"{BUNDLE}/{path}")
    files.deleted.extend(f"{BUNDLE}/{path}" for path in sorted(old.difference(new)))


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _entries(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _files(folder: Path, entry: str) -> list[str]:
    """Every file at or under FOLDER/ENTRY, as paths relative to FOLDER."""
    top = folder / entry
    if not top.is_dir():
        return [entry] if top.is_file() else []
    found = []
    for parent, _, names in os.walk(top):
        relative = os.path.relpath(parent, folder)
        found.extend(f"{relative}/{name}" for name in names)
    return sorted(found)
