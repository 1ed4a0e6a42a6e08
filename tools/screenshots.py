"""Makes the docs/ pictures from the headless dashboard: `make screenshots`.

One real session (embedded broker, simulated home, shipped profiles) is driven the way a tester
would: Alice's profile, a radio station asked for by voice, home as destination, then 87 km/h
in D. The same moment is then drawn at each size, theme, language and cluster layout:

    <hero>                                     the README's picture (1920x720, night, classic dial)
    <out>/<size>-<theme>.png                   1280x480, 1920x720, 2560x1080 x day, night, high contrast
    <out>/layout-<layout>-<language>.png       each cluster layout at 1920x720, English and German

`python tools/screenshots.py OUT [HERO]` (`make screenshots`: docs/screens docs/screenshot.png). It
only uses the dashboard's public keys and the signals a driver sets, so an older checkout can draw
its "before" pictures too.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.places import destination_commands
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.view import Broker

FRAME = 1 / 60
SIZES = ((1280, 480), (1920, 720), (2560, 1080))
THEMES = {"night": ("NIGHT", False), "day": ("DAY", False), "high-contrast": ("NIGHT", True)}
LAYOUTS = ("CLASSIC", "MINIMAL", "SPORT")
LANGUAGES = {"en": "en-GB", "de": "de-DE"}
HOME = (60.17285, 24.95287)  # Alice's saved place "Home" (profiles/alice.yaml)


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


def drive(session: Session) -> None:
    """Bring the session to the moment every picture shows: on the way home at 87 km/h."""
    dashboard = Dashboard(session.view, (1920, 720), speak=lambda text: None)
    run(session, dashboard, 1.0)
    deadline = time.monotonic() + 10
    while session.view.broker is not Broker.ONLINE and time.monotonic() < deadline:
        run(session, dashboard, 0.1)
    for utterance in ("play BBC Radio 4", "set the temperature to 21"):
        dashboard.handle_key("space")
        dashboard.type_text(utterance)
        dashboard.handle_key("return")
        run(session, dashboard, 0.5)
    for command in destination_commands("Home", *HOME, source=Source.USER):
        session.cockpit.submit(command)
    dashboard.handle_key("s")  # brake held: the interlock lets us leave Park
    dashboard.handle_key("d")
    dashboard.release_key("s")
    cruise(session, dashboard, 15.0)
    dashboard.close()


def picture(session: Session, size: tuple[int, int], path: Path, tab: str = "navigation",
            **signals: object) -> None:
    """Draw the current moment at `size` with `signals` set (by the driver), on the `tab`."""
    for name, value in signals.items():
        session.cockpit.submit(SetSignal(getattr(sig, name), value))
    dashboard = Dashboard(session.view, size, speak=lambda text: None)
    dashboard.model.tab = tab
    for _ in range(3):
        session.step(FRAME)
        dashboard.frame()
    path.parent.mkdir(parents=True, exist_ok=True)
    dashboard.screenshot(path)
    dashboard.close()
    print(f"saved {path}")


def main(out: Path, hero: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as state, \
            Session(Settings(state_dir=Path(state), profile="alice")) as session:
        drive(session)
        session.cockpit.submit(SetSignal(sig.CLUSTER_LAYOUT, "CLASSIC"))
        if hero is not None:
            picture(session, (1920, 720), hero, DAY_NIGHT="NIGHT", HIGH_CONTRAST=False)
        for width, height in SIZES:
            for theme, (day_night, high_contrast) in THEMES.items():
                picture(session, (width, height), out / f"{width}x{height}-{theme}.png",
                        DAY_NIGHT=day_night, HIGH_CONTRAST=high_contrast)
        for layout in LAYOUTS:
            for short, language in LANGUAGES.items():
                picture(session, (1920, 720), out / f"layout-{layout.lower()}-{short}.png", tab="media",
                        DAY_NIGHT="NIGHT", HIGH_CONTRAST=False, CLUSTER_LAYOUT=layout, LANGUAGE=language)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
