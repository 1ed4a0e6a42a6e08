"""The car as Android Automotive sees it: Vehicle HAL property configs (id, type, areas with
ranges) each tied to a VSS signal, and VehiclePropValue encoding and checking.

Ids and areas are from AOSP VehicleProperty.aidl / VehicleArea*.aidl; the ranges are this car's
(as an OEM's VehicleAreaConfig would give them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from cockpit.core import signals as sig

ROW_1_LEFT: Final = 0x1
ROW_1_RIGHT: Final = 0x4
ROW_1: Final = ROW_1_LEFT | ROW_1_RIGHT
FRONT_WINDSHIELD: Final = 0x1
GLOBAL: Final = 0x0
AREA_NAMES: Final = {0x0: "GLOBAL", 0x1: "ROW_1_LEFT", 0x4: "ROW_1_RIGHT", 0x5: "ROW_1_LEFT|ROW_1_RIGHT"}
FLOAT, INT32, BOOLEAN = "FLOAT", "INT32", "BOOLEAN"


class PropertyError(Exception):
    """A VehiclePropValue that cannot be written; `status` is the VHAL StatusCode name."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class AreaConfig:
    area_id: int
    path: str
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True, slots=True)
class PropConfig:
    """One property: the signal value is `property value * scale` (fan level 3 = 30 %)."""

    name: str
    prop_id: int
    value_type: str
    areas: tuple[AreaConfig, ...]
    scale: float = 1.0

    def area(self, area_id: int) -> AreaConfig | None:
        return next((a for a in self.areas if a.area_id == area_id), None)

    @property
    def label(self) -> str:
        return f"{self.name} (0x{self.prop_id:08X})"


def _seats(path_left: str, path_right: str, lo: float, hi: float) -> tuple[AreaConfig, ...]:
    return AreaConfig(ROW_1_LEFT, path_left, lo, hi), AreaConfig(ROW_1_RIGHT, path_right, lo, hi)


HEAT_SCALE: Final = 100 / 3
PROPERTIES: Final[tuple[PropConfig, ...]] = (
    PropConfig(
        "HVAC_TEMPERATURE_SET", 0x15600503, FLOAT, _seats(sig.DRIVER_TEMP, sig.PASSENGER_TEMP, 16, 28)
    ),
    PropConfig("HVAC_FAN_SPEED", 0x15400500, INT32, _seats(sig.DRIVER_FAN, sig.PASSENGER_FAN, 0, 10), 10.0),
    PropConfig("HVAC_AC_ON", 0x15200505, BOOLEAN, (AreaConfig(ROW_1, sig.AC),)),
    PropConfig("HVAC_AUTO_ON", 0x1520050A, BOOLEAN, (AreaConfig(ROW_1, sig.HVAC_AUTO),)),
    PropConfig("HVAC_RECIRC_ON", 0x15200508, BOOLEAN, (AreaConfig(ROW_1, sig.RECIRCULATION),)),
    PropConfig("HVAC_DEFROSTER", 0x13200504, BOOLEAN, (AreaConfig(FRONT_WINDSHIELD, sig.DEFROST),)),
    PropConfig(
        "HVAC_SEAT_TEMPERATURE",
        0x1540050B,
        INT32,
        _seats(sig.SEAT_HEAT, sig.PASSENGER_SEAT_HEAT, -3, 3),
        HEAT_SCALE,
    ),
    PropConfig(
        "HVAC_STEERING_WHEEL_HEAT",
        0x1140050D,
        INT32,
        (AreaConfig(GLOBAL, sig.STEERING_HEAT, -3, 3),),
        HEAT_SCALE,
    ),
    PropConfig("SEAT_FORE_AFT_POS", 0x15400B85, INT32, (AreaConfig(ROW_1_LEFT, sig.SEAT_POSITION, 0, 300),)),
    PropConfig("SEAT_HEIGHT_POS", 0x15400B8B, INT32, (AreaConfig(ROW_1_LEFT, sig.SEAT_HEIGHT, 0, 80),)),
    PropConfig(
        "SEAT_BACKREST_ANGLE_1_POS", 0x15400B87, INT32, (AreaConfig(ROW_1_LEFT, sig.SEAT_RECLINE, 0, 45),)
    ),
    PropConfig("DOOR_LOCK", 0x16200B02, BOOLEAN, (AreaConfig(ROW_1_LEFT, sig.DOOR_LOCKED),)),
)
BY_ID: Final[dict[int, PropConfig]] = {p.prop_id: p for p in PROPERTIES}
BY_PATH: Final[dict[str, tuple[PropConfig, AreaConfig]]] = {
    area.path: (prop, area) for prop in PROPERTIES for area in prop.areas
}


