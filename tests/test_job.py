"""The job verbs' signal handling: a signal is noted and acted on at the next safe point, never mid-call."""

from __future__ import annotations

import os
import signal

import pytest

from kg.run.job import Stopped, check_stop, stop_on_signals


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_job_at_the_next_safe_point_not_where_it_lands(signum: int) -> None:
    with stop_on_signals():
        os.kill(os.getpid(), signum)  # delivered here, between two bytecodes of this test
        reached = True  # nothing raised where the signal landed: a pool half-way through apply_async stays whole
        with pytest.raises(Stopped) as stopped:
            check_stop()
    assert reached and stopped.value.signum == signum
    assert isinstance(stopped.value, KeyboardInterrupt)  # the verbs unwind it as they unwind Ctrl-C


def test_the_same_signal_twice_stops_at_once() -> None:
    with stop_on_signals(), pytest.raises(Stopped):
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # the user insists
        for _ in range(1000):  # the second one raises here, before any safe point
            pass


def test_handlers_are_restored_and_nothing_is_pending_after_the_job() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with stop_on_signals():
        os.kill(os.getpid(), signal.SIGTERM)
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    check_stop()  # the noted signal died with the job
