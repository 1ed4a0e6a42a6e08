"""The steps of a scenario's timeline: one pydantic model per action, chosen by the action's key.

A step in a file is a mapping with exactly one action key (`key`, `say`, `cycle`, `expect`, ...),
the modifiers of that action (`hold` with `key`, `assistant` with `say`) and a time: `at`
(simulated seconds since the start) or `after` (seconds after the previous step). `Step` picks
the model by the action key and validates the step with it, so every problem is reported where it
is in the file (pydantic's own tagged unions put the tag into the error's location). The JSON
Schema offers the models as alternatives, each requiring its action and refusing the others.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, PlainValidator, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from cockpit.core.errors import brief
from cockpit.i18n import N_
from cockpit.scenario.fields import (
    NAME_PATTERN,
    Drive,
    Expectation,
    HomeEvent,
    KeyName,
    MqttMessage,
    Seconds,
    Strict,
)
from cockpit.scenario.words import Wording
from cockpit.ui.keys import BINDINGS
from cockpit.vehicle.cycles import CYCLES
from cockpit.vehicle.cycles import load as load_cycle

CYCLE_PATTERN = re.compile(r"^(?P<name>\w+)(\s+from\s+(?P<start>\d+(\.\d+)?)\s+to\s+(?P<end>\d+(\.\d+)?))?$")


class StepBase(Strict):
    """What every step has: its time. Subclasses add their action and say what it does."""

    ACTION: ClassVar[str]
    MODIFIERS: ClassVar[tuple[str, ...]] = ()  # keys that only go with this action

    at: Seconds | None = Field(None, description="Simulated time of the step [s]")
    after: Seconds | None = Field(None, description="Seconds after the previous step [s]")

    @model_validator(mode="after")
    def _one_time(self) -> StepBase:
        if self.at is not None and self.after is not None:
            raise ValueError("give either at or after, not both")
        return self

    @property
    def action(self) -> str:
        return self.ACTION

    @property
    def waits_s(self) -> float:
        """Simulated time the step lets pass after it (a `wait`)."""
        return 0.0

    @property
    def holds_s(self) -> float:
        """How long the step keeps a key pressed (a `key` with `hold`)."""
        return 0.0

    @property
    def expectations(self) -> list[Expectation]:
        return []

    @property
    def needs_home(self) -> bool:
        """Whether the step needs the connected home (and so an MQTT broker)."""
        return False

    def describe(self) -> str:
        """The step's action in one line, as written (for the progress line and the log)."""
        return f"{self.ACTION} {getattr(self, self.ACTION)}"

    def words(self, w: Wording) -> str:
        """The step in words for a person, in the report's language and the driver's units.
        A step type without its own wording falls back to `describe()`."""
        return self.describe()


class KeyStep(StepBase):
    ACTION = "key"
    MODIFIERS = ("hold",)
    key: KeyName = Field(description="Press a dashboard key (pygame name)")
    hold: float | None = Field(None, gt=0, le=3600, description="Hold the key this long [s]")

    @property
    def holds_s(self) -> float:
        return self.hold or 0.0

    def describe(self) -> str:
        return f"key {self.key}" + (f" held {self.hold:g} s" if self.hold else "")

    def words(self, w: Wording) -> str:
        what = next((w(binding.help) for binding in BINDINGS if self.key in binding.keys), "")
        key = key_label(self.key, w)
        if self.hold:
            return w(N_("Hold {key} for {seconds}: {what}"), key=key, seconds=w.seconds(self.hold), what=what)
        return w(N_("Press {key}: {what}"), key=key, what=what) if what else w(N_("Press {key}"), key=key)


class ClickStep(StepBase):
    ACTION = "click"
    click: list[int] = Field(min_length=2, max_length=2,
                             description="Click at [x, y] on the 1920x720 dashboard")

    def words(self, w: Wording) -> str:
        return w(N_("Click at {x}, {y}"), x=self.click[0], y=self.click[1])


