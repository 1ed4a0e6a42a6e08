"""`cockpit run`: the cockpit in a pygame window (or headless, off-screen).

Controls (F1 shows them on screen; the table lives in cockpit.ui.keys):
    Up / W        accelerator, held while pressed      Down / S    brake, held while pressed
    P R N D       select gear                          Left / Q, Right / E   turn signals
    T / G         driver temperature up / down         O / L       passenger temperature up / down
    F             fan speed                            A           air conditioning
    H             seat heating                         J           steering wheel heating
    V             night / day theme                    U           metric / imperial units
    Tab           next centre tab                      F1          key help
    I             what changed at the last change of driver
    1 2 3 4       present key fob 1..4 (its driver's profile; an unknown fob gives the guest)
    Space         push to talk: type the utterance, Enter sends, Esc cancels (while driving typing
                  is locked: Up / Down pick a suggested phrase, Enter says it); with --listen the
                  microphone hears the next utterance too
    Arrows/Enter  on the Profiles, Home and Navigation tabs: select and apply / switch / set
    0-9, Enter    the PIN keypad, when leaving a restricted profile asks for it
    Esc           close the top overlay (help, keypad, drawer); it never quits
    Ctrl+Q        quit (the window's close button too; asked once when not parked; Ctrl-C quits)
Mouse: click a tab, the − and + of a temperature, a climate button, a profile card, a home tile,
the keypad's keys or the welcome line's "What changed".
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit import shutdown
from cockpit.core.errors import InvalidInput
from cockpit.personalisation.roaming.address import is_roaming
from cockpit.session import Session, Settings
from cockpit.vss import cli as vss_cli

if TYPE_CHECKING:
    from cockpit.assistants.speech.dashboard import DashboardVoice
    from cockpit.ui.dashboard import Dashboard

logger = logging.getLogger(__name__)

FPS = 60
FIRST_FRAME_ENV = "COCKPIT_FIRST_FRAME_T0"  # set by the benchmark: time.monotonic() before spawning


def run_command(args: argparse.Namespace) -> int:
    """Run the demo until Ctrl+Q, window close, Ctrl-C or `--frames`; returns the exit code."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    roaming = is_roaming(args.profiles)
    settings = Settings(profile=args.profile, profiles_dir=None if roaming else _path(args.profiles),
                        profiles_url=args.profiles if roaming else None, assistant=args.assistant,
                        broker_url=args.broker, use_broker=not args.no_broker, home_file=_path(args.home),
                        mqtt_ca_file=args.ca_file, mqtt_cert_file=args.cert_file,
                        mqtt_key_file=args.key_file, mqtt_version=args.mqtt_version,
                        size=args.size, headless=args.headless, vss_api=vss_cli.api_settings(args))
    screenshot = _writable(args.screenshot)
    if args.device is not None and not args.listen:
        raise InvalidInput("--device is the microphone of --listen; give both")
    if args.listen:
        from cockpit.assistants import speech

        speech.require()  # before the window opens: a missing extra is a one-line error
    with shutdown.deferred():  # Ctrl-C ends the loop between two frames, never inside a lock
        session = Session(settings)
        try:
            voice = _voice(session, args.device) if args.listen else None
            run(session, args.size, frames=args.frames, screenshot=screenshot, paced=not args.headless,
                record=args.record, window=not args.headless, voice=voice)
        finally:
            session.close()
    return 0


def _voice(session: Session, device: str | None) -> DashboardVoice:
    from cockpit.assistants.speech.audio import device_named
    from cockpit.assistants.speech.dashboard import DashboardVoice

    return DashboardVoice(session, device_named(device))


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None


