"""The screen matrix the layout audits run over: every screen at every size, theme, language and
cluster layout, each drawn from a read model alone (a bare cockpit fed the events its parts would
publish: no Session, no broker, no files).

A *screen* is every registered tab (cockpit.ui.panels.base.TABS), every other centre screen in
SCREEN_SCENES and every overlay scene in OVERLAY_SCENES; a test fails when an overlay the dashboard
builds, or a screen it can show, has no scene, so a new one (a keypad, a drawer) joins the matrix
by adding one line here. Each combination is drawn once and
audited at once (cockpit.ui.audit); the collision, contrast and text-size tests share the result.

Other engineers' layout tests reuse this: `audit(Combination(...))` gives the findings of every
screen, `dashboard_for(...)` a staged dashboard to draw a scene of their own on.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal
from cockpit.core.events import (
    AssistantReplied,
    BrokerStateChanged,
    GeofenceChanged,
    GuidanceChanged,
    HomeAttached,
    HomeDeviceChanged,
    ListeningChanged,
    MediaChanged,
    MediaLibraryChanged,
    PartialSpeechHeard,
    PinRequested,
    ProfileApplied,
    ProfilesLoaded,
    RouteChanged,
    SpeechRecognised,
    VoiceLevelChanged,
)
from cockpit.core.facts import Change, DriverCard, HomeDevice, Place
from cockpit.core.media import MediaEntry, MediaLibrary, NowPlaying
from cockpit.core.navigation import Guidance, Manoeuvre, RoutePlan
from cockpit.core.policy import Restrictions
from cockpit.core.text import Text
from cockpit.ui import audit, screen
from cockpit.ui.boxes import TextBox
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.layout import CLUSTER_LAYOUTS
from cockpit.ui.panels.base import BUILTIN, TABS
from cockpit.ui.widgets.changes import ChangesDrawer
from cockpit.ui.widgets.keypad import KeypadOverlay, QuitOverlay
from cockpit.ui.widgets.overlays import HelpOverlay, ToastOverlay, VolumeOverlay
from cockpit.ui.widgets.welcome import TransitionOverlay, WelcomeOverlay
from cockpit.view import CockpitView

SIZES = ((1280, 480), (1920, 720), (2560, 1080))
THEMES = {"night": ("NIGHT", False), "day": ("DAY", False), "night-hc": ("NIGHT", True),
          "day-hc": ("DAY", True)}
LANGUAGES = ("en-GB", "de-DE")

DRIVERS = (DriverCard("alice", "Alice", "E4572E", "alexa", "metric", ("fob-1",)),
           DriverCard("bernd", "Bernd", "2E86AB", "android", "metric", ("fob-2",)),
           DriverCard("maximilian", "Maximilian-Alexander", "F2C14E", "alexa", "imperial",
                      ("fob-3", "fob-4")),
           DriverCard("guest", "Guest", "9E9E9E", "android", "metric"))
PLACES = (Place("Home", 60.17285, 24.95287, "home"), Place("Office", 60.16743, 24.93659, "work"),
          Place("Tennis club at the Olympic Stadium", 60.18560, 24.92720, "other"))
DEVICES = (HomeDevice("garage_door", "Garage door", "garage_door", "Garage", ("open", "close")),
           HomeDevice("light_hallway", "Hall light", "light", "Hall", ("turn_on", "turn_off")),
           HomeDevice("light_living_room", "Living room light", "light", "Living room",
                      ("turn_on", "turn_off")),
           HomeDevice("light_kitchen", "Kitchen light", "light", "Kitchen", ("turn_on", "turn_off")),
           HomeDevice("light_bedroom", "Bedroom light", "light", "Bedroom", ("turn_on", "turn_off")),
           HomeDevice("thermostat", "Thermostat", "thermostat", "Living room", ("set_mode",)),
           HomeDevice("front_door", "Front door lock", "lock", "Hall", ("lock", "unlock")),
           HomeDevice("alarm_panel", "Alarm", "alarm_panel", "Hall", ("arm_away", "disarm")),
           HomeDevice("wallbox", "Wallbox", "ev_charger", "Garage", ("turn_on", "turn_off")))
STATES = {"garage_door": {"state": "opening", "position": 40},
          "light_hallway": {"state": "ON", "brightness": 200, "color": {"r": 255, "g": 180, "b": 90}},
          "light_living_room": {"state": "OFF"}, "light_kitchen": {"state": "OFF"},
          "thermostat": {"state": "heat", "mode": "heat", "temperature": 21.0, "current_temperature": 18.5},
          "front_door": {"state": "LOCKED"}, "alarm_panel": {"state": "armed_away"},
          "wallbox": {"state": "ON", "power_kw": 11.0, "energy_kwh": 12.34}}
CONVERSATION = (
    ("set the temperature to 21", "Driver temperature set to 21 degrees."),
    ("how much range do I have",
     "You have 281 kilometres of range left at 72 percent. At your current consumption that gets you "
     "home and back to the office twice, with charge to spare; the wallbox at home is free."),
    ("I'm heading home", "Navigating home: 0.5 km. I will open the garage and turn on the hall light as "
                         "you arrive."),
)
STATIONS = (MediaEntry("fm:bayern3", "Bayern 3", "FM 97.3", "FM", "station", initials="B3"),
            MediaEntry("fm:gong", "Radio Gong 96.3 – Münchens beste Musik", "FM 96.3", "FM", "station",
                       initials="RG"),
            MediaEntry("dab:br-klassik", "BR-Klassik", "DAB 11D", "DAB", "station", initials="BK"),
            MediaEntry("net:radio4", "BBC Radio 4", "Internet", "INTERNET", "station", initials="B4"))
ALBUM = MediaEntry("album:suite", "Suite bergamasque", "Claude Debussy", "USB", "album", initials="SB",
                   tracks=4)
LIBRARY = MediaLibrary(STATIONS, (ALBUM,), ("fm:gong",))
PLAYING = NowPlaying("USB", ALBUM, "Clair de Lune (Suite bergamasque, L. 75, No. 3)",
                     "Claude Debussy · Isao Tomita", "Suite bergamasque", playing=True, position_s=62.0,
                     duration_s=301.0, track_number=3, track_count=4, shuffle=True)
TURN = Manoeuvre("right", "Pohjoisesplanadi", 350.0, (60.16820, 24.94400))
ROUTE = RoutePlan("Home", ((60.16990, 24.93840), (60.16820, 24.94400), (60.17285, 24.95287)),
                  (0.0, 350.0, 1100.0), (40.0, 30.0), (TURN, Manoeuvre("arrive", "Snellmaninkatu", 1100.0,
                                                                      (60.17285, 24.95287))), 150.0)
GUIDANCE = Guidance(1100.0, 150.0, 71.4, TURN, 350.0, 0.0)
SIGNALS = ((sig.SPEED, 87.0), (sig.SELECTED_GEAR, sig.GEAR_DRIVE), (sig.MOTOR_POWER, 34.0),
           (sig.SOC, 72.0), (sig.SOC_DISPLAYED, 72.0), (sig.RANGE, 281_000), (sig.TURN_LEFT, True),
           (sig.SPEED_WARNING, True),
           (sig.DEST_NAME, "Home"), (sig.DEST_LATITUDE, 60.17285), (sig.DEST_LONGITUDE, 24.95287),
           (sig.LATITUDE, 60.16990), (sig.LONGITUDE, 24.93840))
TOASTS = (("Seat position waits until the car is parked", "info"),
          ("Alice: seat 280 mm · mirrors · climate 22.5 °C · ambient light · theme night · units metric · "
           "language English · media Bayern 3 · assistant Alexa · speed warning 130 km/h", "profile"),
          ("The broker is offline: 2 commands wait and are sent on reconnect", "warning"))

# What changed when Bernd takes over at speed: comfort now, the rest at P.
CHANGES = (Change(Text("Driver {temperature}", temperature="22.5 °C")),
           Change(Text("Ambient light {colour}", colour=Text("orange"))),
           Change(Text("Media source: {source}", source="DAB")), Change(Text("Seat ventilation")),
           Change(Text("Seat to {name}'s position", name="Bernd"), after_parking=True),
           Change(Text("Mirrors to {name}'s position", name="Bernd"), after_parking=True),
           Change(Text("Imperial units"), after_parking=True),
           Change(Text("Minimal cluster"), after_parking=True))


def stage(cockpit: Cockpit) -> None:
    """A cockpit in use: a driver with places on the way home, a home, a conversation, music."""
    publish = cockpit.bus.publish
    publish(ProfilesLoaded(time=0.0, drivers=DRIVERS,
                           problems=("profiles/broken.yaml:3:7: seat.height_mm: Input should be a valid "
                                     "integer",)))
    publish(ProfileApplied(time=0.0, profile_id="alice", display_name="Alice", avatar_colour="E4572E",
                           places=PLACES))
    publish(HomeAttached(time=0.0, home_id="home_01", devices=DEVICES))
    publish(BrokerStateChanged(time=0.0, online=True, url="mqtt://localhost"))
    for device, state in STATES.items():
        publish(HomeDeviceChanged(time=0.0, device_id=device, state=state))
    publish(GeofenceChanged(time=0.0, latitude=60.17285, longitude=24.95287, radius_m=150.0, inside=False))
    publish(RouteChanged(time=0.0, plan=ROUTE))
    publish(GuidanceChanged(time=0.0, guidance=GUIDANCE))
    for utterance, reply in CONVERSATION:
        publish(AssistantReplied(time=0.0, adapter="alexa", utterance=utterance, reply=reply))
    publish(MediaLibraryChanged(time=0.0, library=LIBRARY))
    publish(MediaChanged(time=0.0, now_playing=PLAYING))
    for path, value in SIGNALS:
        cockpit.update(path, value)
    cockpit.set_restrictions(Restrictions(speed_cap_kmh=130.0))


Scene = Callable[[Dashboard, Cockpit], None]


def _tab(tab: str) -> Scene:
    def show(dashboard: Dashboard, cockpit: Cockpit) -> None:
        dashboard.model.tab = tab

    return show


def _help(dashboard: Dashboard, cockpit: Cockpit) -> None:
    dashboard.model.help_visible = True


def _toasts(dashboard: Dashboard, cockpit: Cockpit) -> None:
    for text, level in TOASTS:
        dashboard.model.toast(text, level, seconds=60.0)


def _talk_driving(dashboard: Dashboard, cockpit: Cockpit) -> None:
    """A valet's car: no typing while moving, so the talk box offers phrases to pick."""
    cockpit.set_restrictions(Restrictions(speed_cap_kmh=130.0,
                                          blocked_while_driving=frozenset({"video", "keyboard"})))
    dashboard.handle_key("space")