class TypeStep(StepBase):
    ACTION = "type"
    type: str = Field(min_length=1, max_length=200,
                      description="Type text on the keyboard (the push-to-talk box)")


class FobStep(StepBase):
    ACTION = "fob"
    fob: str = Field(description="Present a key fob")

    def words(self, w: Wording) -> str:
        number = self.fob.removeprefix("fob-")
        if self.fob in w.drivers:
            return w(N_("{driver} presents key fob {number}"), driver=w.drivers[self.fob], number=number)
        return w(N_("Key fob {number} is presented"), number=number)


class ProfileStep(StepBase):
    ACTION = "profile"
    profile: str = Field(description="Apply a driver profile")

    def words(self, w: Wording) -> str:
        return w(N_("Choose the driver {driver}"), driver=w.drivers.get(self.profile, self.profile))


class SayStep(StepBase):
    ACTION = "say"
    MODIFIERS = ("assistant",)
    say: str = Field(min_length=1, description="An utterance for the assistant")
    assistant: str | None = Field(None, description="Adapter for `say` (default: the driver's)")

    def describe(self) -> str:
        return f"say {self.say!r}" + (f" to {self.assistant}" if self.assistant else "")

    def words(self, w: Wording) -> str:
        if self.assistant:
            return w(N_("Say “{utterance}” to {assistant}"), utterance=self.say,
                     assistant=self.assistant.capitalize())
        return w(N_("Say “{utterance}”"), utterance=self.say)


class GearStep(StepBase):
    ACTION = "gear"
    gear: Literal["P", "R", "N", "D"]

    def words(self, w: Wording) -> str:
        return w(N_("Select gear {gear}"), gear=self.gear)


class AcceleratorStep(StepBase):
    ACTION = "accelerator"
    accelerator: int = Field(ge=0, le=100, description="Hold the pedal here [percent]")

    def describe(self) -> str:
        return f"accelerator pedal at {self.accelerator} %"

    def words(self, w: Wording) -> str:
        if not self.accelerator:
            return w(N_("Foot off the accelerator"))
        return w(N_("Accelerator pedal at {percent}"), percent=w.quantity(self.accelerator, "percent"))


class BrakeStep(StepBase):
    ACTION = "brake"
    brake: int = Field(ge=0, le=100, description="Hold the pedal here [percent]")

    def describe(self) -> str:
        return f"brake pedal at {self.brake} %"

    def words(self, w: Wording) -> str:
        if not self.brake:
            return w(N_("Foot off the brake"))
        return w(N_("Brake pedal at {percent}"), percent=w.quantity(self.brake, "percent"))


class CycleStep(StepBase):
    ACTION = "cycle"
    cycle: str = Field(description="A drive-cycle segment: 'wltp_class3b from 0 to 120'")

    @field_validator("cycle")
    @classmethod
    def _cycle(cls, text: str) -> str:
        match = CYCLE_PATTERN.match(text.strip())
        if match is None:
            raise ValueError(f"cycle must read 'NAME' or 'NAME from START to END', not {brief(text)}")
        if match["name"] not in CYCLES:
            raise ValueError(f"drive cycle {brief(match['name'])} not found; known: "
                             f"{', '.join(sorted(CYCLES))}")
        if match["start"] is not None and float(match["start"]) >= float(match["end"]):
            raise ValueError(f"cycle segment must end after it starts: {brief(text)}")
        length = load_cycle(match["name"]).duration_s
        if match["end"] is not None and float(match["end"]) > length:
            raise ValueError(f"drive cycle {match['name']} lasts {length:g} s; the segment ends at "
                             f"{match['end']} s")
        return text

    def segment(self) -> tuple[str, float, float | None]:
        """(name, start, end) of the cycle segment."""
        match = CYCLE_PATTERN.match(self.cycle.strip())
        assert match is not None
        end = float(match["end"]) if match["end"] is not None else None
        return match["name"], float(match["start"] or 0), end

    def words(self, w: Wording) -> str:
        name, start, end = self.segment()
        first, _, rest = name.partition("_")
        cycle = f"{first.upper()} {rest.replace('_', ' ')}".strip()
        if end is None:
            return w(N_("Drive the {cycle} cycle"), cycle=cycle)
        return w(N_("Drive the {cycle} cycle from {start} to {end}"), cycle=cycle, start=w.seconds(start),
                 end=w.seconds(end))


