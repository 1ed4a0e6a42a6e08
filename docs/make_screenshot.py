"""Makes docs/screenshot.png: the cockpit at 87 km/h in D, Alice's key fob presented while driving.

Run from the repository root: `.venv/bin/python docs/make_screenshot.py`. It drives a real session
(embedded broker, simulated home, shipped profiles) through the dashboard's own keys, headless.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from cockpit.core import signals as sig
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.view import Broker

OUT = Path(__file__).resolve().parent / "screenshot.png"
FRAME = 1 / 60


def run(session: Session, dashboard: Dashboard, seconds: float) -> None:
    for _ in range(round(seconds / FRAME)):
        session.step(FRAME)
        dashboard.frame()
        time.sleep(0.001)  # let the MQTT thread hand over device states


def cruise(session: Session, dashboard: Dashboard, seconds: float, kmh: float = 87.0) -> None:
    """Hold W while slower than `kmh`, let go while faster, like a driver keeping a speed."""
    for _ in range(round(seconds / (6 * FRAME))):
        if session.view.number(sig.SPEED) < kmh:
            dashboard.handle_key("w")
        else:
            dashboard.release_key("w")
        run(session, dashboard, 6 * FRAME)


def main() -> None:
    with tempfile.TemporaryDirectory() as state, Session(Settings(state_dir=Path(state))) as session:
        dashboard = Dashboard(session.view, (1920, 720), speak=lambda text: None)

        run(session, dashboard, 1.0)
        deadline = time.monotonic() + 10
        while session.view.broker is not Broker.ONLINE and time.monotonic() < deadline:
            run(session, dashboard, 0.1)
        for utterance in ("set the temperature to 21", "how much range do I have"):
            dashboard.handle_key("space")
            dashboard.type_text(utterance)
            dashboard.handle_key("return")
        dashboard.handle_key("tab")  # Car -> Profiles
        dashboard.handle_key("tab")  # -> Media
        dashboard.handle_key("tab")  # -> Home
        dashboard.handle_key("right")  # the hall light
        dashboard.handle_key("return")
        dashboard.handle_key("s")  # brake held: the interlock lets us leave Park
        dashboard.handle_key("d")
        dashboard.release_key("s")
        cruise(session, dashboard, 12.0)
        dashboard.handle_key("left")  # back to the garage tile: it opens while we arrive
        dashboard.handle_key("return")
        dashboard.handle_key("1")  # Alice's key fob: her profile, seat moves wait for Park
        cruise(session, dashboard, 5.0)
        dashboard.screenshot(OUT)
        print(f"saved {OUT} at {session.cockpit.value(sig.SPEED):.0f} km/h")
        dashboard.close()


if __name__ == "__main__":
    main()
