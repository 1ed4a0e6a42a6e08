"""The Android-style adapter: wake words "Hey Google" / "OK Google", VHAL property writes for the
car, Android intents for media, navigation and phone, Google Assistant's fuller replies.

Car changes are rendered as VehiclePropValue writes (relative requests become absolute writes,
as VHAL has no relative set) and then carried out by reading those writes back through the same
checks a VehiclePropValue received as input goes through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from cockpit.assistants.android import intents, vhal
from cockpit.assistants.android.style import GOOGLE_STYLE
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
from cockpit.core.commands import AdjustSignal, Command, SetSignal, Source
from cockpit.core.outcome import Outcome

A = Source.ASSISTANT


class AndroidSettings(AdapterSettings):
    """Per-driver Google Assistant settings from the profile."""

    locale: str = "en-GB"


class AndroidAdapter(AssistantAdapter):
    """Android Automotive-style assistant speaking VHAL properties and Android intents."""

    name: ClassVar[str] = "android"
    display_name: ClassVar[str] = "Google Assistant"
    wake_words: ClassVar[tuple[str, ...]] = ("Hey Google", "OK Google", "Okay Google")
    settings_model: ClassVar[type[AdapterSettings]] = AndroidSettings
    api_version: ClassVar[int | None] = 1
    reply_style: ClassVar[ReplyStyle] = GOOGLE_STYLE

    def _render(self, intent: Intent) -> Rendering:
        native: list[Native] = list(intents.for_intent(intent))
        commands: list[Command] = []
        refused: list[Outcome] = []
        for command in intent.commands:
            path = getattr(command, "path", None)
            if isinstance(command, (SetSignal, AdjustSignal)) and path in vhal.BY_PATH:
                write = self._property_write(command)
                native.append(write)
                try:
                    commands.append(self._write_command(write))
                except vhal.PropertyError as error:
                    refused.append(refuse(command, str(error)))
                continue
            media = intents.for_command(command)
            if media is not None:
                native.append(media)
            commands.append(command)
        return Rendering(tuple(native), tuple(commands), tuple(refused))

    def _property_write(self, command: SetSignal | AdjustSignal) -> Native:
        prop, area = vhal.BY_PATH[command.path]
        if isinstance(command, AdjustSignal):
            spec = self.cockpit.spec(command.path)
            value: Any = spec.clamp(float(self.cockpit.target(command.path)) + command.delta)
        else:
            value = command.value
        return vhal.prop_value(prop, area.area_id, value, self._timestamp())

    def _write_command(self, message: Mapping[str, Any]) -> SetSignal:
        _prop, area, value = vhal.read(message)
        return SetSignal(area.path, value, source=A)

    def _decode(self, message: Mapping[str, Any]) -> Decoded:
        request_id = message.get("requestId", 0)
        try:
            command = self._write_command(message)
        except vhal.PropertyError as error:
            answer = {"requestId": request_id, "status": error.status, "reason": str(error)}
            return Decoded(
                f"VehiclePropValue {message.get('prop')!r}", lambda outcomes: answer, error=str(error)
            )
        prop, area = vhal.BY_PATH[command.path]
        summary = f"VehiclePropValue {prop.name} at area 0x{area.area_id:X}"
        return Decoded(summary, lambda outcomes: self._answer(request_id, outcomes), (command,))

    def _answer(self, request_id: object, outcomes: Sequence[Outcome]) -> Native:
        outcome = outcomes[0]
        path = outcome.command.path if isinstance(outcome.command, SetSignal) else ""
        prop, area = vhal.BY_PATH[path]
        answer: Native = {"requestId": request_id, "status": "OK"}
        if outcome.rejected:
            answer.update(
                status="NOT_AVAILABLE_SAFETY" if not self.cockpit.parked else "NOT_AVAILABLE",
                reason=outcome.reason,
            )
        elif outcome.deferred:
            answer["deferred"] = outcome.reason
        target = self.cockpit.target(area.path)
        answer["value"] = vhal.prop_value(prop, area.area_id, target, self._timestamp())  # type: ignore[arg-type]
        return answer

    def _timestamp(self) -> int:
        return round(self.cockpit.now * 1e9)
