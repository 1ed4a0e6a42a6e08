"""The car as Alexa sees it: one table of car-control endpoints and capabilities, each tied to a
VSS signal. The adapter's directives and `cockpit alexa config` (the Alexa Auto SDK
`aace.carControl` configuration) are both generated from this table, so they cannot disagree.

The car's door lock is an endpoint too (`default.doorlock`, Alexa.LockController: beyond the Auto
SDK's Power/Toggle/Range/Mode, in the Smart Home API's own form). Unlocking opens the car, so its
capability carries `verificationsRequired` as the Smart Home API documents it - the directive
(Unlock) and the method (Confirmation) - and, for a driver with a voice PIN, the endpoint also
carries an `Alexa.AuthorizationController` capability (the PIN the connected-vehicle docs ask for).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from cockpit.core import signals as sig

DEVICE = "Alexa.Automotive.DeviceName."
LOCATION = "Alexa.Automotive.Location."
SETTING = "Alexa.Automotive.Setting."
CELSIUS_UNIT = "Alexa.Unit.Temperature.Celsius"

POWER, TOGGLE, RANGE = "Power", "Toggle", "Range"
INTERFACE: Final = {
    POWER: "Alexa.PowerController",
    TOGGLE: "Alexa.ToggleController",
    RANGE: "Alexa.RangeController",
}


@dataclass(frozen=True, slots=True)
class Control:
    """One capability of one endpoint, acting on one signal.

    For Range capabilities the signal value is `range value * scale` (fan level 3 = 30 %).
    """

    endpoint_id: str
    capability: str
    path: str
    instance: str | None = None
    setting: str | None = None
    minimum: float = 0
    maximum: float = 0
    precision: float = 1
    unit: str | None = None
    scale: float = 1.0

    @property
    def interface(self) -> str:
        return INTERFACE[self.capability]

    def to_range(self, signal_value: float) -> float:
        """The control's value for a signal value; one outside the range stays outside (rounding must
        not carry 101 % to 100 %: the range check refuses it, as the policy would)."""
        value = signal_value / self.scale
        if not self.in_range(value):
            return value
        return round(value) if self.precision >= 1 else round(value * 2) / 2

    def in_range(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True, slots=True)
class Endpoint:
    endpoint_id: str
    device: str
    location: str | None = None


ENDPOINTS: Final[tuple[Endpoint, ...]] = (
    Endpoint("default.ac", "AirConditioner"),
    Endpoint("default.climatecontrol", "ClimateControl"),
    Endpoint("front.windshield", "Windshield", "Front"),
    Endpoint("driver.heater", "Heater", "Driver"),
    Endpoint("passenger.heater", "Heater", "Passenger"),
    Endpoint("driver.fan", "Fan", "Driver"),
    Endpoint("passenger.fan", "Fan", "Passenger"),
    Endpoint("driver.seat", "Seat", "Driver"),
    Endpoint("passenger.seat", "Seat", "Passenger"),
    Endpoint("default.steeringwheel", "SteeringWheel"),
)


def _temperature(endpoint_id: str, path: str) -> Control:
    return Control(endpoint_id, RANGE, path, "heater.temperature", "Temperature", 16, 28, 0.5, CELSIUS_UNIT)


def _fan(endpoint_id: str, path: str) -> Control:
    return Control(endpoint_id, RANGE, path, "fan.speed", "FanSpeed", 0, 10, scale=10.0)


def _heater(endpoint_id: str, instance: str, path: str) -> Control:
    return Control(endpoint_id, RANGE, path, instance, "Heat", -3, 3, scale=100 / 3)


CONTROLS: Final[tuple[Control, ...]] = (
    Control("default.ac", POWER, sig.AC),
    Control("default.climatecontrol", TOGGLE, sig.HVAC_AUTO, "climatecontrol.auto", "Auto"),
    Control(
        "default.climatecontrol", TOGGLE, sig.RECIRCULATION, "climatecontrol.recirculate", "AirRecirculation"
    ),
    Control("front.windshield", TOGGLE, sig.DEFROST, "windshield.defroster", "Defrost"),
    _temperature("driver.heater", sig.DRIVER_TEMP),
    _temperature("passenger.heater", sig.PASSENGER_TEMP),
    _fan("driver.fan", sig.DRIVER_FAN),
    _fan("passenger.fan", sig.PASSENGER_FAN),
    _heater("driver.seat", "seat.heater", sig.SEAT_HEAT),
    _heater("passenger.seat", "seat.heater", sig.PASSENGER_SEAT_HEAT),
    _heater("default.steeringwheel", "steeringwheel.heater", sig.STEERING_HEAT),
    Control("driver.seat", RANGE, sig.SEAT_POSITION, "seat.position", "Position", 0, 300),
    Control("driver.seat", RANGE, sig.SEAT_HEIGHT, "seat.height", "Height", 0, 80),
    Control("driver.seat", RANGE, sig.SEAT_RECLINE, "seat.recline", "Position", 0, 45),
)

ZONES: Final = {"zone.driver": "Driver", "zone.passenger": "Passenger", "zone.all": "All"}
DEFAULT_ZONE: Final = "zone.driver"

BY_PATH: Final[dict[str, Control]] = {control.path: control for control in CONTROLS}
BY_KEY: Final[dict[tuple[str, str, str | None], Control]] = {
    (c.endpoint_id, c.interface, c.instance): c for c in CONTROLS
}
DOOR_LOCK: Final = "default.doorlock"
ENDPOINT_IDS: Final = frozenset(e.endpoint_id for e in ENDPOINTS) | {DOOR_LOCK}


def verifications(*directives: str) -> list[dict[str, Any]]:
    """`verificationsRequired`: Alexa asks the user to confirm before it sends these directives."""
    return [{"directive": name, "methods": [{"@type": "Confirmation"}]} for name in directives]


def authorization() -> dict[str, Any]:
    """The capability that makes Alexa ask for the user's PIN before a directive of the endpoint."""
    return {"type": "AlexaInterface", "interface": "Alexa.AuthorizationController", "version": "1.0"}


