"""Which driver profiles exist, for tools that check files naming them (`scenario check`).

A query on its own so such a tool needs nothing of the store but the answer.
"""

from __future__ import annotations

from pathlib import Path


def profile_ids(directory: Path | None = None) -> set[str]:
    """Ids of the valid profiles in `directory` ($COCKPIT_PROFILES or the shipped folder by default);
    raises ProfileError when a folder that was named does not exist."""
    from cockpit.personalisation.store import ProfileStore

    store = ProfileStore(directory, warn=lambda message: None)  # its problems are `profiles check`'s
    store.load()
    return set(store.ids())
