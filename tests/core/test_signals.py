import pytest

from cockpit.core import signals as sig
from cockpit.core.errors import InvalidValue, UnknownSignal


def test_every_default_is_valid_for_its_own_spec():
    for spec in sig.CATALOGUE.values():
        assert spec.validate(spec.default) == spec.default, spec.path


def test_paths_follow_vss_naming():
    for path in sig.CATALOGUE:
        parts = path.split(".")
        assert parts[0] == "Vehicle"
        assert all(part[:1].isupper() or part[:3] == "Row" for part in parts), path


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (sig.DRIVER_TEMP, 35.0, "above the maximum 28 celsius"),
        (sig.DRIVER_TEMP, 10, "below the minimum 16 celsius"),
        (sig.DRIVER_TEMP, "warm", "expected float"),
        (sig.DRIVER_TEMP, float("nan"), "expected float"),
        (sig.AC, 1, "expected boolean"),
        (sig.VOLUME, 10.5, "expected int"),
        (sig.DAY_NIGHT, "DUSK", "not one of DAY, NIGHT"),
    ],
    ids=["too-hot", "too-cold", "text", "nan", "int-for-bool", "fraction-for-int", "not-allowed"],
)
def test_invalid_values_name_the_signal_and_the_rule(path, value, message):
    with pytest.raises(InvalidValue) as error:
        sig.spec_for(path).validate(value)
    assert path in str(error.value)
    assert message in str(error.value)


def test_ints_given_as_whole_floats_are_accepted():
    assert sig.spec_for(sig.VOLUME).validate(40.0) == 40


def test_unknown_signal_suggests_near_paths():
    with pytest.raises(UnknownSignal, match=r"did you mean Vehicle\.Speed"):
        sig.spec_for("Vehicle.Chassis.Speed")
