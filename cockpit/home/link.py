"""One MQTT connection shared by the parts of the home: paho in its own thread, a queue to the main loop.

paho runs its network loop in a background thread (reconnecting with backoff). Its callbacks only
put items on a thread-safe queue; `drain()`, called from the main loop each tick, hands messages to
the handlers registered with `on()` and reports online/offline changes. Nothing else is shared
between the threads. Refusals by the broker (wrong password, a forbidden topic) become BridgeErrors
that name the broker and the topic, kept in `problems` and passed to the problem listeners.

Command topics are registered with `on(..., retained=False)`: a command is never taken from a
retained message (a stale UNLOCK left on the broker would open the door when the home starts
again), so a retained one is dropped, logged and cleared from the broker; the empty message that
clears it is ignored.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from cockpit import shutdown
from cockpit.core.errors import BridgeError, InvalidInput, brief
from cockpit.home.connection import BrokerSettings

logger = logging.getLogger(__name__)

MessageHandler = Callable[[str, bytes], None]
KEEPALIVE_S = 30
RECONNECT_MIN_S = 0.1
RECONNECT_MAX_S = 5.0


@dataclass(frozen=True, slots=True)
class _Item:
    kind: str  # "message", "online", "offline" or "problem"
    topic: str = ""
    payload: bytes = b""
    retained: bool = False  # delivered from the broker's retained store, not sent just now
    problem: BridgeError | None = None


class MqttLink:
    """A paho client with a last will, resubscription on reconnect and a main-loop message queue."""

    def __init__(self, settings: BrokerSettings, *, availability_topic: str, client_name: str = "cockpit",
                 reconnect_max_s: float = RECONNECT_MAX_S, fallbacks: Sequence[BrokerSettings] = ()) -> None:
        self.settings = settings
        # Brokers of one cluster: after a failed or lost connection paho tries the next one.
        self._servers = (settings, *fallbacks)
        self.availability_topic = availability_topic
        self.online = False
        self.problems: list[BridgeError] = []
        self._handlers: list[tuple[str, MessageHandler, bool, int]] = []  # filter, handler, retained?, qos
        self._online_listeners: list[Callable[[bool], None]] = []
        self._problem_listeners: list[Callable[[BridgeError], None]] = []
        self._inbox: queue.Queue[_Item] = queue.Queue()
        self._lock = threading.Lock()
        # mid -> topic of requests awaiting the broker's answer, and answers that beat their request.
        # The lock is never held while calling paho: paho calls our callbacks holding its own locks.
        self._pending_subscriptions: dict[int, str] = {}
        self._published: dict[int, str] = {}
        self._early_answers: dict[tuple[str, int], Any] = {}
        self._unreachable = False  # the last connection attempt failed: repeats are logged quietly
        self._last_sent: mqtt.MQTTMessageInfo | None = None
        self._started = False
        self._client = self._make_client(f"{client_name}-{uuid.uuid4().hex[:8]}", reconnect_max_s)

    # --- wiring (main thread, before or after start) ------------------------------------------
    def on(self, topic_filter: str, handler: MessageHandler, *, retained: bool = True, qos: int = 1) -> None:
        """Deliver messages matching `topic_filter` to `handler` on the main loop (subscribes if online).

        `retained=False` marks a command topic: retained and empty messages never reach `handler`.
        """
        self._handlers.append((topic_filter, handler, retained, qos))
        if self._client.is_connected():
            self._subscribe(topic_filter, qos)

    def on_online(self, listener: Callable[[bool], None]) -> None:
        """Call `listener(online)` on the main loop whenever the connection comes up or goes down."""
        self._online_listeners.append(listener)

    def on_problem(self, listener: Callable[[BridgeError], None]) -> None:
        """Call `listener(error)` on the main loop when the broker refuses something."""
        self._problem_listeners.append(listener)

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background; returns at once. paho retries with backoff until it succeeds."""
        if self._started:
            return
        self._started = True
        self._client.connect_async(self.settings.host, self.settings.port, KEEPALIVE_S)
        self._client.loop_start()

    def wait_online(self, timeout: float) -> None:
        """Block until connected, draining meanwhile; raises BridgeError with the broker's refusal."""
        deadline = time.monotonic() + timeout
        while not self.online:
            shutdown.check()  # Ctrl-C while waiting for the broker: stop now, between two drains
            if self.problems and self.problems[-1].args[0].startswith("broker refused the connection"):
                raise self.problems[-1]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                last = f": {self.problems[-1]}" if self.problems else ""
                raise BridgeError(f"no connection to MQTT broker {self.settings.url} "
                                  f"within {timeout:g} s{last}")
            self.drain(wait=min(remaining, 0.1))

    def stop(self) -> None:
        """Say "offline" (retained), disconnect and join the network thread; safe to call twice."""
        if not self._started:
            return
        self._started = False
        if self._client.is_connected():
            with contextlib.suppress(RuntimeError, ValueError):  # best effort: the will says it anyway
                self._send(self.availability_topic, "offline", 1, True).wait_for_publish(1.0)
        self._client.disconnect()
        self._client.loop_stop()
        self.online = False

    # --- publishing (any thread; paho is thread-safe here) -----------------------------------
    def publish(self, topic: str, payload: str | bytes, *, retain: bool = False, qos: int = 1) -> bool:
        """Send a message; False when offline (the caller decides whether to queue it)."""
        if not self._client.is_connected():
            return False
        return self._send(topic, payload, qos, retain).rc == mqtt.MQTT_ERR_SUCCESS

    def say_online(self) -> bool:
        """Publish "online" (retained) on the availability topic; False when offline."""
        return self.publish(self.availability_topic, "online", retain=True)

    def _send(self, topic: str, payload: str | bytes, qos: int, retain: bool) -> mqtt.MQTTMessageInfo:
        info = self._client.publish(topic, payload, qos=qos, retain=retain)
        if self.settings.mqtt_version == "5" and qos > 0:  # MQTT 5 acks name a refusal: keep the topic
            early = self._remember("publish", self._published, info.mid, topic)
            if early is not None and early.is_failure:
                self._refused_publish(topic, early)
        self._last_sent = info
        return info

    def _remember(self, kind: str, pending: dict[int, str], mid: int, topic: str) -> Any:
        """Note what `mid` was for; returns the broker's answer if it already came."""
        with self._lock:
            early = self._early_answers.pop((kind, mid), None)
            if early is None:
                pending[mid] = topic
            return early

    def _recall(self, kind: str, pending: dict[int, str], mid: int, answer: Any) -> str | None:
        """The topic `mid` was for, or None when the answer came first (then it is kept for it)."""
        with self._lock:
            topic = pending.pop(mid, None)
            if topic is None:
                self._early_answers[(kind, mid)] = answer
            return topic

    def flush(self, timeout: float) -> bool:
        """Wait until the broker acknowledged the last message sent; False on timeout or when offline."""
        info = self._last_sent
        if info is None:
            return True
        try:
            info.wait_for_publish(timeout)
        except (RuntimeError, ValueError):
            return False
        return info.is_published()

    # --- the main loop side ---------------------------------------------------------------------
    def drain(self, *, wait: float = 0.0, limit: int = 10_000) -> int:
        """Handle queued items on the calling (main) thread; `wait` blocks for the first one."""
        handled = 0
        block = wait > 0
        while handled < limit:
            try:
                item = self._inbox.get(block, wait) if block else self._inbox.get_nowait()
            except queue.Empty:
                break
            block = False
            handled += 1
            self._handle(item)
        return handled

    def _handle(self, item: _Item) -> None:
        if item.kind == "message":
            handlers = [(handler, retained) for topic_filter, handler, retained, _ in list(self._handlers)
                        if mqtt.topic_matches_sub(topic_filter, item.topic)]
            live = all(retained for _, retained in handlers) or self._live_command(item)
            for handler, retained in handlers:
                if not retained and not live:
                    continue
                try:
                    handler(item.topic, item.payload)
                except Exception:
                    logger.exception("handler for %s failed on payload %s", item.topic, brief(item.payload))
        elif item.kind in ("online", "offline"):
            online = item.kind == "online"
            if online == self.online:
                return
            self.online = online
            for listener in list(self._online_listeners):
                listener(online)
        elif item.problem is not None:
            self.problems.append(item.problem)
            del self.problems[:-20]
            for problem_listener in list(self._problem_listeners):
                problem_listener(item.problem)

    def _live_command(self, item: _Item) -> bool:
        """Whether a message on a command topic is a command: not empty (the clearing of a retained
        one, ours or anyone's), not retained (then it is cleared from the broker, once)."""
        if not item.payload:
            return False
        if item.retained:
            logger.warning("ignored a retained command on %s (commands are never taken from retained "
                           "messages) and cleared it: payload %s", item.topic, brief(item.payload))
            self.publish(item.topic, b"", retain=True)
            return False
        return True

    # --- paho's thread ------------------------------------------------------------------------
    def _make_client(self, client_id: str, reconnect_max_s: float) -> mqtt.Client:
        settings = self.settings
        protocol = mqtt.MQTTv5 if settings.mqtt_version == "5" else mqtt.MQTTv311
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=protocol)
        if settings.username:
            client.username_pw_set(settings.username, settings.password)
        if settings.tls:
            files = {"--ca-file": settings.ca_file, "--cert-file": settings.cert_file,
                     "--key-file": settings.key_file}
            try:
                client.tls_set(ca_certs=str(settings.ca_file) if settings.ca_file else None,
                               certfile=str(settings.cert_file) if settings.cert_file else None,
                               keyfile=str(settings.key_file) if settings.key_file else None)
            except (ssl.SSLError, OSError) as error:  # not PEM, wrong key, unreadable
                given = ", ".join(f"{option} {path}" for option, path in files.items() if path) or "none"
                raise InvalidInput(f"cannot use the TLS files ({given}): {error}") from None
        client.will_set(self.availability_topic, "offline", qos=1, retain=True)
        client.reconnect_delay_set(RECONNECT_MIN_S, reconnect_max_s)  # type: ignore[arg-type]  # floats work
        client.max_inflight_messages_set(1000)
        client.on_socket_open = _no_delay
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.on_subscribe = self._on_subscribe
        client.on_publish = self._on_publish
        return client

    def _problem(self, text: str, *, repeated: bool = False) -> None:
        """Report a problem; a repeat of the same failure (every reconnect attempt) is logged at debug."""
        logger.log(logging.DEBUG if repeated else logging.WARNING, "%s", text)
        self._inbox.put(_Item("problem", problem=BridgeError(text)))

    def _subscribe(self, topic_filter: str, qos: int) -> None:
        result, mid = self._client.subscribe(topic_filter, qos=qos)
        if result == mqtt.MQTT_ERR_SUCCESS and mid is not None:
            early = self._remember("subscribe", self._pending_subscriptions, mid, topic_filter)
            if early is not None:
                self._refused_subscription(topic_filter, early)

    def _on_connect(self, client: mqtt.Client, userdata: Any, flags: Any, reason_code: Any,
                    properties: Any) -> None:
        if reason_code.is_failure:
            user = f" for user {self.settings.username!r}" if self.settings.username else ""
            self._problem(f"broker refused the connection: {self.settings.url}{user}: {reason_code}")
            return
        for topic_filter, qos in dict.fromkeys((topic, qos) for topic, _, _, qos in list(self._handlers)):
            self._subscribe(topic_filter, qos)
        self._send(self.availability_topic, "online", 1, True)
        self._unreachable = False
        logger.info("connected to %s", self.settings.url)
        self._inbox.put(_Item("online"))

    def _on_connect_fail(self, client: mqtt.Client, userdata: Any) -> None:
        self._problem(f"cannot reach MQTT broker {self.settings.url} (connection or TLS handshake failed)",
                      repeated=self._unreachable)
        self._unreachable = True
        self._next_server()
        self._inbox.put(_Item("offline"))

    def _on_disconnect(self, client: mqtt.Client, userdata: Any, flags: Any, reason_code: Any,
                       properties: Any) -> None:
        logger.info("disconnected from %s: %s", self.settings.url, reason_code)
        self._next_server()
        self._inbox.put(_Item("offline"))

    def _next_server(self) -> None:
        """Point paho's next reconnect at the next broker of the list (if there are several)."""
        if len(self._servers) < 2:
            return
        following = self._servers[(self._servers.index(self.settings) + 1) % len(self._servers)]
        # paho's host/port setters refuse while its loop is reconnecting, which is exactly when this
        # runs (from its own callbacks); its reconnect() reads these two attributes.
        self._client._host, self._client._port = following.host, following.port
        self.settings = following

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        self._inbox.put(_Item("message", message.topic, bytes(message.payload), bool(message.retain)))

    def _on_subscribe(self, client: mqtt.Client, userdata: Any, mid: int, reason_codes: list[Any],
                      properties: Any) -> None:
        topic = self._recall("subscribe", self._pending_subscriptions, mid, reason_codes)
        if topic is not None:
            self._refused_subscription(topic, reason_codes)

    def _refused_subscription(self, topic: str, reason_codes: list[Any]) -> None:
        for code in reason_codes:
            if code.is_failure:
                self._problem(f"broker {self.settings.url} refused subscription to topic {topic!r}: {code}")

    def _on_publish(self, client: mqtt.Client, userdata: Any, mid: int, reason_code: Any,
                    properties: Any) -> None:
        if self.settings.mqtt_version != "5":  # only MQTT 5 brokers say so; 3.1.1 drops refusals silently
            return
        topic = self._recall("publish", self._published, mid, reason_code)
        if topic is not None and reason_code.is_failure:
            self._refused_publish(topic, reason_code)

    def _refused_publish(self, topic: str, reason_code: Any) -> None:
        self._problem(f"broker {self.settings.url} refused a publish to topic {topic!r}: {reason_code}")


def _no_delay(client: mqtt.Client, userdata: Any, sock: Any) -> None:
    """Send small packets at once: paho leaves Nagle on, which adds delayed-ACK waits of ~40 ms."""
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
