"""The signal catalogue as the VSS tools see it: exact datatypes, entry types, ids and path patterns.

The core folds VSS datatypes to four Python types; VSS clients need the exact one (`uint8`, `int16`,
`double`, ...). It is the smallest integer type that holds the signal's range, `float` for numbers,
unless the catalogue names it (`SignalSpec.vss_datatype`). Ids follow the catalogue's order, as the
databroker numbers the entries of the tree it loaded.

Path patterns follow the databroker's wildcard rules: a path without `*` matches that signal or every
signal below that branch; `*` stands for one name, a trailing `**` for one or more, `**` elsewhere for
zero or more; the empty pattern matches everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

from cockpit.core.errors import InvalidInput
from cockpit.core.signals import CATALOGUE, DataType, SignalSpec

MAX_PATH_LENGTH: Final = 1000  # as the databroker: longer paths are refused as invalid

_INT_TYPES: Final = (("uint8", 0, 2**8 - 1), ("int8", -(2**7), 2**7 - 1),
                     ("uint16", 0, 2**16 - 1), ("int16", -(2**15), 2**15 - 1),
                     ("uint32", 0, 2**32 - 1), ("int32", -(2**31), 2**31 - 1),
                     ("uint64", 0, 2**64 - 1), ("int64", -(2**63), 2**63 - 1))
_NAME = re.compile(r"[A-Za-z0-9_]+")


class BadPattern(InvalidInput):
    """A path pattern that is not a VSS path with `*` and `**` wildcards."""


def exact_datatype(spec: SignalSpec) -> str:
    """The VSS datatype of a catalogue entry (`float`, `uint8`, `boolean`, `string`, ...)."""
    if spec.vss_datatype is not None:
        return spec.vss_datatype
    if spec.datatype is DataType.INT:
        lo = -(2**31) if spec.minimum is None else spec.minimum
        hi = 2**31 - 1 if spec.maximum is None else spec.maximum
        return next(name for name, low, high in _INT_TYPES if low <= lo and hi <= high)
    return spec.datatype.value


@dataclass(frozen=True, slots=True)
class Leaf:
    """One signal of the tree: its catalogue entry, its id and its exact VSS datatype."""

    id: int
    spec: SignalSpec
    datatype: str

    @property
    def path(self) -> str:
        return self.spec.path

    @property
    def entry_type(self) -> str:
        """"sensor" or "actuator"."""
        return self.spec.kind.value

    @property
    def description(self) -> str:
        """The catalogue's description, or a plain one (VSS requires one for every node)."""
        return self.spec.description or f"{self.path}, as the cockpit simulates it."


class Tree:
    """The leaves of the catalogue, by path and by id, and the branches above them."""

    def __init__(self, catalogue: Mapping[str, SignalSpec] = CATALOGUE) -> None:
        self.leaves: tuple[Leaf, ...] = tuple(Leaf(number, spec, exact_datatype(spec))
                                              for number, spec in enumerate(catalogue.values()))
        self._by_path = {leaf.path: leaf for leaf in self.leaves}
        self._by_id = {leaf.id: leaf for leaf in self.leaves}
        self.branches = frozenset(leaf.path.rsplit(".", depth)[0] for leaf in self.leaves
                                  for depth in range(1, leaf.path.count(".") + 1))

    def leaf(self, path: str) -> Leaf | None:
        """The signal at exactly `path`, or None (a branch or an unknown path)."""
        return self._by_path.get(path)

    def by_id(self, number: int) -> Leaf | None:
        return self._by_id.get(number)

    def matching(self, pattern: str) -> Iterator[Leaf]:
        """Every leaf `pattern` matches, in tree order; raises BadPattern."""
        matches = compile_pattern(pattern)
        return (leaf for leaf in self.leaves if matches(leaf.path))


@cache
def compile_pattern(pattern: str) -> PathMatcher:
    """A matcher for one path pattern (see the module docstring); raises BadPattern."""
    return PathMatcher(pattern)


class PathMatcher:
    """Whether a signal path matches one pattern; call it with the path."""

    def __init__(self, pattern: str) -> None:
        if len(pattern) > MAX_PATH_LENGTH:
            raise BadPattern(f"path is longer than {MAX_PATH_LENGTH} characters")
        self.pattern = pattern
        self._parts = tuple(pattern.split(".")) if pattern else ()
        for part in self._parts:
            if part not in ("*", "**") and not _NAME.fullmatch(part):
                raise BadPattern(f"{pattern!r} is not a VSS path (names of letters, digits and _, "
                                 f"separated by '.', with * or ** as wildcards)")
        self._prefix = "*" not in pattern

    def __call__(self, path: str) -> bool:
        parts = tuple(path.split("."))
        if self._prefix:
            return parts[:len(self._parts)] == self._parts
        return _match(self._parts, parts)


def _match(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        if not rest:  # trailing: one or more names
            return len(parts) >= 1
        return any(_match(rest, parts[skip:]) for skip in range(len(parts) + 1))
    if not parts:
        return False
    return (head == "*" or head == parts[0]) and _match(rest, parts[1:])
