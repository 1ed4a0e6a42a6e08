"""Audio in: 16 kHz mono 16-bit frames from a WAV file or a microphone, and the level of a frame.

Everything downstream (endpointer, wake-word spotters, recogniser) takes 16 kHz signed 16-bit mono;
a WAV at another rate, width or channel count is converted here (soxr resamples). Sources are read
with blocking reads from the speech thread, so a file device that delivers faster than real time
is never dropped, and stopping is a matter of not reading again.
"""

from __future__ import annotations

import io
import logging
import math
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from cockpit.core.errors import InvalidInput, SpeechError
from cockpit.reading import ReadError, read_limited

logger = logging.getLogger(__name__)

RATE: Final = 16000
FRAME_SAMPLES: Final = 480  # 30 ms: the endpointer's frame
FRAME_BYTES: Final = FRAME_SAMPLES * 2
FRAME_S: Final = FRAME_SAMPLES / RATE
NOISE_FLOOR: Final = 3.0  # standard deviation in LSB: padding is never pure digital silence
SILENCE_DBFS: Final = -96.0
MAX_WAV_SECONDS: Final = 600
MAX_WAV_BYTES: Final = 128 * 2**20  # ten minutes of 48 kHz 16-bit stereo is 110 MiB
MIN_RATE: Final = 4000
MAX_RATE: Final = 384_000

Samples = npt.NDArray[np.int16]


class AudioError(SpeechError):
    """The audio device could not be opened or read."""


def to_pcm(samples: npt.NDArray[Any], rate: int) -> Samples:
    """Any mono float or integer samples at `rate` as 16 kHz int16 (resampled with soxr)."""
    data = np.asarray(samples, dtype=np.float32)
    if rate != RATE:
        import soxr

        data = soxr.resample(data, rate, RATE)
    return np.clip(np.rint(data), -32768, 32767).astype(np.int16)


def read_wav(path: Path) -> Samples:
    """A WAV file (8/16/24/32-bit PCM, any rate, any channels) as 16 kHz mono int16.

    Raises InvalidInput naming the file when it is missing, not a PCM WAV, empty or too long.
    """
    try:  # read_limited: a FIFO, a device or a 10 GB file is refused before wave reads it
        data = read_limited(path, MAX_WAV_BYTES, "WAV file")
    except ReadError as error:
        raise InvalidInput(f"{path}: {error.message if path.exists() else 'no such file'}") from None
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            rate, width, channels, count = (wav.getframerate(), wav.getsampwidth(), wav.getnchannels(),
                                            wav.getnframes())
            if not MIN_RATE <= rate <= MAX_RATE:
                raise InvalidInput(f"{path}: sample rate {rate} Hz (from {MIN_RATE} to {MAX_RATE} Hz)")
            if count > MAX_WAV_SECONDS * rate:
                raise InvalidInput(f"{path}: longer than {MAX_WAV_SECONDS} s")
            raw = wav.readframes(count)
    except (wave.Error, EOFError, RuntimeError) as error:  # wave raises RuntimeError for a chunk cut short
        raise InvalidInput(f"{path}: not a PCM WAV file ({str(error) or 'it ends too early'})") from None
    raw = raw[:len(raw) - len(raw) % (width * channels)]  # a file cut off inside its last frame
    if not raw:
        raise InvalidInput(f"{path}: no audio in the file")
    samples = _decode(raw, width, path).reshape(-1, channels).mean(axis=1)
    pcm = to_pcm(samples * (32768.0 / 2 ** (8 * width - 1)), rate)
    if not pcm.size:  # a few frames at 44.1 kHz resample to nothing at 16 kHz
        raise InvalidInput(f"{path}: no audio in the file")
    return pcm


def _decode(raw: bytes, width: int, path: Path) -> npt.NDArray[np.float64]:
    if width == 1:
        return np.frombuffer(raw, np.uint8).astype(np.float64) - 128
    if width == 2:
        return np.frombuffer(raw, "<i2").astype(np.float64)
    if width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = bytes3[:, 0] | (bytes3[:, 1] << 8) | (bytes3[:, 2] << 16)
        return np.where(value >= 1 << 23, value - (1 << 24), value).astype(np.float64)
    if width == 4:
        return np.frombuffer(raw, "<i4").astype(np.float64)
    raise InvalidInput(f"{path}: {8 * width}-bit samples are not supported")


