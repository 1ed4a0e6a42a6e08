"""The driver profile schema (pydantic v2), version 1.

Strict on purpose: profiles are written by hand, so an unknown key or a quoted number is a typo to
report, not to guess at. Every numeric field that is cockpit state takes its unit, range and
default from the signal catalogue, so a profile can never ask for a value the car would refuse.
Lists replace a parent's list as a whole when a profile `extends` another; mappings merge.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cockpit.core import signals as sig
from cockpit.core.errors import brief
from cockpit.core.policy import Restrictions
from cockpit.personalisation.pin import HASH_PATTERN
from cockpit.yaml_source import FieldError

SCHEMA_VERSION = 1
T = TypeVar("T")
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"

Blockable = Literal["video", "keyboard", "setup", "phone_dialpad", "text_messages"]
MediaSource = Literal["AM", "FM", "DAB", "SIRIUS_XM", "CD", "USB", "BLUETOOTH", "INTERNET", "AUX", "TV",
                      "DVD"]
Preset = Literal["none", "teen", "valet"]


def signal_field(path: str, description: str, **bounds: float) -> Any:
    """A field bounded, defaulted and documented by the catalogue entry of `path`."""
    spec = sig.CATALOGUE[path]
    unit = f" [{spec.unit}]" if spec.unit else ""
    lower = bounds.get("ge", spec.minimum)
    upper = bounds.get("le", spec.maximum)
    return Field(default=spec.default, ge=lower, le=upper, description=f"{description}{unit}; VSS {path}")


class Strict(BaseModel):
    """Base of every profile model: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False, allow_inf_nan=False)


class Identity(Strict):
    """Who the driver is; never inherited through `extends`."""

    id: str = Field(pattern=ID_PATTERN, description="Profile id, unique across the profiles folder")
    display_name: str = Field(min_length=1, max_length=40, description="Name shown on the badge")
    avatar_colour: str = Field(default="3A7BFF", pattern=sig.HEX_COLOUR,
                               description="Badge colour, RRGGBB hex")
    key_fobs: list[str] = Field(default_factory=list, description="Key fob ids that select this driver",
                                json_schema_extra={"uniqueItems": True})

    @field_validator("key_fobs")
    @classmethod
    def _fob_ids(cls, fobs: list[str]) -> list[str]:
        for index, fob in enumerate(fobs):
            if not fob or len(fob) > 32 or not fob.replace("-", "").replace("_", "").isalnum():
                raise FieldError((index,),
                                 f"key fob id {brief(fob)} must be 1-32 letters, digits, '-' or '_'")
            if fob in fobs[:index]:
                raise FieldError((index,), f"key fob id {brief(fob)} is listed twice")
        return fobs


class Seat(Strict):
    """Driver seat; moves only while parked, at motor speed."""

    position_mm: int = signal_field(sig.SEAT_POSITION, "Fore/aft position from the front stop")
    height_mm: int = signal_field(sig.SEAT_HEIGHT, "Cushion height above the lowest position")
    recline_deg: float = signal_field(sig.SEAT_RECLINE, "Backrest recline from upright")
    lumbar_pct: float = signal_field(sig.SEAT_LUMBAR, "Lumbar support")


class Mirror(Strict):
    """One exterior mirror."""

    tilt_pct: int = signal_field(sig.MIRROR_LEFT_TILT, "Tilt, negative is down")
    pan_pct: int = signal_field(sig.MIRROR_LEFT_PAN, "Pan, negative is left")


class Mirrors(Strict):
    """Both exterior mirrors."""

    left: Mirror = Field(default_factory=Mirror)
    right: Mirror = Field(default_factory=Mirror)


class SteeringColumn(Strict):
    """Steering column; moves only while parked."""

    reach_pct: int = signal_field(sig.STEERING_REACH, "Column extension toward the driver")
    height_pct: int = signal_field(sig.STEERING_HEIGHT, "Column tilt up")


class Zone(Strict):
    """One climate zone."""

    setpoint_c: float = signal_field(sig.DRIVER_TEMP, "Temperature setpoint")
    fan_pct: int = signal_field(sig.DRIVER_FAN, "Fan level")


