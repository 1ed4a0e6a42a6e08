"""What happened to a submitted command."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cockpit.core.commands import Command
from cockpit.core.signals import Value


class Status(Enum):
    """Applied now, deferred until the car is parked, or rejected with a reason."""

    APPLIED = "applied"
    DEFERRED = "deferred"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The cockpit's answer to `submit`; `reason` is written for a person to read.

    `reply` is what the part that carried the command out says happened ("Playing BBC Radio 4",
    "I couldn't find …"): an assistant says it instead of its own confirmation.
    """

    status: Status
    command: Command
    reason: str = ""
    value: Value | None = None
    reply: str = ""

    @property
    def applied(self) -> bool:
        return self.status is Status.APPLIED

    @property
    def deferred(self) -> bool:
        return self.status is Status.DEFERRED

    @property
    def rejected(self) -> bool:
        return self.status is Status.REJECTED

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, used by `cockpit say --json` and the event log."""
        data: dict[str, object] = {"status": self.status.value, "command": self.command.describe(),
                                   "reason": self.reason, "value": self.value}
        if self.reply:
            data["reply"] = self.reply
        return data