def write_wav(path: Path, samples: Samples, rate: int = RATE) -> None:
    """Write mono int16 samples as a WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.asarray(samples, dtype="<i2").tobytes())


def with_noise_floor(samples: Samples, seed: int = 0) -> Samples:
    """The samples with a faint Gaussian noise floor (about -80 dBFS), reproducibly."""
    noise = np.random.default_rng(seed).normal(0.0, NOISE_FLOOR, len(samples))
    return np.clip(samples.astype(np.float64) + noise, -32768, 32767).astype(np.int16)


def level_dbfs(frame: bytes) -> float:
    """RMS level of one int16 frame in dB relative to full scale (-96 for silence)."""
    data = np.frombuffer(frame, np.int16).astype(np.float64)
    if not len(data):
        return SILENCE_DBFS
    rms = math.sqrt(float(np.mean(data * data)))
    return max(SILENCE_DBFS, 20 * math.log10(rms / 32768.0)) if rms > 0 else SILENCE_DBFS


def speech_over_noise_db(audio: Sequence[bytes], lead_in_s: float) -> float:
    """How far an utterance's loud frames (the 90th percentile level) stand above the noise before
    it (the median level of its first `lead_in_s`), in dB; infinite without a lead-in to measure
    the noise on."""
    split = round(lead_in_s / FRAME_S)
    lead_in, speech = audio[:split], audio[split:]
    if not lead_in or not speech:
        return math.inf
    noise = float(np.median([level_dbfs(frame) for frame in lead_in]))
    return float(np.percentile([level_dbfs(frame) for frame in speech], 90)) - noise


def frames(samples: Samples) -> Iterator[bytes]:
    """The samples as whole 30 ms frames (the last one padded with the noise floor)."""
    data = np.asarray(samples, dtype=np.int16)
    tail = len(data) % FRAME_SAMPLES
    if tail:
        padding = with_noise_floor(np.zeros(FRAME_SAMPLES - tail, np.int16), seed=len(data))
        data = np.concatenate([data, padding])
    raw = data.astype("<i2").tobytes()
    for start in range(0, len(raw), FRAME_BYTES):
        yield raw[start : start + FRAME_BYTES]


class Source(Protocol):
    """Where audio comes from: `read()` blocks for one 30 ms frame; None at the end of the audio."""

    def read(self) -> bytes | None: ...

    def close(self) -> None: ...


class SamplesSource:
    """Audio already in memory (a WAV file), frame by frame, with silence before and after it.

    A recording that starts with the first word (a trimmed WAV) gives the endpointer no pre-roll
    and the recognisers no silence to start from; a microphone always has some."""

    def __init__(self, samples: Samples, trailing_silence_s: float = 1.0,
                 leading_silence_s: float = 0.0) -> None:
        lead = with_noise_floor(np.zeros(int(leading_silence_s * RATE), np.int16), seed=6)
        trail = with_noise_floor(np.zeros(int(trailing_silence_s * RATE), np.int16), seed=7)
        self._frames = frames(np.concatenate([lead, samples, trail]))

    def read(self) -> bytes | None:
        return next(self._frames, None)

    def close(self) -> None:
        self._frames = iter(())


@dataclass(frozen=True, slots=True)
class Device:
    """One audio input device, as `cockpit voice devices` lists it."""

    index: int
    name: str
    channels: int
    default_rate: float
    default: bool


def device_named(text: str | None) -> int | str | None:
    """A device number ("3") or name ("USB Audio") as `cockpit voice devices` lists them (None: the
    system's default input)."""
    if text is None:
        return None
    return int(text) if text.strip().isdigit() else text


def input_devices() -> list[Device]:
    """The input devices PortAudio sees; raises AudioError when PortAudio is missing."""
    sd = _sounddevice()
    try:
        default_in = sd.default.device[0]
        found = sd.query_devices()
    except sd.PortAudioError as error:
        raise AudioError(f"cannot list audio devices: {error}") from None
    return [Device(i, d["name"], d["max_input_channels"], d["default_samplerate"], i == default_in)
            for i, d in enumerate(found) if d["max_input_channels"] > 0]


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as error:  # the PortAudio library itself is missing
        raise AudioError(f"no audio input: {error} (install PortAudio, e.g. apt-get install libportaudio2)") \
            from None
    return sounddevice


class MicrophoneSource:
    """A live input device (PortAudio through sounddevice) at 16 kHz mono, or converted to it.

    `device` is an index or a name as `cockpit voice devices` lists them; None is the default input.
    Raises AudioError when the device cannot be opened.
    """

    def __init__(self, device: int | str | None = None) -> None:
        sd = _sounddevice()
        self._sd = sd
        self._stream: Any = None
        try:
            info = sd.query_devices(device, "input")
            self.name = str(info["name"])
            self._rate = self._pick_rate(device)
            self._block = max(1, round(FRAME_SAMPLES * self._rate / RATE))
            self._stream = sd.RawInputStream(samplerate=self._rate, channels=1, dtype="int16", device=device,
                                             blocksize=self._block)
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise AudioError(f"cannot open audio input {device if device is not None else '(default)'}: "
                             f"{error}") from None
        self.overflows = 0
        self._pending = bytearray()
        self._resampler = None
        if self._rate != RATE:
            import soxr

            self._resampler = soxr.ResampleStream(self._rate, RATE, 1, dtype="int16")

    def _pick_rate(self, device: int | str | None) -> int:
        try:
            self._sd.check_input_settings(device=device, samplerate=RATE, channels=1, dtype="int16")
            return RATE
        except (self._sd.PortAudioError, ValueError):
            return int(self._sd.query_devices(device, "input")["default_samplerate"])

    def read(self) -> bytes | None:
        while len(self._pending) < FRAME_BYTES:
            self._pending.extend(self._read_block())
        frame = bytes(self._pending[:FRAME_BYTES])
        del self._pending[:FRAME_BYTES]
        return frame

    def _read_block(self) -> bytes:
        if self._stream is None:
            raise AudioError(f"audio input {self.name!r} is closed")
        try:
            data, overflowed = self._stream.read(self._block)
        except self._sd.PortAudioError as error:
            raise AudioError(f"audio input {self.name!r} failed: {error}") from None
        if overflowed:
            self.overflows += 1
            logger.debug("audio input %r overflowed (%d times)", self.name, self.overflows)
        if self._resampler is None:
            return bytes(data)
        block = np.frombuffer(bytes(data), np.int16)
        return np.asarray(self._resampler.resample_chunk(block), dtype="<i2").tobytes()

    def close(self) -> None:
        stream, self._stream = getattr(self, "_stream", None), None
        if stream is not None:
            stream.stop()
            stream.close()
