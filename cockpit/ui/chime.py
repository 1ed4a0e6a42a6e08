"""The cockpit's sounds, generated (no sound files), through pygame.mixer: the speed-warning chime
(a short two-tone beep, once each time the warning comes on) and the indicator relay's tick and
tock (one on each flash, switching on and off, like the relay of a real flasher).

The mixer is opened on the first sound, not at start-up; a `Chime(enabled=False)` (headless
runs, tests) only counts, and with no audio device it stays silent and never raises.
"""

from __future__ import annotations

import logging
import math
from array import array
from typing import Any, Final

logger = logging.getLogger(__name__)

TONES_HZ: Final = (880.0, 1175.0)
TONE_SECONDS: Final = 0.12
VOLUME: Final = 0.35
TICK_HZ: Final = (2400.0, 1800.0)  # the relay's tick (lamp on) and its lower tock (lamp off)
TICK_SECONDS: Final = 0.012
TICK_VOLUME: Final = 0.25


def tone_samples(rate: int, channels: int) -> array[int]:
    """Signed 16-bit samples of the two tones, with a short fade so they do not click."""
    samples: array[int] = array("h")
    count = int(rate * TONE_SECONDS)
    fade = max(1, count // 10)
    for frequency in TONES_HZ:
        for index in range(count):
            envelope = min(1.0, index / fade, (count - index) / fade)
            value = int(32767 * VOLUME * envelope * math.sin(2 * math.pi * frequency * index / rate))
            samples.extend([value] * channels)
    return samples


def tick_samples(rate: int, channels: int, frequency: float) -> array[int]:
    """A relay click: a few milliseconds of a tone that dies away at once."""
    samples: array[int] = array("h")
    count = max(1, int(rate * TICK_SECONDS))
    for index in range(count):
        envelope = math.exp(-6.0 * index / count)
        value = int(32767 * TICK_VOLUME * envelope * math.sin(2 * math.pi * frequency * index / rate))
        samples.extend([value] * channels)
    return samples


class Chime:
    """Call `follow(warning_on)` and `indicator(lit)` every frame; each sounds on its own edges."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.chimes = 0  # how many times the speed warning sounded (or would have, when silent)
        self.ticks = 0  # how many indicator ticks and tocks, likewise
        self._on = False
        self._lit = False
        self._sounds: dict[str, Any] | None = None

    def follow(self, warning_on: bool) -> None:
        if warning_on and not self._on:
            self.chimes += 1
            self._play("warning")
        self._on = warning_on

    def indicator(self, lit: bool) -> None:
        """The indicator lamp is `lit` now: tick as it comes on, tock as it goes off."""
        if lit != self._lit:
            self.ticks += 1
            self._play("tick" if lit else "tock")
        self._lit = lit

    def _play(self, name: str) -> None:
        if not self.enabled:
            return
        if self._sounds is None:
            self._sounds = self._load()
        sound = self._sounds.get(name)
        if sound is not None:
            sound.play()

    def _load(self) -> dict[str, Any]:
        import pygame

        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            init = pygame.mixer.get_init()
            if not init or init[1] != -16:
                logger.info("chimes silent: mixer format %s is not signed 16 bit", init)
                return {}
            rate, channels = init[0], init[2]
            samples = {"warning": tone_samples(rate, channels),
                       "tick": tick_samples(rate, channels, TICK_HZ[0]),
                       "tock": tick_samples(rate, channels, TICK_HZ[1])}
            return {name: pygame.mixer.Sound(buffer=data.tobytes()) for name, data in samples.items()}
        except pygame.error as error:
            logger.info("chimes silent: no audio device (%s)", error)
            return {}

    def close(self) -> None:
        """Stop the sounds and close the mixer if this chime opened it."""
        if self._sounds:
            import pygame

            for sound in self._sounds.values():
                sound.stop()
            pygame.mixer.quit()
        self._sounds = None
