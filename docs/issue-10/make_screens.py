"""Makes the issue-10 screenshots: a driver change at 78 km/h, in 8 variants.

Run from the repository root: `.venv/bin/python docs/issue-10/make_screens.py before|after`.
Each picture is a fresh session (embedded broker, shipped profiles) driven through the dashboard's
own keys: the guest drives off, keeps about 78 km/h, then presents Alice's fob (English) or
Bernd's (German); one second later the frame is saved, at 1920x720 and 1280x480, day and night
(the theme is set by hand at the start, as V would). "after" also saves the "What changed" drawer
(I) of the same moment and the PIN keypad of a parked teen driver.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.view import Broker

FRAME = 1 / 60
FOBS = {"en": "1", "de": "2"}  # Alice (en-GB), Bernd (de-DE)


def run(session: Session, dashboard: Dashboard, seconds: float) -> None:
    for _ in range(round(seconds / FRAME)):
        session.step(FRAME)
        dashboard.frame()
        time.sleep(0.001)


def cruise(session: Session, dashboard: Dashboard, seconds: float, kmh: float = 78.0) -> None:
    for _ in range(round(seconds / (6 * FRAME))):
        if session.view.number(sig.SPEED) < kmh:
            dashboard.handle_key("w")
        else:
            dashboard.release_key("w")
        run(session, dashboard, 6 * FRAME)


def shot(out: Path, size: tuple[int, int], theme: str, language: str, extras: bool) -> None:
    with tempfile.TemporaryDirectory() as state, \
            Session(Settings(state_dir=Path(state), size=size)) as session:
        dashboard = Dashboard(session.view, size, speak=lambda text: None)
        session.view.submit(SetSignal(sig.DAY_NIGHT, theme))
        run(session, dashboard, 1.0)
        deadline = time.monotonic() + 10
        while session.view.broker is not Broker.ONLINE and time.monotonic() < deadline:
            run(session, dashboard, 0.1)
        dashboard.handle_key("s")
        dashboard.handle_key("d")
        dashboard.release_key("s")
        cruise(session, dashboard, 10.0)
        dashboard.handle_key(FOBS[language])
        cruise(session, dashboard, 0.5)
        if session.view.value(sig.DAY_NIGHT) != theme:
            session.view.submit(SetSignal(sig.DAY_NIGHT, theme))
        cruise(session, dashboard, 0.5)
        name = f"{size[0]}x{size[1]}-{theme.lower()}-{language}.png"
        dashboard.screenshot(out / name)
        print(f"saved {out / name} at {session.view.number(sig.SPEED):.0f} km/h")
        if extras:
            dashboard.handle_key("i")
            run(session, dashboard, 0.1)
            dashboard.screenshot(out / f"drawer-{name}")
        dashboard.close()


def keypad(out: Path, size: tuple[int, int]) -> None:
    """Tom (teen, parked) presents Bernd's fob: the keypad asks for the PIN; two digits typed."""
    with tempfile.TemporaryDirectory() as state, \
            Session(Settings(state_dir=Path(state), size=size, profile="tom", use_broker=False)) as session:
        dashboard = Dashboard(session.view, size, speak=lambda text: None)
        run(session, dashboard, 0.5)
        for key in ("2", "4", "3"):
            dashboard.handle_key(key)
        run(session, dashboard, 0.2)
        dashboard.screenshot(out / f"keypad-{size[0]}x{size[1]}-de.png")
        dashboard.close()


def main() -> None:
    out = Path(__file__).resolve().parent / sys.argv[1]
    out.mkdir(parents=True, exist_ok=True)
    extras = sys.argv[1] == "after"
    for size in ((1920, 720), (1280, 480)):
        for theme in ("DAY", "NIGHT"):
            for language in ("en", "de"):
                shot(out, size, theme, language, extras)
        if extras:
            keypad(out, size)


if __name__ == "__main__":
    main()
