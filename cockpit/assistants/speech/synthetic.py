"""Synthetic speech for tests and `cockpit bench voice`: espeak-ng voices, cabin noise, a chosen SNR.

espeak-ng (a Debian package, not a pip one) speaks each text to a WAV on stdout; the cabin noise is
low-frequency road and wind rumble (a 1/f^1.5 spectrum above 40 Hz, rolling off above 2 kHz) made
from a seeded generator, so every run hears exactly the same audio. Speech and noise are mixed so
that the speech's power over the noise's is the asked-for SNR; silence around the speech carries
the noise too, as it would in a car.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from typing import Final

import numpy as np

from cockpit.assistants.speech.audio import RATE, Samples, to_pcm, with_noise_floor
from cockpit.core.errors import SpeechError

# (espeak-ng voice, words per minute): men's and women's voices, slow to fast. The recogniser's
# acoustic model and dictionary are US English, so most voices are; one British voice checks accents.
VOICES: Final = (
    ("en-us", 165),
    ("en-us+f2", 150),
    ("en-us+m3", 185),
    ("en-us+f4", 170),
    ("en-us+klatt", 140),
    ("en-gb+m2", 160),
)
SNRS_DB: Final = (20.0, 10.0, 5.0)
LEAD_S: Final = 0.6
TRAIL_S: Final = 1.0


class SynthesisError(SpeechError):
    """espeak-ng is missing or failed."""


def espeak_available() -> str | None:
    """None when espeak-ng can be run, else why not (for a skip reason)."""
    return None if shutil.which("espeak-ng") else "espeak-ng is not installed (apt-get install espeak-ng)"


@functools.lru_cache(maxsize=4096)
def speak(text: str, voice: str = "en-us", wpm: int = 165) -> Samples:
    """`text` spoken by espeak-ng as 16 kHz int16, without leading or trailing silence (cached)."""
    try:
        done = subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "--stdout", text],
                              capture_output=True, check=True, timeout=60)
    except FileNotFoundError:
        raise SynthesisError("espeak-ng is not installed (apt-get install espeak-ng)") from None
    except subprocess.CalledProcessError as error:
        reason = error.stderr.decode(errors="replace")
        raise SynthesisError(f"espeak-ng failed on {text!r}: {reason}") from None
    with wave.open(io.BytesIO(_fix_stream_header(done.stdout)), "rb") as wav:
        rate = wav.getframerate()
        data = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
    return _trim(to_pcm(data, rate))


def _fix_stream_header(data: bytes) -> bytes:
    """espeak-ng writes its stdout WAV with unknown (0xFFFFFFFF) sizes; give the data chunk its size."""
    index = data.find(b"data")
    if index < 0:
        raise SynthesisError("espeak-ng wrote no WAV data")
    size = len(data) - index - 8
    return data[:4] + (len(data) - 8).to_bytes(4, "little") + data[8:index + 4] + size.to_bytes(4, "little") \
        + data[index + 8:]


def _trim(samples: Samples, threshold: int = 64) -> Samples:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples


def cabin_noise(count: int, seed: int) -> np.ndarray:
    """`count` samples of road and wind noise of unit RMS (float64), reproducible from `seed`."""
    spectrum = np.fft.rfft(np.random.default_rng(seed).normal(size=count))
    freq = np.fft.rfftfreq(count, 1.0 / RATE)
    shape = np.where(freq < 40, (freq / 40) ** 2, 1.0) / np.maximum(freq, 40) ** 0.75
    shape /= 1.0 + (freq / 2000.0) ** 2
    noise = np.fft.irfft(spectrum * shape, count)
    return noise / np.sqrt(np.mean(noise**2))


@dataclass(frozen=True, slots=True)
class Utterance:
    """One synthetic recording: the samples and where the speech ends (seconds from the start)."""

    samples: Samples
    speech_start_s: float
    speech_end_s: float


def mix(speech: Samples, snr_db: float | None, seed: int, lead_s: float = LEAD_S,
        trail_s: float = TRAIL_S) -> Utterance:
    """Speech with `lead_s`/`trail_s` of padding and cabin noise at `snr_db` (None: clean, noise floor)."""
    lead, trail = int(lead_s * RATE), int(trail_s * RATE)
    signal = np.concatenate([np.zeros(lead), speech.astype(np.float64), np.zeros(trail)])
    if snr_db is not None:
        speech_power = float(np.mean(speech.astype(np.float64) ** 2))
        noise_rms = np.sqrt(speech_power / 10 ** (snr_db / 10))
        signal = signal + noise_rms * cabin_noise(len(signal), seed)
    peak = float(np.max(np.abs(signal))) or 1.0
    if peak > 32000:  # keep the mix unclipped; SNR is a ratio, so scaling keeps it
        signal *= 32000 / peak
    samples = with_noise_floor(np.clip(np.rint(signal), -32768, 32767).astype(np.int16), seed)
    return Utterance(samples, lead / RATE, (lead + len(speech)) / RATE)


def voice_for(index: int) -> tuple[str, int]:
    """The voice and speed the `index`-th utterance of a set is spoken with (round robin)."""
    return VOICES[index % len(VOICES)]
