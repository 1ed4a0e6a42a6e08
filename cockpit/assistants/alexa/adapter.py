"""The Alexa-style adapter: wake word "Alexa", Smart Home directives, Alexa's brief replies.

Each understood utterance becomes directives (see codec.py); the adapter then carries out exactly
those directives by decoding them back into cockpit commands, so the JSON it shows is what ran.
A directive received as input is answered with an `Alexa.Response` or `Alexa.ErrorResponse`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from cockpit.assistants.alexa import carcontrol as cc
from cockpit.assistants.alexa.codec import decode, encode
from cockpit.assistants.alexa.envelope import (
    DirectiveError,
    challenge_response,
    error_response,
    response,
    time_of_sample,
    unpack,
)
from cockpit.assistants.alexa.style import ALEXA_STYLE
from cockpit.assistants.base import (
    AdapterSettings,
    AssistantAdapter,
    Decoded,
    Native,
    Rendering,
    ReplyStyle,
    refuse,
)
from cockpit.assistants.grammar import Intent
from cockpit.core import signals as sig
from cockpit.core.commands import Command, HomeCommand, SetSignal
from cockpit.core.confirmation import Method
from cockpit.core.errors import InvalidInput
from cockpit.core.facts import ALL_LIGHTS
from cockpit.core.outcome import Outcome

HOME_STATE = {
    "turn_on": ("Alexa.PowerController", "powerState", "ON"),
    "turn_off": ("Alexa.PowerController", "powerState", "OFF"),
    "lock": ("Alexa.LockController", "lockState", "LOCKED"),
    "unlock": ("Alexa.LockController", "lockState", "UNLOCKED"),
    "disarm": ("Alexa.SecurityPanelController", "armState", "DISARMED"),
}


class AlexaSettings(AdapterSettings):
    """Per-driver Alexa settings from the profile. `brief_mode`: Alexa's brief mode, a short "OK"
    instead of saying what changed (off unless the driver turns it on)."""

    locale: str = "en-US"
    brief_mode: bool = False


class AlexaAdapter(AssistantAdapter):
    """Alexa-style assistant speaking Alexa Smart Home directives (payload version 3)."""

    name: ClassVar[str] = "alexa"
    display_name: ClassVar[str] = "Alexa"
    wake_words: ClassVar[tuple[str, ...]] = ("Alexa",)
    settings_model: ClassVar[type[AdapterSettings]] = AlexaSettings
    api_version: ClassVar[int | None] = 1
    reply_style: ClassVar[ReplyStyle] = ALEXA_STYLE

    def _render(self, intent: Intent) -> Rendering:
        native: list[Native] = []
        commands: list[Command] = []
        refused: list[Outcome] = []
        for command in intent.commands:
            message = encode(command)
            if message is None:
                commands.append(command)
                continue
            native.append(message)
            try:
                commands.append(decode(*unpack(message), self.cockpit, self._home_devices()))
            except DirectiveError as error:
                refused.append(refuse(command, str(error)))
        return Rendering(tuple(native), tuple(commands), tuple(refused))

    def _decode(self, message: Mapping[str, Any]) -> Decoded:
        header: dict[str, Any] | None = None
        endpoint_id: str | None = None
        try:
            header, endpoint_id, payload = unpack(message)
            command = decode(header, endpoint_id, payload, self.cockpit, self._home_devices())
            self._check_value(command)
        except DirectiveError as error:
            summary = f"directive {header['namespace']}.{header['name']}" if header else "directive"
            answer = error_response(header, endpoint_id, error)
            return Decoded(summary, lambda outcomes: answer, error=str(error))
        summary = f"directive {header['namespace']}.{header['name']} for {endpoint_id}"
        return Decoded(summary, lambda outcomes: self._answer(header, endpoint_id, outcomes), (command,))

    def _challenge(self, message: Mapping[str, Any], decoded: Decoded) -> Native | None:
        """With a voice PIN, a directive that opens the house or the car is answered with an
        Alexa.AuthorizationController ChallengeResponse: Alexa asks the driver for the PIN, and the
        PIN the driver says releases the held directive. Without one, the directive already had the
        confirmation its verificationsRequired asks Alexa for."""
        if self.cockpit.confirmations.method is not Method.PIN:
            return None
        header, endpoint_id, _ = unpack(message)
        return challenge_response(header, endpoint_id)

    def _home_devices(self) -> frozenset[str] | None:
        """The connected home's device ids, and the group of all its lights (None: no home known)."""
        devices = self.grammar.context.devices
        if devices is None:
            return None
        lights = any(device.kind == "light" for device in devices)
        return frozenset(device.id for device in devices) | ({ALL_LIGHTS} if lights else set())

    def _check_value(self, command: Command) -> None:
        if isinstance(command, SetSignal):
            try:
                self.cockpit.spec(command.path).validate(command.value)
            except InvalidInput as error:
                raise DirectiveError("INVALID_VALUE", str(error)) from None

    def _answer(self, request: Mapping[str, Any], endpoint_id: str, outcomes: Sequence[Outcome]) -> Native:
        outcome = outcomes[0]
        if outcome.rejected and isinstance(outcome.command, HomeCommand):
            return error_response(
                request, endpoint_id, DirectiveError("ENDPOINT_UNREACHABLE", outcome.reason)
            )
        if outcome.rejected or outcome.deferred:
            message = outcome.reason if outcome.rejected else f"{outcome.reason}; it will be applied then"
            error = DirectiveError("NOT_SUPPORTED_IN_CURRENT_MODE", message, currentDeviceMode="OTHER")
            return error_response(request, endpoint_id, error)
        return response(request, endpoint_id, self._properties(outcome.command))

    def _properties(self, command: Command) -> list[dict[str, Any]]:
        sample = time_of_sample(self.cockpit.clock)
        if isinstance(command, HomeCommand):
            state = HOME_STATE.get(command.action)
            if state is None:
                return []
            return [
                {
                    "namespace": state[0],
                    "name": state[1],
                    "value": state[2],
                    "timeOfSample": sample,
                    "uncertaintyInMilliseconds": 500,
                }
            ]
        path = getattr(command, "path", None)
        if path == sig.DOOR_LOCKED:
            locked = "LOCKED" if self.cockpit.value(sig.DOOR_LOCKED) else "UNLOCKED"
            return [{"namespace": "Alexa.LockController", "name": "lockState", "value": locked,
                     "timeOfSample": sample, "uncertaintyInMilliseconds": 0}]
        control = cc.BY_PATH.get(path) if isinstance(path, str) else None
        if control is None:
            return self._media_properties(path, sample)
        target = self.cockpit.target(control.path)
        value: Any = (
            control.to_range(float(target)) if control.capability == cc.RANGE else ("ON" if target else "OFF")
        )
        prop: dict[str, Any] = {
            "namespace": control.interface,
            "name": cc.property_name(control),
            "value": value,
            "timeOfSample": sample,
            "uncertaintyInMilliseconds": self._uncertainty(control.path),
        }
        if control.instance is not None:
            prop["instance"] = control.instance
        return [prop]

    def _media_properties(self, path: object, sample: str) -> list[dict[str, Any]]:
        if path in (sig.VOLUME, sig.MUTED):
            return [
                {
                    "namespace": "Alexa.Speaker",
                    "name": "volume",
                    "value": self.cockpit.value(sig.VOLUME),
                    "timeOfSample": sample,
                    "uncertaintyInMilliseconds": 0,
                },
                {
                    "namespace": "Alexa.Speaker",
                    "name": "muted",
                    "value": self.cockpit.value(sig.MUTED),
                    "timeOfSample": sample,
                    "uncertaintyInMilliseconds": 0,
                },
            ]
        if path == sig.MEDIA_SOURCE:
            return [
                {
                    "namespace": "Alexa.InputController",
                    "name": "input",
                    "value": self.cockpit.value(sig.MEDIA_SOURCE),
                    "timeOfSample": sample,
                    "uncertaintyInMilliseconds": 0,
                }
            ]
        return []

    def _uncertainty(self, path: str) -> int:
        """How long a motor still needs to reach the reported target, in milliseconds."""
        rate = self.cockpit.spec(path).motor_rate
        if rate is None:
            return 0
        return round(abs(float(self.cockpit.target(path)) - float(self.cockpit.value(path))) / rate * 1000)
