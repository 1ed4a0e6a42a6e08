"""Extension signals: what a plugin adds to the signal catalogue without forking the core.

A plugin names its signals in a `SignalPlugin` (an entry point in the group `cockpit.signals`,
see cockpit.plugins and docs/plugins.md); the session adds them to its cockpit with
`Cockpit.add_signals` before any part starts. Each must be VSS-named (`Vehicle.` and CamelCase
branches, e.g. `Vehicle.Cabin.Sunroof.Position`), new to the catalogue, and valid by its own spec
(its default in its range). From then on it is a signal like any other: the policy decides its
changes, the read model and the KUKSA-compatible API show it, the grammar can command it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from cockpit.core.errors import InvalidValue, brief
from cockpit.core.signals import SignalSpec

__all__ = ["VSS_PATH", "SignalPlugin", "checked_extensions"]

VSS_PATH: Final = re.compile(r"^Vehicle(?:\.[A-Z][A-Za-z0-9]{0,63}){1,12}$")


@dataclass(frozen=True, slots=True)
class SignalPlugin:
    """Extension signals a plugin brings; third-party plugins declare `api_version`."""

    name: str
    signals: tuple[SignalSpec, ...]
    api_version: int | None = None


def checked_extensions(specs: Iterable[SignalSpec], catalogue: Mapping[str, SignalSpec]) -> list[SignalSpec]:
    """`specs` when each may join `catalogue`; raises InvalidValue naming the first that may not."""
    added: dict[str, SignalSpec] = {}
    for spec in specs:
        if not isinstance(spec, SignalSpec):
            raise InvalidValue(f"an extension signal must be a SignalSpec, not {type(spec).__name__}")
        if not VSS_PATH.match(spec.path):
            raise InvalidValue(f"extension signal {brief(spec.path)} is not VSS-named "
                               "(Vehicle.Branch.Leaf, each name CamelCase)")
        if spec.path in catalogue or spec.path in added:
            raise InvalidValue(f"extension signal {spec.path} is already in the catalogue")
        if any(path.startswith(spec.path + ".") for path in (*catalogue, *added)):
            raise InvalidValue(f"extension signal {spec.path} is a branch of the catalogue, not a leaf")
        spec.validate(spec.default)  # raises InvalidValue: a default outside its own range
        added[spec.path] = spec
    return list(added.values())
