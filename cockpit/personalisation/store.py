"""The profile store: every *.yaml in a folder, checked, merged through `extends`, plus learned values.

Effective profile = defaults < parents (root first) < the file < learned values. Invalid files are
reported as problems and skipped; the valid ones load. Each profile is compiled to its signal
targets once, here, so applying it later is only a diff.

Where the documents and the learned values come from is a backend: a `ProfileSource` (documents)
and a `LearnedValues` (learned preferences). The default is the local folder (`FolderSource`) and
the state folder (`LearnedStore`); `cockpit.personalisation.roaming` provides both for a NATS
JetStream key-value bucket, so a driver's profile follows them from car to car.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from cockpit.core.errors import CockpitError, ProfileError
from cockpit.core.text import Text
from cockpit.personalisation.learned import Warn
from cockpit.personalisation.schema import Profile
from cockpit.personalisation.signal_map import LEARNABLE, CompiledProfile, compile_profile
from cockpit.yaml_source import Document, Problem, read_document, validation_problems

logger = logging.getLogger(__name__)

PROFILES_ENV = "COCKPIT_PROFILES"
_NOT_INHERITED = ("identity", "extends", "schema_version")

Layer = tuple[str, dict[str, Any]]
Reading = tuple[Document | None, list[Problem]]  # a document, or None and the problems that stopped it
LEARNED_FIELDS = frozenset(binding.field for binding in LEARNABLE.values())


def default_profiles_dir() -> Path:
    """$COCKPIT_PROFILES, else the repository's profiles/ folder."""
    explicit = os.environ.get(PROFILES_ENV)
    if explicit:
        return Path(explicit)
    shipped = Path(__file__).resolve().parents[2] / "profiles"
    return shipped.relative_to(Path.cwd()) if shipped.is_relative_to(Path.cwd()) else shipped


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: mappings merge key by key, anything else (lists too) replaces."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = deep_merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """{"a.b": 1} -> {"a": {"b": 1}} (learned values are stored by dotted field)."""
    nested: dict[str, Any] = {}
    for dotted_key, value in flat.items():
        *parents, leaf = dotted_key.split(".")
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return nested


@dataclass(frozen=True, slots=True)
class Effective:
    """A profile as the cockpit uses it, and where each value came from."""

    compiled: CompiledProfile
    origins: dict[str, str]
    file: str
    layers: tuple[str, ...]

    @property
    def profile(self) -> Profile:
        return self.compiled.profile


@dataclass(frozen=True, slots=True)
class _Source:
    document: Document
    profile: Profile

    @property
    def id(self) -> str:
        return self.profile.identity.id


class ProfileSource(Protocol):
    """Where profile documents come from: a folder, or a roaming store's cache of the cluster."""

    def documents(self, extra_files: Sequence[Path]) -> list[Reading]:
        """Every profile document read (then `extra_files`), in order: each document or the problems
        that stopped it. Raises ProfileError when the source itself cannot be used.
        """
        ...


class LearnedValues(Protocol):
    """Where learned preferences live (LearnedStore is the local one); writes may raise OSError."""

    def load(self, profile_id: str) -> dict[str, Any]: ...

    def remember(self, profile_id: str, field: str, value: Any) -> None: ...

    def forget(self, profile_id: str) -> int: ...


