"""The embedded MQTT broker: amqtt on 127.0.0.1 at a free port, in a background thread.

amqtt is asyncio-based; it gets its own event loop in its own thread so the pygame (or headless)
loop never blocks on it. Minimal configuration: MQTT 3.1.1 over TCP only, anonymous access, no
packet logging, no $SYS topics, no websockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from typing import Any

from cockpit.core.errors import BridgeError

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 5.0
QUIET_LOGGERS = ("amqtt", "transitions")


def broker_config(host: str, port: int) -> dict[str, Any]:
    """amqtt's configuration: one TCP listener, anonymous clients, no logging or $SYS plugins."""
    return {
        "listeners": {"default": {"type": "tcp", "bind": f"{host}:{port}"}},
        "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
    }


class EmbeddedBroker:
    """An amqtt broker in a background thread; `start()` returns once it listens.

    Use as a context manager or call `stop()`; both are idempotent. `port` is the port it bound
    (0 asks the OS for a free one), `start_seconds` how long start-up took (wall clock).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.start_seconds = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"mqtt://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> EmbeddedBroker:
        """Start listening; raises BridgeError if the broker cannot start within a few seconds."""
        if self.running:
            return self
        began = time.perf_counter()
        self._ready.clear()
        self._error = None
        self._thread = threading.Thread(target=self._run, name="mqtt-broker", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_S):
            self.stop()
            raise BridgeError(f"embedded MQTT broker did not start within {START_TIMEOUT_S:g} s")
        if self._error is not None:
            error = self._error
            self._thread.join(START_TIMEOUT_S)
            self._thread = None
            raise BridgeError(f"embedded MQTT broker on {self.host}:{self.port} failed to start: {error}")
        self.start_seconds = time.perf_counter() - began
        logger.info("embedded broker on %s started in %.1f ms", self.url, self.start_seconds * 1000)
        return self

    def stop(self) -> None:
        """Shut the broker down and join its thread; safe to call more than once."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop already finished on its own
                loop.call_soon_threadsafe(stop.set)
        thread.join(START_TIMEOUT_S)
        if thread.is_alive():
            logger.warning("embedded broker thread did not stop within %g s", START_TIMEOUT_S)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:  # reported to start() through _error
            self._error = error
        finally:
            self._ready.set()
            _cancel_leftover_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self) -> None:
        from amqtt.broker import Broker

        for name in QUIET_LOGGERS:  # amqtt logs every session transition at INFO and stray PUBACKs
            logging.getLogger(name).setLevel(logging.ERROR)
        self._stop = asyncio.Event()
        broker = Broker(broker_config(self.host, self.port))
        await broker.start()
        if self.port == 0:
            server = broker._servers["default"].instance  # amqtt exposes no public accessor
            self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await broker.shutdown()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _cancel_leftover_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """amqtt's shutdown leaves per-client tasks behind when a client was still connecting: end them."""
    leftover = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in leftover:
        task.cancel()
    if leftover:
        loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