class Climate(Strict):
    """Cabin climate."""

    driver: Zone = Field(default_factory=Zone)
    passenger: Zone = Field(default_factory=Zone)
    ac: bool = Field(default=True, description="Air conditioning on")
    auto: bool = Field(default=True, description="Automatic climate control on")
    recirculation: bool = Field(default=False, description="Recirculate cabin air")
    seat_heating_pct: int = signal_field(sig.SEAT_HEAT, "Driver seat heating; negative ventilates")
    passenger_seat_heating_pct: int = signal_field(sig.PASSENGER_SEAT_HEAT,
                                                   "Passenger seat heating; negative ventilates")
    steering_heating_pct: int = signal_field(sig.STEERING_HEAT, "Steering-wheel heating", ge=0)


class Ambient(Strict):
    """Ambient cabin light."""

    enabled: bool = Field(default=True, description="Ambient light on")
    colour: str = Field(default=str(sig.CATALOGUE[sig.AMBIENT_COLOR].default), pattern=sig.HEX_COLOUR,
                        description=f"RRGGBB hex; VSS {sig.AMBIENT_COLOR}")
    brightness_pct: int = signal_field(sig.AMBIENT_INTENSITY, "Ambient light brightness")


class Display(Strict):
    """Dashboard appearance and units."""

    theme: Literal["day", "night", "auto"] = Field(default="auto", description="auto follows the time of day")
    units: Literal["metric", "imperial"] = "metric"
    clock: Literal["12h", "24h"] = "24h"
    language: str = Field(default="en-GB", pattern=sig.LANGUAGE_TAG,
                          description="BCP 47 language tag, e.g. de-DE")
    cluster_layout: Literal["classic", "minimal", "sport"] = "classic"
    text_size: Literal["standard", "large", "extra_large"] = "standard"
    high_contrast: bool = False
    brightness_pct: float = signal_field(sig.BRIGHTNESS, "Screen brightness")


class Station(Strict):
    """A favourite station."""

    name: str = Field(min_length=1, max_length=40)
    source: MediaSource = "FM"
    frequency_mhz: float | None = Field(default=None, ge=0.15, le=240.0, description="Tuning frequency [MHz]")
    uri: str | None = Field(default=None, max_length=200, description="Stream address for INTERNET sources")


class Equaliser(Strict):
    """Tone settings."""

    bass_db: float = Field(default=0.0, ge=-12, le=12, description="Bass gain [dB]")
    mid_db: float = Field(default=0.0, ge=-12, le=12, description="Mid gain [dB]")
    treble_db: float = Field(default=0.0, ge=-12, le=12, description="Treble gain [dB]")


class Media(Strict):
    """Media preferences."""

    favourite_stations: list[Station] = Field(default_factory=list)
    default_source: MediaSource = Field(default="FM", description=f"VSS {sig.MEDIA_SOURCE}")
    volume_pct: int = signal_field(sig.VOLUME, "Volume")
    eq: Equaliser = Field(default_factory=Equaliser)
    last_played: str = Field(default="", max_length=200,
                             description="What plays when the driver gets in: a catalogue uri such as "
                                         "station:bbc-radio-4 or a query such as radio:Jazz FM; learned "
                                         f"from what the driver chooses (VSS {sig.MEDIA_URI})")


class Charging(Strict):
    """How the car charges for this driver."""

    limit_pct: int = signal_field(sig.CHARGE_LIMIT, "Charging stops at this state of charge")


SettingsValidator = Callable[[dict[str, JsonValue]], object]
AdapterCheck = Callable[[str], object]
_SETTINGS_VALIDATORS: dict[str, SettingsValidator] = {}
_ADAPTER_CHECKS: list[AdapterCheck] = []


def register_settings_validator(adapter: str, validate: SettingsValidator) -> None:
    """Let an assistant adapter check `assistant.settings` with its own model.

    `validate` raises ValueError (a pydantic ValidationError is one) for bad settings. The
    assistants part registers its adapters here; this module never imports it.
    """
    _SETTINGS_VALIDATORS[adapter] = validate


