"""The pieces a scenario file is made of: the start, expectations, and what some steps carry.

Written by hand by UX testers, so strict like the profiles: an unknown key or a quoted number is an
error reported at its line. The steps are in cockpit.scenario.steps, the file in
cockpit.scenario.schema.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from cockpit.core import signals as sig
from cockpit.core.errors import UnknownSignal, brief
from cockpit.i18n import N_, message_ids
from cockpit.scenario.words import Wording
from cockpit.ui.keys import KEY_NAMES
from cockpit.yaml_source import FieldError

MAX_SECONDS = 24 * 3600.0  # a scenario is a journey, not a soak test: `scenario run` must finish
# Simulated seconds: finite and within a day, so `scenario check` refuses what `run` cannot do.
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]
Finite = Annotated[float, Field(allow_inf_nan=False)]
Scalar = bool | int | Finite | str
NAME_PATTERN = r"^[A-Za-z0-9_-]{1,60}$"
KINDS = ("signal", "text", "message", "command", "device")  # what an expectation checks: one of these
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _known_key(name: str) -> str:
    """A key of the key table; a wrong one is named with the closest keys, not all sixty."""
    if name not in KEY_NAMES:
        close = difflib.get_close_matches(name, sorted(KEY_NAMES), n=3)
        hint = f"did you mean {' or '.join(close)}?" if close else "keys are pygame names, as F1 lists them"
        raise ValueError(f"no key {brief(name)}; {hint}")
    return name


KeyName = Annotated[str, AfterValidator(_known_key),  # built from the key table
                    WithJsonSchema({"type": "string", "enum": sorted(KEY_NAMES)})]


class Strict(BaseModel):
    """Base of every scenario model: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Position(Strict):
    latitude: float = Field(ge=-90, le=90, description="[degrees]")
    longitude: float = Field(ge=-180, le=180, description="[degrees]")