def _where_to(dashboard: Dashboard, cockpit: Cockpit) -> None:
    cockpit.bus.publish(RouteChanged(time=0.0, plan=None, why="arrived"))
    dashboard.model.tab = "navigation"


def _last_stretch(dashboard: Dashboard, cockpit: Cockpit) -> None:
    """The route with no turn left: the card starts at the destination."""
    cockpit.bus.publish(GuidanceChanged(time=0.0, guidance=replace(GUIDANCE, next=None, next_in_m=0.0)))
    dashboard.model.tab = "navigation"


def _charging(dashboard: Dashboard, cockpit: Cockpit) -> None:
    for path, value in ((sig.SPEED, 0.0), (sig.SELECTED_GEAR, sig.GEAR_PARK), (sig.CABLE_CONNECTED, True),
                        (sig.CHARGE_POWER, 11.0), (sig.IS_CHARGING, True), (sig.TIME_TO_COMPLETE, 4980)):
        cockpit.update(path, value)


def _reversing(dashboard: Dashboard, cockpit: Cockpit) -> None:
    cockpit.update(sig.SPEED, -4.0)
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_REVERSE)


def _volume(dashboard: Dashboard, cockpit: Cockpit) -> None:
    cockpit.submit(SetSignal(sig.VOLUME, 35))


