"""`cockpit say`, `cockpit assistants list` and `cockpit alexa config`, run as real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.assistants import registry
from tests.assistants.conftest import json_out


def test_say_json_shows_the_whole_turn(run_cli):
    turn = json_out(run_cli("say", "--json", "Alexa, set the driver temperature to 23 degrees"))
    assert turn["adapter"] == "alexa"
    assert turn["heard"] == {"wake_word": "Alexa", "text": "set the driver temperature to 23 degrees",
                             "addressed": None}
    assert turn["reply"] == "Setting the driver side to 23.0 °C."
    assert turn["commands"] == [
        {
            "type": "SetSignal",
            "path": "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
            "value": 23.0,
            "target": 23.0,
        }
    ]
    assert [o["status"] for o in turn["outcomes"]] == ["applied"]
    assert turn["native"][0]["directive"]["header"]["name"] == "SetRangeValue"


def test_say_json_shows_home_commands_with_device_and_action(run_cli):
    turn = json_out(run_cli("say", "--assistant", "android", "--json", "OK Google, close the garage"))
    assert turn["commands"] == [
        {"type": "HomeCommand", "device": "garage_door", "action": "close", "params": {}}
    ]
    (outcome,) = turn["outcomes"]
    assert outcome["status"] == "applied" and outcome["reason"] == "sent to Garage door"


def test_say_with_an_unreachable_broker_warns_and_queues_home_commands(run_cli):
    result = run_cli("say", "--assistant", "alexa", "--broker", "mqtt://127.0.0.1:1", "--json",
                     "Alexa, close the garage")
    assert result.returncode == 0, result.stderr
    assert "warning: no connection to MQTT broker mqtt://127.0.0.1:1" in result.stderr
    (outcome,) = json.loads(result.stdout)["outcomes"]
    assert outcome["status"] == "deferred" and "the home is offline" in outcome["reason"]


def test_say_without_a_broker_says_there_is_no_home(run_cli):
    turn = json_out(run_cli("say", "--assistant", "android", "--no-broker", "--json",
                            "OK Google, open the garage"))
    assert turn["outcomes"] == [] and turn["intent"]["name"] == "home.garage"
    assert "There's no home connected to this car." in turn["reply"]


def test_say_with_a_home_file_of_one_s_own_opens_its_garage(run_cli, tmp_path):
    home = tmp_path / "home.yaml"
    home.write_text("home_id: cabin\nlocation: {latitude: 47.4, longitude: 10.9}\n"
                    "devices:\n  - {id: barn_door, type: garage_door, name: Barn door, room: Yard}\n")
    turn = json_out(run_cli("say", "--assistant", "alexa", "--home", str(home), "--json",
                            "Alexa, close the barn door"))
    assert turn["commands"] == [
        {"type": "HomeCommand", "device": "barn_door", "action": "close", "params": {}}]
    (outcome,) = turn["outcomes"]
    assert outcome["status"] == "applied" and outcome["reason"] == "sent to Barn door"


def test_say_plain_prints_the_reply_and_the_outcomes(run_cli):
    result = run_cli("say", "--assistant", "android", "hey google, fan to 5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Sure, fan on the driver side to 50 %.",
        "  applied: set Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed = 50",
    ]


def test_say_message_answers_a_directive_with_a_response_event(run_cli, tmp_path: Path):
    message = {
        "directive": {
            "header": {
                "namespace": "Alexa.ToggleController",
                "name": "TurnOn",
                "payloadVersion": "3",
                "messageId": "m-1",
                "correlationToken": "tok-42",
                "instance": "windshield.defroster",
            },
            "endpoint": {"endpointId": "front.windshield"},
            "payload": {},
        }
    }
    path = tmp_path / "defrost.json"
    path.write_text(json.dumps(message), encoding="utf-8")
    turn = json_out(run_cli("say", "--json", "--message", str(path)))
    event = turn["native"][0]
    assert event["event"]["header"]["correlationToken"] == "tok-42"
    assert event["context"]["properties"][0]["value"] == "ON"
    assert turn["commands"][0]["path"] == "Vehicle.Cabin.HVAC.IsFrontDefrosterActive"


def test_say_message_with_bad_json_names_file_line_and_column(run_cli, tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "prop": 1,\n  oops\n}\n', encoding="utf-8")
    result = run_cli("say", "--assistant", "android", "--message", str(path))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"error: {path}:3:3: json: invalid JSON: Expecting property name enclosed in double quotes"
    )


def test_say_with_unknown_assistant_lists_the_installed_ones(run_cli):
    result = run_cli("say", "--assistant", "alxa", "hello")
    assert result.returncode == 2  # invalid input, like an unknown profile or benchmark
    installed = ", ".join(registry.names())  # alexa, android and any plugin installed beside them
    assert result.stderr.strip() == f"error: assistant 'alxa' not found; installed: {installed}"


def test_say_with_a_profile_uses_the_drivers_assistant_and_units(run_cli):
    result = run_cli("say", "--profile", "alice", "--json", "Alexa, set the temperature to 70 degrees")
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout)
    assert turn["adapter"] == "alexa"
    assert turn["commands"][0]["value"] == pytest.approx(21.1, abs=0.2)  # Alice drives in °F: 70 °F


def test_say_with_an_unknown_profile_exits_2(run_cli):
    result = run_cli("say", "--profile", "nobody", "hello")
    assert result.returncode == 2 and "unknown profile 'nobody'" in result.stderr


def test_assistants_list_shows_name_distribution_version_and_wake_words(run_cli):
    result = run_cli("assistants", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "DISTRIBUTION", "VERSION", "WAKE", "WORDS"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert rows["alexa"].split() == ["alexa", "smartcockpit-sim", "0.1.0", "Alexa"]
    assert rows["android"].split()[:3] == ["android", "smartcockpit-sim", "0.1.0"]
    assert rows["android"].endswith("Hey Google, OK Google, Okay Google")


def test_alexa_config_prints_the_car_control_configuration(run_cli):
    config = json_out(run_cli("alexa", "config"))["aace.carControl"]
    assert config["defaultZoneId"] == "zone.driver"
    assert {"default.ac", "driver.heater", "passenger.fan", "driver.seat"} <= {
        e["endpointId"] for e in config["endpoints"]
    }


def test_say_refuses_a_home_file_without_a_broker(run_cli, tmp_path):
    result = run_cli("say", "--no-broker", "--home", str(tmp_path / "home.yaml"), "open the garage")
    assert result.returncode == 2 and "--home has no effect with --no-broker" in result.stderr


def test_profiles_check_validates_adapter_names_and_settings_through_the_entry_points(run_cli, tmp_path):
    typo = tmp_path / "typo.yaml"
    typo.write_text("schema_version: 1\nidentity: {id: typo, display_name: Typo}\n"
                    "assistant:\n  adapter: mycroftt\n", encoding="utf-8")
    brief = tmp_path / "brief.yaml"
    brief.write_text("schema_version: 1\nidentity: {id: brief, display_name: Brief}\n"
                     "assistant:\n  adapter: alexa\n  settings: {brief_mode: sometimes}\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text("schema_version: 1\nidentity: {id: good, display_name: Good}\n"
                    "assistant:\n  adapter: alexa\n  settings: {brief_mode: true}\n", encoding="utf-8")
    result = run_cli("profiles", "check", str(typo), str(brief), str(good))
    assert result.returncode == 2
    installed = ", ".join(registry.names())
    assert result.stdout.splitlines() == [
        f"{brief}:5:13: assistant.settings: assistant 'alexa' settings: brief_mode: Input should be a valid "
        "boolean, unable to interpret input",
        f"{typo}:4:12: assistant.adapter: assistant 'mycroftt' not found; installed: {installed}",
    ]


def test_alexa_config_and_discovery_carry_the_drivers_voice_pin(run_cli, tmp_path):
    from cockpit.personalisation.pin import hash_pin

    (tmp_path / "pia.yaml").write_text("schema_version: 1\nidentity: {id: pia, display_name: Pia}\n"
                                       f"assistant: {{voice_pin_hash: \"{hash_pin('1357')}\"}}\n",
                                       encoding="utf-8")
    env_profiles = str(tmp_path)

    def interfaces(output: dict, key: str) -> list[str]:
        found = output["aace.carControl"] if key == "config" else output["event"]["payload"]
        endpoints = found["endpoints"]
        return [c["interface"] for e in endpoints for c in e["capabilities"]]

    for command in (["alexa", "config"], ["alexa", "discovery"]):
        plain = json_out(run_cli(*command))
        pia = json_out(run_cli(*command, "--profile", "pia", env={"COCKPIT_PROFILES": env_profiles}))
        assert "Alexa.AuthorizationController" not in interfaces(plain, command[1])
        assert "Alexa.AuthorizationController" in interfaces(pia, command[1])
