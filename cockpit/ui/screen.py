"""Builds the dashboard's widgets for one skin and paints the static background they sit on."""

from __future__ import annotations

from typing import Any

import pygame

from cockpit.core import signals as sig
from cockpit.i18n import N_
from cockpit.ui import keys
from cockpit.ui.boxes import CardBox
from cockpit.ui.panels.base import TABS, PanelHost
from cockpit.ui.widgets import climate, shapes
from cockpit.ui.widgets.assistant import AssistantHeader, TalkBox, Transcript
from cockpit.ui.widgets.base import Skin, Widget
from cockpit.ui.widgets.centre import TabBar
from cockpit.ui.widgets.changes import ChangesDrawer
from cockpit.ui.widgets.cluster import Battery, NextTurn, NowPlayingLine, Telltales, TurnSignal
from cockpit.ui.widgets.gauges import GearSelector, PowerMeter, Speedometer
from cockpit.ui.widgets.keypad import KeypadOverlay, QuitOverlay
from cockpit.ui.widgets.overlays import HelpOverlay, Overlay, ToastOverlay, VolumeOverlay
from cockpit.ui.widgets.status import (
    BrokerStatus,
    Clock,
    HelpHint,
    HomeDistance,
    Listening,
    OutsideTemperature,
    ProfileBadge,
    ThemeMode,
)
from cockpit.ui.widgets.welcome import TransitionOverlay, WelcomeOverlay


def build_widgets(skin: Skin) -> list[Widget[Any]]:
    """Every widget of the grid, each on its own rectangle from the layout."""
    r = skin.layout.rects
    return [
        Clock(r["clock"], skin),
        OutsideTemperature(r["outside_temp"], skin),
        HelpHint(r["help_hint"], skin),
        ProfileBadge(r["profile"], skin),
        Listening(r["listening"], skin),
        BrokerStatus(r["broker"], skin),
        HomeDistance(r["geofence"], skin),
        ThemeMode(r["theme_mode"], skin),
        TurnSignal(r["turn_left"], skin, "left"),
        Telltales(r["telltales"], skin),
        NextTurn(r["next_turn"], skin),
        TurnSignal(r["turn_right"], skin, "right"),
        Speedometer(r["speedometer"], skin, skin.layout.regions["dial"]),
        GearSelector(r["gear"], skin),
        PowerMeter(r["power"], skin),
        Battery(r["battery"], skin),
        NowPlayingLine(r["now_playing"], skin),
        TabBar(r["tabs"], skin, TABS),
        PanelHost(r["panel"], skin, skin.layout.columns),
        AssistantHeader(r["assistant_header"], skin),
        Transcript(r["assistant_body"], skin),
        TalkBox(r["assistant_talk"], skin),
        climate.Temperature(r["driver_temp"], skin, sig.DRIVER_TEMP, N_("Driver")),
        climate.Toggle(r["fan"], skin, N_("Fan"), keys.FAN, climate.fan),
        climate.Toggle(r["ac"], skin, N_("A/C"), keys.AC, climate.ac),
        climate.Toggle(r["seat_heat"], skin, N_("Seat heating"), keys.SEAT_HEAT,
                       climate.heat_reader(sig.SEAT_HEAT)),
        climate.Toggle(r["steering_heat"], skin, N_("Steering heating"), keys.STEERING_HEAT,
                       climate.heat_reader(sig.STEERING_HEAT)),
        climate.Temperature(r["passenger_temp"], skin, sig.PASSENGER_TEMP, N_("Passenger")),
    ]


def build_overlays(skin: Skin) -> list[Overlay[Any]]:
    """Overlays in drawing order: the driver-change wash, the toasts, the volume, the welcome line,
    the "What changed" drawer, the key help, then the dialogs (the PIN keypad, the quit question)."""
    layout, px = skin.layout, skin.layout.px
    screen, regions = pygame.Rect((0, 0), layout.size), layout.regions
    panel = layout.rects["panel"]
    welcome = pygame.Rect(panel.left + px(2), panel.top + px(1.2), panel.width - px(4), px(6))  # on the title
    wash = regions["cluster"].union(regions["centre"]).inflate(2 * px(1.5), 2 * px(1.5))  # glows round both
    return [TransitionOverlay(wash, skin), ToastOverlay(regions["toast"], skin),
            VolumeOverlay(regions["volume"], skin), WelcomeOverlay(welcome, skin), ChangesDrawer(panel, skin),
            HelpOverlay(screen, skin), KeypadOverlay(screen, skin), QuitOverlay(screen, skin)]


def paint_background(skin: Skin, widgets: list[Widget[Any]], surface: pygame.Surface) -> list[CardBox]:
    """The static picture: region cards, then every widget's static part; returns the region cards."""
    theme, regions, px = skin.theme, skin.layout.regions, skin.layout.px
    surface.fill(theme.background)
    cards = []
    for name in ("cluster", "assistant"):
        shapes.card(surface, regions[name], theme.card, theme.edge, px(2), theme.edge_px)
        cards.append(CardBox(regions[name], theme.card, theme.edge, name))
    for widget in widgets:
        widget.static_texts, widget.static_boxes, widget.static_cards = [], [], []
        widget.paint_static(surface)
    return cards
