"""The speed-warning chime: a short two-tone beep, generated (no sound files), through pygame.mixer.

It sounds once each time the speed warning comes on. The mixer is opened on the first warning,
not at start-up; a chime made with `enabled=False` (headless runs, tests) only counts, and with no
audio device it stays silent and never raises.
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


class SpeedChime:
    """Call `follow(warning_on)` every frame; it chimes on each rising edge."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.chimes = 0  # how many times it sounded (or would have, when silent)
        self._on = False
        self._sound: Any = None
        self._opened = False

    def follow(self, warning_on: bool) -> None:
        if warning_on and not self._on:
            self.chimes += 1
            self._play()
        self._on = warning_on

    def _play(self) -> None:
        if not self.enabled:
            return
        if not self._opened:
            self._opened = True
            self._sound = self._load()
        if self._sound is not None:
            self._sound.play()

    def _load(self) -> Any:
        import pygame

        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            init = pygame.mixer.get_init()
            if not init or init[1] != -16:
                logger.info("speed chime silent: mixer format %s is not signed 16 bit", init)
                return None
            return pygame.mixer.Sound(buffer=tone_samples(init[0], init[2]).tobytes())
        except pygame.error as error:
            logger.info("speed chime silent: no audio device (%s)", error)
            return None

    def close(self) -> None:
        """Stop the sound and close the mixer if this chime opened it."""
        if self._sound is not None:
            import pygame

            self._sound.stop()
            self._sound = None
            pygame.mixer.quit()
