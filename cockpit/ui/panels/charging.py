"""The charging screen, shown while the cable is in: state of charge against the target, the power,
the time to the target, and the target as a slider (← → or a click; the profile's limit first).

Everything comes from the cockpit's signals through the read model; moving the slider submits
sig.CHARGE_LIMIT like any control (the driver's change is learned for them).
"""

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
from cockpit.ui.widgets import shapes
from cockpit.ui.widgets.base import Skin, View

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls

LOWEST, HIGHEST, STEP = 50, 100, 5


@dataclass(frozen=True, slots=True)
class SetTarget(Action):
    """Charge to `percent`."""

    percent: int

    def do(self, ui: Controls) -> None:
        ui.cockpit.submit(SetSignal(sig.CHARGE_LIMIT, max(LOWEST, min(HIGHEST, self.percent))))


@dataclass(frozen=True, slots=True)
class ChargingState:
    soc: float
    target: int
    power_kw: float
    charging: bool
    minutes_left: int
    range_text: str


class ChargingPanel(Panel[ChargingState]):
    """A wide battery with the target marked, the numbers beside it, the target slider below."""

    title = N_("Charging")

    def __init__(self, rect: Rect, skin: Skin) -> None:
        super().__init__(rect, skin)
        body = self.body
        self.track = Rect(
            body.left + self.px(2), body.top + self.px(33), body.width - self.px(4), self.px(1.2)
        )

    def state(self, view: View) -> ChargingState:
        return ChargingState(
            round(view.number(sig.SOC), 1),
            int(view.number(sig.CHARGE_LIMIT)),
            round(view.number(sig.CHARGE_POWER), 1),
            bool(view.value(sig.IS_CHARGING)),
            round(view.number(sig.TIME_TO_COMPLETE) / 60),
            units.distance_text(view.number(sig.RANGE), self.skin.miles),
        )

    def key(self, move: Move, view: View) -> Action | None:
        if move in (Move.PREV, Move.NEXT):
            return SetTarget(self.current.target + (STEP if move is Move.NEXT else -STEP))
        return None

    def click(self, pos: tuple[int, int]) -> Action | None:
        if not self.track.inflate(0, self.px(5)).collidepoint(pos):
            return None
        share = (pos[0] - self.track.left) / self.track.width
        return SetTarget(round((LOWEST + share * (HIGHEST - LOWEST)) / STEP) * STEP)

    def paint_body(self, surface: pygame.Surface) -> None:
        state, theme, body = self.current, self.theme, self.body
        self.text(
            surface,
            f"{state.soc:.0f} %",
            Weight.BOLD,
            56,
            theme.text,
            (body.left, body.top + self.px(1)),
            "topleft",
        )
        if state.charging:
            status = self.tr("Charging at {power} kW").format(power=f"{state.power_kw:g}")
            colour = theme.ok
        elif state.power_kw <= 0:
            status, colour = self.tr("Plugged in, no power: is the wallbox on?"), theme.warning
        else:
            status, colour = self.tr("Charged to the target"), theme.ok
        self.text(surface, status, Weight.SEMIBOLD, 20, colour, (body.left, body.top + self.px(9.5)),
                  "topleft",
                  fit=body.width)
        battery = Rect(body.left, body.top + self.px(14), body.width - self.px(3), self.px(7))
        self.card(surface, battery, theme.card_raised, self.px(1.5))
        cap = Rect(battery.right + self.px(0.5), battery.centery - self.px(1.5), self.px(1.5), self.px(3))
        shapes.rounded_rect(surface, cap, theme.edge, self.px(0.5))
        inner = battery.inflate(-self.px(1), -self.px(1))
        fill = Rect(
            inner.left, inner.top, max(inner.height, round(inner.width * state.soc / 100)), inner.height
        )
        shapes.rounded_rect(surface, fill, theme.ok, self.px(1))
        marker = inner.left + round(inner.width * state.target / 100)
        surface.fill(
            theme.warning,
            Rect(marker - 1, battery.top - self.px(0.8), max(3, self.px(0.4)), battery.height + self.px(1.6)),
        )
        line = body.top + self.px(22.5)
        if state.charging and state.minutes_left > 0:
            until = self.tr("{time} to {percent} %").format(
                time=units.duration_text(state.minutes_left * 60), percent=state.target
            )
        else:
            until = self.tr("Target {percent} %").format(percent=state.target)
        self.text(surface, until, Weight.BOLD, 24, theme.text, (body.left, line), "topleft")
        self.text(
            surface,
            self.tr("Range {range}").format(range=state.range_text),
            Weight.SEMIBOLD,
            20,
            theme.text_dim,
            (body.right, line),
            "topright",
        )
        self._slider(surface, state.target)

    def _slider(self, surface: pygame.Surface, target: int) -> None:
        theme, track = self.theme, self.track
        self.text(
            surface,
            self.tr("Charge to (← →)"),
            Weight.SEMIBOLD,
            18,
            theme.text_dim,
            (track.left, track.top - self.px(3.2)),
            "topleft",
        )
        slim = track.inflate(0, -track.height // 2)
        shapes.rounded_rect(surface, slim, theme.track, slim.height // 2)
        share = (target - LOWEST) / (HIGHEST - LOWEST)
        knob_x = track.left + round(track.width * share)
        shapes.rounded_rect(
            surface,
            Rect(track.left, track.top, knob_x - track.left, track.height),
            theme.accent,
            track.height // 2,
        )
        shapes.disc(surface, (knob_x, track.centery), self.px(1.6), theme.text)
        self.text(
            surface,
            f"{LOWEST} %",
            Weight.REGULAR,
            18,
            theme.text_dim,
            (track.left, track.bottom + self.px(1.5)),
            "topleft",
        )
        self.text(
            surface,
            f"{HIGHEST} %",
            Weight.REGULAR,
            18,
            theme.text_dim,
            (track.right, track.bottom + self.px(1.5)),
            "topright",
        )
        self.text(
            surface,
            self.tr("C: unplug"),
            Weight.REGULAR,
            18,
            theme.text_dim,
            (track.centerx, track.bottom + self.px(1.5)),
            "midtop",
        )
