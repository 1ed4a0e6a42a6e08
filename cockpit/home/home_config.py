"""The description of a home: its devices, position, geofence and default routines (YAML + pydantic).

Strict schema (a typo is an error); every problem is reported at once as `file:line: field: message`.
The default home ships as `default_home.yaml` beside this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cockpit.core.commands import HomeCommand, Source
from cockpit.core.errors import InvalidInput
from cockpit.home.devices import DEVICE_TYPES, Device

DEFAULT_HOME = Path(__file__).with_name("default_home.yaml")
MAX_BYTES = 1 << 20  # a home of a few hundred devices is tens of KiB; parsing 10 MB takes minutes
# libyaml when present: fast, and it refuses absurd nesting instead of overflowing the stack.
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=40)]
RESERVED_IDS = frozenset({"car", "status"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DeviceBase(_Strict):
    id: SafeId
    name: str = Field(min_length=1)
    room: str | None = None

    def build(self) -> Device:
        """A fresh simulated device for this entry."""
        options = self.model_dump(exclude={"id", "name", "room", "type"})
        return DEVICE_TYPES[self.type](self.id, self.name, self.room, **options)  # type: ignore[attr-defined]


class GarageDoorConfig(_DeviceBase):
    type: Literal["garage_door"]
    travel_s: float = Field(12.0, gt=0, le=120)


class LightConfig(_DeviceBase):
    type: Literal["light"]


class ThermostatConfig(_DeviceBase):
    type: Literal["thermostat"]
    current_c: float = Field(19.0, ge=-20, le=40)
    outside_c: float = Field(10.0, ge=-40, le=50)


class LockConfig(_DeviceBase):
    type: Literal["lock"]


class AlarmPanelConfig(_DeviceBase):
    type: Literal["alarm_panel"]


class ChargerConfig(_DeviceBase):
    type: Literal["ev_charger"]
    max_power_kw: float = Field(11.0, gt=0, le=350)


DeviceConfig = Annotated[GarageDoorConfig | LightConfig | ThermostatConfig | LockConfig | AlarmPanelConfig
                         | ChargerConfig, Field(discriminator="type")]


class RoutineStep(_Strict):
    """One step of a routine: a device, one of its actions, and the action's parameters."""

    device: SafeId
    action: str
    params: dict[str, Any] = Field(default_factory=dict)

    def command(self, source: Source = Source.PROFILE) -> HomeCommand:
        return HomeCommand(self.device, self.action, dict(self.params), source=source)


class Routines(_Strict):
    arrive: list[RoutineStep] = Field(default_factory=list)
    leave: list[RoutineStep] = Field(default_factory=list)


class Location(_Strict):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class HomeConfig(_Strict):
    """A home: where it is, what is in it, and what happens when the car arrives or leaves."""

    home_id: SafeId
    name: str = "Home"
    base_topic: str | None = Field(None, pattern=r"^[^#+]+$")
    discovery_prefix: str = Field("homeassistant", pattern=r"^[^#+/]+$")
    location: Location
    geofence_radius_m: float = Field(150.0, gt=0, le=100_000)
    devices: list[DeviceConfig] = Field(default_factory=list)
    routines: Routines = Field(default_factory=Routines)

    @property
    def base(self) -> str:
        """The base topic of our state and command topics."""
        return (self.base_topic or f"smartcockpit/{self.home_id}").rstrip("/")

    @model_validator(mode="after")
    def _check_ids(self) -> HomeConfig:
        seen: set[str] = set()
        for device in self.devices:
            if device.id in RESERVED_IDS or device.id in seen:
                raise ValueError(f"device id {device.id!r} is reserved or used twice")
            seen.add(device.id)
        kinds = {device.id: DEVICE_TYPES[device.type] for device in self.devices}
        for when, steps in (("arrive", self.routines.arrive), ("leave", self.routines.leave)):
            for step in steps:
                if step.device not in kinds:
                    raise ValueError(f"routine {when}: no device {step.device!r} in this home")
                if step.action not in kinds[step.device].actions:
                    raise ValueError(f"routine {when}: {step.device} has no action {step.action!r}")
        return self


def load_home(path: Path | None = None) -> HomeConfig:
    """Read and check a home file (the default one when None); raises InvalidInput with file:line."""
    path = path or DEFAULT_HOME
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput(f"{path}: a home file may be at most {MAX_BYTES // 1024} KiB; "
                               "it was not read")
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read home file: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x}); "
                           "is this a binary file?") from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        raise InvalidInput(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}:1:1: a home file must be a mapping with home_id, location and devices")
    try:
        return HomeConfig.model_validate(data)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            loc = [part for part in problem["loc"] if not (isinstance(part, str) and part in DEVICE_TYPES)]
            field = ".".join(str(part) for part in loc) or "(home)"
            lines.append(f"{path}:{_position_of(root, loc)}: {field}: {problem['msg']}")
        raise InvalidInput("\n".join(lines)) from None


def _position_of(node: yaml.Node | None, loc: list[Any]) -> str:
    """"line:col" (1-based) of the deepest YAML node `loc` reaches (the file's start if none)."""
    mark = node.start_mark if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        mark = node.start_mark
    return f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