def _talk_heard(dashboard: Dashboard, cockpit: Cockpit) -> None:
    """Speech input: a spoken bubble with its certainty bars (a guess), then the driver speaking
    again: the ring follows the voice and the words heard so far fill the talk box."""
    publish = cockpit.bus.publish
    publish(SpeechRecognised(time=0.0, text="turn on the kitchen light", confidence=0.3, verdict="act",
                             adapter="alexa"))
    publish(AssistantReplied(time=0.0, adapter="alexa", utterance="turn on the kitchen light",
                             reply="The kitchen light is on."))
    publish(ListeningChanged(time=0.0, listening=True, adapter="alexa", reason="push_to_talk"))
    publish(VoiceLevelChanged(time=0.0, level=0.8))
    publish(PartialSpeechHeard(time=0.0, text="open the garage and turn on the lights in the hall and the "
                                              "kitchen and set the temperature to twenty one"))


def _talk(dashboard: Dashboard, cockpit: Cockpit) -> None:
    dashboard.handle_key("space")
    dashboard.type_text("open the garage and turn on the lights in the hall and the kitchen please")


def _new_driver(dashboard: Dashboard, cockpit: Cockpit) -> None:
    """Bernd takes over: the welcome line and the glow in his colour."""
    cockpit.bus.publish(ProfileApplied(time=cockpit.now, profile_id="bernd", display_name="Bernd",
                                       avatar_colour="2E86AB",
                                       changes=CHANGES, language=str(cockpit.value(sig.LANGUAGE))))


