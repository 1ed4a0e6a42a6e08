"""Which driver profiles exist, for tools that check files naming them (`scenario check`), and
whether one has a voice PIN, for tools that describe the car to a voice service (`cockpit alexa`).

Queries on their own so such a tool needs nothing of the store but the answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.personalisation.store import ProfileStore


def _loaded(directory: Path | None) -> ProfileStore:
    from cockpit.personalisation.store import ProfileStore

    store = ProfileStore(directory, warn=lambda message: None)  # its problems are `profiles check`'s
    store.load()
    return store


def profile_ids(directory: Path | None = None) -> set[str]:
    """Ids of the valid profiles in `directory` ($COCKPIT_PROFILES or the shipped folder by default);
    raises ProfileError when a folder that was named does not exist."""
    return set(_loaded(directory).ids())


def has_voice_pin(profile_id: str, directory: Path | None = None) -> bool:
    """Whether the driver guards what opens the house or the car with a voice PIN; raises
    ProfileError for an unknown profile."""
    return _loaded(directory).effective(profile_id).profile.assistant.voice_pin_hash is not None
