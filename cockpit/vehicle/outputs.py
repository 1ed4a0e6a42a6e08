"""Writes the model's values into the cockpit only when they changed by a visible amount.

It also notices when someone else (a scenario, a test) wrote one of those signals, so the model
can take that value over instead of overwriting it.
"""

from __future__ import annotations

from cockpit.core.cockpit import Cockpit
from cockpit.core.signals import Value


class Outputs:
    """Rounds each output to its own resolution and skips updates that would not change it."""

    __slots__ = ("_cockpit", "_written")

    def __init__(self, cockpit: Cockpit, paths: tuple[str, ...]) -> None:
        """Own `paths`, starting from their current values (what the model was built from)."""
        self._cockpit = cockpit
        self._written: dict[str, Value] = {path: cockpit.value(path) for path in paths}

    def write(self, path: str, value: Value) -> None:
        if self._written.get(path) != value:
            self._written[path] = value
            self._cockpit.update(path, value)

    def overridden(self, path: str) -> float | None:
        """The value someone else wrote to `path` since our last write, else None."""
        current = self._cockpit.value(path)
        if current != self._written[path]:
            self._written[path] = current
            return float(current)
        return None