class Start(Strict):
    """How the car is when the scenario begins; what is left out keeps the simulator's default."""

    profile: str | None = Field(None, description="Driver profile id applied at the start")
    fob: str | None = Field(None, description="Key fob presented at the start (selects its driver)")
    position: Position | None = None
    battery: float | None = Field(None, ge=0, le=100, description="State of charge [percent]")
    speed: float = Field(0, ge=0, le=250, description="0 = parked in P; above 0 = moving in D [km/h]")
    time_of_day: str = Field("08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="HH:MM")
    outside_temperature: float | None = Field(None, ge=-50, le=60, description="[celsius]")
    cabin_temperature: float | None = Field(None, ge=-50, le=90,
                                            description="Default: the outside temperature [celsius]")
    home: bool = Field(False, description="Start the connected home (embedded MQTT broker); implied by "
                                          "home steps and expectations")

    @model_validator(mode="after")
    def _one_driver(self) -> Start:
        if self.profile is not None and self.fob is not None:
            raise ValueError("give either profile or fob, not both")
        return self

    def seconds_of_day(self) -> float:
        hours, minutes = self.time_of_day.split(":")
        return int(hours) * 3600.0 + int(minutes) * 60.0


class Expectation(Strict):
    """One check. Exactly one of `signal`, `text`, `message`, `command`, `device` says what is checked."""

    signal: str | None = Field(None, description="VSS path whose value is checked")
    equals: Scalar | None = None
    approx: Finite | None = None
    tolerance: Finite = Field(0.5, ge=0)
    between: list[Finite] | None = Field(None, min_length=2, max_length=2, description="[low, high]")
    at_least: Finite | None = None
    at_most: Finite | None = None
    target: bool = Field(False, description="Check the actuator's target instead of its current value")
    since: Seconds | None = Field(None, description="Check every value from this simulated time on [s]")
    text: str | None = Field(None, description="Text that must be on screen (a substring of a label)")
    message: str | None = Field(None, description="A message of the cockpit's catalogue, by its id (the "
                                                  "English text in the source), that must be on screen "
                                                  "in whatever language the screen shows")
    args: dict[str, Scalar] | None = Field(None, description="Values of the message's {placeholders}; "
                                                             "those left out match anything")
    visible: bool = True
    command: str | None = Field(None, description="Part of a command's description, e.g. "
                                                  "'IsPreconditioningActive'")
    status: Literal["applied", "deferred", "rejected"] = "applied"
    reason: str | None = Field(None, description="Part of the reason given with the command's outcome")
    device: str | None = Field(None, description="Home device id")
    state: dict[str, Scalar | list[Scalar]] | None = Field(None, description="Fields the device state "
                                                                            "must have")

    @field_validator("signal")
    @classmethod
    def _known_signal(cls, path: str | None) -> str | None:
        if path is not None:
            try:
                sig.spec_for(path)
            except UnknownSignal as error:
                raise ValueError(str(error)) from None
        return path

    @field_validator("message")
    @classmethod
    def _known_message(cls, message: str | None) -> str | None:
        if message is not None and message not in message_ids():
            near = difflib.get_close_matches(message, sorted(message_ids()), n=3, cutoff=0.4)
            hint = f"; did you mean {' or '.join(repr(m) for m in near)}?" if near else ""
            raise ValueError(f"no message {brief(message)} in the cockpit's catalogue{hint}")
        return message

    @model_validator(mode="after")
    def _shape(self) -> Expectation:
        kinds = [name for name in KINDS if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError(f"an expectation needs exactly one of {', '.join(KINDS)}; got "
                             + (", ".join(kinds) or "none"))
        if self.args is not None and self.message is None:
            raise ValueError("args only go with message")
        if self.signal is not None:
            checks = [name for name in ("equals", "approx", "between", "at_least", "at_most")
                      if getattr(self, name) is not None]
            if len(checks) != 1:
                raise ValueError("a signal expectation needs exactly one of equals, approx, between, "
                                 "at_least, at_most")
            if self.between is not None and self.between[0] > self.between[1]:
                raise FieldError(("between", 0), f"{self.between[0]:g} is above {self.between[1]:g}")
        if self.device is not None and not self.state:
            raise ValueError("a device expectation needs a state to compare")
        return self

    def describe(self) -> str:
        """What is expected, in a line for the summary and the report."""
        if self.signal is not None:
            where = f"{self.signal}{' (target)' if self.target else ''}"
            span = f" since t={self.since:g} s" if self.since is not None else ""
            if self.equals is not None:
                return f"{where} == {self.equals!r}{span}"
            if self.approx is not None:
                return f"{where} ≈ {self.approx:g} ± {self.tolerance:g}{span}"
            if self.between is not None:
                return f"{where} in [{self.between[0]:g}, {self.between[1]:g}]{span}"
            if self.at_least is not None:
                return f"{where} ≥ {self.at_least:g}{span}"
            return f"{where} ≤ {self.at_most:g}{span}"
        if self.text is not None:
            return f"text {self.text!r} {'on' if self.visible else 'not on'} screen"
        if self.message is not None:
            return f"message {self.message!r} {'on' if self.visible else 'not on'} screen"
        if self.command is not None:
            reason = f" because {self.reason!r}" if self.reason else ""
            return f"command matching {self.command!r} {self.status}{reason}"
        return f"home device {self.device} state {json.dumps(self.state, sort_keys=True)}"

    def words(self, w: Wording) -> str:
        """What is expected, in words for a person: "Speed stays at most 63 mph from 2.5 s"."""
        if self.signal is not None:
            return self._signal_words(self.signal, w)
        if self.text is not None:
            return (w(N_("The screen shows “{text}”"), text=self.text) if self.visible
                    else w(N_("The screen no longer shows “{text}”"), text=self.text))
        if self.message is not None:
            shown = self.message_template(w.tr)
            return (w(N_("The screen shows the message “{text}”"), text=shown) if self.visible
                    else w(N_("The screen no longer shows the message “{text}”"), text=shown))
        if self.command is not None:
            what = self._command_subject(self.command, w)
            said = {"applied": N_("{what}: the change is carried out"),
                    "deferred": N_("{what}: the change waits until the car is parked"),
                    "rejected": N_("{what}: the change is refused")}[self.status]
            text = w(said, what=what)
            if self.reason:
                return w(N_("{check}, saying “{reason}”"), check=text, reason=self.reason)
            return text
        assert self.state is not None
        state = ", ".join(_plain(value) if key == "state" else f"{key.replace('_', ' ')} {_plain(value)}"
                          for key, value in self.state.items())
        return w(N_("At home, {device} is {state}"), device=str(self.device).replace("_", " "), state=state)

    def _signal_words(self, path: str, w: Wording) -> str:
        unit = sig.CATALOGUE[path].unit

        def amount(number: float) -> str:
            return w.value(path, number) if self.equals is not None else w.quantity(number, unit)

        if self.equals is not None:
            check = w(N_("is {value}"), value=w.value(path, self.equals))
        elif self.approx is not None:
            check = w(N_("is about {value} (± {tolerance})"), value=amount(self.approx),
                      tolerance=w.quantity(self.tolerance, unit))
        elif self.between is not None:
            check = w(N_("is between {low} and {high}"), low=amount(self.between[0]),
                      high=amount(self.between[1]))
        elif self.at_least is not None:
            check = w(N_("is at least {value}"), value=amount(self.at_least))
        else:
            check = w(N_("is at most {value}"), value=amount(float(self.at_most or 0)))
        name = w.signal(path)
        if self.since is not None:
            return w(N_("{signal} stays {check} from {since}"), signal=name, check=_stays(check, w),
                     since=w.seconds(self.since))
        if self.target:
            return w(N_("{signal} is heading for {check}"), signal=name, check=_stays(check, w))
        return w(N_("{signal} {check}"), signal=name, check=check)

    def message_template(self, tr: Callable[[str], str]) -> str:
        """The message in the language of `tr`, its given args filled in ("{name}" left for the others)."""
        assert self.message is not None
        given = {key: str(value) for key, value in (self.args or {}).items()}
        return PLACEHOLDER.sub(lambda match: given.get(match[1], match[0]), tr(self.message))

    @staticmethod
    def _command_subject(fragment: str, w: Wording) -> str:
        """A command named by a piece of a signal's path ('Seat.Row1.DriverSide.Position'): the
        signal's name; anything else as written."""
        paths = [path for path in sig.CATALOGUE if path.endswith(fragment)]
        return w.signal(paths[0]) if len(paths) == 1 else f"“{fragment}”"


def _stays(check: str, w: Wording) -> str:
    """'is at most 100 km/h' -> 'at most 100 km/h' after 'stays' (the word 'is' is in the catalogue)."""
    is_ = w(N_("is")) + " "
    return check[len(is_):] if check.startswith(is_) else check


def _plain(value: object) -> str:
    if isinstance(value, list):
        return " / ".join(str(item) for item in value)
    return str(value).replace("_", " ").lower() if isinstance(value, str) else json.dumps(value)


class Drive(Strict):
    """Drive the route on the roads to a saved place (or `home`) at the speed limits, slowing for
    turns, then stop and park; without `to`, the active route (set by `navigate` or by voice)."""

    to: str | None = Field(None, description="A saved place of the active driver (e.g. Office), or 'home'")
    speed: float | None = Field(None, gt=0, le=200, description="No faster than this [km/h]; default: "
                                                                 "the roads' speed limits")


class HomeEvent(Strict):
    """Something happens at home outside the car: a device acts as if someone pressed its button."""

    device: str
    action: str
    params: dict[str, Any] = Field(default_factory=dict)


class MqttMessage(Strict):
    """A Home Assistant command arriving over MQTT, published by a second client."""

    topic: str = Field(max_length=200, description="Relative to the home's base topic (e.g. car/climate/"
                                                   "mode/set), or absolute when it starts with '/'")
    payload: str = Field(max_length=4096)

    @field_validator("topic")
    @classmethod
    def _publishable(cls, topic: str) -> str:
        if not topic.strip("/") or any(character in topic for character in "#+\x00"):
            raise ValueError(f"{brief(topic)} is not a topic one can publish to (no #, + or empty topic)")
        return topic
