"""A journey through every screen of the dashboard, for checks that must see all of them (every
string from the catalogue): each tab, the key help, the PIN keypad (asking, wrong, locked), a
driver change parked and moving (welcome line, "What changed", the after-parking lamp), a refused
switch, push-to-talk while driving (phrases, the typing lock, a reply, a refusal), the quit
question."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from cockpit.core import signals as sig
from cockpit.core.commands import AskAssistant, SetSignal
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard

SHIPPED = Path(__file__).resolve().parents[2] / "profiles"
FRAME = 1 / 30
TOM_PIN = "4321"


def profiles_in(language: str, folder: Path) -> Path:
    """A copy of the shipped profiles, every driver reading `language`."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in SHIPPED.glob("*.yaml"):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data.setdefault("display", {})["language"] = language
        (folder / source.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(SHIPPED / "profile.schema.json", folder)
    return folder


def every_screen(language: str, tmp_path: Path,
                 size: tuple[int, int] = (1920, 720)) -> tuple[list[str], set[str]]:
    """Every string the dashboard shows on the journey, every profile reading `language`; and the
    media library's names and titles (content, not our wording)."""
    seen: list[str] = []
    content: set[str] = set()
    settings = Settings(profiles_dir=profiles_in(language, tmp_path / "profiles"), profile="tom",
                        use_broker=False, state_dir=tmp_path / "state", size=size)
    with Session(settings) as session:
        dashboard = Dashboard(session.view, size, speak=lambda text: None)

        def run(seconds: float, *keys: str) -> None:
            for key in keys:
                dashboard.handle_key(key)
            for _ in range(max(1, round(seconds / FRAME))):
                session.step(FRAME)
                dashboard.frame()
            seen.extend(dashboard.visible_text())
            if session.view.driver is not None:  # saved places are the driver's own names
                content.update(place.name for place in session.view.driver.places)
            playing = session.view.media
            if playing is not None:
                content.update(word for word in (playing.title, playing.artist, playing.album) if word)

        run(0.2)
        for _ in range(5):
            run(0.1, "tab")
        run(0.1, "f1")
        run(0.1, "escape", "2", "1", "2")  # Bernd's fob: leaving Tom's profile asks for the PIN
        for _ in range(3):
            run(0.1, *"9999", "return")
        run(61.0)
        run(0.5, *TOM_PIN, "return")  # Bernd drives: the welcome line
        run(0.1, "i")
        run(0.1, "escape", "s", "d")
        dashboard.release_key("s")
        dashboard.handle_key("w")
        run(4.0, "space")
        dashboard.type_text("set the temperature to 30")  # typing is locked while driving
        run(0.1)
        run(0.5, "return")
        run(0.5, "3")  # Tom's fob while moving: display changes wait, the lamp lists them
        run(0.1, "i")
        run(0.1, "escape", "2")  # leaving Tom's profile while moving is refused
        session.view.submit(AskAssistant("watch a dvd"))
        session.view.submit(SetSignal(sig.MEDIA_SOURCE, "TV"))
        run(0.5, "ctrl+q")
        dashboard.close()
        library = session.view.media_library
        entries = (*library.stations, *library.collections) if library is not None else ()
    content.update(word for entry in entries for word in (entry.title, entry.subtitle) if word)
    return seen, content
