"""The front door lock: locking/unlocking take a moment, and the bolt can jam."""

from __future__ import annotations

from typing import Any, ClassVar

from cockpit.home.devices.base import Device, Params, Reading, Topics, template
from cockpit.home.discovery import Entity

BOLT_S = 1.0


class DoorLock(Device):
    """States LOCKED, UNLOCKED, LOCKING, UNLOCKING, JAMMED; a command on a jammed lock tries again."""

    kind: ClassVar[str] = "lock"
    model: ClassVar[str] = "Simulated smart lock"
    actions: ClassVar[tuple[str, ...]] = ("lock", "unlock")
    words: ClassVar[dict[str, str]] = {"LOCK": "lock", "UNLOCK": "unlock"}
    reports: ClassVar[dict[str, Reading]] = {
        "state": Reading(words=("LOCKED", "UNLOCKED", "LOCKING", "UNLOCKING", "JAMMED"))}

    def __init__(self, device_id: str, name: str, room: str | None = None) -> None:
        super().__init__(device_id, name, room)
        self.locked = True
        self.moving_to: bool | None = None  # True while locking, False while unlocking
        self.remaining = 0.0
        self.jammed = False

    def state(self) -> dict[str, Any]:
        if self.jammed:
            state = "JAMMED"
        elif self.moving_to is not None:
            state = "LOCKING" if self.moving_to else "UNLOCKING"
        else:
            state = "LOCKED" if self.locked else "UNLOCKED"
        return {"state": state}

    def _move(self, locked: bool) -> None:
        self.jammed = False
        if locked == self.locked and self.moving_to is None:
            return
        self.moving_to, self.remaining = locked, BOLT_S

    def do_lock(self, params: Params) -> None:
        self._move(True)

    def do_unlock(self, params: Params) -> None:
        self._move(False)

    def jam(self) -> None:
        """The bolt sticks (a simulated fault): the lock reports JAMMED until commanded again."""
        self.jammed, self.moving_to = True, None

    def step(self, dt: float) -> None:
        if self.moving_to is None:
            return
        self.remaining -= dt
        if self.remaining <= 0:
            self.locked, self.moving_to = self.moving_to, None

    def entities(self, topics: Topics) -> list[Entity]:
        return [Entity("lock", self.id, None, {
            "command_topic": topics.command(), "state_topic": topics.state,
            "value_template": template("state"),
            "payload_lock": "LOCK", "payload_unlock": "UNLOCK", "state_locked": "LOCKED",
            "state_unlocked": "UNLOCKED", "state_locking": "LOCKING", "state_unlocking": "UNLOCKING",
            "state_jammed": "JAMMED", "optimistic": False})]
