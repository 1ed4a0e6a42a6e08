"""A device's state topic is read by what that kind of device reports: anyone on the home broker can
publish there, and the home panel draws whatever the bridge accepts on every frame.

Before, any JSON object was taken: `{"position": "hot"}` or `{"brightness": 1e308}` made the home
tile raise (ValueError, OverflowError) on every frame, and `{"color": [1, 2]}` an AttributeError.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import strategies as st

from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import InvalidValue
from cockpit.home.bridge import HomeBridge
from cockpit.home.home_config import load_home
from cockpit.ui.home_view import tile_of
from tests.fuzzing import BUDGETS, run

HOME = load_home()
DEVICES = {entry.id: entry.build() for entry in HOME.devices}
FACTS = {device.id: device for device in HOME.device_list()}
NONSENSE_JSON = ["NaN", "Infinity", "1e400", "9" * 40, "[" * 40 + "]" * 40]
REFUSED = [*NONSENSE_JSON, '{"state": "ON", "brightness": 1e308}', '{"position": "hot"}',
           '{"state": "ON", "color": [1, 2]}', '"ON"']
ODD = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
       | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=300)
       | st.lists(st.integers(), max_size=3)
       | st.dictionaries(st.sampled_from("rgbx"), st.integers(-300, 300), max_size=4))


def states(device_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """The device's own state with some keys replaced by odd values, or odd keys added."""
    own = DEVICES[device_id].state()
    keys = st.sampled_from(sorted(own)) | st.text(max_size=10)
    return st.dictionaries(keys, ODD, max_size=4).map(lambda changes: own | changes)


@pytest.mark.parametrize("budget", BUDGETS)
def test_whatever_a_state_topic_carries_is_refused_or_drawn(budget: int) -> None:
    cases = st.sampled_from(sorted(DEVICES)).flatmap(lambda device_id: st.tuples(st.just(device_id),
                                                                                 states(device_id)))

    def check(case: tuple[str, dict[str, Any]]) -> None:
        device_id, state = case
        try:
            accepted = DEVICES[device_id].reported(state)
        except InvalidValue as error:
            assert len(str(error)) < 300, error
            return
        assert set(accepted) <= set(DEVICES[device_id].reports)
        tile = tile_of(FACTS[device_id], accepted)
        tile_of(FACTS[device_id], accepted, fahrenheit=True)
        assert all(isinstance(text, str) and len(text) < 200 for text in (tile.word, tile.detail))
        assert tile.progress is None or 0 <= tile.progress <= 1

    run(4 * budget, cases, check)


def test_the_simulated_devices_own_states_are_taken_as_they_are() -> None:
    for device_id, device in DEVICES.items():
        assert device.reported(device.state()) == device.state(), device_id


@pytest.mark.parametrize("raw", REFUSED)
def test_a_refused_state_changes_nothing_and_is_logged_in_a_line(raw: str,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    cockpit = Cockpit()
    bridge = HomeBridge(cockpit, HOME, link=None)
    light = next(device.id for device in HOME.device_list() if device.kind == "light")
    garage = next(device.id for device in HOME.device_list() if device.kind == "garage_door")
    good = json.dumps(DEVICES[light].state()).encode()
    bridge._on_state(f"{HOME.base}/{light}/state", good)  # the MQTT callback, as paho calls it
    before = {view.id: view.state for view in bridge.devices()}
    target = garage if "position" in raw else light
    topic = f"{HOME.base}/{target}/state"
    payload = raw if raw.startswith(("{", '"')) else f'{{"state": "ON", "brightness": {raw}}}'
    with caplog.at_level(logging.WARNING):
        bridge._on_state(topic, payload.encode())
    assert {view.id: view.state for view in bridge.devices()} == before
    (line,) = [record.getMessage() for record in caplog.records]
    assert line.startswith(f"bad state on {topic} dropped: ") and len(line) < 400, line
    assert "Traceback" not in caplog.text
