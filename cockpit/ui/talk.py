"""Push-to-talk in the simulator: what the driver "says" and how it reaches the assistant.

There is no microphone: voice input is simulated. Space starts listening (a Listen command; the
animation runs while the read model says the assistant listens). Parked, the driver types the
utterance (pygame TEXTINPUT events land in `draft`); Enter sends it to the active driver's
assistant as AskAssistant, through the cockpit; Esc cancels. While driving with typing blocked by
the policy (category "keyboard", e.g. a valet profile), the panel offers the assistant's suggestions
instead (the read model's `suggestions`: examples of every installed capability, plugins' too):
Up / Down pick one, Enter says it. Replies are spoken through espeak-ng when the driver's profile
asks for spoken replies; speaking runs in a child process and never blocks the frame loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from cockpit.core import signals as sig
from cockpit.core.commands import AskAssistant, Listen
from cockpit.core.events import AssistantReplied
from cockpit.core.text import Text, localise
from cockpit.i18n import translator
from cockpit.ui.model import UiModel
from cockpit.view import CockpitView

MAX_DRAFT: Final = 200
SEND_KEYS: Final = frozenset({"return", "enter"})


class Talk:
    """The push-to-talk state machine: idle -> listening (typing or choosing) -> sent or cancelled."""

    def __init__(self, view: CockpitView, model: UiModel) -> None:
        self.view = view
        self.model = model
        self.draft = ""
        self.choice = 0
        self._told_locked = False  # the driver was told once per listening that typing is locked

    @property
    def listening(self) -> bool:
        return self.view.conversation.listening

    @property
    def suggestions(self) -> tuple[str, ...]:
        """What the driver can pick while typing is blocked (the assistant's own examples)."""
        return self.view.suggestions

    @property
    def typing_blocked(self) -> bool:
        """Typing is a keyboard: the policy may block it while driving ("Voice only while driving")."""
        return self.view.blocks("keyboard")

    def start(self) -> None:
        """The push-to-talk key: listen (again) from an empty text box."""
        self.draft, self.choice, self._told_locked = "", 0, False
        self.view.submit(Listen(True))

    def cancel(self) -> None:
        self.draft = ""
        if self.listening:
            self.view.submit(Listen(False))

    def type(self, text: str) -> None:
        """Text typed while listening; while typing is locked (driving) it is refused with a toast
        that says what to do instead."""
        if not self.listening:
            return
        if self.typing_blocked:
            if text.strip() and not self._told_locked:
                self._told_locked = True
                locked = Text("Typing is locked while driving: pick a phrase with ↑ ↓, Enter says it")
                self.model.toast(locked, "warning")
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
            suggestions = self.suggestions
            chosen = suggestions[self.choice % len(suggestions)] if suggestions else ""
            self.send(chosen if self.typing_blocked else self.draft)
        elif self.typing_blocked:
            if name not in ("up", "down"):
                return False  # driving: the other keys keep driving the car
            self.choice = (self.choice + (1 if name == "down" else -1)) % max(1, len(self.suggestions))
        elif name == "backspace":
            self.draft = self.draft[:-1]
        return True

    def send(self, utterance: str) -> None:
        """Hand `utterance` to the active assistant; its reply arrives as AssistantReplied."""
        utterance = utterance.strip()
        self.cancel()
        if not utterance:
            return
        if self.view.assistant is None:
            self.model.toast(Text("No assistant is running"), "warning")
            return
        self.view.submit(AskAssistant(utterance))  # a refusal reaches the screen as a notice


def speak_replies(view: CockpitView, speak: Callable[[str], object] | None = None) -> Callable[[], None]:
    """Say each assistant reply aloud, in the screen's language, when the active driver wants
    spoken replies (tts.speak by default); returns the unsubscribe."""

    def on_reply(event: AssistantReplied) -> None:
        driver = view.driver
        if not event.reply or driver is None or not driver.spoken_replies:
            return
        language = str(view.value(sig.LANGUAGE))
        said = localise(event.reply, translator(language))
        if speak is not None:
            speak(said)
            return
        from cockpit.assistants import tts

        tts.speak(said, language)

    return view.subscribe(on_reply, AssistantReplied)
