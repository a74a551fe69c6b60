"""What a build is asked for, and the moment it builds at."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

NEWS_WINDOW = dt.timedelta(days=2)  # Google News takes articles of the last two days


@dataclass(frozen=True, slots=True)
class BuildOptions:
    drafts: bool = False             # publish drafts
    future: bool = False             # publish articles dated after NOW
    now: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    jobs: int = 1                    # processes that parse and render
    use_cache: bool = True           # reuse the last build's work (.ssg-cache/)
    reindex: bool = True             # False keeps a search index whose pages changed (the preview server)
    strict: bool = False             # every warning is an error (--strict)


def default_jobs() -> int:
    """One process per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)
