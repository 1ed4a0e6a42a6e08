"""Driver identification by a simulated key fob.

The car has four fob slots (keys 1..4 in the UI); slot N presents the fob id `fob-N`. A fob listed
in a profile's `identity.key_fobs` selects that driver; any other fob gives the guest profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.core import signals as sig
from cockpit.core.commands import ApplyProfile, PresentKeyFob, SetSignal, Source
from cockpit.core.facts import FOB_SLOTS, GUEST_ID
from cockpit.core.outcome import Outcome

if TYPE_CHECKING:
    from cockpit.personalisation.engine import ProfileEngine

__all__ = ["FOB_SLOTS", "KeyFobReader"]


class KeyFobReader:
    """Turns a presented key fob into the matching driver's profile; the engine registers `handle`
    as the cockpit's PresentKeyFob handler, so keys, scenarios and tests present fobs as commands."""

    def __init__(self, engine: ProfileEngine) -> None:
        self.engine = engine

    def driver_for(self, fob_id: str) -> str:
        """The profile id a fob selects: its owner, else the guest."""
        return self.engine.ensure_loaded().profile_for_fob(fob_id) or GUEST_ID

    def present(self, fob_id: str, source: Source = Source.USER) -> Outcome:
        """The fob is in the car: record it (sig.KEY_FOB) and apply its driver's profile."""
        cockpit = self.engine.cockpit
        cockpit.submit(SetSignal(sig.KEY_FOB, fob_id, source=Source.SYSTEM))
        return cockpit.submit(ApplyProfile(self.driver_for(fob_id), source=source))

    def handle(self, command: PresentKeyFob) -> Outcome:
        """The PresentKeyFob handler: the outcome of applying the fob's driver, for the fob command."""
        applied = self.present(command.fob_id, command.source)
        return Outcome(applied.status, command, applied.reason, applied.value)

    def press_slot(self, slot: int) -> Outcome:
        """Present the fob in slot 1..4; raises ValueError for another slot."""
        if slot not in FOB_SLOTS:
            raise ValueError(f"key fob slot must be 1..4, not {slot}")
        return self.present(FOB_SLOTS[slot])
