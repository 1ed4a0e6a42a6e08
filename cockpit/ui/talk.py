"""Push-to-talk in the simulator: what the driver "says" and how it reaches the assistant.

There is no microphone: voice input is simulated. Space starts listening (the animation runs).
Parked, the driver types the utterance (pygame TEXTINPUT events land in `draft`); Enter sends it
to the active driver's assistant, Esc cancels. While driving with typing blocked by the policy
(category "keyboard", e.g. a valet profile), the panel offers SUGGESTIONS instead: Up / Down pick
one, Enter says it. Replies are spoken through espeak-ng when the driver's profile asks for spoken
replies; speaking runs in a child process and never blocks the frame loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from cockpit.core.errors import CockpitError
from cockpit.ui.model import UiModel

if TYPE_CHECKING:
    from cockpit.session import Session

logger = logging.getLogger(__name__)

# What a driver might say while typing is blocked; the cockpit grammar understands each of them.
SUGGESTIONS: Final = (
    "Set the temperature to 21",
    "A bit warmer",
    "I'm heading home",
    "Open the garage",
    "Turn on the hall light",
    "How much range do I have?",
)
MAX_DRAFT: Final = 200
SEND_KEYS: Final = frozenset({"return", "enter"})


class Talk:
    """The push-to-talk state machine: idle -> listening (typing or choosing) -> sent or cancelled."""

    def __init__(self, session: Session, model: UiModel) -> None:
        self.session = session
        self.model = model
        self.draft = ""
        self.choice = 0

    @property
    def listening(self) -> bool:
        return self.model.conversation.listening

    @property
    def typing_blocked(self) -> bool:
        """Typing is a keyboard: the policy may block it while driving ("Voice only while driving")."""
        cockpit = self.session.cockpit
        return cockpit.policy.blocks("keyboard", cockpit)

    def start(self) -> None:
        """The push-to-talk key: listen (again) from an empty text box."""
        self.draft, self.choice = "", 0
        self.model.conversation.press(self.session.cockpit.now)

    def cancel(self) -> None:
        self.draft = ""
        self.model.conversation.release()

    def type(self, text: str) -> None:
        """Text typed while listening (ignored while typing is blocked)."""
        if not self.listening or self.typing_blocked:
            return
        draft = self.draft + text.replace("\n", " ")
        self.draft = draft.lstrip()[:MAX_DRAFT]  # the space that started listening is not typed

    def key(self, name: str) -> bool:
        """A key while listening; True when it was for the text box (the dashboard stops there)."""
        if not self.listening:
            return False
        if name == "escape":
            self.cancel()
        elif name in SEND_KEYS:
            self.send(SUGGESTIONS[self.choice] if self.typing_blocked else self.draft)
        elif self.typing_blocked:
            if name not in ("up", "down"):
                return False  # driving: the other keys keep driving the car
            self.choice = (self.choice + (1 if name == "down" else -1)) % len(SUGGESTIONS)
        elif name == "backspace":
            self.draft = self.draft[:-1]
        return True

    def send(self, utterance: str) -> None:
        """Hand `utterance` to the active assistant; its reply arrives as AssistantReplied."""
        utterance = utterance.strip()
        self.cancel()
        if not utterance:
            return
        assistant = self.session.assistant
        if assistant is None:
            self.model.toast("No assistant is running", "warning")
            return
        try:
            assistant.respond(utterance)
        except CockpitError as error:
            logger.warning("assistant failed on %r: %s", utterance, error)
            self.model.toast(str(error), "warning")


def reply_speaker(session: Session, speak: Callable[[str], object] | None = None) -> Callable[[str], None]:
    """A reply handler that speaks when the active driver wants spoken replies (tts.speak by default)."""

    def on_reply(text: str) -> None:
        engine = session.profiles
        if engine is None or engine.active is None or not engine.active.profile.assistant.spoken_replies:
            return
        if speak is not None:
            speak(text)
            return
        from cockpit.assistants import tts

        tts.speak(text)

    return on_reply
