"""Command topics over real brokers: only exact, live commands act.

Generated payloads that are not commands (Unicode look-alikes of the words, numbers that are not
numbers, JSON bombs, garbage) leave every device and the car exactly as they were; a retained
command left on the broker is ignored and cleared when the home starts, again after a restart;
the cockpit's own commands are never retained. Payload rules: cockpit/home/payloads.py.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from typing import Any

import pytest
from hypothesis import strategies as st

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import HomeCommand
from cockpit.core.errors import InvalidValue
from cockpit.home import payloads
from cockpit.home.connection import BrokerSettings
from cockpit.home.home_config import HomeConfig
from cockpit.home.service import HomeService
from tests.fuzzing import BUDGETS, run
from tests.home.conftest import RawClient, pump, wait_for

ASCII_SPACE = b" \t\n\r\x0b\x0c"
WORDS = {"LOCK": 1, "UNLOCK": 2, "DISARM": 3, "ARM_AWAY": 4, "HEAT_COOL": 5}
LOOKALIKES = {"I": ["ı", "İ", "Ｉ", "Ι"], "A": ["А", "Ａ", "ª"], "O": ["О", "０", "Ｏ"], "K": ["K", "Κ"],
              "S": ["ſ", "Ѕ"], "C": ["С", "ⅽ"], "L": ["Ⅼ", "ł"], "M": ["Ｍ"], "_": ["＿", "‗"]}


def _lookalike(word: str) -> st.SearchStrategy[str]:
    """The word with one or more letters swapped for Unicode characters that look or fold alike."""
    spots = [index for index, letter in enumerate(word) if letter in LOOKALIKES]
    return st.lists(st.sampled_from(spots), min_size=1, unique=True).flatmap(
        lambda chosen: st.tuples(*[st.sampled_from(LOOKALIKES[word[i]]) for i in chosen]).map(
            lambda letters: "".join(dict(zip(chosen, letters, strict=True)).get(i, c)
                                    for i, c in enumerate(word))))


def _word_oracle(payload: bytes) -> int | None:
    """What an exact, ASCII-only reader must make of the payload (written apart from the parser)."""
    if not payload.isascii():
        return None
    return WORDS.get(payload.strip(ASCII_SPACE).upper().decode())


WORD_PAYLOADS = (st.sampled_from(sorted(WORDS)).flatmap(_lookalike).map(str.encode)
                 | st.sampled_from(sorted(WORDS)).map(lambda w: f" {w.lower()}\t".encode())
                 | st.sampled_from(sorted(WORDS)).map(lambda w: (w + "\x00").encode())
                 | st.binary(max_size=12) | st.text(max_size=12).map(str.encode))


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_word_is_taken_only_as_exact_ascii(budget: int):
    def check(payload: bytes) -> None:
        try:
            got: int | None = payloads.choice(payload, WORDS)
        except InvalidValue:
            got = None
        assert got == _word_oracle(payload), payload

    run(budget, WORD_PAYLOADS, check)


def test_the_dotless_i_never_disarms():
    for payload in ("dısarm", "DİSARM", "ＤＩＳＡＲＭ", "disarm\u200b", "DISARM\u00a0"):
        with pytest.raises(InvalidValue):
            payloads.choice(payload.encode(), WORDS)
    assert payloads.choice(b" disarm\n", WORDS) == 3  # the documented ASCII normalisation


NUMBER = re.compile(rb"-?[0-9]+(\.[0-9]+)?")
NUMBER_PAYLOADS = (st.sampled_from([b"nan", b"NaN", b"inf", b"-inf", b"Infinity", b"1e308", b"1e-5",
                                    b"21.5.5", b"1_0", b"0x10", "٢١".encode(), "２１".encode(), b"+21", b".5",
                                    b"21.", b"9" * 400, b"21 kelvin", b"21,5"])
                   | st.from_regex(rb"\A-?[0-9]{1,4}(\.[0-9]{1,3})?\Z") | st.binary(max_size=10))


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_number_is_a_plain_finite_decimal_in_range(budget: int):
    def check(payload: bytes) -> None:
        stripped = payload.strip(ASCII_SPACE)
        expected = float(stripped) if payload.isascii() and NUMBER.fullmatch(stripped) else None
        if expected is not None and not 7.0 <= expected <= 30.0:
            expected = None
        try:
            got: float | None = payloads.number(payload, 7.0, 30.0)
        except InvalidValue:
            got = None
        assert got == expected, payload

    run(budget, NUMBER_PAYLOADS, check)


# --- over a real broker: the whole home's state compared afterwards --------------------------
def _deep(depth: int) -> bytes:
    return b'{"state": "ON", "color": ' + b"[" * depth + b"]" * depth + b"}"


NOT_LIGHT_COMMANDS = st.sampled_from([
    _deep(40), _deep(5000), b'{"state": "ON", "brightness": NaN}', b'{"state": "ON", "brightness": 1e400}',
    b'{"state": "ON", "brightness": Infinity}', b'{"state": "ON", "brightness": "255"}',
    b'{"state": "ON", "brightness": 300}', b'{"state": "ON", "color": {"r": NaN, "g": 0, "b": 0}}',
    b'{"state": "ON", "color": [255, 0, 0]}', b'{"state": "on"}', '{"state": "ΟΝ"}'.encode(), b"[]", b"null",
    b'{"state": "ON", "brightness": 12, "color": {"r": "1", "g": 2, "b": 3}}',
    b'{"state": "ON"' + b" " * 5000 + b"}"]) | st.binary(max_size=30)


def _snapshot(service: HomeService) -> dict[str, Any]:
    assert service.node is not None
    devices = {device_id: device.state() for device_id, device in service.node.devices.items()}
    car = {path: service.cockpit.target(path) for path in (sig.DOOR_LOCKED, sig.PRECONDITIONING,
                                                           sig.DRIVER_TEMP)}
    return {"devices": devices, "car": car}


class Synced:
    """Waits until the cockpit's link has handled everything published before a marker."""

    def __init__(self, service: HomeService, raw: RawClient) -> None:
        self.service, self.raw = service, raw
        self.topic = f"{service.home.base}/test/sync"
        self.seen = 0
        self.tokens = itertools.count(1)
        service.link.on(self.topic, self._on_sync)

    def _on_sync(self, topic: str, payload: bytes) -> None:
        self.seen = int(payload)

    def __call__(self) -> None:
        """Publish a marker (again every half second: the first may beat our subscription) and wait."""
        token = next(self.tokens)
        for _ in range(30):
            self.raw.publish(self.topic, str(token))
            try:
                wait_for(lambda: self.seen >= token, pump(self.service, 0.0), timeout=0.5)
                return
            except AssertionError:
                continue
        raise AssertionError("the cockpit never saw the sync marker")


