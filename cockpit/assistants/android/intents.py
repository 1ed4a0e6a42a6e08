"""Media, navigation and phone intents in Android's form (action, data URI, extras), plus the
AudioManager calls for volume and mute, which Android has no intent for."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import quote

from cockpit.assistants.grammar import Intent
from cockpit.core import signals as sig
from cockpit.core.commands import AdjustSignal, Command, SetSignal

KEY_EVENT: Final = "android.intent.extra.KEY_EVENT"
KEYCODES: Final = {
    "PLAY": "KEYCODE_MEDIA_PLAY",
    "PAUSE": "KEYCODE_MEDIA_PAUSE",
    "STOP": "KEYCODE_MEDIA_STOP",
    "SKIP_FORWARD": "KEYCODE_MEDIA_NEXT",
    "SKIP_BACKWARD": "KEYCODE_MEDIA_PREVIOUS",
}
FOCUS: Final = {
    "playlist": "vnd.android.cursor.item/playlist",
    "search": "vnd.android.cursor.item/*",
    "radio": "vnd.android.cursor.item/radio",
}


def android_intent(action: str, data: str | None = None, **extras: Any) -> dict[str, Any]:
    intent: dict[str, Any] = {"kind": "intent", "action": action}
    if data is not None:
        intent["data"] = data
    if extras:
        intent["extras"] = extras
    return intent


def for_intent(intent: Intent) -> list[dict[str, Any]]:
    """The Android intents an understood intent needs (navigation and calls as a whole)."""
    if intent.name == "navigation.to":
        lat = _value(intent, sig.DEST_LATITUDE)
        lon = _value(intent, sig.DEST_LONGITUDE)
        query = f"{lat},{lon}" if lat is not None and lon is not None else quote(str(intent.slots["address"]))
        return [android_intent("android.intent.action.VIEW", f"google.navigation:q={query}")]
    if intent.name == "phone.call" and intent.slots.get("number"):
        return [android_intent("android.intent.action.CALL", f"tel:{intent.slots['number']}")]
    return []


def for_command(command: Command) -> dict[str, Any] | None:
    """The intent or AudioManager call for one media command; None when it has none."""
    if isinstance(command, AdjustSignal) and command.path == sig.VOLUME:
        return {
            "kind": "audio",
            "method": "AudioManager.adjustStreamVolume",
            "streamType": "STREAM_MUSIC",
            "direction": "ADJUST_RAISE" if command.delta > 0 else "ADJUST_LOWER",
            "steps": abs(command.delta),
        }
    if not isinstance(command, SetSignal):
        return None
    if command.path == sig.VOLUME:
        return {
            "kind": "audio",
            "method": "AudioManager.setStreamVolume",
            "streamType": "STREAM_MUSIC",
            "index": command.value,
        }
    if command.path == sig.MUTED:
        return {
            "kind": "audio",
            "method": "AudioManager.adjustStreamVolume",
            "streamType": "STREAM_MUSIC",
            "direction": "ADJUST_MUTE" if command.value else "ADJUST_UNMUTE",
        }
    if command.path == sig.MEDIA_ACTION and command.value in KEYCODES:
        return android_intent(
            "android.intent.action.MEDIA_BUTTON", **{KEY_EVENT: KEYCODES[str(command.value)]}
        )
    if command.path == sig.MEDIA_URI and ":" in str(command.value):
        kind, _, query = str(command.value).partition(":")
        return android_intent(
            "android.media.action.MEDIA_PLAY_FROM_SEARCH",
            query=query,
            **{"android.intent.extra.focus": FOCUS.get(kind, FOCUS["search"])},
        )
    if command.path == sig.MEDIA_SOURCE and command.value in ("TV", "DVD"):
        return android_intent("android.intent.action.VIEW", "content://android.media.tv/channel")
    return None


def _value(intent: Intent, path: str) -> object:
    return next((c.value for c in intent.commands if isinstance(c, SetSignal) and c.path == path), None)
