"""cockpit.shutdown in one process: inside a loop's region a signal only asks to stop; outside it
raises; a second signal always raises; the previous handlers come back."""

from __future__ import annotations

import os
import queue
import signal
import threading
import time

import pytest

from cockpit import shutdown


def _signal_self(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.05)  # Python runs the handler at the next bytecode of the main thread


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_inside_a_region_a_signal_only_asks_to_stop(signum: int):
    before = signal.getsignal(signum)
    with shutdown.installed():
        with shutdown.deferred():
            _signal_self(signum)
            assert shutdown.requested() and shutdown.exit_status() == 128 + signum
            with pytest.raises(shutdown.Interrupted):
                shutdown.check()
        assert shutdown.requested()
    assert not shutdown.requested() and signal.getsignal(signum) is before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_outside_a_region_a_signal_raises_where_the_program_is(signum: int):
    with shutdown.installed(), pytest.raises(shutdown.Interrupted) as raised:
        _signal_self(signum)
    assert raised.value.signum == signum and isinstance(raised.value, KeyboardInterrupt)


def test_inside_the_import_machinery_a_signal_only_asks_to_stop():
    """Raised there, it would be printed as "Exception ignored" (a traceback) and lost."""
    code = compile("os.kill(os.getpid(), signum)\ntime.sleep(0.05)", "<frozen importlib._bootstrap>", "exec")
    with shutdown.installed():
        try:
            exec(code, {"os": os, "time": time, "signum": signal.SIGINT})
        except shutdown.Interrupted:
            pytest.fail("the signal raised inside the import machinery")
        assert shutdown.requested() and shutdown.exit_status() == 130
        with pytest.raises(shutdown.Interrupted):
            _signal_self(signal.SIGINT)


def test_a_second_signal_raises_even_inside_a_region():
    with shutdown.installed(), shutdown.deferred():
        _signal_self(signal.SIGINT)
        with pytest.raises(shutdown.Interrupted):
            _signal_self(signal.SIGINT)


def test_a_flood_of_signals_never_interrupts_a_queue_shared_with_another_thread():
    """The `cockpit run --broker` deadlock: the main thread draining a queue another thread fills.
    Inside the region no signal can stop the main thread halfway through `get()`."""
    inbox: queue.Queue[int] = queue.Queue()
    done = threading.Event()

    def producer() -> None:
        for number in range(200_000):
            inbox.put(number)
        done.set()

    thread = threading.Thread(target=producer, name="producer")
    received = 0
    with shutdown.installed(), shutdown.deferred():
        thread.start()
        while not (done.is_set() and inbox.empty()):
            try:
                inbox.get(timeout=0.01)
                received += 1
            except queue.Empty:
                continue
            if received % 5_000 == 0 and not shutdown.requested():
                os.kill(os.getpid(), signal.SIGINT)  # only the first asks; the loop keeps draining
        thread.join(10)
    assert received == 200_000 and not thread.is_alive()
