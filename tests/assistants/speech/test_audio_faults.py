"""A WAV file given to `cockpit say --audio` is read or refused in a line naming it: never a
traceback (truncated frames, chunks cut short, absurd rates), never a hang (a FIFO), never read
without a limit (/dev/zero)."""

from __future__ import annotations

import io
import os
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from cockpit.assistants.speech.audio import read_wav
from cockpit.cli import main
from cockpit.core.errors import InvalidInput
from tests.fuzzing import BUDGETS, run


def wav_bytes(channels: int, width: int, rate: int, frames: int = 300) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(bytes(index % 251 for index in range(frames * channels * width)))
    return buffer.getvalue()


GOOD = [wav_bytes(1, 2, 16000), wav_bytes(2, 3, 22050), wav_bytes(3, 1, 8000), wav_bytes(2, 4, 44100)]


def mutated() -> st.SearchStrategy[bytes]:
    """A valid WAV cut short, with header bytes overwritten, or bytes inserted."""
    def apply(original: bytes, edits: list[tuple[int, int, int]]) -> bytes:
        data = bytearray(original)
        for kind, where, byte in edits:
            at = where % (len(data) + 1)
            if kind == 0:
                data[at % 44:at % 44 + 1] = bytes([byte])  # the header: sizes, rate, width, channels
            elif kind == 1:
                del data[at:]
            else:
                data[at:at] = bytes([byte]) * (1 + byte % 5)
        return bytes(data)

    edit = st.tuples(st.integers(0, 2), st.integers(0, 2**16), st.integers(0, 255))
    return st.builds(apply, st.sampled_from(GOOD), st.lists(edit, min_size=1, max_size=4))


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_damaged_wav_is_read_or_refused_naming_the_file(tmp_path: Path, budget: int) -> None:
    path = tmp_path / "words.wav"

    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            samples = read_wav(path)
        except InvalidInput as error:
            assert str(error).startswith(f"{path}: ") and len(str(error)) < 200, error
            return
        assert samples.dtype == np.int16 and samples.ndim == 1 and samples.size > 0

    run(4 * budget, mutated(), check)  # each example reads a few hundred bytes


@pytest.mark.parametrize("header,reason", [
    ((1, 2, 1), "sample rate 1 Hz"),
    ((1, 2, 10**9), "sample rate 1000000000 Hz"),
], ids=["1-hz", "1-ghz"])
def test_an_absurd_sample_rate_is_refused(tmp_path: Path, header: tuple[int, int, int], reason: str) -> None:
    path = tmp_path / "rate.wav"
    path.write_bytes(wav_bytes(*header, frames=10))
    with pytest.raises(InvalidInput, match=reason):
        read_wav(path)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_special_file_is_refused_at_once(tmp_path: Path, kind: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "words.wav"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    assert main(["say", "--audio", str(path)]) != 0  # returns at once: no reader waits for a writer
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err and len(err) < 300, err
