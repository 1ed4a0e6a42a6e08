"""Ctrl-C and SIGTERM: stop at a safe point, clean up, and exit with 128 + the signal's number.

Python turns SIGINT into a KeyboardInterrupt raised wherever the main thread is - inside
`queue.get()` with the queue's lock held, inside pygame, halfway through a cleanup. That is how
`cockpit run --broker` could deadlock on Ctrl-C: paho's thread waited forever for the queue lock
the interrupted main loop never released, while the main thread waited for paho in `loop_stop()`.
And SIGTERM, by default, ends the process without any cleanup at all (temporary folders stay).

So `installed()` (around every CLI command) handles both signals the same way: the handler
records the signal and raises `Interrupted` - unless the main thread is inside `deferred()`, the
region a long-running command (the dashboard loop, a scenario run, `home serve`, `say`) runs in.
There the handler only records; the loop asks `requested()` at a safe point (between frames,
between ticks, in a wait) and stops, its `finally` blocks clean up, and the CLI exits 130 for
SIGINT or 143 for SIGTERM - during start-up and in the loop alike. A second signal while the
first is still pending raises at once, so a stuck cleanup can still be interrupted. Nor does the
first raise inside the import machinery: there it would land in one of importlib's weak-reference
callbacks, where Python only prints it ("Exception ignored in ...", a traceback) and goes on; the
command stops at its loop's first safe point instead, or ends with 130 or 143.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_IMPORT_MACHINERY = "<frozen importlib."


class Interrupted(KeyboardInterrupt):
    """The process was asked to stop by `signum` (SIGINT or SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _State:
    received: int | None = None  # the first signal asked to stop
    deferring = 0  # depth of deferred() regions


_state = _State()


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """Handle SIGINT and SIGTERM as described above while the block runs (the CLI runs a whole
    command in it); the previous handlers come back afterwards. Only the main thread can do this."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")  # SDL would take SIGTERM, and reset it at quit
    previous = {signum: signal.signal(signum, _handle) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _state.received = None


def _handle(signum: int, frame: FrameType | None) -> None:
    first = _state.received is None
    if first:
        _state.received = signum
    if first and (_state.deferring or _importing(frame)):
        return  # the loop stops at its next safe point
    raise Interrupted(signum)


def _importing(frame: FrameType | None) -> bool:
    return frame is not None and frame.f_code.co_filename.startswith(_IMPORT_MACHINERY)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A region (a loop and its cleanup) that a signal does not interrupt: it sets `requested()`."""
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1


def requested() -> bool:
    """Whether a signal asked the process to stop."""
    return _state.received is not None


def check() -> None:
    """Raise Interrupted at a safe point if a signal asked to stop (for code that unwinds by raising)."""
    if _state.received is not None:
        raise Interrupted(_state.received)


def exit_status() -> int | None:
    """128 + the signal that asked to stop (130 for Ctrl-C, 143 for SIGTERM), None if none did."""
    return None if _state.received is None else 128 + _state.received


