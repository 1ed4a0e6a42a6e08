"""`cockpit bench voice`: speech input on the synthetic set, through the real pipeline.

Every figure comes from espeak-ng audio mixed with cabin noise (cockpit.assistants.speech.synthetic)
played into a `VoiceControl` on a real session, exactly as `cockpit say --audio` does:

- intent_accuracy_{20,10,5}db: the share of the spoken commands (spoken.yaml) acted on as labelled,
  with their word error rate (word_error_rate_*db); then, in the same run, the chatter and
  out-of-grammar sentences, each by every voice, as if said with push-to-talk held: those acted on
  (out_of_grammar_acted_*db, which must stay 0).
- real_time_factor: CPU time of the whole process over seconds of audio, in the 10 dB run.
- end_of_speech_to_command: a paced run (audio delivered in real time, as a microphone would):
  wall-clock milliseconds from the moment the frame holding the last sample of a command's speech
  reached the speech thread to the assistant having acted on it (endpointing included); p99 budget.
- wake_word_hits_{alexa,android}: the share of "Alexa, ..." / "Hey Google, ..." / "OK Google, ..."
  commands addressed to the right assistant (wake words on, no push-to-talk).
- false_wakes_per_hour: speech without a wake word through the whole pipeline with wake words on,
  at 10 dB: the chatter and out-of-grammar sentences (near misses such as "a Lexus", "I googled"
  and "OK, go left" included) by every voice, then about an hour of read prose (the licence texts
  in /usr/share/common-licenses, which Debian always has): utterances the assistant answered or
  acted on. rescinded_wakes_per_hour: keyphrase wakes taken back without a word because the words
  after them were not understood. ring_lit_per_hour_{alexa,android}: on the same audio, how often
  a wake word lit the listening ring (a micro model's hit lights it at once, a keyphrase's once
  both passes' first words are the wake word too), answered or not.

It takes about 16 minutes on one core. The machine's load average is reported with the figures:
on a busy machine the latency and the real-time factor are worse than the recogniser's own cost.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cockpit.assistants import speech
from cockpit.assistants.speech import evaluation, synthetic
from cockpit.assistants.speech.audio import RATE
from cockpit.bench import Metric
from cockpit.core.errors import SpeechError
from cockpit.core.events import WakeWordHeard
from cockpit.session import Session, Settings

LATENCY_BUDGET_MS: Final = 500.0  # DESIGN.md: end of speech to command applied, p99
PROSE_DIR: Final = Path("/usr/share/common-licenses")
# wake phrases by the adapter they address
WAKE_PHRASES: Final = {"alexa": ("alexa",), "android": ("hey google", "ok google")}


@dataclass(frozen=True, slots=True)
class Sizes:
    """How much of the synthetic set each part of the bench plays (the defaults: all of it)."""

    commands: int | None = None  # None: every command of spoken.yaml
    snrs_db: tuple[float, ...] = (20.0, 10.0, 5.0)
    paced: int = 40  # commands (every third of the set) spoken in real time for the latency
    wake: int = 24  # commands said after each wake phrase
    negatives: int | None = None  # chatter and out-of-grammar sentences, each by every voice
    prose_s: float = 3600.0


def run() -> list[Metric]:
    """Raises SpeechError when the voice extra or espeak-ng is missing."""
    return measure(Sizes())


def measure(sizes: Sizes) -> list[Metric]:
    """The bench's metrics over `sizes` of the set; raises SpeechError as `run` does."""
    speech.require()
    why = synthetic.espeak_available()
    if why:
        raise SpeechError(f"cockpit bench voice needs espeak-ng: {why}")
    spoken = evaluation.spoken_set()
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-voice-") as folder:
        profiles = evaluation.write_profiles(Path(folder) / "profiles")
        metrics = [*_accuracy(profiles, spoken, sizes), _latency(profiles, spoken, sizes),
                   *_wake(profiles, spoken, sizes)]
    return [*metrics, _load()]


def _session(profiles: Path) -> Session:
    """A car with the shipped home on an embedded broker: without a home, "turn on the kitchen
    lights" is only the answer "There's no home connected" and cannot be scored (nor told apart
    from "turn them off")."""
    return Session(Settings(profiles_dir=profiles, profile=evaluation.DRIVER))


