"""The rear camera, shown on the centre display as soon as R is selected (FMVSS 111 asks within
2.0 s: it is the next frame) and gone when the car leaves R.

A simulated scene in perspective: the floor, a wall (the garage's back wall at home) that comes
closer as the car reverses, and the guide lines — the car's width out to 3 m with red, yellow and
green marks at 0.5, 1 and 2 m — bending with the steering wheel as the path will. ← → turn the
wheel (sig.STEERING_ANGLE, like the driver's hands).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import SetSignal
from cockpit.core.geo import distance_m
from cockpit.i18n import N_
from cockpit.ui.actions import Action, Move
from cockpit.ui.fonts import Weight
from cockpit.ui.panels.base import Panel
from cockpit.ui.theme import NIGHT, Colour
from cockpit.ui.widgets.base import View

if TYPE_CHECKING:
    from cockpit.ui.keys import Controls

START_GAP_M = 6.0  # the wall behind the car when R was selected
CAR_WIDTH_M = 1.8
CAMERA_HEIGHT_M = 1.0
STEER_STEP_DEG = 90
WHEELBASE_M, STEERING_RATIO = 2.77, 15.0  # as the vehicle model steers
CAMERA_LABEL, CAMERA_EDGE = (20, 22, 26), (235, 235, 235)  # the pills words sit on over the picture
MARKS = ((0.5, "danger"), (1.0, "warning"), (2.0, "ok"))
Ground = Callable[[float, float], tuple[float, float]]  # metres across, metres behind -> screen


@dataclass(frozen=True, slots=True)
class Steer(Action):
    """Turn the steering wheel by `degrees` (negative: left)."""

    degrees: int

    def do(self, ui: Controls) -> None:
        wanted = int(ui.cockpit.number(sig.STEERING_ANGLE)) + self.degrees
        ui.cockpit.submit(SetSignal(sig.STEERING_ANGLE, max(-540, min(540, wanted))))


@dataclass(frozen=True, slots=True)
class RearState:
    gap_cm: int  # to the wall behind
    steering: int
    at_home: bool


class RearViewPanel(Panel[RearState]):
    """The camera picture fills the panel; the distance to the wall and a hint sit over it."""

    title = N_("Rear camera")

    def state(self, view: View) -> RearState:
        here = (view.number(sig.LATITUDE), view.number(sig.LONGITUDE))
        reversed_m = distance_m(*view.model.reverse_from, *here)
        zone = view.cockpit.zone
        return RearState(
            round(max(0.0, START_GAP_M - reversed_m) * 100),
            int(view.number(sig.STEERING_ANGLE)),
            bool(zone and zone.inside),
        )

    def key(self, move: Move, view: View) -> Action | None:
        if move in (Move.PREV, Move.NEXT):
            return Steer(STEER_STEP_DEG if move is Move.NEXT else -STEER_STEP_DEG)
        return None

    def paint(self, surface: pygame.Surface) -> None:
        state, theme = self.current, self.theme
        scene = self.rect.inflate(-2 * self.px(1), -2 * self.px(1))
        gap = state.gap_cm / 100
        horizon = scene.top + round(scene.height * 0.3)
        surface.set_clip(scene)
        surface.fill((46, 48, 52), Rect(scene.left, scene.top, scene.width, horizon - scene.top))
        surface.fill((70, 72, 76), Rect(scene.left, horizon, scene.width, scene.bottom - horizon))
        focal = scene.height * 0.91

        def ground(x_m: float, ahead_m: float) -> tuple[float, float]:
            depth = ahead_m + 1.0  # the camera sits above the bumper, looking back and down
            return (scene.centerx + focal * x_m / depth, horizon + focal * CAMERA_HEIGHT_M / depth)

        for row in range(1, 12):  # floor joints every metre
            y = ground(0, row * 1.0)[1]
            if y < scene.bottom:
                pygame.draw.line(surface, (62, 64, 68), (scene.left, y), (scene.right, y), 1)
        wall_y = ground(0, gap)[1]
        wall = Rect(scene.left, scene.top, scene.width, max(0, round(wall_y) - scene.top))
        surface.fill((96, 86, 76) if state.at_home else (84, 88, 96), wall)
        if state.at_home:  # the garage's back wall: a shelf and a workbench edge
            shelf = ground(-1.2, gap)[0], ground(1.2, gap)[0]
            pygame.draw.line(
                surface,
                (130, 118, 100),
                (shelf[0], wall.bottom - wall.height * 0.45),
                (shelf[1], wall.bottom - wall.height * 0.45),
                max(2, self.px(0.6)),
            )
        pygame.draw.line(surface, (40, 40, 44), (scene.left, wall.bottom), (scene.right, wall.bottom), 3)
        self._guides(surface, state, ground)
        surface.set_clip(None)
        label = units.parking_distance_text(gap, self.skin.miles)
        # The camera's own picture is not themed: its labels sit on dark pills that read on it.
        colour = theme.danger if gap < 0.5 else theme.warning if gap < 1.0 else (255, 255, 255)
        if not theme.name.startswith("night"):  # the day theme's warning colours are for light cards
            colour = NIGHT.danger if gap < 0.5 else NIGHT.warning if gap < 1.0 else (255, 255, 255)
        pill = Rect(scene.left + self.px(2), scene.top + self.px(2), self.px(16), self.px(6))
        self.card(surface, pill, CAMERA_LABEL, pill.height // 2, edge=CAMERA_EDGE)
        self.text(surface, label, Weight.BOLD, 28, colour, pill.center, card=pill,
                  fit=pill.width - self.px(2))
        self._label(surface, self.tr(self.title), Weight.SEMIBOLD, 20, (255, 255, 255),
                    (scene.right - self.px(3), scene.top + self.px(3)), "topright", scene.width // 2)
        hint = self.tr("Check your surroundings · ← → steer")
        self._label(surface, hint, Weight.REGULAR, 18, (230, 232, 236), (pill.left, pill.bottom + self.px(2)),
                    "topleft", scene.width - self.px(6))

    def _label(self, surface: pygame.Surface, text: str, weight: Weight, size: float, colour: Colour,
               at: tuple[int, int], anchor: str, room: int) -> None:
        """Words over the camera's picture, on a dark pill with a light edge so they read on any scene."""
        typography = self.skin.type
        fitted = typography.fit(text, weight, size, room)
        box = typography.rendered(fitted.text, weight, fitted.px, colour)[0].get_rect(**{anchor: at})
        backing = box.inflate(self.px(2.5), self.px(1.6))
        self.card(surface, backing, CAMERA_LABEL, self.px(1), edge=CAMERA_EDGE)
        self.text(surface, text, weight, size, colour, at, anchor, card=backing, fit=room)

    def _guides(self, surface: pygame.Surface, state: RearState, ground: Ground) -> None:
        """The path of the rear corners over the next 3 m with the wheel where it is (bicycle model)."""
        curvature = math.tan(math.radians(state.steering / STEERING_RATIO)) / WHEELBASE_M
        theme = self.theme

        def corner(side: float, s: float) -> tuple[float, float]:
            # Reversing turns the tail the other way from the wheel: the path bends by -curvature.
            return ground(side * CAR_WIDTH_M / 2 - curvature * s * s / 2, s)

        for side in (-1.0, 1.0):
            points = [corner(side, s / 10) for s in range(0, 31)]
            pygame.draw.lines(surface, (250, 204, 21), False, points, max(3, self.px(0.6)))
        for distance, role in MARKS:
            colour = getattr(theme, role)
            a, b = corner(-1.0, distance), corner(1.0, distance)
            pygame.draw.line(surface, colour, a, b, max(3, self.px(0.7)))