def _not_a_command(topic_kind: str, payload: bytes) -> bool:
    """Whether the payload must do nothing on that kind of topic (the generators may hit a real one)."""
    if topic_kind == "word":
        return _word_oracle(payload) is None and payload.strip(ASCII_SPACE).upper() not in (
            b"ON", b"OFF", b"OPEN", b"CLOSE", b"STOP", b"ARM_HOME", b"HEAT", b"COOL", b"AUTO")
    if topic_kind == "number":
        stripped = payload.strip(ASCII_SPACE)
        return not (payload.isascii() and NUMBER.fullmatch(stripped))
    return not payload.startswith(b"{") or b'"state": "OFF"' not in payload


@pytest.mark.parametrize("budget", BUDGETS)
def test_fuzzed_payloads_on_every_command_topic_change_nothing(service: HomeService, raw: RawClient,
                                                               caplog: pytest.LogCaptureFixture, budget: int):
    caplog.set_level(logging.WARNING)
    base = service.home.base
    topics = {"word": [f"{base}/front_door/set", f"{base}/alarm_panel/set", f"{base}/garage_door/set",
                       f"{base}/wallbox/set", f"{base}/thermostat/mode/set", f"{base}/car/lock/set",
                       f"{base}/car/climate/mode/set"],
              "number": [f"{base}/thermostat/temperature/set", f"{base}/car/climate/temperature/set"],
              "light": [f"{base}/light_hallway/set"]}
    sync = Synced(service, raw)
    sync()
    before = _snapshot(service)
    strategies = {"word": WORD_PAYLOADS, "number": NUMBER_PAYLOADS, "light": NOT_LIGHT_COMMANDS}
    examples = st.sampled_from(sorted(topics)).flatmap(
        lambda kind: st.tuples(st.just(kind), st.sampled_from(topics[kind]), strategies[kind]))

    def check(example: tuple[str, str, bytes]) -> None:
        kind, topic, payload = example
        if not payload or not _not_a_command(kind, payload):
            return
        raw.publish(topic, payload)
        sync()
        assert _snapshot(service) == before, f"{payload!r} on {topic} changed the state"

    run(budget, examples, check)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], "a traceback"
    assert all(len(r.getMessage()) < 600 for r in caplog.records), "a log line echoed a whole payload"
    raw.publish(f"{base}/front_door/set", "UNLOCK")  # and a real command still works
    sync()
    assert service.node is not None and service.node.devices["front_door"].state()["state"] == "UNLOCKING"