def door_lock(pin: bool) -> dict[str, Any]:
    """The car's door lock endpoint: unlocking asks for a confirmation, or the PIN with `pin`."""
    capabilities: list[dict[str, Any]] = [{
        "type": "AlexaInterface",
        "interface": "Alexa.LockController",
        "version": "3",
        "properties": {"supported": [{"name": "lockState"}], "proactivelyReported": False,
                       "retrievable": False},
        "verificationsRequired": verifications("Unlock"),
    }]
    if pin:
        capabilities.append(authorization())
    return {"endpointId": DOOR_LOCK,
            "endpointResources": {"friendlyNames": [{"@type": "text", "value": {"text": "door lock",
                                                                                "locale": "en-US"}}]},
            "capabilities": capabilities}


def _asset(kind: str, name: str) -> dict[str, Any]:
    return {"@type": "asset", "value": {"assetId": f"{kind}{name}"}}


def _capability(control: Control) -> dict[str, Any]:
    capability: dict[str, Any] = {
        "type": "AlexaInterface",
        "interface": control.interface,
        "version": "3",
        "properties": {
            "supported": [{"name": property_name(control)}],
            "proactivelyReported": False,
            "retrievable": False,
        },
    }
    if control.instance is None:
        return capability
    capability["instance"] = control.instance
    capability["capabilityResources"] = {"friendlyNames": [_asset(SETTING, control.setting or "Mode")]}
    if control.capability == RANGE:
        configuration: dict[str, Any] = {
            "supportedRange": {
                "minimumValue": control.minimum,
                "maximumValue": control.maximum,
                "precision": control.precision,
            }
        }
        if control.unit:
            configuration["unitOfMeasure"] = control.unit
        capability["configuration"] = configuration
    return capability


def property_name(control: Control) -> str:
    """The state property a capability reports ("powerState", "toggleState", "rangeValue")."""
    return {POWER: "powerState", TOGGLE: "toggleState", RANGE: "rangeValue"}[control.capability]


def configuration(pin: bool = False) -> dict[str, Any]:
    """The Alexa Auto SDK car-control configuration (`aace.carControl`) of this car; `pin`: the
    driver confirms unlocking with a voice PIN rather than a yes."""
    endpoints = []
    for endpoint in ENDPOINTS:
        endpoints.append(
            {
                "endpointId": endpoint.endpoint_id,
                "endpointResources": {"friendlyNames": [_asset(DEVICE, endpoint.device)]},
                "capabilities": [_capability(c) for c in CONTROLS if c.endpoint_id == endpoint.endpoint_id],
            }
        )
    endpoints.append(door_lock(pin))
    zones = []
    for zone_id, location in ZONES.items():
        members = [e.endpoint_id for e in ENDPOINTS if location == "All" or e.location == location]
        members += [DOOR_LOCK] if location == "All" else []
        zones.append(
            {
                "zoneId": zone_id,
                "zoneResources": {"friendlyNames": [_asset(LOCATION, location)]},
                "members": [{"endpointId": member} for member in members],
            }
        )
    return {"aace.carControl": {"endpoints": endpoints, "zones": zones, "defaultZoneId": DEFAULT_ZONE}}
