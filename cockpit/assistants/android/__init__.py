"""The Android Automotive-style adapter: VHAL property writes and Android intents."""

from cockpit.assistants.android.adapter import AndroidAdapter, AndroidSettings

__all__ = ["AndroidAdapter", "AndroidSettings"]
