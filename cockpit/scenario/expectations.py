"""Checking one expectation against the running cockpit: a verdict with expected and actual values.

Signals are read from the read model (or their history, with `since`), text from the dashboard's
`visible_text()` (a message by its catalogue id, in the language the screen shows), command
outcomes from the event log, home devices from the simulated home. A verdict names the
expectation in words (cockpit.scenario.words); a text not found comes with the few strings on
screen closest to it, not all of them.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cockpit.core import signals as sig
from cockpit.core.events import CommandApplied, CommandDeferred, CommandRejected
from cockpit.core.signals import Value
from cockpit.i18n import translator
from cockpit.scenario.fields import PLACEHOLDER
from cockpit.scenario.recorder import EventLog
from cockpit.scenario.schema import Expectation, Scalar
from cockpit.scenario.words import Wording
from cockpit.view import CockpitView

STATUS_OF = {CommandApplied: "applied", CommandDeferred: "deferred", CommandRejected: "rejected"}
CLOSEST = 3  # strings on screen shown with a text that was not found


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of one expectation: what was expected, what was found, and whether they agree."""

    expectation: str
    passed: bool
    expected: str
    actual: str

    def diff(self) -> str:
        """The readable expected/actual pair printed for a failure."""
        return f"    expected: {self.expected}\n    actual:   {self.actual}"

    def to_dict(self) -> dict[str, Any]:
        return {"expectation": self.expectation, "passed": self.passed, "expected": self.expected,
                "actual": self.actual}


@dataclass(frozen=True, slots=True)
class Probe:
    """What an expectation may look at; `screen_text` renders a frame only when asked."""

    cockpit: CockpitView
    log: EventLog
    screen_text: Callable[[], list[str]]
    device_state: Callable[[str], dict[str, Any] | None]


def check(expectation: Expectation, probe: Probe, wording: Wording | None = None) -> Verdict:
    """Evaluate `expectation` now; the verdict names it in `wording`'s words (default: English)."""
    w = wording or Wording()
    verdict = _check(expectation, probe, w)
    return Verdict(expectation.words(w), verdict.passed, verdict.expected, verdict.actual)


def _check(expectation: Expectation, probe: Probe, w: Wording) -> Verdict:
    if expectation.signal is not None:
        return _signal(expectation, probe, w)
    if expectation.text is not None:
        return _text(expectation, probe)
    if expectation.message is not None:
        return _message(expectation, probe)
    if expectation.command is not None:
        return _command(expectation, probe)
    return _device(expectation, probe)


def _signal(e: Expectation, probe: Probe, w: Wording) -> Verdict:
    """Expected and actual in the driver's units, as the words say them ("70.7 °F", "P")."""
    assert e.signal is not None
    path = e.signal
    if e.since is not None:
        values = [value for _time, value in probe.log.values_since(e.signal, e.since)]
        if e.target:
            values.append(probe.cockpit.target(e.signal))
    else:
        values = [probe.cockpit.target(e.signal) if e.target else probe.cockpit.value(e.signal)]
    bad = [value for value in values if not _holds(e, value)]
    expected = e.words(w).removeprefix(w.signal(path)).strip()
    if e.since is None:
        return Verdict(e.describe(), not bad, expected, w.value(path, values[0]))
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    span = (f"min {w.value(path, min(numbers))}, max {w.value(path, max(numbers))}" if numbers
            else ", ".join(w.value(path, value) for value in values[:5]))
    actual = f"{span} ({len(values)} values)" + (f"; first failing {w.value(path, bad[0])}" if bad else "")
    return Verdict(e.describe(), not bad, expected, actual)