def _accuracy(profiles: Path, spoken: evaluation.SpokenSet, sizes: Sizes) -> list[Metric]:
    commands = spoken.commands[:sizes.commands]
    texts = [c.text for c in commands]
    metrics = []
    for snr in sizes.snrs_db:
        samples, placed = evaluation.recordings([*texts, *evaluation.negatives(spoken, sizes.negatives)], snr)
        with _session(profiles) as session:
            cpu = time.process_time()
            turns, _ = evaluation.run(session, samples, open_mic=True)
            cpu = time.process_time() - cpu
        score = evaluation.score_commands(commands, placed[:len(texts)], turns)
        tag = f"{snr:.0f}db"
        metrics += [Metric(f"intent_accuracy_{tag}", "%", [100.0 * score.accuracy]),
                    Metric(f"word_error_rate_{tag}", "%", [100.0 * score.word_error_rate]),
                    Metric(f"out_of_grammar_acted_{tag}", "count",
                           [float(len(evaluation.acted_on(placed[len(texts):], turns)))])]
        if snr == sizes.snrs_db[len(sizes.snrs_db) // 2]:
            metrics.append(Metric("real_time_factor", "x", [cpu / (len(samples) / RATE)]))
    return metrics


def _latency(profiles: Path, spoken: evaluation.SpokenSet, sizes: Sizes) -> Metric:
    chosen = [c.text for c in spoken.commands[::3][:sizes.paced]]
    samples, placed = evaluation.recordings(chosen, 10.0)
    with _session(profiles) as session:
        turns, paced = evaluation.run(session, samples, open_mic=True, paced=True)
    assert paced is not None
    found = evaluation.end_of_speech_latencies(placed, turns, paced)
    if not found:
        raise SpeechError("the paced run acted on no command: nothing to time")
    return Metric("end_of_speech_to_command", "ms", found, budget=LATENCY_BUDGET_MS, budget_on="p99")


def _wake(profiles: Path, spoken: evaluation.SpokenSet, sizes: Sizes) -> list[Metric]:
    commands = [c.text for c in spoken.commands[1::5][:sizes.wake]]
    metrics = []
    for adapter, phrases in WAKE_PHRASES.items():
        texts = [f"{phrases[i % len(phrases)]}, {text}" for i, text in enumerate(commands)]
        hits = _addressed(profiles, texts, adapter)
        metrics.append(Metric(f"wake_word_hits_{adapter}", "%", [100.0 * hits / len(texts)]))
    texts = evaluation.negatives(spoken, sizes.negatives)
    sentences = evaluation.prose(PROSE_DIR, sizes.prose_s)
    if not sentences:
        raise SpeechError(f"no prose to read for the false-wake run (looked in {PROSE_DIR})")
    samples, placed = evaluation.recordings([*texts, *sentences], 10.0)
    with _session(profiles) as session:
        lit: list[WakeWordHeard] = []
        session.cockpit.bus.subscribe(lit.append, WakeWordHeard)
        turns, _ = evaluation.run(session, samples, open_mic=False)
    hours = len(samples) / RATE / 3600.0
    false = sum(bool(evaluation.turns_of(r, turns)) for r in placed)
    rescinded = sum(t.verdict == "rescinded" for t in turns)
    metrics += [Metric("false_wakes_per_hour", "/h", [false / hours]),
                Metric("rescinded_wakes_per_hour", "/h", [rescinded / hours])]
    metrics += [Metric(f"ring_lit_per_hour_{adapter}", "/h", [sum(e.adapter == adapter for e in lit) / hours])
                for adapter in WAKE_PHRASES]
    return metrics


def _addressed(profiles: Path, texts: Sequence[str], adapter: str) -> int:
    """How many of `texts` (each starting with a wake word) reached the adapter they name."""
    samples, placed = evaluation.recordings(texts, 10.0)
    with _session(profiles) as session:
        turns, _ = evaluation.run(session, samples, open_mic=False)
    return sum(any(t.adapter == adapter for t in evaluation.turns_of(r, turns)) for r in placed)


def _load() -> Metric:
    """The 1-minute load average when the figures were taken (on 2 cores, above 2 means contention)."""
    return Metric("load_average_1min", "load", [os.getloadavg()[0]])
