"""Stage: read the sources. A source whose size and time are what the last build saw keeps
the last build's entry; the others are parsed again, in the executor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Article
from ..config import SiteConfig
from ..errors import SiteError
from ..execution.workers import Executor
from ..progress import Progress
from .changes import Inputs
from .state import BuildState, SourceEntry


@dataclass
class Sources:
    entries: dict[str, SourceEntry] = field(default_factory=dict)   # every source, by path
    parsed: list[str] = field(default_factory=list)                  # the sources read again
    articles: list[Article] = field(default_factory=list)
    errors: list[SiteError] = field(default_factory=list)

    def add(self, path: str, entry: SourceEntry) -> None:
        self.entries[path] = entry
        if isinstance(entry.result, Article):
            self.articles.append(entry.result)
        else:
            self.errors.extend(entry.result)


def read_sources(inputs: Inputs, last: BuildState | None, config: SiteConfig, executor: Executor,
                 progress: Progress) -> Sources:
    cached = last.sources if last is not None and last.reading == inputs.reading else {}
    sources = Sources(errors=list(inputs.problems))
    for path, size_and_time in inputs.stats.items():
        entry = cached.get(path)
        if entry is not None and (entry.size, entry.mtime_ns) == size_and_time:
            sources.add(path, entry)
        else:
            sources.parsed.append(path)
    done = [0]

    def advance(count: int) -> None:
        done[0] += count
        progress("reading", done[0], len(sources.parsed))

    for path, size, mtime_ns, result in executor.parse(sources.parsed, config, advance):
        content_hash = result.content_hash if isinstance(result, Article) else ""
        sources.add(path, SourceEntry(size, mtime_ns, content_hash, result))
    return sources
