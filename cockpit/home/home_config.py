"""The description of a home: its devices, position, geofence and default routines (YAML + pydantic).

Strict schema (a typo is an error); every problem is reported at once as `file:line:col: field: message`
(cockpit.yaml_source, shared with profiles and scenarios).
The default home ships as `default_home.yaml` beside this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cockpit.core.commands import HomeCommand, Source
from cockpit.core.errors import InvalidInput, brief
from cockpit.core.facts import ALL_LIGHTS, HomeDevice
from cockpit.home.devices import DEVICE_TYPES, Device
from cockpit.yaml_source import FieldError, read_document, validation_problems

DEFAULT_HOME = Path(__file__).with_name("default_home.yaml")
SafeId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=40)]
RESERVED_IDS = frozenset({"car", "status", ALL_LIGHTS})  # ALL_LIGHTS: the group of every light


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


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

    def device_list(self) -> tuple[HomeDevice, ...]:
        """The devices as the rest of the cockpit knows them (HomeAttached), in file order."""
        return tuple(HomeDevice(d.id, d.name, DEVICE_TYPES[d.type].kind, d.room, DEVICE_TYPES[d.type].actions)
                     for d in self.devices)

    @model_validator(mode="after")
    def _check_ids(self) -> HomeConfig:
        seen: set[str] = set()
        for index, device in enumerate(self.devices):
            if device.id in RESERVED_IDS or device.id in seen:
                raise FieldError(("devices", index, "id"),
                                 f"device id {brief(device.id)} is reserved or used twice")
            seen.add(device.id)
        kinds = {device.id: DEVICE_TYPES[device.type] for device in self.devices}
        for when, steps in (("arrive", self.routines.arrive), ("leave", self.routines.leave)):
            for index, step in enumerate(steps):
                where = ("routines", when, index)
                if step.device not in kinds:
                    raise FieldError((*where, "device"),
                                     f"routine {when}: no device {brief(step.device)} in this home")
                if step.action not in kinds[step.device].actions:
                    raise FieldError((*where, "action"),
                                     f"routine {when}: {step.device} has no action {brief(step.action)}")
        return self


def load_home(path: Path | None = None) -> HomeConfig:
    """Read and check a home file (the default one when None); raises InvalidInput whose lines are
    `file:line:col: field: message`, every problem at once."""
    path = path or DEFAULT_HOME
    document, problems = read_document(path, str(path), kind="home file",
                                       expected="home_id, location and devices")
    if document is not None:
        try:
            return HomeConfig.model_validate(document.data)
        except ValidationError as error:
            problems = validation_problems(document, error, HomeConfig, union_tags=DEVICE_TYPES)
    raise InvalidInput("\n".join(str(problem) for problem in problems))
