"""The one bounded, positioned reader (cockpit.reading, cockpit.yaml_source) as every file reader uses it.

Special files, oversized files, nesting and alias bombs and broken JSON give one short positioned
problem - never a traceback, a hang or a file read forever - whether the file is a profile, a
scenario, a home, learned preferences, a native assistant message or a recording. Mutations of
the files we ship are reported at the line and column that was changed.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import strategies as st

from cockpit.assistants.commands import _read_message
from cockpit.core.errors import CockpitError, brief
from cockpit.home.home_config import DEFAULT_HOME, load_home
from cockpit.personalisation.store import ProfileStore
from cockpit.reading import MAX_DEPTH, ReadError, parse_json
from cockpit.scenario import loader
from cockpit.scenario.recording import read_recording
from cockpit.yaml_source import MAX_VALUES
from tests.fuzzing import BUDGETS, run, sample

ROOT = Path(__file__).resolve().parents[1]
POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<field>[^:]+): (?P<message>.+)$")


# --- every reader, as its command uses it -----------------------------------------------------
def _profile(path: Path) -> list[str]:
    store = ProfileStore(path.parent / "no-profiles-here", warn=lambda text: None)
    store.source._named = False  # type: ignore[attr-defined]  # an empty folder beside the file: only the file itself is checked
    return [str(p) for p in store.load([path])]


def _scenario(path: Path) -> list[str]:
    return [str(p) for p in loader.check(path)[1]]


def _home(path: Path) -> list[str]:
    try:
        load_home(path)
    except CockpitError as error:
        return str(error).splitlines()
    return []


def _message(path: Path) -> list[str]:
    try:
        _read_message(path)
    except CockpitError as error:
        return [str(error)]
    return []


def _recording(path: Path) -> list[str]:
    try:
        read_recording(path)
    except CockpitError as error:
        return [str(error)]
    return []


READERS: dict[str, Callable[[Path], list[str]]] = {
    "profile": _profile, "scenario": _scenario, "home": _home, "native-message": _message,
    "recording": _recording}
YAML_READERS = {name: READERS[name] for name in ("profile", "scenario", "home")}


def _one_positioned(lines: list[str], path: Path) -> re.Match[str]:
    assert len(lines) >= 1, "nothing was reported"
    match = POSITIONED.match(lines[0])
    assert match is not None, lines[0]
    assert match["file"] == str(path), lines[0]
    assert all(len(line) < len(str(path)) + 400 for line in lines), lines
    return match


# --- special files ------------------------------------------------------------------------------
def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "not a regular file"),
    "dev-zero": (lambda path: path.symlink_to("/dev/zero"), "not a regular file"),
    "dev-urandom": (lambda path: path.symlink_to("/dev/urandom"), "not a regular file"),
    "socket": (_socket, "cannot read: No such device or address"),
    "folder": (lambda path: path.mkdir(), "is a folder"),
    "symlink-loop": (lambda path: (path.with_name("other").symlink_to(path), path.symlink_to("other")),
                     "symlink loop"),
    "dangling-symlink": (lambda path: path.symlink_to("/nonexistent/file"), "No such file"),
    "missing": (lambda path: None, "No such file"),
}


@pytest.mark.timeout(30)  # a reader that opens a FIFO and waits for a writer would hang here
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("special", SPECIAL)
def test_special_files_are_refused_at_once(tmp_path: Path, reader: str, special: str):
    make, expected = SPECIAL[special]
    path = tmp_path / "input.yaml"
    make(path)
    match = _one_positioned(READERS[reader](path), path)
    assert (match["line"], match["col"], match["field"]) == ("1", "1", "file")
    assert expected in match["message"]


@pytest.mark.parametrize("reader", READERS)
def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, reader: str):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(300 * 2**20)  # sparse: every reader's limit is below 300 MiB
    match = _one_positioned(READERS[reader](path), path)
    assert "may be at most" in match["message"] and match["field"] == "file"


# --- nesting, alias bombs, recursive aliases -----------------------------------------------------
def _nested(depth: int, style: str) -> str:
    if style == "flow-list":
        return "x: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return "x: " + "{a: " * depth + "1" + "}" * depth + "\n"
    return "x:\n" + "".join("  " * level + "- " + ("\n" if level < depth - 1 else "1\n")
                            for level in range(depth))  # block sequences, one inside the other


@pytest.mark.parametrize("budget", BUDGETS)
def test_nesting_beyond_the_limit_is_refused_where_it_happens(tmp_path: Path, budget: int):
    def check(example: tuple[str, int, str]) -> None:
        reader, depth, style = example
        path = tmp_path / f"{reader}-{style}-{depth}.yaml"
        path.write_text(_nested(depth, style))
        lines = YAML_READERS[reader](path)
        too_deep = [line for line in lines if "nesting deeper than" in line]
        assert bool(too_deep) == (depth + 1 > MAX_DEPTH), lines  # the file's own mapping is a level
        if too_deep:
            match = _one_positioned(too_deep, path)
            assert match["field"] == "yaml" and 1 <= int(match["line"]) <= depth + 1

    run(budget, st.tuples(st.sampled_from(sorted(YAML_READERS)), st.integers(1, 3 * MAX_DEPTH),
                          st.sampled_from(["flow-list", "flow-map", "block"])), check)


def _bomb(width: int, levels: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("budget", BUDGETS)
def test_alias_bombs_are_refused_without_expanding_them(tmp_path: Path, budget: int):
    def check(example: tuple[str, int, int]) -> None:
        reader, width, levels = example
        path = tmp_path / f"bomb-{width}-{levels}.yaml"
        path.write_text(_bomb(width, levels))
        expanded = sum(width ** n + (width ** n - 1) // (width - 1) for n in range(1, levels + 1))
        lines = YAML_READERS[reader](path)
        bombs = [line for line in lines if "aliases expand this file" in line]
        if expanded > 2 * MAX_VALUES:
            assert bombs, lines
        if bombs:
            assert int(_one_positioned(bombs, path)["line"]) <= levels

    run(budget, st.tuples(st.sampled_from(sorted(YAML_READERS)), st.integers(2, 12), st.integers(1, 12)),
        check)


RECURSIVE = {
    "list-in-itself": "x: &a [*a]\n",
    "map-in-itself": "x: &a {self: *a}\n",
    "root-in-itself": "&a {x: *a}\n",
    "deep-cycle": "x: &a\n  y:\n    z: [1, 2, {back: *a}]\n",
    "merge-key-cycle": "x: &a\n  <<: *a\n",
}


@pytest.mark.parametrize("reader", YAML_READERS)
@pytest.mark.parametrize("case", RECURSIVE)
def test_recursive_aliases_are_refused_at_the_alias(tmp_path: Path, reader: str, case: str):
    path = tmp_path / f"{case}.yaml"
    path.write_text(RECURSIVE[case])
    match = _one_positioned(YAML_READERS[reader](path), path)
    alias_line = next(n for n, line in enumerate(RECURSIVE[case].splitlines(), 1) if "*a" in line)
    assert (match["field"], int(match["line"])) == ("yaml", alias_line)
    assert "recursive alias" in match["message"]


def test_a_broken_profile_among_good_ones_is_skipped_and_the_rest_load(tmp_path: Path):
    for source in (ROOT / "profiles").glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text())
    (tmp_path / "bomb.yaml").write_text(_bomb(10, 9))
    (tmp_path / "deep.yaml").write_text(_nested(999, "flow-list"))
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    store = ProfileStore(tmp_path, warn=lambda text: None)
    problems = store.load()
    assert store.ids() == ["alice", "bernd", "guest", "tom", "valet"]
    assert sorted(Path(p.file).name for p in problems) == ["bomb.yaml", "deep.yaml", "fifo.yaml", "loop.yaml"]


# --- many problems ------------------------------------------------------------------------------
@pytest.mark.timeout(15)  # quadratic positioning took 28 s for 40,000 keys; linear takes about one
@pytest.mark.parametrize("keys", [pytest.param(4_000, id="4k"),
                                  pytest.param(40_000, id="40k", marks=pytest.mark.fuzz)])
def test_thousands_of_unknown_keys_are_each_reported_at_their_line(tmp_path: Path, keys: int):
    path = tmp_path / "keys.yaml"
    path.write_text("schema_version: 1\nidentity: {id: zed, display_name: Zed}\n"
                    + "".join(f"unknown_{n}: 1\n" for n in range(keys)))
    lines = _profile(path)
    assert len(lines) == keys
    assert lines[-1].startswith(f"{path}:{keys + 2}:1: unknown_{keys - 1}: unknown key")


# --- mutated shipped files --------------------------------------------------------------------
def _scalars(node: yaml.Node, keys: bool) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if keys:
                yield key
            yield from _scalars(value, keys)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, keys)
    elif isinstance(node, yaml.ScalarNode) and not keys:
        yield node


SHIPPED = {"profile": sorted((ROOT / "profiles").glob("*.yaml")),
           "scenario": sorted((ROOT / "scenarios").glob("*.yaml")), "home": [DEFAULT_HOME]}
LONG = "x" * 20_000
# (name, applies to keys?, replacement text, whether the checker must refuse it: an unknown key or a
# long value is fine in a free-form mapping such as a device state or a display name)
MUTATIONS = [("null-key", True, "null", True), ("yes-key", True, "yes", True), ("tilde-key", True, "~", True),
             ("unknown-key", True, "zzz_unknown", False), ("long-value", False, LONG, False),
             ("nan-value", False, ".nan", False), ("list-value", False, "[1, [2]]", False),
             ("huge-number", False, "1.0e+308", False)]


def _mutants() -> list[tuple[str, Path, str, int, int, str]]:
    cases = []
    for kind, paths in SHIPPED.items():
        for path in paths:
            root = yaml.compose(path.read_text())
            for name, keys, _, _ in MUTATIONS:
                for node in _scalars(root, keys):
                    if node.style in ("|", ">"):
                        continue  # a block scalar's text spans lines; replacing it is not one edit
                    cases.append((kind, path, name, node.start_mark.index, node.end_mark.index,
                                  f"{kind}-{path.stem}-{name}-{node.start_mark.line + 1}"))
    return cases


@pytest.mark.parametrize("case", sample(_mutants(), every=23, ids=lambda case: case[-1]))
def test_a_mutated_shipped_file_is_reported_at_the_mutated_spot(tmp_path: Path, case):
    kind, source, name, start, end, _ = case
    _, _, replacement, must_refuse = next(m for m in MUTATIONS if m[0] == name)
    text = source.read_text()
    path = tmp_path / source.name
    path.write_text(text[:start] + replacement + text[end:])
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    lines = READERS[kind](path)
    assert all("Traceback" not in entry and len(entry) < len(str(path)) + 400 for entry in lines), lines
    if must_refuse:
        assert lines, "accepted"
    if lines:
        spots = [(int(m["line"]), int(m["col"])) for m in map(POSITIONED.match, lines) if m]
        assert len(spots) == len(lines), lines
        wanted = [spot for spot in spots if spot[0] == line] if name == "unknown-key" else [
            spot for spot in spots if spot == (line, col)]
        # (a discriminated union's tag key renamed: "required field 'type' is missing" at its entry)
        assert wanted, f"changed {line}:{col}; reported {lines}"


# --- JSON ---------------------------------------------------------------------------------------
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12)
                           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
                           lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=30)


@pytest.mark.parametrize("budget", BUDGETS)
def test_valid_json_reads_as_the_json_module_reads_it(budget: int):
    def check(value: object) -> None:
        text = json.dumps(value, indent=1)
        assert parse_json(text) == json.loads(text)

    run(budget, JSON_VALUES, check)


BAD_JSON = {
    "nan": ('{"volume": NaN}', 1, 12, "NaN is not a number"),
    "infinity": ('{\n  "delta": -Infinity\n}', 2, 12, "-Infinity is not a number"),
    "overflow": ('{"a": 1e400}', 1, 7, "too large"),
    "long-int": ('[' + "9" * 5000 + ']', 1, 2, "digits"),
    "deep": ("[" * 5000 + "]" * 5000, 1, MAX_DEPTH + 1, "nesting deeper than"),
    "deep-in-object": ('{"a": ' * 40 + "1" + "}" * 40, 1, 6 * MAX_DEPTH + 1, "nesting deeper than"),
    "syntax": ('{\n  "a": 1,\n  oops\n}', 3, 3, "invalid JSON: Expecting property name"),
    "not-utf8": (b'{"a": "\xff"}', 1, 8, "not UTF-8"),
}


@pytest.mark.parametrize("case", BAD_JSON)
def test_bad_json_is_refused_with_its_position(case: str):
    text, line, col, message = BAD_JSON[case]
    with pytest.raises(ReadError) as caught:
        parse_json(text)
    assert (caught.value.line, caught.value.col) == (line, col)
    assert message in caught.value.message and len(str(caught.value)) < 200


def test_nonfinite_numbers_can_be_let_through_for_a_native_receiver():
    assert math.isnan(parse_json('{"v": NaN}', allow_nonfinite=True)["v"])


@pytest.mark.parametrize("budget", BUDGETS)
def test_brackets_inside_strings_do_not_count_as_nesting(budget: int):
    def check(text: str) -> None:
        assert parse_json(json.dumps({"text": text})) == {"text": text}

    run(budget, st.text(alphabet='[]{}"\\ab', max_size=200), check)


@pytest.mark.parametrize("budget", BUDGETS)
def test_brief_keeps_error_values_short_and_says_their_length(budget: int):
    def check(value: str | bytes | list[int]) -> None:
        text = brief(value)
        assert len(text) <= 240
        if len(repr(value)) > 200:
            assert f"{len(value) if not isinstance(value, list) else len(repr(value)):,}" in text

    run(budget, st.text(max_size=2000) | st.binary(max_size=2000) | st.lists(st.integers(), max_size=500),
        check)