def _what_changed(dashboard: Dashboard, cockpit: Cockpit) -> None:
    _new_driver(dashboard, cockpit)
    dashboard.model.changes_visible = True


def _keypad(dashboard: Dashboard, cockpit: Cockpit) -> None:
    """Leaving the valet profile: the PIN keypad after one wrong try, two digits typed."""
    cockpit.bus.publish(PinRequested(time=cockpit.now, leaving_name="Valet", profile_id="maximilian",
                                     display_name="Bernd", tries_left=2))
    dashboard.model.pin_digits = "12"


def _quit(dashboard: Dashboard, cockpit: Cockpit) -> None:
    dashboard.model.quit_asked = True


# The overlay scenes, by the overlay each shows; every overlay the dashboard builds needs one.
OVERLAY_SCENES: dict[type, tuple[str, Scene]] = {
    ToastOverlay: ("toasts", _toasts),
    VolumeOverlay: ("volume", _volume),
    HelpOverlay: ("help", _help),
    TransitionOverlay: ("welcome", _new_driver),
    WelcomeOverlay: ("welcome", _new_driver),
    ChangesDrawer: ("what-changed", _what_changed),
    KeypadOverlay: ("keypad", _keypad),
    QuitOverlay: ("quit", _quit),
}
DIALOG_SCENES = ("keypad", "quit")  # a card over a dimmed screen, which takes every key
# The screens that are not tabs (cockpit.ui.panels.base.BUILTIN), by what brings each up.
SCREEN_SCENES: dict[str, Scene] = {"charging": _charging, "rearview": _reversing}
EXTRA_SCENES: dict[str, Scene] = {"talk": _talk, "talk-driving": _talk_driving, "where-to": _where_to,
                                    "last-stretch": _last_stretch, "talk-heard": _talk_heard}


def scenes() -> dict[str, Scene]:
    """Every screen: each registered tab, each screen that is not a tab, each overlay scene, the
    push-to-talk box and the map without a route."""
    shown = {f"tab:{tab}": _tab(tab) for tab, _ in TABS}
    shown.update(OVERLAY_SCENES.values())
    shown.update((f"screen:{name}", scene) for name, scene in SCREEN_SCENES.items())
    shown.update(EXTRA_SCENES)
    return shown