def require_installed_adapters(check: AdapterCheck) -> None:
    """Check `assistant.adapter` too: `check(name)` raises ValueError for an adapter that is not
    installed or does not load (`cockpit profiles check`; a running cockpit is lenient instead and
    tells the driver their assistant could not start)."""
    _ADAPTER_CHECKS[:] = [check]


class Assistant(Strict):
    """Voice assistant preferences."""

    adapter: str = Field(default="alexa", pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="Adapter name")
    wake_word: bool = Field(default=True, description="Listen for the wake word")
    spoken_replies: bool = Field(default=True, description="Speak replies aloud")
    settings: dict[str, JsonValue] = Field(default_factory=dict,
                                           description="Adapter settings, checked by the adapter's model")
    voice_pin_hash: SecretStr | None = Field(
        default=None, description="Hash of the voice PIN that unlocking, opening the garage or disarming by "
                                  "voice asks for (made like restrictions.pin_hash, never the PIN itself); "
                                  "without one, the assistant asks for a yes")

    @field_validator("voice_pin_hash", mode="before")
    @classmethod
    def _a_hash_not_a_voice_pin(cls, value: object) -> object:
        """A plain PIN (or anything else) is refused without repeating it back."""
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if text is not None and not (isinstance(text, str) and re.match(HASH_PATTERN, text)):
            raise ValueError("must be a PIN hash (scrypt$...), never the PIN itself")
        return text

    @field_validator("adapter")
    @classmethod
    def _installed(cls, adapter: str) -> str:
        for check in _ADAPTER_CHECKS:
            check(adapter)
        return adapter

    @field_validator("settings")
    @classmethod
    def _adapter_settings(cls, settings: dict[str, JsonValue], info: ValidationInfo) -> dict[str, JsonValue]:
        validate = _SETTINGS_VALIDATORS.get(str(info.data.get("adapter", "")))
        if validate is not None:
            validate(settings)
        return settings


class SavedPlace(Strict):
    """A navigation favourite."""

    name: str = Field(min_length=1, max_length=40)
    kind: Literal["home", "work", "other"] = "other"
    latitude: float = Field(ge=-90, le=90, description="WGS84 latitude [degrees]")
    longitude: float = Field(ge=-180, le=180, description="WGS84 longitude [degrees]")


class Navigation(Strict):
    """Navigation favourites."""

    saved_places: list[SavedPlace] = Field(default_factory=list)


class HomeAction(Strict):
    """One home-device action of a routine, e.g. open the garage door."""

    device: str = Field(min_length=1, max_length=64, description="Home device id")
    action: str = Field(min_length=1, max_length=64, description="What the device should do")
    params: dict[str, JsonValue] = Field(default_factory=dict)


class Home(Strict):
    """The driver's home, for geofenced routines."""

    latitude: float = Field(ge=-90, le=90, description="Home latitude [degrees]")
    longitude: float = Field(ge=-180, le=180, description="Home longitude [degrees]")
    geofence_radius_m: float = Field(default=150.0, ge=20, le=5000, description="Arrive/leave radius [m]")
    on_arrive: list[HomeAction] = Field(default_factory=list)
    on_leave: list[HomeAction] = Field(default_factory=list)


PRESETS: dict[str, Restrictions] = {
    "none": Restrictions(),
    "teen": Restrictions(speed_warning_kmh=90.0, speed_cap_kmh=100.0, max_volume=50,
                         blocked_while_driving=frozenset({"video", "text_messages", "phone_dialpad"})),
    "valet": Restrictions(speed_warning_kmh=40.0, speed_cap_kmh=50.0, max_volume=20,
                          blocked_while_driving=frozenset({"video", "text_messages", "phone_dialpad",
                                                           "setup", "keyboard"})),
}
_MAX_SPEED = sig.CATALOGUE[sig.SPEED].maximum