def prop_value(
    prop: PropConfig, area_id: int, signal_value: float | bool, timestamp_ns: int = 0
) -> dict[str, Any]:
    """A VehiclePropValue writing `signal_value` (in the VSS signal's unit) to `prop` at `area_id`."""
    value: dict[str, Any] = {
        "int32Values": [],
        "floatValues": [],
        "int64Values": [],
        "bytes": [],
        "stringValue": "",
    }
    if prop.value_type == BOOLEAN:
        value["int32Values"] = [1 if signal_value else 0]
    elif prop.value_type == INT32:
        value["int32Values"] = [_whole(prop.area(area_id), float(signal_value) / prop.scale)]
    else:
        value["floatValues"] = [round(float(signal_value) / prop.scale, 2)]
    return {
        "prop": prop.prop_id,
        "areaId": area_id,
        "timestamp": timestamp_ns,
        "status": "AVAILABLE",
        "value": value,
    }


def _whole(area: AreaConfig | None, raw: float) -> int:
    """The nearest whole property value, except that one outside the area's range stays outside
    (rounding must not carry 101 % to level 10: `read` refuses it, as the policy would)."""
    if area is not None and area.maximum is not None and raw > area.maximum:
        return math.ceil(raw)
    if area is not None and area.minimum is not None and raw < area.minimum:
        return math.floor(raw)
    return round(raw)


def read(message: Mapping[str, Any]) -> tuple[PropConfig, AreaConfig, float | bool]:
    """Check a VehiclePropValue against the configs; returns (property, area, VSS value).

    Raises PropertyError: unknown property, wrong area, wrong value type, value out of range.
    """
    prop_id = message.get("prop")
    if isinstance(prop_id, bool) or not isinstance(prop_id, int):
        raise PropertyError("INVALID_ARG", f"'prop' must be an integer property id, not {prop_id!r}")
    prop = BY_ID.get(prop_id)
    if prop is None:
        raise PropertyError("INVALID_ARG", f"unknown or read-only property 0x{prop_id:08X}")
    area_id = message.get("areaId", 0)
    area = prop.area(area_id) if isinstance(area_id, int) and not isinstance(area_id, bool) else None
    if area is None:
        valid = ", ".join(f"0x{a.area_id:X} ({AREA_NAMES.get(a.area_id, '?')})" for a in prop.areas)
        raise PropertyError("INVALID_ARG", f"{prop.label} has no area {area_id!r}; valid areas: {valid}")
    raw = _raw_value(prop, message.get("value"))
    if (
        area.minimum is not None
        and area.maximum is not None
        and not isinstance(raw, bool)
        and not area.minimum <= raw <= area.maximum
    ):
        raise PropertyError(
            "INVALID_ARG",
            f"{prop.label}: {raw:g} is outside {area.minimum:g}..{area.maximum:g} at area 0x{area.area_id:X}",
        )
    if isinstance(raw, bool):
        return prop, area, raw
    signal_value = raw * prop.scale
    if sig.CATALOGUE[area.path].datatype is sig.DataType.INT:
        return prop, area, round(signal_value)
    return prop, area, signal_value


def _raw_value(prop: PropConfig, value: object) -> float | bool:
    if not isinstance(value, Mapping):
        raise PropertyError(
            "INVALID_ARG", f"{prop.label}: 'value' must be an object with int32Values, floatValues ..."
        )
    field = "floatValues" if prop.value_type == FLOAT else "int32Values"
    other = [k for k in ("int32Values", "floatValues", "int64Values") if k != field and value.get(k)]
    items = value.get(field)
    if other or value.get("stringValue") or not isinstance(items, list) or len(items) != 1:
        raise PropertyError(
            "INVALID_ARG", f"{prop.label} is {prop.value_type}: expected exactly one value in {field}"
        )
    item = items[0]
    if prop.value_type == FLOAT:
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            raise PropertyError("INVALID_ARG", f"{prop.label}: {item!r} is not a float")
        return float(item)
    if isinstance(item, bool) or not isinstance(item, int):
        raise PropertyError("INVALID_ARG", f"{prop.label}: {item!r} is not an int32")
    if prop.value_type == BOOLEAN:
        if item not in (0, 1):
            raise PropertyError("INVALID_ARG", f"{prop.label} is BOOLEAN: expected 0 or 1, not {item}")
        return item == 1
    return float(item)
