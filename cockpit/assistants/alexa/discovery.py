"""The connected home as Alexa discovers it: an `Alexa.Discovery` `Discover.Response` with one
endpoint per device of the home file (`home.<device id>`, the endpoints the codec answers), for
`cockpit alexa discovery`.

What opens the house carries its verification in the form the Alexa Smart Home API documents:
the capability lists `verificationsRequired` - the directive (Unlock, SetMode, Disarm) and the
method (`Confirmation`: Alexa asks "Are you sure?" before it sends the directive). For a driver
whose profile has a voice PIN, those endpoints also carry an `Alexa.AuthorizationController`
capability: Alexa then asks for the PIN (the OEM-managed PIN of the connected-vehicle docs).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Final

from cockpit.assistants.alexa.carcontrol import authorization, verifications
from cockpit.assistants.alexa.codec import GARAGE_MODE, HOME_PREFIX
from cockpit.core.facts import HomeDevice

CATEGORIES: Final = {"light": "LIGHT", "garage_door": "GARAGE_DOOR", "lock": "SMARTLOCK",
                     "thermostat": "THERMOSTAT", "alarm_panel": "SECURITY_PANEL", "ev_charger": "OTHER"}


def _asset(asset_id: str) -> dict[str, Any]:
    return {"@type": "asset", "value": {"assetId": asset_id}}


def _mode(value: str, asset_id: str) -> dict[str, Any]:
    return {"value": value, "modeResources": {"friendlyNames": [_asset(asset_id)]}}


def _interface(name: str, properties: Iterable[str], **extra: Any) -> dict[str, Any]:
    capability: dict[str, Any] = {"type": "AlexaInterface", "interface": name, "version": "3"}
    supported = [{"name": p} for p in properties]
    if supported:
        capability["properties"] = {"supported": supported, "proactivelyReported": True, "retrievable": True}
    capability.update(extra)
    return capability


def _capabilities(device: HomeDevice, pin: bool) -> list[dict[str, Any]]:
    kind, actions = device.kind, set(device.actions)
    caps: list[dict[str, Any]] = []
    guarded = False
    if kind == "light":
        caps.append(_interface("Alexa.PowerController", ["powerState"]))
        if "set_brightness" in actions:
            caps.append(_interface("Alexa.BrightnessController", ["brightness"]))
        if "set_color" in actions:
            caps.append(_interface("Alexa.ColorController", ["color"]))
    elif kind == "garage_door":
        caps.append(_interface(
            "Alexa.ModeController", ["mode"], instance=GARAGE_MODE,
            capabilityResources={"friendlyNames": [_asset("Alexa.Setting.Opening")]},
            configuration={"ordered": False, "supportedModes": [
                _mode("Position.Up", "Alexa.Value.Open"), _mode("Position.Down", "Alexa.Value.Close")]},
            verificationsRequired=verifications("SetMode")))
        guarded = True
    elif kind == "lock":
        caps.append(_interface("Alexa.LockController", ["lockState"],
                               verificationsRequired=verifications("Unlock")))
        guarded = True
    elif kind == "thermostat":
        caps.append(_interface("Alexa.ThermostatController", ["targetSetpoint"]))
    elif kind == "alarm_panel":
        caps.append(_interface(
            "Alexa.SecurityPanelController", ["armState"],
            configuration={"supportedArmStates": [{"value": "ARMED_AWAY"}, {"value": "ARMED_STAY"},
                                                  {"value": "DISARMED"}]},
            verificationsRequired=verifications("Disarm")))
        guarded = True
    else:
        caps.append(_interface("Alexa.PowerController", ["powerState"]))
    if guarded and pin:
        caps.append(authorization())
    caps.append(_interface("Alexa", []))
    return caps


def discover_response(devices: Iterable[HomeDevice], *, pin: bool = False) -> dict[str, Any]:
    """The Discover.Response event for the home's devices (with PIN authorization when `pin`)."""
    endpoints = [{
        "endpointId": HOME_PREFIX + device.id,
        "manufacturerName": "SmartCockpit Sim",
        "description": f"{device.name} ({device.room})" if device.room else device.name,
        "friendlyName": device.name,
        "displayCategories": [CATEGORIES.get(device.kind, "OTHER")],
        "cookie": {},
        "capabilities": _capabilities(device, pin),
    } for device in devices]
    return {"event": {"header": {"namespace": "Alexa.Discovery", "name": "Discover.Response",
                                 "payloadVersion": "3", "messageId": str(uuid.uuid4())},
                      "payload": {"endpoints": endpoints}}}
