"""Spoken replies through espeak-ng, when it is installed; silent (and no error) when it is not.

Speaking never blocks the caller: espeak-ng runs as a child process. A new reply interrupts the one
still being spoken, finished children are reaped on every call, and `close()` (also run at exit for
the module-level `speak`) stops and reaps whatever is left, so no process outlives the cockpit.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import subprocess
from typing import Final

logger = logging.getLogger(__name__)

ENGINE: Final = "espeak-ng"
MAX_CHARS: Final = 500
STOP_TIMEOUT_S: Final = 2.0


class Speaker:
    """One voice: at most one espeak-ng child at a time."""

    def __init__(self, engine: str = ENGINE, voice: str | None = None) -> None:
        self._executable = shutil.which(engine)
        self._voice = voice
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def available(self) -> bool:
        return self._executable is not None

    @property
    def speaking(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def speak(self, text: str, voice: str | None = None) -> bool:
        """Start saying `text` (in `voice`, else this speaker's); returns False (silently) when there
        is no engine or nothing to say."""
        self.stop()
        text = " ".join(text.split())[:MAX_CHARS]
        if self._executable is None or not text:
            return False
        command = [self._executable]
        voice = voice or self._voice
        if voice:
            command += ["-v", voice]
        try:
            self._process = subprocess.Popen(
                [*command, "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            logger.warning("cannot start %s: %s", self._executable, error)
            return False
        return True

    def stop(self) -> None:
        """Interrupt the current reply (if any) and reap the process."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self) -> None:
        self.stop()


_default: Speaker | None = None


def speak(text: str, language: str | None = None) -> bool:
    """Say `text` with the shared speaker, in the voice of `language` (a BCP 47 tag: "de-DE" speaks
    German); False when espeak-ng is not installed. Never blocks."""
    global _default
    if _default is None:
        _default = Speaker()
        atexit.register(_default.close)
    return _default.speak(text, voice_for(language) if language else None)


def voice_for(language: str) -> str:
    """espeak-ng's voice for a BCP 47 tag: "de-DE" -> "de", "en-GB" -> "en-gb", "fr" -> "fr"."""
    primary, _, region = language.partition("-")
    return f"{primary}-{region}".lower() if primary.lower() == "en" and region else primary.lower()