# --- retained commands --------------------------------------------------------------------------
STALE = {"front_door/set": b"UNLOCK", "garage_door/set": b"OPEN", "alarm_panel/set": b"ARM_AWAY",
         "light_kitchen/set": b'{"state": "ON"}', "thermostat/temperature/set": b"29",
         "car/lock/set": b"UNLOCK", "car/climate/mode/set": b"HEAT_COOL"}


def _start(broker_port: int, home: HomeConfig) -> HomeService:
    cockpit = Cockpit()
    cockpit.update(sig.DOOR_LOCKED, True)
    service = HomeService(cockpit, home, BrokerSettings(port=broker_port))
    service.start()
    wait_for(lambda: service.bridge.online, lambda: cockpit.tick(0.01), what="the home online")
    return service


def test_stale_retained_commands_are_ignored_and_cleared_across_restarts(
        broker_port: int, raw: RawClient, home: HomeConfig, caplog: pytest.LogCaptureFixture):
    base = home.base
    for suffix, payload in STALE.items():
        raw.publish(f"{base}/{suffix}", payload, retain=True)  # left on the broker by someone, long ago

    for start in range(2):  # the home starts, stops, starts again
        service = _start(broker_port, home)
        try:
            sync = Synced(service, raw)
            sync()
            service.cockpit.tick(2.0)  # a bolt or a motor would have moved by now
            snapshot = _snapshot(service)
            assert snapshot["devices"]["front_door"]["state"] == "LOCKED", f"start {start}"
            assert snapshot["devices"]["garage_door"]["state"] == "closed"
            assert snapshot["devices"]["alarm_panel"]["state"] == "disarmed"
            assert snapshot["devices"]["light_kitchen"]["state"] == "OFF"
            assert snapshot["devices"]["thermostat"]["temperature"] == 21.0
            assert snapshot["car"][sig.DOOR_LOCKED] is True and snapshot["car"][sig.PRECONDITIONING] is False
        finally:
            service.close()
    assert caplog.text.count("ignored a retained command") >= len(STALE)

    fresh = RawClient(broker_port)  # nothing retained is left on any command topic
    try:
        fresh.subscribe(f"{base}/#")
        probe = f"{base}/test/probe"
        fresh.publish(probe, "done")
        wait_for(lambda: fresh.last(probe) == b"done", what="the probe")
        retained = [topic for topic, payload, was_retained in fresh.messages
                    if was_retained and payload and topic.endswith("/set")]
        assert retained == []
    finally:
        fresh.stop()


def test_the_cockpits_own_commands_are_never_retained(service: HomeService, broker_port: int):
    assert service.cockpit.submit(HomeCommand("front_door", "unlock")).applied
    assert service.cockpit.submit(HomeCommand("light_kitchen", "turn_on")).applied
    assert service.link.flush(5.0)
    late = RawClient(broker_port)  # someone subscribing afterwards gets no command
    try:
        late.subscribe(f"{service.home.base}/+/set")
        probe = f"{service.home.base}/probe/set"
        late.publish(probe, "x")
        wait_for(lambda: late.last(probe) == b"x", what="the probe")
        # (amqtt also hands a new subscriber retained messages of other topics: look at ours only)
        assert [topic for topic, _, retained in late.messages if retained and topic.endswith("/set")] == []
    finally:
        late.stop()
    assert json.loads(json.dumps(_snapshot(service)))  # and the state is plain JSON
