"""The catalogue as VSS sees it: exact datatypes, and the databroker's wildcard rules for paths."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.vss.tree import BadPattern, Tree, compile_pattern, exact_datatype


@pytest.mark.parametrize(("path", "datatype"), [
    (sig.SPEED, "float"), (sig.SELECTED_GEAR, "int8"), (sig.RANGE, "uint32"), (sig.DRIVER_FAN, "uint8"),
    (sig.SEAT_POSITION, "uint16"), (sig.SEAT_HEIGHT, "uint16"), (sig.SEAT_HEAT, "int8"),
    (sig.LATITUDE, "double"), (sig.DEST_LONGITUDE, "double"), (sig.AC, "boolean"),
    (sig.AIR_DISTRIBUTION, "string"), (sig.VOLUME, "uint8"), (sig.MIRROR_LEFT_PAN, "int8"),
])
def test_exact_datatypes_match_vss(path: str, datatype: str) -> None:
    assert exact_datatype(sig.CATALOGUE[path]) == datatype


def test_every_signal_has_an_id_in_catalogue_order_and_its_branches_are_known() -> None:
    tree = Tree()
    assert [leaf.path for leaf in tree.leaves] == list(sig.CATALOGUE)
    assert tree.by_id(0) is tree.leaf(sig.SPEED)
    assert {"Vehicle", "Vehicle.Cabin", "Vehicle.Cabin.HVAC.Station.Row1"} <= tree.branches
    assert sig.SPEED not in tree.branches


SUNROOF = ("Vehicle.Cabin.Sunroof.Position", "Vehicle.Cabin.Sunroof.Shade.Position",
           "Vehicle.Cabin.Sunroof.Shade.Switch", "Vehicle.Cabin.Sunroof.Switch")


@pytest.mark.parametrize(("pattern", "matches"), [
    ("", SUNROOF),
    ("Vehicle", SUNROOF),
    ("Vehicle.Cabin.Sunroof", SUNROOF),
    ("Vehicle.Cabin.Sunroof.**", SUNROOF),
    ("Vehicle.Cabin.Sunroof.*", ("Vehicle.Cabin.Sunroof.Position", "Vehicle.Cabin.Sunroof.Switch")),
    ("Vehicle.Cabin.Sunroof.*.Position", ("Vehicle.Cabin.Sunroof.Shade.Position",)),
    ("**.Sunroof.*.Position", ("Vehicle.Cabin.Sunroof.Shade.Position",)),
    ("*.*.*.*.Position", ("Vehicle.Cabin.Sunroof.Shade.Position",)),
    ("Vehicle.Cabin.Sunroof.**.Position", ("Vehicle.Cabin.Sunroof.Position",
                                           "Vehicle.Cabin.Sunroof.Shade.Position")),
    ("**.Sunroof", ()),
    ("**.Sunroof.**", SUNROOF),
    ("*.Sunroof", ()),
    ("Sunroof", ()),
    ("Vehicle.Cabin.Sun", ()),
    ("Vehicle.Cabin.Sunroof.Position.**", ()),  # a signal has no children
], ids=lambda value: repr(value) if isinstance(value, str) else None)
def test_patterns_follow_the_databrokers_wildcard_rules(pattern: str, matches: tuple[str, ...]) -> None:
    matcher = compile_pattern(pattern)
    assert tuple(path for path in SUNROOF if matcher(path)) == matches


@pytest.mark.parametrize("pattern", ["Vehicle..Speed", "Vehicle.Speed.", "Vehicle.Sp eed", "Vehicle.[a-z]+",
                                     "Vehicle.***", "x" * 1001])
def test_nonsense_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(BadPattern):
        compile_pattern(pattern)