def _writable(screenshot: str | None) -> str | None:
    """Refuse a screenshot path that cannot be written now, not after the last frame."""
    if screenshot is None:
        return None
    path = Path(screenshot)
    if path.suffix.lower() != ".png":  # a slip like `--screenshot alice.yaml` must not replace a profile
        raise InvalidInput(f"--screenshot {screenshot}: the file name must end in .png")
    if path.is_dir():
        raise InvalidInput(f"--screenshot {screenshot}: is a folder; give a file name such as "
                           f"{path / 'cockpit.png'}")
    if not path.parent.is_dir():
        raise InvalidInput(f"--screenshot {screenshot}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise InvalidInput(f"--screenshot {screenshot}: folder {path.parent} is not writable")
    return screenshot


def run(session: Session, size: tuple[int, int], frames: int | None = None,
        screenshot: str | None = None, paced: bool = True, record: Path | None = None,
        window: bool = True, voice: DashboardVoice | None = None) -> None:
    """The loop: quit handling first, then inputs, `session.step(dt)`, and drawing what changed.

    The session is started after the first frame is on screen, so the window appears at once and
    the driver's profile is applied on the frames that follow.

    A paced loop runs at FPS in real time; an unpaced (headless) one steps 1/FPS per frame as fast
    as it can, so a headless run is repeatable. Without a `window` the dashboard draws off screen
    and no display is opened at all (no video driver to choose, no keys to read). With `record`,
    every input and step is written there for `cockpit scenario replay` (see
    cockpit.scenario.recording). A `voice` (speech input) starts with the session, after the first
    frame, is drained every frame and closed with the dashboard.
    """
    import pygame

    from cockpit.ui.chime import Chime
    from cockpit.ui.dashboard import Dashboard

    if window:
        pygame.display.init()
    try:
        surface = pygame.display.set_mode(size) if window else None
        if window:
            pygame.display.set_caption("SmartCockpit Sim")
        chime = Chime(enabled=window)
        if record is None:
            dashboard = Dashboard(session.view, size, surface, chime=chime)
        else:
            from cockpit.scenario.capture import Recorder, RecordingDashboard

            recorder = Recorder(record, session.settings, session.cockpit, size)
            dashboard = RecordingDashboard(session.view, size, surface, recorder, chime=chime)
        clock = pygame.time.Clock()
        count = 0
        while not (dashboard.quit_requested or shutdown.requested()) and (frames is None or count < frames):
            dt = clock.tick(FPS) / 1000.0 if paced else 1.0 / FPS
            if window and not _drain_events(dashboard):
                break
            if voice is not None:
                voice.poll()
            session.step(dt)
            dirty = dashboard.frame()
            if window:
                pygame.display.update(dirty)
            count += 1
            if count == 1:
                _report_first_frame()
                session.start()
                if voice is not None:
                    voice.start()
        if shutdown.requested():
            logger.info("interrupted; shutting down")
        if screenshot:  # the last frame, also after Ctrl-C
            dashboard.screenshot(screenshot)
        dashboard.close()
    finally:
        if voice is not None:
            voice.close()
        if window:
            pygame.display.quit()


def _drain_events(dashboard: Dashboard) -> bool:
    """Hand every pending event to the dashboard; False once it is to quit (Ctrl+Q, the window's
    close button, each asked first when the car is not parked)."""
    import pygame as pg

    for event in pg.event.get():
        if event.type == pg.QUIT:
            dashboard.request_quit()
        elif event.type == pg.KEYDOWN:
            dashboard.handle_key(key_name(event.key, getattr(event, "mod", 0)))
        elif event.type == pg.TEXTINPUT:
            dashboard.type_text(event.text)
        elif event.type == pg.KEYUP:
            dashboard.release_key(pg.key.name(event.key))
        elif event.type == pg.MOUSEBUTTONDOWN and event.button == 1:
            dashboard.click(event.pos)
        elif event.type == pg.MOUSEWHEEL:
            dashboard.scroll(pg.mouse.get_pos(), event.y)
    return not dashboard.quit_requested


def key_name(key: int, mod: int) -> str:
    """pygame's name of a key; an arrow with Shift held is "shift+left" (it pans the map)."""
    import pygame as pg

    name = pg.key.name(key)
    if mod & pg.KMOD_SHIFT and name in ("left", "right", "up", "down"):
        return f"shift+{name}"
    return name


def _report_first_frame() -> None:
    """Log (and, for the benchmark, print) how long the process took to show its first frame."""
    started = os.environ.get(FIRST_FRAME_ENV)
    if started is not None:
        print(f"first_frame {time.monotonic() - float(started):.6f}", flush=True)
    logger.debug("first frame %.3f s after process start", _since_process_start())


def _since_process_start() -> float:
    """Seconds since this process started, from /proc (Linux); 0.0 where that is unavailable."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            now = float(uptime.read().split()[0])
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