class SpeedStep(StepBase):
    ACTION = "speed"
    speed: float = Field(ge=0, le=200, description="Drive at this speed from now on [km/h]")

    def describe(self) -> str:
        return f"drive at {self.speed:g} km/h" if self.speed else "stop and hold the brake"

    def words(self, w: Wording) -> str:
        if not self.speed:
            return w(N_("Stop and hold the brake"))
        return w(N_("Drive at {speed}"), speed=w.quantity(self.speed, "km/h"))


class DriveStep(StepBase):
    ACTION = "drive"
    drive: Drive

    @property
    def needs_home(self) -> bool:
        return (self.drive.to or "").lower() == "home"

    def describe(self) -> str:
        where = f" to {self.drive.to}" if self.drive.to else " the route"
        return f"drive{where}" + (f" at up to {self.drive.speed:g} km/h" if self.drive.speed else "")

    def words(self, w: Wording) -> str:
        text = (w(N_("Drive to {place}"), place=place_name(self.drive.to, w)) if self.drive.to
                else w(N_("Drive the route")))
        if self.drive.speed:
            return w(N_("{drive}, at up to {speed}"), drive=text, speed=w.quantity(self.drive.speed, "km/h"))
        return text


class NavigateStep(StepBase):
    ACTION = "navigate"
    navigate: str = Field(min_length=1, description="Make a saved place (or 'home') the destination, as the "
                                                    "Navigation tab does")

    @property
    def needs_home(self) -> bool:
        return self.navigate.lower() == "home"

    def describe(self) -> str:
        return f"navigate to {self.navigate}"

    def words(self, w: Wording) -> str:
        return w(N_("Navigate to {place}"), place=place_name(self.navigate, w))


class _AtHome(StepBase):
    """A step that happens in the connected home."""

    @property
    def needs_home(self) -> bool:
        return True


class HomeEventStep(_AtHome):
    ACTION = "home_event"
    home_event: HomeEvent

    def describe(self) -> str:
        return f"home: {self.home_event.device} {self.home_event.action}"

    def words(self, w: Wording) -> str:
        event = self.home_event
        return w(N_("At home: {device} does “{action}”"), device=device_name(event.device),
                 action=event.action.replace("_", " "))


class MqttStep(_AtHome):
    ACTION = "mqtt"
    mqtt: MqttMessage

    def describe(self) -> str:
        return f"MQTT {self.mqtt.topic} ← {self.mqtt.payload!r}"

    def words(self, w: Wording) -> str:
        return w(N_("Home Assistant sends “{payload}” to {topic}"), payload=self.mqtt.payload,
                 topic=self.mqtt.topic)


class WaitStep(StepBase):
    ACTION = "wait"
    wait: Seconds = Field(gt=0, description="Let time pass [s]")

    @property
    def waits_s(self) -> float:
        return self.wait

    def describe(self) -> str:
        return f"wait {self.wait:g} s"

    def words(self, w: Wording) -> str:
        return w(N_("Wait {seconds}"), seconds=w.seconds(self.wait))


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class ExpectStep(StepBase):
    ACTION = "expect"
    expect: Annotated[list[Expectation], BeforeValidator(
        _one_or_many, json_schema_input_type=Expectation | list[Expectation])] = Field(
        description="One expectation or a list of them")

    @property
    def expectations(self) -> list[Expectation]:
        return self.expect

    @property
    def needs_home(self) -> bool:
        return any(expectation.device for expectation in self.expect)

    def describe(self) -> str:
        return "expect " + "; ".join(expectation.describe() for expectation in self.expect)

    def words(self, w: Wording) -> str:
        return w(N_("Check: {what}"), what="; ".join(expectation.words(w) for expectation in self.expect))


