"""Extension signals: a plugin adds VSS-named signals to a cockpit without forking the core; they
are then signals like any other (the policy decides, motors move them, the read model shows them)."""

from __future__ import annotations

import pytest

from cockpit.core import signals as sig
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import InvalidValue
from cockpit.core.signals import DataType, Kind, SignalSpec
from cockpit.session import Session, Settings

SUNROOF = SignalSpec("Vehicle.Cabin.Sunroof.Position", DataType.INT, Kind.ACTUATOR, 0, "percent", -100, 100,
                     motor_rate=25.0)


def test_an_extension_signal_is_a_signal_like_any_other():
    cockpit = Cockpit()
    cockpit.add_signals([SUNROOF])
    assert cockpit.value(SUNROOF.path) == 0 and SUNROOF.path in cockpit.catalogue
    assert sig.CATALOGUE.get(SUNROOF.path) is None  # the core catalogue itself is untouched
    assert cockpit.submit(SetSignal(SUNROOF.path, 50, source=Source.ASSISTANT)).applied
    refused = cockpit.submit(SetSignal(SUNROOF.path, 500, source=Source.ASSISTANT))
    assert refused.rejected and "above the maximum 100 percent" in refused.reason


def test_a_session_s_motors_move_an_extension_signal():
    with Session(Settings(use_broker=False)) as session:
        session.step(0.1)  # the car already runs when a plugin's signals arrive
        session.cockpit.add_signals([SUNROOF])
        session.cockpit.submit(SetSignal(SUNROOF.path, 50, source=Source.USER))
        session.step(1.0)
        assert session.view.value(SUNROOF.path) == 25
        session.step(2.0)
        assert session.view.value(SUNROOF.path) == 50


@pytest.mark.parametrize(("spec", "message"), [
    (SignalSpec("Cabin.Sunroof.Position", DataType.INT, Kind.ACTUATOR, 0), "is not VSS-named"),
    (SignalSpec("Vehicle.cabin.sunroof", DataType.INT, Kind.ACTUATOR, 0), "is not VSS-named"),
    (SignalSpec(sig.SPEED, DataType.FLOAT, Kind.SENSOR, 0.0), "is already in the catalogue"),
    (SignalSpec("Vehicle.Cabin", DataType.INT, Kind.ACTUATOR, 0), "is a branch of the catalogue"),
    (SignalSpec("Vehicle.Cabin.Sunroof.Position", DataType.INT, Kind.ACTUATOR, 900, None, 0, 100),
     "above the maximum"),
], ids=["no-vehicle", "lower-case", "existing", "branch", "bad-default"])
def test_what_may_not_join_the_catalogue_is_refused_and_nothing_is_added(spec, message):
    cockpit = Cockpit()
    before = dict(cockpit.catalogue)
    with pytest.raises(InvalidValue, match=message):
        cockpit.add_signals([SUNROOF.__class__("Vehicle.Cabin.Sunroof.Switch", DataType.STRING, Kind.ACTUATOR,
                                               "INACTIVE"), spec])
    assert dict(cockpit.catalogue) == before
