"""W3C VISS v2 over a websocket (subprotocol "VISSv2", port 8090), as the KUKSA databroker serves it.

Requests are JSON objects with an `action` and a `requestId`:
- `get` a signal's value, or every signal below a branch (`data` is then a list); with
  `"filter": {"type": "static-metadata"}` the VSS JSON of the tree below the path (`metadata`);
- `set` an actuator's target through the policy (`"value": "22.5"`);
- `subscribe` to a signal: the current value first, then every change, as `subscription` events;
- `unsubscribe` by `subscriptionId`.
Values travel as strings, timestamps as ISO 8601 UTC with a trailing Z. An error is
`{"number", "reason", "message"}` (404 invalid_path, 400 bad_request / invalid_value, 401 read_only /
token_missing / token_invalid / token_expired, 403 user_forbidden, 409 deferred / rejected by the
policy). With a token key each request carries its JWT in `authorization`; the gRPC scopes apply.

The server runs its own asyncio loop in a thread, like the embedded MQTT broker. It reads the hub's
mirror, subscribes feeds that wake its loop, and hands a set to the hub from a worker thread, so the
loop never waits for the main loop. Paths may use "/" as the delimiter; wildcards are not VISS.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import logging
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from cockpit.core.errors import InvalidInput, InvalidValue, VssApiError, brief
from cockpit.core.signals import DataType, Value
from cockpit.home import payloads
from cockpit.reading import ReadError, parse_json
from cockpit.vss.access import AuthError, Permissions
from cockpit.vss.calls import Api, Problem, Refusal
from cockpit.vss.export import vss_json
from cockpit.vss.hub import Feed, Field, HubFull, HubUnavailable
from cockpit.vss.server import read_pem
from cockpit.vss.tree import Leaf
from cockpit.vss.values import WrongType

logger = logging.getLogger(__name__)

SUBPROTOCOL: Final = "VISSv2"
MAX_MESSAGE: Final = 64 * 1024  # a VISS request is a few hundred bytes
START_TIMEOUT_S: Final = 10.0


def iso(seconds: float) -> str:
    """ISO 8601 UTC with a trailing Z, as VISS wants its timestamps."""
    moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def text(value: Value) -> str:
    """A value as VISS sends it: a string (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse(leaf: Leaf, raw: object) -> Value:
    """The value a VISS client sent for `leaf` (a string, or a JSON number or boolean); raises WrongType."""
    if isinstance(raw, (bool, int, float)):
        return raw
    if not isinstance(raw, str):
        raise WrongType(f"{leaf.path} is {leaf.datatype}; give the value as a string")
    kind = leaf.spec.datatype
    if kind is DataType.STRING:
        return raw
    if kind is DataType.BOOL:
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise WrongType(f"{leaf.path} is boolean; {raw[:40]!r} is neither true nor false")
    try:  # the shared parser of numbers in text: plain decimals ("21.5"), never nan, inf or "1_0"
        number = payloads.number(raw.encode())
    except InvalidValue as error:
        raise WrongType(f"{leaf.path} is {leaf.datatype}; {brief(raw, 40)}: {error}") from None
    return int(number) if kind is DataType.INT and number.is_integer() else number


class RequestError(Exception):
    """A request VISS answers with an error object."""

    def __init__(self, number: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.number, self.reason, self.message = number, reason, message

    @classmethod
    def of(cls, error: Exception) -> RequestError:
        if isinstance(error, RequestError):
            return error
        if isinstance(error, Problem):
            return cls(*error.refusal.viss, error.message)
        if isinstance(error, AuthError):
            return cls(401, error.reason, str(error))
        if isinstance(error, HubFull):
            return cls(429, "too_many_requests", str(error))
        return cls(*Refusal.UNAVAILABLE.viss, str(error))

    def as_dict(self) -> dict[str, object]:
        return {"number": self.number, "reason": self.reason, "message": self.message}


@dataclass(slots=True)
class _Subscription:
    leaf: Leaf
    feed: Feed
    permissions: Permissions
    task: asyncio.Task[None] | None = None


class VissServer:
    """VISS v2 for one `Api` on its own event loop thread; use start() and stop()."""

    def __init__(self, api: Api, host: str, port: int, tls: ssl.SSLContext | None = None) -> None:
        self.api, self.host, self.port, self.tls = api, host, port, tls
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        self._setters = ThreadPoolExecutor(max_workers=4, thread_name_prefix="viss-set")

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def start(self) -> None:
        """Listen; raises VssApiError when the address cannot be bound."""
        self._thread = threading.Thread(target=self._run, name="viss-server", daemon=True)
        self._thread.start()
        if not self._started.wait(START_TIMEOUT_S) or self._error is not None:
            self.stop()
            raise VssApiError(f"cannot listen on {self.address} for VISS (in use, or not an address of "
                              f"this machine?): {self._error}")
        logger.info("VISS v2 listening on %s", self.address)

    def stop(self) -> None:
        """Close every connection, stop the loop, join its thread and the setters; safe to call twice."""
        if self._loop is not None and self._stopping is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._setters.shutdown(wait=True)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:  # reported to start()
            self._error = error
        finally:
            self._started.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self) -> None:
        self._stopping = asyncio.Event()
        async with serve(self._connection, self.host, self.port, ssl=self.tls, select_subprotocol=_choose,
                         max_size=MAX_MESSAGE, logger=_Quiet(logger.getChild("websockets"))) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._started.set()
            await self._stopping.wait()

    # --- one connection ---------------------------------------------------------------------------
    async def _connection(self, websocket: ServerConnection) -> None:
        subscriptions: dict[str, _Subscription] = {}
        try:
            async for message in websocket:
                reply = await self._answer(message, subscriptions, websocket)
                if reply is not None:
                    await websocket.send(json.dumps(reply))
        except ConnectionClosed:
            pass
        finally:
            for subscription in subscriptions.values():
                self._end(subscription)

    async def _answer(self, message: str | bytes, subscriptions: dict[str, _Subscription],
                      websocket: ServerConnection) -> dict[str, object]:
        try:
            request: Any = parse_json(message)
        except ReadError as error:  # not JSON, not UTF-8, too deep, NaN or an overlong number
            request = None
            problem: str | None = f"the request is not JSON: {error}"
        else:
            problem = None if isinstance(request, dict) else "a request is a JSON object"
        try:
            if problem is not None:
                raise RequestError(400, "bad_request", problem)
            action = request.get("action")
            if action == "get":
                reply = self._get(request)
            elif action == "set":
                reply = await self._set(request)
            elif action == "subscribe":
                reply = self._subscribe(request, subscriptions, websocket)
            elif action == "unsubscribe":
                reply = self._unsubscribe(request, subscriptions)
            else:
                raise RequestError(400, "bad_request", f"unknown action {str(action)[:40]!r}; "
                                                       f"VISS knows get, set, subscribe, unsubscribe")
        except (RequestError, Problem, AuthError, HubUnavailable) as error:
            reply = {"error": RequestError.of(error).as_dict()}
            for key in ("action", "requestId", "subscriptionId"):
                if isinstance(request, dict) and key in request:
                    reply[key] = request[key]
        reply.setdefault("ts", iso(time.time()))
        return reply

    def _permissions(self, request: dict[str, Any]) -> Permissions:
        """The request's permissions; VISS carries the JWT itself (or `Bearer JWT`) in `authorization`."""
        token = request.get("authorization")
        if not isinstance(token, str):
            return self.api.access.permissions([])
        bearer = token if token.lower().startswith("bearer ") else f"Bearer {token}"
        return self.api.access.permissions([("authorization", bearer)])

    def _path(self, request: dict[str, Any], *, root: bool = False) -> str:
        """The request's path with "." delimiters; "" (the whole tree) only where `root` allows it."""
        path = request.get("path")
        if not isinstance(path, str) or not (path or root):
            raise RequestError(400, "bad_request", "the request needs a path")
        if "*" in path:
            raise RequestError(400, "bad_request", "a VISS path has no wildcards; name a signal or a branch")
        return path.replace("/", ".")

    def _get(self, request: dict[str, Any]) -> dict[str, object]:
        permissions, path = self._permissions(request), self._path(request, root=True)
        signal = self.api.tree.leaf(path)
        if signal is not None:
            leaves = [signal]
        elif path in self.api.tree.branches or not path:
            leaves = list(self.api.tree.matching(path))
        else:
            leaves = [self.api.leaf(path)]  # raises: not found, or not a path
        for leaf in leaves:
            self.api.readable(leaf, permissions)
        wanted = request.get("filter")
        reply: dict[str, object] = {"action": "get", "requestId": request.get("requestId")}
        if isinstance(wanted, dict) and wanted.get("type") == "static-metadata":
            reply["metadata"] = vss_json(leaves=leaves)
        elif wanted is None:
            data = [self._data(leaf) for leaf in leaves]
            reply["data"] = data[0] if signal is not None else data
        else:
            raise RequestError(400, "bad_request", "only the static-metadata filter is served")
        return reply

    def _data(self, leaf: Leaf) -> dict[str, object]:
        sample = self.api.hub.value(leaf.path)
        return {"path": leaf.path, "dp": {"value": text(sample.value), "ts": iso(sample.timestamp)}}

    async def _set(self, request: dict[str, Any]) -> dict[str, object]:
        permissions, path = self._permissions(request), self._path(request)
        if "value" not in request:
            raise RequestError(400, "bad_request", "a set needs a value")
        command = self.api.command(permissions, path, request["value"], parse)
        loop = asyncio.get_running_loop()
        problems = await loop.run_in_executor(self._setters, self.api.actuate, [command])
        if problems:
            raise problems[0]
        return {"action": "set", "requestId": request.get("requestId")}

    def _subscribe(self, request: dict[str, Any], subscriptions: dict[str, _Subscription],
                   websocket: ServerConnection) -> dict[str, object]:
        permissions, path = self._permissions(request), self._path(request)
        leaf = self.api.readable(self.api.leaf(path), permissions)
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        feed = self.api.hub.subscribe([leaf.path], [Field.VALUE], wake=_nudge(loop, ready))
        identifier = str(uuid.uuid4())
        subscription = subscriptions[identifier] = _Subscription(leaf, feed, permissions)
        subscription.task = loop.create_task(self._notify(identifier, subscription, ready, websocket))
        return {"action": "subscribe", "requestId": request.get("requestId"), "subscriptionId": identifier}

    async def _notify(self, identifier: str, subscription: _Subscription, ready: asyncio.Event,
                      websocket: ServerConnection) -> None:
        await asyncio.sleep(0)  # the subscribe reply goes out first
        while True:
            await ready.wait()
            ready.clear()
            updates = subscription.feed.take(0.0)
            if updates is None:
                return
            event: dict[str, object] = {"action": "subscription", "subscriptionId": identifier}
            try:
                subscription.permissions.check_current()
            except AuthError as error:
                event["error"] = RequestError.of(error).as_dict()
                self._end(subscription)
            else:
                if not updates:
                    continue
                sample = updates[-1].sample
                event["data"] = {"path": subscription.leaf.path,
                                 "dp": {"value": text(sample.value), "ts": iso(sample.timestamp)}}
            event["ts"] = iso(time.time())
            try:
                await websocket.send(json.dumps(event))
            except ConnectionClosed:
                return
            if "error" in event:
                return

    def _unsubscribe(self, request: dict[str, Any],
                     subscriptions: dict[str, _Subscription]) -> dict[str, object]:
        identifier = request.get("subscriptionId")
        subscription = subscriptions.pop(identifier, None) if isinstance(identifier, str) else None
        if subscription is None:
            raise RequestError(404, "invalid_subscription_id", "The specified subscription was not found.")
        self._end(subscription)
        return {"action": "unsubscribe", "requestId": request.get("requestId"), "subscriptionId": identifier}

    def _end(self, subscription: _Subscription) -> None:
        self.api.hub.unsubscribe(subscription.feed)
        if subscription.task is not None and subscription.task is not asyncio.current_task():
            subscription.task.cancel()


def _choose(connection: ServerConnection, offered: Sequence[Subprotocol]) -> Subprotocol | None:
    """VISSv2 when the client offers it; a client that offers none is served all the same."""
    return Subprotocol(SUBPROTOCOL) if SUBPROTOCOL in offered else None


class _Quiet(logging.LoggerAdapter):  # type: ignore[type-arg]
    """websockets logs a failed handshake (a port scan, a plain HTTP request) as an error with a
    traceback; here it is one INFO line, with the traceback only when debugging."""

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if level >= logging.ERROR:
            level = logging.INFO
            if not self.logger.isEnabledFor(logging.DEBUG):
                kwargs["exc_info"] = None
        super().log(level, msg, *args, **kwargs)


def _nudge(loop: asyncio.AbstractEventLoop, ready: asyncio.Event) -> Callable[[], None]:
    """A feed's wake-up for `loop`, callable from the main loop's thread."""
    def wake() -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting any more
            loop.call_soon_threadsafe(ready.set)
    return wake


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server TLS context from PEM files; raises InvalidInput."""
    read_pem(cert, "the TLS certificate")  # refuses a FIFO or a device before OpenSSL opens it
    read_pem(key, "the TLS private key")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as error:
        raise InvalidInput(f"cannot use the TLS certificate {cert} and key {key} for VISS: {error}") from None
    return context