class FolderSource:
    """Every *.yaml in one folder: the laptop's profiles (the default source)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_profiles_dir()
        # A folder someone named (argument or $COCKPIT_PROFILES) must exist; the shipped one may not.
        self._named = directory is not None or bool(os.environ.get(PROFILES_ENV))

    def documents(self, extra_files: Sequence[Path]) -> list[Reading]:
        found = sorted(self.directory.glob("*.yaml")) if self.directory.is_dir() else []
        if self._named and not self.directory.is_dir():
            state = "is not a folder" if self.directory.exists() else "does not exist"
            raise ProfileError(f"profiles folder {self.directory} {state}")
        # The files being checked come after the rest of the folder, so a duplicate id or key fob
        # is reported against them, whatever their names.
        extra: dict[str, Path] = {os.path.realpath(path): path for path in extra_files}  # loops too
        folder = [path for path in found if os.path.realpath(path) not in extra]
        return [read_document(path, str(path)) for path in [*folder, *sorted(extra.values(), key=str)]]


class ProfileStore:
    """Loads profiles from a source; answers by profile id. Call `load()` before anything else."""

    def __init__(self, directory: Path | None = None, learned: LearnedValues | None = None,
                 warn: Warn = logger.warning, *, source: ProfileSource | None = None) -> None:
        self.source: ProfileSource = source if source is not None else FolderSource(directory)
        self.learned = learned
        self._warn = warn
        self.problems: list[Problem] = []
        self._sources: dict[str, _Source] = {}
        self._layers: dict[str, list[Layer]] = {}
        self._effective: dict[str, Effective] = {}
        self.loaded = False

    # --- loading -------------------------------------------------------------------------
    def load(self, extra_files: Sequence[Path] = ()) -> list[Problem]:
        """Read every *.yaml in the folder (and `extra_files`); returns the problems found."""
        readings = self.source.documents(extra_files)
        self.problems, self._sources, self._layers, self._effective = [], {}, {}, {}
        for document, problems in readings:
            self.problems.extend(problems)
            if document is not None:
                self._add(document)
        self._resolve_parents()
        for profile_id in list(self._layers):
            self._build(profile_id)
        self.loaded = True
        for problem in self.problems:
            self._warn(Text("skipped invalid profile: {problem}", problem=str(problem)))
        return self.problems

    def _add(self, document: Document) -> None:
        try:
            profile = Profile.model_validate(document.data)
        except ValidationError as error:
            self.problems.extend(validation_problems(document, error, Profile))
            return
        other = self._sources.get(profile.identity.id)
        if other is not None:
            self.problems.append(document.problem(("identity", "id"), f"duplicate profile id "
                                                  f"{profile.identity.id!r}; also in {other.document.label}"))
            return
        for index, fob in enumerate(profile.identity.key_fobs):
            owner = next((s.id for s in self._sources.values() if fob in s.profile.identity.key_fobs), None)
            if owner is not None:
                self.problems.append(document.problem(("identity", "key_fobs", index),
                                                      f"key fob {fob!r} already belongs to {owner!r}"))
                return
        self._sources[profile.identity.id] = _Source(document, profile)

    def _resolve_parents(self) -> None:
        broken: set[str] = set()
        for profile_id, source in self._sources.items():
            chain, parent = [profile_id], source.profile.extends
            while parent is not None and parent in self._sources and parent not in chain:
                chain.append(parent)
                parent = self._sources[parent].profile.extends
            if parent is None:
                continue
            if parent == profile_id:
                message = f"extends cycle: {' -> '.join([*chain, parent])}"
            elif parent in chain:
                message = f"parent {chain[1]!r} cannot be loaded: its extends chain has a cycle"
            elif len(chain) == 1:
                known = ", ".join(sorted(self._sources)) or "none"
                message = f"unknown parent profile {parent!r}; known: {known}"
            else:
                message = f"parent {chain[1]!r} cannot be loaded: unknown profile {parent!r} in its chain"
            self.problems.append(source.document.problem(("extends",), message))
            broken.add(profile_id)
        for profile_id in self._sources:
            if profile_id not in broken:
                self._layers[profile_id] = self._layers_of(profile_id)

    def _layers_of(self, profile_id: str) -> list[Layer]:
        source = self._sources[profile_id]
        own: Layer = ("file", source.document.data)
        parent = source.profile.extends
        if parent is None:
            return [own]
        inherited = [(label if label != "file" else f"parent {parent}",
                      {k: v for k, v in data.items() if k not in _NOT_INHERITED})
                     for label, data in self._layers_of(parent)]
        return [*inherited, own]

    def _build(self, profile_id: str) -> None:
        source, layers = self._sources[profile_id], self._layers[profile_id]
        try:
            effective = self._effective_of(source, layers)
        except ValidationError as error:
            self.problems.extend(validation_problems(source.document, error, Profile, fallback=("extends",)))
            del self._layers[profile_id]
            return
        learned = self.learned.load(profile_id) if self.learned else {}
        unknown = sorted(set(learned) - LEARNED_FIELDS)
        if unknown:
            self._warn(Text("ignoring unknown learned preferences of {profile}: {fields}",
                            profile=repr(profile_id), fields=", ".join(unknown)))
        learned = {key: value for key, value in learned.items() if key in LEARNED_FIELDS}
        if learned:
            try:
                effective = self._effective_of(source, [*layers, ("learned", nest(learned))])
            except ValidationError as error:
                self._warn(Text("ignoring learned preferences of {profile}: {count} invalid value(s)",
                                profile=repr(profile_id), count=len(error.errors())))
        self._effective[profile_id] = effective

    def _effective_of(self, source: _Source, layers: list[Layer]) -> Effective:
        merged: dict[str, Any] = {}
        for _, data in layers:
            merged = deep_merge(merged, data)
        profile = Profile.model_validate(merged)
        origins = _origins(profile.model_dump(), layers, ())
        return Effective(compile_profile(profile), origins, source.document.label,
                         tuple(label for label, _ in layers))

    # --- answering -----------------------------------------------------------------------
    def ids(self) -> list[str]:
        """Ids of every valid profile, sorted."""
        return sorted(self._effective)

    def effective(self, profile_id: str) -> Effective:
        """The effective profile; raises ProfileError naming the known ids."""
        try:
            return self._effective[profile_id]
        except KeyError:
            known = ", ".join(self.ids()) or "none"
            raise ProfileError(f"unknown profile {profile_id!r}; known: {known}") from None

    def compiled(self, profile_id: str) -> CompiledProfile:
        """The precomputed signal targets and restrictions; raises ProfileError."""
        return self.effective(profile_id).compiled

    def profile_for_fob(self, fob_id: str) -> str | None:
        """The driver whose profile lists `fob_id`, if any."""
        for profile_id, effective in self._effective.items():
            if fob_id in effective.profile.identity.key_fobs:
                return profile_id
        return None

    def learn(self, profile_id: str, field: str, value: Any) -> None:
        """Remember a value the driver chose in the car and rebuild that profile with it."""
        if self.learned is None or profile_id not in self._layers:
            return
        try:
            self.learned.remember(profile_id, field, value)
        except (OSError, ValueError) as error:
            self._warn(Text("could not save learned preference {field} for {profile}: {error}", field=field,
                            profile=repr(profile_id), error=str(error)))
            return
        self._build(profile_id)

    def rebuild(self, profile_id: str) -> None:
        """Recompute one profile after its learned values changed elsewhere (another car)."""
        if profile_id in self._layers:
            self._build(profile_id)

    def forget(self, profile_id: str) -> int:
        """Forget what was learned for `profile_id`; returns how many values were dropped."""
        self.effective(profile_id)
        try:
            count = self.learned.forget(profile_id) if self.learned else 0
        except OSError as error:
            raise CockpitError(f"cannot forget the learned preferences of {profile_id!r}: {error}") from None
        self._build(profile_id)
        return count


def _origins(data: dict[str, Any], layers: list[Layer], prefix: tuple[str, ...]) -> dict[str, str]:
    origins: dict[str, str] = {}
    for key, value in data.items():
        path = (*prefix, key)
        if isinstance(value, dict) and value:
            origins.update(_origins(value, layers, path))
            continue
        origin = "default"
        for label, layer in layers:
            if _has(layer, path):
                origin = label
        origins[".".join(path)] = origin
    return origins


def _has(data: Any, path: tuple[str, ...]) -> bool:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True