def _holds(e: Expectation, value: Value) -> bool:
    if e.equals is not None:
        return _same(e.equals, value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if e.approx is not None:
        return abs(value - e.approx) <= e.tolerance
    if e.between is not None:
        return e.between[0] <= value <= e.between[1]
    if e.at_least is not None:
        return value >= e.at_least
    return e.at_most is not None and value <= e.at_most


def _same(expected: Scalar, value: Any) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return expected is value
    if isinstance(expected, (int, float)) and isinstance(value, (int, float)):
        return abs(expected - value) < 1e-9
    return bool(expected == value)


def _text(e: Expectation, probe: Probe) -> Verdict:
    assert e.text is not None
    return _on_screen(e, probe.screen_text(), re.compile(re.escape(e.text)), e.text, repr(e.text))


def _message(e: Expectation, probe: Probe) -> Verdict:
    """The message in the language the screen shows now; placeholders not given match anything."""
    assert e.message is not None
    language = str(probe.cockpit.value(sig.LANGUAGE))
    template = e.message_template(translator(language))
    parts = PLACEHOLDER.split(template)  # text, name, text, name, ..., text
    pattern = ".+?".join(re.escape(part) for part in parts[::2])
    return _on_screen(e, probe.screen_text(), re.compile(pattern), template,
                      f"message {e.message!r}, in {language}: {template!r}")


def _on_screen(e: Expectation, texts: list[str], pattern: re.Pattern[str], target: str,
               wanted: str) -> Verdict:
    """Whether a string on screen matches `pattern`; when none does, the few closest to `target`."""
    found = [text for text in texts if pattern.search(text)]
    passed = bool(found) == e.visible
    expected = f"{wanted} {'on' if e.visible else 'not on'} screen"
    if found:
        return Verdict(e.describe(), passed, expected, f"on screen: {found[0]!r}")
    closest = difflib.get_close_matches(target, list(dict.fromkeys(texts)), n=CLOSEST, cutoff=0.0)
    shown = "; closest on screen: " + ", ".join(repr(text) for text in closest) if closest else ""
    return Verdict(e.describe(), passed, expected, f"not on screen{shown}")


def _command(e: Expectation, probe: Probe) -> Verdict:
    assert e.command is not None
    matching = [event for event in probe.log.commands if e.command in event.command.describe()]
    for event in matching:
        reason = getattr(event, "reason", "")
        if STATUS_OF[type(event)] == e.status and (e.reason is None or e.reason in reason):
            return Verdict(e.describe(), True, e.describe(), _outcome(event))
    actual = "; ".join(_outcome(event) for event in matching[-3:]) or "no such command in the event log"
    return Verdict(e.describe(), False, e.describe(), actual)


def _outcome(event: CommandApplied | CommandDeferred | CommandRejected) -> str:
    reason = getattr(event, "reason", "")
    return (f"t={event.time:.1f} s {event.command.describe()} {STATUS_OF[type(event)]}"
            + (f": {reason}" if reason else ""))


def _device(e: Expectation, probe: Probe) -> Verdict:
    assert e.device is not None and e.state is not None
    state = probe.device_state(e.device)
    expected = json.dumps(e.state, sort_keys=True)
    if state is None:
        return Verdict(e.describe(), False, expected, f"no device {e.device!r} in the home")
    wrong = [key for key, wanted in e.state.items() if not _matches(wanted, state.get(key))]
    return Verdict(e.describe(), not wrong, expected, json.dumps(state, sort_keys=True))


def _matches(wanted: Scalar | list[Scalar], value: Any) -> bool:
    """A list of scalars against a scalar means 'one of'; otherwise values must be equal."""
    if isinstance(wanted, list) and not isinstance(value, list):
        return any(_same(option, value) for option in wanted)
    if isinstance(wanted, list):
        return len(wanted) == len(value) and all(_same(a, b) for a, b in zip(wanted, value, strict=True))
    return _same(wanted, value)


def summary(verdicts: Sequence[Verdict]) -> tuple[int, int]:
    """(passed, failed) counts."""
    passed = sum(1 for verdict in verdicts if verdict.passed)
    return passed, len(verdicts) - passed
