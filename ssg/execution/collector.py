"""Every use of Python's cyclic garbage collector in ssg: paused while a build makes many
lasting objects, those objects kept out of its sight while pages render (in the build
and in its forked workers), and no last collection as the process exits."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector runs each time enough new objects have been made, and every so often
    walks all the objects the process holds. Reading the sources, making the model and
    loading the cache make hundreds of thousands of records that live on and hold no
    reference cycles, so it would walk an ever larger heap for nothing: a large share of
    the read and the model of a large archive (benchmarks/RESULTS.md, session 5). It
    runs again when resumed.

    What the pause made is then moved to the oldest generation unwalked. Left in the
    youngest, it would all be walked by the first collection after the pause, and again
    by the next of the middle generation (benchmarks/RESULTS.md, session 7)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        promote_to_oldest()
        if enabled:
            gc.enable()


def promote_to_oldest() -> None:
    """Every tracked object to the oldest generation, without walking any: frozen, and
    thawed there at once."""
    with frozen():
        pass


@contextmanager
def frozen() -> Iterator[None]:
    """Every tracked object out of the collector's sight while the block runs, then in the
    oldest generation. Unfreezing is all or nothing: what a caller froze stays frozen, for
    that caller to thaw."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def no_collection_at_exit() -> None:
    """As it exits, Python collects once more, walking every object a build left, only
    for the process to free them all anyway."""
    gc.freeze()


def resume_in_worker() -> None:
    """A worker forked while the parent's collector is paused collects its own garbage."""
    gc.enable()
