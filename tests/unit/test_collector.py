import gc

from ssg.execution.collector import collector_paused


def test_what_a_pause_made_goes_to_the_oldest_generation_without_a_walk():
    """Left in the youngest generation, the records a pause made would all be walked by
    the first collection after it, and again by the next of the middle generation."""
    with collector_paused():
        records = [[number] for number in range(1000)]
        assert not gc.isenabled()
    assert gc.isenabled()
    oldest = {id(thing) for thing in gc.get_objects(generation=2)}
    assert all(id(record) in oldest for record in records)
    assert gc.get_freeze_count() == 0


def test_a_pause_leaves_frozen_what_was_frozen_before_it():
    """Unfreezing is all or nothing: a pause inside a frozen stretch (the render workers'
    pools) must not thaw it."""
    kept = [[1], [2]]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with collector_paused():
            made = [[number] for number in range(100)]
        assert gc.get_freeze_count() >= before + len(made)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert kept
