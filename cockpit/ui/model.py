"""The dashboard's own state: the active tab, the overlays, each list's selection, and the toasts.

Everything the cockpit knows comes from the read model (cockpit.view.CockpitView); this holds only
what belongs to one screen. Toasts are the read model's notices, each shown for a few seconds from
when it was raised, plus the dashboard's own messages ("Still starting up"). A dashboard built
after the session started still shows the warnings raised before it (a skipped profile file).

Overlays stack: the quit question over the PIN keypad over the "What changed" drawer over the key
help. Esc closes the top one (`close_top`) and never quits.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from cockpit.core import signals as sig
from cockpit.view import CockpitView, Notice

TOAST_SECONDS = 4.0
LONG_TOAST_SECONDS = 8.0  # warnings: long enough to read them out
TOASTS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Toast:
    """A short message over the centre display until `until` (simulated seconds)."""

    text: str
    level: str
    until: float


def seconds_shown(notice: Notice) -> float:
    """How long a notice stays on screen: a glance for info and refusals, longer for the rest."""
    return TOAST_SECONDS if notice.brief or notice.level == "info" else LONG_TOAST_SECONDS


class UiModel:
    """One dashboard's state that is neither a signal nor a fact of the cockpit."""

    def __init__(self, view: CockpitView, tabs: tuple[str, ...]) -> None:
        self.view = view
        self.tabs = tabs
        self.tab = "car" if "car" in tabs else tabs[0]
        self.help_visible = False
        self.changes_visible = False  # the "What changed" drawer
        self.quit_asked = False  # "Quit the cockpit? Enter / Esc" (asked once when not parked)
        self.pin_digits = ""  # typed on the keypad, never shown as digits
        self._pin_closed = 0  # how many PIN requests were closed with Esc (a new one opens it again)
        self.cursor: dict[str, int] = {}  # the selected item of each tab's list (carousel, tiles)
        self.map_zoom = 2  # index into the map's zoom levels (cockpit.ui.map_view.ZOOMS)
        self.map_pan: tuple[float, float] | None = None  # metres panned east, north; None follows the car
        self._driver = view.driver
        self._plugged = False
        self._tab_when_plugged: str | None = None  # the tab shown when the cable went in
        self._reversing = False
        self.reverse_from = (0.0, 0.0)  # where the car was when R was selected: how far it has reversed
        self._toasts: deque[Toast] = deque(maxlen=8)
        self._notices_seen = view.notice_count
        for notice in view.notices:
            if notice.level in ("warning", "error") and not notice.brief:
                self._show(notice)

    def toast(self, text: str, level: str = "info", seconds: float = TOAST_SECONDS) -> None:
        """Show `text` over the centre display for a few seconds."""
        self._toasts.append(Toast(text, level, self.view.now + seconds))

    def current_toasts(self) -> tuple[Toast, ...]:
        """The newest toasts still on screen (oldest first), dropping expired ones."""
        self.follow()
        now = self.view.now
        live = [toast for toast in self._toasts if toast.until > now]
        if len(live) != len(self._toasts):
            self._toasts = deque(live, maxlen=self._toasts.maxlen)
        return tuple(live[-TOASTS_SHOWN:])

    def current_toast(self) -> Toast | None:
        """The newest toast still on screen."""
        toasts = self.current_toasts()
        return toasts[-1] if toasts else None

    @property
    def keypad_visible(self) -> bool:
        """The read model asks for a PIN and the driver has not closed this request."""
        pin = self.view.pin
        return pin is not None and pin.asked > self._pin_closed

    def close_keypad(self) -> None:
        pin = self.view.pin
        self._pin_closed = pin.asked if pin is not None else self._pin_closed
        self.pin_digits = ""

    def close_top(self) -> bool:
        """Esc: close the topmost overlay; False when none was open."""
        if self.quit_asked:
            self.quit_asked = False
        elif self.keypad_visible:
            self.close_keypad()
        elif self.changes_visible:
            self.changes_visible = False
        elif self.help_visible:
            self.help_visible = False
        else:
            return False
        return True

    def next_tab(self) -> None:
        self.tab = self.tabs[(self.tabs.index(self.tab) + 1) % len(self.tabs)]

    def move_cursor(self, tab: str, step: int, count: int) -> int:
        """Move the selection of `tab` by `step` over `count` items (wrapping); returns it."""
        index = (self.cursor.get(tab, 0) + step) % count if count else 0
        self.cursor[tab] = index
        return index

    @property
    def screen(self) -> str:
        """What the centre display shows: the rear camera in R, the charging screen while the cable
        is in (until the driver picks another tab), else the active tab."""
        if self.view.value(sig.SELECTED_GEAR) == sig.GEAR_REVERSE:
            return "rearview"
        if self._tab_when_plugged is not None and self.tab == self._tab_when_plugged:
            return "charging"
        return self.tab

    def _follow_car(self) -> None:
        view = self.view
        plugged = bool(view.value(sig.CABLE_CONNECTED))
        if plugged and not self._plugged:
            self._tab_when_plugged = self.tab
        elif not plugged:
            self._tab_when_plugged = None
        self._plugged = plugged
        reversing = view.value(sig.SELECTED_GEAR) == sig.GEAR_REVERSE
        if reversing and not self._reversing:
            self.reverse_from = (view.number(sig.LATITUDE), view.number(sig.LONGITUDE))
        self._reversing = reversing

    def follow(self) -> None:
        """Take the notices raised since the last look, reset the carousel for a new driver, and
        follow the gear and the cable (the dashboard calls this before each frame and each key)."""
        self._follow_car()
        view = self.view
        if view.driver is not self._driver:
            self._driver = view.driver
            self.cursor.pop("profiles", None)  # the carousel shows the new driver
        fresh = view.notice_count - self._notices_seen
        if fresh <= 0:
            return
        self._notices_seen = view.notice_count
        for notice in list(view.notices)[-fresh:]:
            self._show(notice)

    def _show(self, notice: Notice) -> None:
        self._toasts.append(Toast(notice.text, notice.level, notice.time + seconds_shown(notice)))