class RestrictionSettings(Strict):
    """Limits for this driver; unset fields come from the preset."""

    preset: Preset = Field(default="none", description="teen or valet start from fixed limits")
    speed_warning_kmh: float | None = Field(default=None, ge=10, le=_MAX_SPEED,
                                            description="Chime above [km/h]")
    speed_cap_kmh: float | None = Field(default=None, ge=10, le=_MAX_SPEED, description="Top speed [km/h]")
    max_volume_pct: int | None = Field(default=None, ge=0, le=100, description="Loudest volume [percent]")
    blocked_while_driving: list[Blockable] | None = Field(default=None,
                                                          description="Features off while moving")
    pin_hash: SecretStr | None = Field(
        default=None, description="Hash of the PIN that leaving this profile needs, made by "
                                  "`cockpit profiles pin` (never the PIN itself)")

    @field_validator("pin_hash", mode="before")
    @classmethod
    def _a_hash_not_a_pin(cls, value: object) -> object:
        """A plain PIN (or anything else) is refused without repeating it back."""
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if text is not None and not (isinstance(text, str) and re.match(HASH_PATTERN, text)):
            raise ValueError("must be a hash made by `cockpit profiles pin`, never the PIN itself")
        return text

    @property
    def restricted(self) -> bool:
        """Set for this driver by someone else: a teen or valet preset, or a PIN to leave it."""
        return self.preset != "none" or self.pin_hash is not None

    def resolve(self) -> Restrictions:
        """The live restrictions: the preset with this profile's own values over it."""
        base = PRESETS[self.preset]
        blocked = (frozenset(self.blocked_while_driving) if self.blocked_while_driving is not None
                   else base.blocked_while_driving)
        return Restrictions(
            speed_warning_kmh=_first(self.speed_warning_kmh, base.speed_warning_kmh),
            speed_cap_kmh=_first(self.speed_cap_kmh, base.speed_cap_kmh),
            max_volume=_first(self.max_volume_pct, base.max_volume),
            blocked_while_driving=blocked, restricted=self.restricted)

    @model_validator(mode="after")
    def _warning_below_cap(self) -> RestrictionSettings:
        live = self.resolve()
        if (live.speed_warning_kmh is not None and live.speed_cap_kmh is not None
                and live.speed_warning_kmh > live.speed_cap_kmh):
            raise ValueError(f"speed warning {live.speed_warning_kmh:g} km/h is above the speed cap "
                             f"{live.speed_cap_kmh:g} km/h")
        return self


def _first(value: T | None, fallback: T | None) -> T | None:
    return value if value is not None else fallback


class Privacy(Strict):
    """What the cockpit may keep or share."""

    share_location: bool = Field(default=False, description="Share the car's position with the home")
    telemetry: bool = Field(default=False, description="Send anonymous usage data")
    learn_preferences: bool = Field(default=True, description="Remember settings changed in the car")


class Profile(Strict):
    """One driver's profile, as written in a YAML file."""

    model_config = ConfigDict(title="SmartCockpit driver profile")

    schema_version: Literal[1] = Field(description="Always 1 for this schema")
    extends: str | None = Field(default=None, pattern=ID_PATTERN, description="Id of a profile to merge over")
    identity: Identity
    seat: Seat = Field(default_factory=Seat)
    mirrors: Mirrors = Field(default_factory=Mirrors)
    steering: SteeringColumn = Field(default_factory=SteeringColumn)
    climate: Climate = Field(default_factory=Climate)
    ambient: Ambient = Field(default_factory=Ambient)
    display: Display = Field(default_factory=Display)
    media: Media = Field(default_factory=Media)
    charging: Charging = Field(default_factory=Charging)
    assistant: Assistant = Field(default_factory=Assistant)
    navigation: Navigation = Field(default_factory=Navigation)
    home: Home | None = None
    restrictions: RestrictionSettings = Field(default_factory=RestrictionSettings)
    privacy: Privacy = Field(default_factory=Privacy)

    @model_validator(mode="after")
    def _not_its_own_parent(self) -> Profile:
        if self.extends is not None and self.extends == self.identity.id:
            raise FieldError("extends", f"profile {brief(self.identity.id)} cannot extend itself")
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to complete and check profile files."""
    schema = Profile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://smartcockpit.invalid/profile.schema.json", **schema}


def schema_text() -> str:
    """The JSON Schema as committed in profiles/profile.schema.json."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