@dataclass(frozen=True, slots=True)
class Combination:
    size: tuple[int, int]
    theme: str
    language: str
    cluster: str

    @property
    def id(self) -> str:
        return f"{self.size[0]}x{self.size[1]}-{self.theme}-{self.language[:2]}-{self.cluster.lower()}"


def full_matrix() -> list[Combination]:
    return [Combination(size, theme, language, cluster) for size in SIZES for theme in THEMES
            for language in LANGUAGES for cluster in CLUSTER_LAYOUTS]


def default_slice() -> list[Combination]:
    """Every size, theme and language; the cluster layouts taken in turn, so each appears with
    every size, and every theme and language, across the slice."""
    combos = [(size, theme, language) for size in SIZES for theme in THEMES for language in LANGUAGES]
    return [Combination(size, theme, language, CLUSTER_LAYOUTS[index % len(CLUSTER_LAYOUTS)])
            for index, (size, theme, language) in enumerate(combos)]


@dataclass(slots=True)
class Findings:
    """What the audits found on one screen of one combination."""

    collisions: list[str] = field(default_factory=list)
    escapes: list[str] = field(default_factory=list)
    cuts: list[str] = field(default_factory=list)
    small: list[str] = field(default_factory=list)
    text_contrast: list[str] = field(default_factory=list)
    edge_contrast: list[str] = field(default_factory=list)
    boxes: list[TextBox] = field(default_factory=list)


@functools.cache
def _fonts() -> None:
    pygame.font.init()


def staged(combo: Combination) -> Iterator[tuple[Dashboard, Cockpit]]:
    """A staged dashboard for `combo`, drawn once, and the bare cockpit behind its read model;
    closed when the caller is done."""
    _fonts()
    cockpit = Cockpit()
    view = CockpitView(cockpit)
    day_night, high_contrast = THEMES[combo.theme]
    for path, value in ((sig.DAY_NIGHT, day_night), (sig.HIGH_CONTRAST, high_contrast),
                        (sig.LANGUAGE, combo.language), (sig.CLUSTER_LAYOUT, combo.cluster)):
        cockpit.update(path, value)
    stage(cockpit)
    dashboard = Dashboard(view, combo.size)
    dashboard.frame()
    try:
        yield dashboard, cockpit
    finally:
        dashboard.close()
        view.close()


def dashboard_for(combo: Combination) -> Iterator[Dashboard]:
    """A staged dashboard for `combo` (see `staged`)."""
    for dashboard, _ in staged(combo):
        yield dashboard


def findings_of(dashboard: Dashboard, high_contrast: bool) -> Findings:
    """Run every audit on what `dashboard` shows now."""
    boxes, cards = dashboard.text_boxes(), dashboard.cards()
    surface, typography = dashboard.surface, dashboard.skin.type
    return Findings(audit.collisions(boxes), audit.escapes(boxes, surface.get_rect()),
                    audit.needless_cuts(boxes, typography), audit.small_text(boxes),
                    audit.text_contrast(boxes, surface, high_contrast),
                    audit.edge_contrast(cards, surface, high_contrast), boxes)


@functools.cache
def audit_combination(combo: Combination) -> dict[str, Findings]:
    """Every screen of `combo`, each drawn on a fresh copy of the staged dashboard and audited."""
    results = {}
    high_contrast = THEMES[combo.theme][1]
    for name, show in scenes().items():
        for dashboard, cockpit in staged(combo):
            show(dashboard, cockpit)
            dashboard.frame()
            results[name] = findings_of(dashboard, high_contrast)
    return results


def screens_that_are_not_tabs() -> set[str]:
    """The centre display's screens shown other than by picking a tab (the rear camera, charging)."""
    return set(BUILTIN) - {tab for tab, _ in TABS}


def overlays_built() -> set[type]:
    """The overlay classes the dashboard builds (for the check that each has a scene)."""
    for dashboard in dashboard_for(default_slice()[0]):
        return {type(overlay) for overlay in screen.build_overlays(dashboard.skin)}
    return set()
