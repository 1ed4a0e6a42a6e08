"""Speech input in the dashboard (`cockpit run --listen`): espeak-ng audio delivered in real time
into a `DashboardVoice`, drawn off screen frame by frame as the app's loop does.

What the driver sees: the listening ring follows the microphone level, the words heard so far
are in the talk box while the driver speaks, the final words land in the transcript with dots for
how sure the recogniser was, and Space is push-to-talk for the microphone too.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest

from cockpit.assistants.speech import evaluation
from cockpit.assistants.speech.dashboard import DashboardVoice
from cockpit.core import signals as sig
from cockpit.core.events import AssistantReplied, ListeningChanged, SpeechRecognised, VoiceLevelChanged
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.widgets.assistant import AssistantHeader, TalkBox, Transcript

pytestmark = pytest.mark.usefixtures("espeak")
FRAME_S = 1 / 60
DOCS = Path(__file__).resolve().parents[3] / "docs" / "issue-18"
TO_DOCS = "COCKPIT_SCREENSHOTS_TO_DOCS"  # set it to refresh docs/issue-18 from this run


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """Sam (Alexa, wake words on, metric), no home."""
    profiles = evaluation.write_profiles(tmp_path / "profiles")
    with Session(Settings(profiles_dir=profiles, profile=evaluation.DRIVER, use_broker=False,
                          state_dir=tmp_path / "state")) as session:
        yield session


@pytest.fixture
def dashboard(session: Session) -> Iterator[Dashboard]:
    made = Dashboard(session.view, (1920, 720), speak=lambda text: None)
    made.frame()
    yield made
    made.close()


def widget(dashboard: Dashboard, kind: type) -> object:
    return next(w for w in dashboard.widgets if isinstance(w, kind))


Seen = tuple[float | None, str, bytes]  # the read model's level, the talk box's text, the header's pixels


def drive(session: Session, dashboard: Dashboard, voice: DashboardVoice, *,
          press_space_at: float | None = None, screenshot: Path | None = None,
          timeout_s: float = 60.0) -> list[Seen]:
    """The app's loop until the audio ends: poll the voice, step, draw. Returns, per frame, the
    microphone level the read model holds, the talk box's text and the header's pixels."""
    seen = []
    began = time.monotonic()
    voice.start()
    try:
        while not voice.ended and time.monotonic() - began < timeout_s:
            if press_space_at is not None and time.monotonic() - began >= press_space_at:
                dashboard.handle_key("space")
                press_space_at = None
            voice.poll()
            session.step(FRAME_S)
            dashboard.frame()
            header = widget(dashboard, AssistantHeader)
            seen.append((session.view.conversation.level, " ".join(widget(dashboard, TalkBox).texts),
                         pygame.image.tobytes(dashboard.surface.subsurface(header.rect), "RGB")))
            if screenshot and session.view.conversation.partial.count(" ") >= 2:
                dashboard.screenshot(str(screenshot))  # mid-sentence: the ring and the words so far
                screenshot = None
            time.sleep(FRAME_S)
        voice.poll()
        dashboard.frame()
        assert voice.ended, "the audio did not end in time"
    finally:
        voice.close()
    return seen


def test_a_spoken_command_shows_level_partial_words_and_a_sure_bubble(session, dashboard, tmp_path):
    samples, _ = evaluation.recordings(["alexa, set the temperature to twenty three degrees"], 10.0,
                                       voice=("en-us", 165))
    shots = DOCS if os.environ.get(TO_DOCS) else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    frames = drive(session, dashboard, DashboardVoice(session, source=evaluation.PacedSource(samples)),
                   screenshot=shots / "listening.png")
    assert session.cockpit.value(sig.DRIVER_TEMP) == 23.0
    idle = [text for level, text, _ in frames if level is None]
    assert idle and idle[0] == "Say “Alexa” or press Space", idle[:1]  # the wake word, not only Space
    levels = {level for level, _, _ in frames if level is not None}
    assert len(levels) >= 3, levels  # the ring follows the voice, not a steady pulse
    assert len({pixels for level, _, pixels in frames if level is not None}) >= 3
    partials = [text for _, text, _ in frames if "temperature" in text.lower() and "…" in text]
    assert partials, "the words heard so far never showed in the talk box"
    driver = [b for b in widget(dashboard, Transcript).current if b.speaker == "driver"]
    assert driver[-1].text.lower().endswith("set the temperature to twenty three degrees")
    assert driver[-1].certainty == 3
    dashboard.screenshot(str(shots / "spoken-command.png"))
    assert (shots / "listening.png").stat().st_size > 0


def test_space_opens_the_microphone_for_a_command_without_a_wake_word(session, dashboard):
    samples, _ = evaluation.recordings(["set the fan to five"], 10.0, voice=("en-us", 165))
    drive(session, dashboard, DashboardVoice(session, source=evaluation.PacedSource(samples)),
          press_space_at=0.1)
    assert session.cockpit.value(sig.DRIVER_FAN) == 50
    dashboard.frame()
    assert widget(dashboard, TalkBox).texts == ["Press Space to talk"]  # the microphone is closed
    assert [b.text for b in widget(dashboard, Transcript).current if b.speaker == "driver"] \
        == ["Set the fan to five"]


def test_a_guess_is_marked_in_the_warning_colour(session, dashboard):
    """What the voice asks about ("Did you say ...?") is a one-dot bubble in the warning colour."""
    bus = session.cockpit.bus
    bus.publish(SpeechRecognised(time=1.0, text="Turn off the fan", confidence=0.3, verdict="ask",
                                 adapter="alexa"))
    bus.publish(AssistantReplied(time=1.0, adapter="alexa", utterance="Turn off the fan",
                                 reply="Did you say “Turn off the fan”?"))
    dashboard.frame()
    transcript = widget(dashboard, Transcript)
    bubble = next(b for b in transcript.current if b.speaker == "driver")
    assert bubble.certainty == 1
    theme = dashboard.skin.theme
    area = transcript.rect
    colours = {tuple(dashboard.surface.get_at((x, y)))[:3]
               for x in range(area.left, area.right) for y in range(area.top, area.bottom, 1)}
    assert theme.warning in colours
    bus.publish(AssistantReplied(time=2.0, adapter="alexa", utterance="typed words", reply="OK"))
    dashboard.frame()
    assert [b.certainty for b in widget(dashboard, Transcript).current if b.speaker == "driver"] == [1, 0]


def test_the_listening_ring_grows_with_the_microphone_level(session, dashboard):
    bus = session.cockpit.bus
    bus.publish(ListeningChanged(time=0.0, listening=True, adapter="alexa", reason="wake_word"))
    header = widget(dashboard, AssistantHeader)
    accent = dashboard.skin.theme.accent

    def ring_pixels(level: float) -> int:
        bus.publish(VoiceLevelChanged(time=0.0, level=level))
        dashboard.frame()
        area = header.rect
        return sum(tuple(dashboard.surface.get_at((x, y)))[:3] != dashboard.skin.theme.card
                   for x in range(area.left, area.left + area.height) for y in range(area.top, area.bottom))

    quiet, loud, quiet_again = ring_pixels(0.0), ring_pixels(1.0), ring_pixels(0.0)
    assert loud > quiet == quiet_again  # the level, not the clock, sets the ring
    assert accent in {tuple(dashboard.surface.get_at((x, header.rect.centery)))[:3]
                      for x in range(header.rect.left, header.rect.left + header.rect.height)}
