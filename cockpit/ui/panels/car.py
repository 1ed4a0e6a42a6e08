"""The Car panel: seat, steering and mirror positions against the targets their motors move to, and
the trip computer (odometer, trip A, average speed, consumption, energy used) in the driver's units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import SetSignal
from cockpit.i18n import N_
from cockpit.ui.actions import Action, Move
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import Panel
from cockpit.ui.widgets.base import Skin, View

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls

ROWS: tuple[tuple[str, str], ...] = (
    (sig.SEAT_POSITION, N_("Seat position")),
    (sig.SEAT_HEIGHT, N_("Seat height")),
    (sig.SEAT_RECLINE, N_("Backrest")),
    (sig.STEERING_REACH, N_("Steering reach")),
    (sig.MIRROR_LEFT_TILT, N_("Left mirror tilt")),
    (sig.MIRROR_RIGHT_TILT, N_("Right mirror tilt")),
)

UNIT_SUFFIX = {"mm": " mm", "degrees": "°", "percent": " %"}
TRIP_ROWS = (N_("Odometer"), N_("Trip A"), N_("Average speed"), N_("Consumption"), N_("Energy used"))


@dataclass(frozen=True, slots=True)
class ResetTrip(Action):
    """Start trip A again (the vehicle takes an outside write of 0 as the reset)."""

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.TRIP_METER, 0.0))


CarState = tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]


class CarPanel(Panel[CarState]):
    """Each motor's position, a bar, and a marker where it is heading (or will, once parked); the
    trip computer beside them (Enter or a click on Reset starts trip A again)."""

    title = N_("Car")

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        body = self.body
        self.motors = Rect(body.left, body.top, round(body.width * 0.56), body.height)
        left = self.motors.right + self.px(4)
        self.trip = Rect(left, body.top, body.right - left, body.height)
        label_w = skin.type.width(skin.tr("Reset trip"), Weight.SEMIBOLD, skin.type.px(18))
        width = min(self.trip.width, max(self.px(14), label_w + self.px(4)))  # as wide as its words need
        self.reset = Rect(self.trip.left, self.trip.top + 6 * self.px(6), width, self.px(4.5))

    def state(self, view: View) -> CarState:
        cockpit = view.cockpit
        waiting = cockpit.pending_moves()
        motors = tuple((path, round(float(cockpit.value(path))),
                        round(float(waiting.get(path, cockpit.target(path))))) for path, _ in ROWS)
        miles = self.skin.miles
        km, kwh = view.number(sig.TRIP_METER), view.number(sig.TRIP_ENERGY)
        trip = (units.distance_text(view.number(sig.ODOMETER) * 1000, miles),
                units.short_distance_text(km * 1000, miles),
                units.speed_text(view.number(sig.AVERAGE_SPEED), miles),
                units.consumption_text(kwh * 1000 / km, miles) if km >= 0.1 else "–",
                units.energy_text(kwh))
        return motors, trip

    def key(self, move: Move, view: View) -> Action | None:
        return ResetTrip() if move is Move.ACTIVATE else None

    def click(self, pos: tuple[int, int]) -> Action | None:
        return ResetTrip() if self.reset.collidepoint(pos) else None

    def paint_body(self, surface: pygame.Surface) -> None:
        motors, trip = self.current
        for index, (label, shown) in enumerate(zip(TRIP_ROWS, trip, strict=True)):
            self.row(surface, index, self.tr(label), shown, self.trip)
        self.card(surface, self.reset, self.theme.card_raised, self.reset.height // 2)
        self.text(surface, self.tr("Reset trip"), Weight.SEMIBOLD, 18, self.theme.text, self.reset.center,
                  card=self.reset, fit=self.reset.width - self.px(2))
        for index, ((path, label), (_, value, target)) in enumerate(zip(ROWS, motors, strict=True)):
            spec = sig.CATALOGUE[path]
            suffix = UNIT_SUFFIX.get(spec.unit or "", "")
            shown = f"{value}{suffix}" if value == target else f"{value}{suffix} → {target}{suffix}"
            line = self.row(surface, index, self.tr(label), shown, self.motors)
            low, high = spec.minimum or 0.0, spec.maximum or 1.0
            self.bar(surface, line, (value - low) / (high - low),
                     None if value == target else (target - low) / (high - low))
