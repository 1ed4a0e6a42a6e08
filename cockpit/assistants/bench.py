"""`cockpit bench intents`: milliseconds from utterance to commands applied, per adapter, over the
labelled corpus (tests/data/utterances.yaml), through `respond()` and a real cockpit."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Final

import yaml

from cockpit.assistants.registry import create
from cockpit.bench import Metric
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import InvalidInput

CORPUS: Final = Path(__file__).resolve().parents[2] / "tests" / "data" / "utterances.yaml"
ADAPTERS: Final = ("alexa", "android")
BUDGET_MS: Final = 1.0
ROUNDS: Final = 5


def corpus_utterances(path: Path = CORPUS) -> list[str]:
    """Every utterance in the corpus (follow-up groups contribute their lead-in utterances too)."""
    try:
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read the utterance corpus: {error.strerror}") from None
    texts: list[str] = []
    for group in groups:
        texts.extend(group.get("after", []))
        texts.extend(group["say"])
    return texts


def run() -> list[Metric]:
    utterances = corpus_utterances()
    metrics = []
    for name in ADAPTERS:
        cockpit = Cockpit()
        with create(name, cockpit) as adapter:
            for text in utterances:  # warm-up: first calls pay for imports and caches
                adapter.respond(text)
            samples = []
            for _ in range(ROUNDS):
                for text in utterances:
                    start = time.perf_counter_ns()
                    adapter.respond(text)
                    samples.append((time.perf_counter_ns() - start) / 1e6)
        metrics.append(Metric(f"utterance_{name}", "ms", samples, BUDGET_MS))
    return metrics
