"""`cockpit vss export`: the catalogue as VSS JSON that the KUKSA databroker and vss-tools can load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cockpit.core import signals as sig
from cockpit.core.errors import InvalidInput
from cockpit.vss import export

DATATYPES = {"string", "boolean", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
             "float", "double"}


def leaves(node: dict[str, Any], prefix: str = "") -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, child in node.items():
        path = f"{prefix}.{name}" if prefix else name
        assert isinstance(child["description"], str) and child["description"], path  # needed
        if child["type"] == "branch":
            found.update(leaves(child["children"], path))
        else:
            found[path] = child
    return found


def test_every_signal_is_in_the_tree_with_its_type_range_and_allowed_values() -> None:
    tree = export.vss_json()
    assert list(tree) == ["Vehicle"]
    signals = leaves(tree)
    assert set(signals) == set(sig.CATALOGUE)
    assert all(node["datatype"] in DATATYPES and node["type"] in ("sensor", "actuator")
               for node in signals.values())
    assert signals[sig.DRIVER_TEMP] == {"type": "actuator", "datatype": "float", "unit": "celsius",
                                        "min": 16.0, "max": 28.0, "description": signals[sig.DRIVER_TEMP][
                                            "description"]}
    assert signals[sig.DRIVER_FAN]["min"] == 0 and isinstance(signals[sig.DRIVER_FAN]["max"], int)
    assert signals[sig.AIR_DISTRIBUTION]["allowed"] == ["UP", "MIDDLE", "DOWN"]


def test_the_cockpits_own_signals_are_marked_as_extensions() -> None:
    signals = leaves(export.vss_json())
    marked = {path for path, node in signals.items() if node.get(export.EXTENSION_KEY)}
    assert marked == {path for path, spec in sig.CATALOGUE.items() if not spec.standard}
    assert sig.CLUSTER_LAYOUT in marked and sig.SPEED not in marked


def test_the_cli_prints_it_and_writes_a_new_file_but_never_replaces_one(tmp_path: Path) -> None:
    printed = subprocess.run([sys.executable, "-m", "cockpit", "vss", "export"], capture_output=True,
                             text=True, check=True)
    assert json.loads(printed.stdout) == export.vss_json()
    target = tmp_path / "cockpit.json"
    subprocess.run([sys.executable, "-m", "cockpit", "vss", "export", "-o", str(target)], check=True,
                   capture_output=True)
    assert json.loads(target.read_text()) == export.vss_json()
    target.write_text("mine")
    again = subprocess.run([sys.executable, "-m", "cockpit", "vss", "export", "-o", str(target)],
                           capture_output=True, text=True)
    assert again.returncode == 2
    assert again.stderr == f"error: {target}: exists; the export never replaces a file, choose a new name\n"
    assert target.read_text() == "mine"
    assert [path.name for path in tmp_path.iterdir()] == ["cockpit.json"]  # no temporary left


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        export.write(tmp_path / "nowhere" / "cockpit.json")