class ScreenshotStep(StepBase):
    ACTION = "screenshot"
    screenshot: str = Field(pattern=NAME_PATTERN, description="Save the screen as NAME.png")

    def words(self, w: Wording) -> str:
        return w(N_("Screenshot “{name}”"), name=self.screenshot.replace("_", " "))


KEY_LABELS = {"up": "↑", "down": "↓", "left": "←", "right": "→", "space": N_("Space"), "return": N_("Enter"),
              "enter": N_("Enter"), "escape": "Esc", "tab": "Tab", "page up": "PgUp", "page down": "PgDn"}


def key_label(key: str, w: Wording) -> str:
    """A key as printed on it: "↓", "Space", "F1", "T"."""
    return w(KEY_LABELS[key]) if key in KEY_LABELS else key.upper() if len(key) <= 3 else key.title()


def place_name(place: str | None, w: Wording) -> str:
    return w(N_("home")) if (place or "").lower() == "home" else str(place)


def device_name(device_id: str) -> str:
    """A home device id as words: "light_hallway" -> "Light hallway"."""
    return device_id.replace("_", " ").capitalize()


STEP_TYPES: tuple[type[StepBase], ...] = (
    KeyStep, ClickStep, TypeStep, FobStep, ProfileStep, SayStep, GearStep, AcceleratorStep, BrakeStep,
    CycleStep, SpeedStep, DriveStep, NavigateStep, HomeEventStep, MqttStep, WaitStep, ExpectStep,
    ScreenshotStep)
BY_ACTION: dict[str, type[StepBase]] = {step.ACTION: step for step in STEP_TYPES}
ACTIONS: tuple[str, ...] = tuple(BY_ACTION)
MODIFIERS: dict[str, str] = {modifier: step.ACTION for step in STEP_TYPES for modifier in step.MODIFIERS}


KNOWN_KEYS: frozenset[str] = frozenset(key for step in STEP_TYPES for key in step.model_fields)


def parse_step(data: Any) -> StepBase:
    """The step model for `data`'s action key, validated; raises ValidationError or ValueError
    naming what is wrong, each problem where it is."""
    if isinstance(data, StepBase):
        return data
    if not isinstance(data, dict):
        raise ValueError(f"a step is a mapping of one action and its time, not {type(data).__name__}")
    present = [action for action in ACTIONS if action in data]
    if len(present) == 1:
        misplaced = [key for key, action in MODIFIERS.items() if key in data and action != present[0]]
        if misplaced:
            raise ValueError(f"{misplaced[0]} only goes with {MODIFIERS[misplaced[0]]}")
        return BY_ACTION[present[0]].model_validate(data)
    # No action, or several: say so, and point at keys no step knows (a misspelt action, most likely).
    problems = [_key_problem(key, value) for key, value in data.items()
                if not isinstance(key, str) or key not in KNOWN_KEYS]
    problems.append(InitErrorDetails(type=PydanticCustomError(
        "step_action", "a step needs exactly one action ({actions}); got {got}",
        {"actions": ", ".join(ACTIONS), "got": ", ".join(present) or "none"}), loc=(), input=data))
    raise ValidationError.from_exception_data("Step", problems)


def _key_problem(key: object, value: object) -> InitErrorDetails:
    """pydantic's own error for a key a step does not have (or that is not a name at all)."""
    if isinstance(key, str):
        return InitErrorDetails(type="extra_forbidden", loc=(key,), input=value)
    return InitErrorDetails(type="invalid_key", loc=(str(key),), input=key)


AnyStep = (KeyStep | ClickStep | TypeStep | FobStep | ProfileStep | SayStep | GearStep | AcceleratorStep
           | BrakeStep | CycleStep | SpeedStep | DriveStep | NavigateStep | HomeEventStep | MqttStep
           | WaitStep | ExpectStep | ScreenshotStep)
# The union (not StepBase) is what error messages look fields up in: units, "did you mean".
Step = Annotated[AnyStep, PlainValidator(parse_step, json_schema_input_type=AnyStep)]
