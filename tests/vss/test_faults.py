"""Nonsense sent to every actuator over VISS and kuksa.val v2 is refused, says why in a line, and
changes nothing.

Generated per signal from its type: NaN and infinities (as JSON tokens, as text, as float32 and
double), 1e308 and 1e400, numbers in scientific notation or with 31+ digits, `1_0` and
Arabic-Indic digits (which `float()` takes), values out of range, text longer than a signal takes
or with control characters, words outside a signal's set or form, and lists, objects and nesting
where a value belongs.
"""

from __future__ import annotations

import json
import logging
import os
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from hypothesis import strategies as st
from kuksa.val.v2 import types_pb2 as types
from kuksa.val.v2 import val_pb2 as val
from kuksa.val.v2 import val_pb2_grpc as val_grpc
from websockets.sync.client import ClientConnection

from cockpit.core import signals as sig
from cockpit.core.errors import InvalidInput, InvalidValue
from cockpit.core.signals import DataType, Kind, SignalSpec
from cockpit.session import Session
from cockpit.vss.settings import ApiSettings
from cockpit.vss.tree import exact_datatype
from cockpit.vss.values import WIRE_FIELD
from tests.fuzzing import BUDGETS, run
from tests.vss.conftest import Certificate, answered, serve

ACTUATORS = [spec for spec in sig.CATALOGUE.values() if spec.kind is Kind.ACTUATOR]
LONGEST_ERROR = 320  # characters: a path of ~60, a reason, and a value cut to 60..200
NOT_A_NUMBER_TEXT = ["nan", "NaN", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e308", "-1e308",
                     "1E400", "5e3", ".5e1", "1_0", "٢١", "२१", "２１", "21.5.5", "2 1", "0x10", "", " ",
                     "21,5", "+21", "21.", ".5"]
NOT_A_NUMBER_JSON = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "9" * 40, "null", "[21]", '{"v": 21}',
                     "[" * 40 + "]" * 40, "[" * 3000 + "]" * 3000, "true"]
CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)]


def _out_of_range(spec: SignalSpec) -> st.SearchStrategy[float | int]:
    assert spec.minimum is not None and spec.maximum is not None
    above = st.floats(min_value=spec.maximum + 0.5, max_value=1e300)
    below = st.floats(min_value=-1e300, max_value=spec.minimum - 0.5)
    whole = st.integers(min_value=int(spec.maximum) + 1, max_value=10**18) | st.integers(
        min_value=-(10**18), max_value=int(spec.minimum) - 1)
    return above | below | whole


def _bad_text(spec: SignalSpec) -> st.SearchStrategy[str]:
    """Text that `spec` (a string signal) must refuse."""
    overlong = st.text(min_size=sig.MAX_TEXT + 1, max_size=3000)
    around = st.text(max_size=20)
    with_control = st.tuples(around, st.sampled_from(CONTROLS), around).map("".join)
    bad = overlong | with_control
    if spec.allowed is not None:
        bad |= st.text(max_size=30).filter(lambda word: word not in (spec.allowed or ()))
        bad |= st.sampled_from(spec.allowed).map(lambda word: word.lower() + "\u0131")  # look-alike
    if spec.pattern is not None:
        bad |= st.text(max_size=30).filter(lambda word: re.fullmatch(spec.pattern or "", word) is None)
    return bad


def viss_value(spec: SignalSpec) -> st.SearchStrategy[str]:
    """The JSON text of a `value` that `spec` must refuse."""
    raw = st.sampled_from(NOT_A_NUMBER_JSON)
    if spec.datatype in (DataType.FLOAT, DataType.INT):
        words = st.sampled_from(NOT_A_NUMBER_TEXT) | st.from_regex(r"[0-9]{31,60}", fullmatch=True)
        numbers = _out_of_range(spec).map(json.dumps)
        texts = (words | numbers).map(json.dumps)  # VISS sends values as text
        if spec.datatype is DataType.INT:
            numbers |= st.floats(min_value=spec.minimum, max_value=spec.maximum).filter(
                lambda number: not number.is_integer()).map(json.dumps)
        return raw | words.map(json.dumps) | numbers | texts
    if spec.datatype is DataType.BOOL:
        words = st.text(max_size=10).filter(lambda word: word.lower() not in ("true", "false"))
        return (raw.filter(lambda token: token != "true") | words.map(json.dumps)
                | st.integers().map(json.dumps) | st.just('"TRUE\u0131"'))
    return (raw.filter(lambda token: token != "null") | _bad_text(spec).map(json.dumps)
            | st.integers(-5, 5).map(json.dumps))


def v2_value(spec: SignalSpec) -> st.SearchStrategy[types.Value]:
    """A kuksa.val v2 Value that `spec` must refuse."""
    wire = WIRE_FIELD[exact_datatype(spec)]
    wrong_field = st.sampled_from([field for field in ("bool", "string", "int32", "uint64", "double")
                                   if not _fits(wire, field)])
    wrong = wrong_field.map(lambda field: types.Value(**{field: _zero(field)}))
    if spec.datatype is DataType.FLOAT:
        nonfinite = st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e308, -1e308])
        finite = _out_of_range(spec).map(float)
        return wrong | st.tuples(st.sampled_from(["float", "double"]), nonfinite | finite).map(
            lambda pair: types.Value(**{pair[0]: pair[1]}))
    if spec.datatype is DataType.INT:
        assert spec.minimum is not None and spec.maximum is not None
        int64 = st.integers(min_value=int(spec.maximum) + 1, max_value=2**63 - 1) | st.integers(
            min_value=-(2**63), max_value=int(spec.minimum) - 1)
        return wrong | int64.map(lambda number: types.Value(int64=number))
    if spec.datatype is DataType.BOOL:
        return wrong
    return wrong | _bad_text(spec).map(lambda text: types.Value(string=text))


def _fits(wire: str, field: str) -> bool:
    integers, numbers = {"int32", "int64", "uint32", "uint64"}, {"float", "double"}
    return field == wire or (field in integers and wire in integers) or (field in numbers and wire in numbers)


def _zero(field: str) -> Any:
    return {"bool": True, "string": "21", "int32": 21, "uint64": 21, "double": 21.0}[field]


def actuators(session: Session) -> dict[str, sig.Value]:
    return {spec.path: session.cockpit.value(spec.path) for spec in ACTUATORS}




@pytest.mark.parametrize("budget", BUDGETS)
def test_nonsense_over_viss_is_refused_in_a_line_and_changes_nothing(
        viss: Session, ws: ClientConnection, caplog: pytest.LogCaptureFixture, budget: int) -> None:
    before = actuators(viss)
    cases = st.sampled_from(ACTUATORS).flatmap(lambda spec: st.tuples(st.just(spec), viss_value(spec)))

    def check(case: tuple[SignalSpec, str]) -> None:
        spec, value = case
        request = f'{{"action": "set", "requestId": "r1", "path": "{spec.path}", "value": {value}}}'

        def exchange() -> dict[str, Any]:
            ws.send(request)
            reply: dict[str, Any] = json.loads(ws.recv(timeout=10))
            return reply

        reply = answered(viss, exchange)
        error = reply.get("error")
        assert error is not None, f"{spec.path} took {value[:80]}"
        assert error["number"] == 400 and len(error["message"]) <= LONGEST_ERROR, error
        message = error["message"]
        assert spec.path in message or message.startswith("the request is not JSON: 1:"), error
        assert actuators(viss) == before

    with caplog.at_level(logging.INFO):
        run(4 * budget, cases, check)  # 56 actuators of 4 types: a few of each even when quick
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


@pytest.fixture
def stub(tmp_path: Path) -> Iterator[tuple[Session, val_grpc.VALStub]]:
    session = serve(state_dir=tmp_path / "state")
    assert session.vss is not None
    try:
        with grpc.insecure_channel(f"127.0.0.1:{session.vss.port}") as channel:
            yield session, val_grpc.VALStub(channel)
    finally:
        session.close()


@pytest.mark.parametrize("budget", BUDGETS)
def test_nonsense_over_kuksa_v2_is_invalid_argument_and_changes_nothing(
        stub: tuple[Session, val_grpc.VALStub], caplog: pytest.LogCaptureFixture, budget: int) -> None:
    session, client = stub
    before = actuators(session)
    cases = st.sampled_from(ACTUATORS).flatmap(lambda spec: st.tuples(st.just(spec), v2_value(spec)))

    def check(case: tuple[SignalSpec, types.Value]) -> None:
        spec, value = case

        def attempt() -> tuple[grpc.StatusCode, str] | None:
            try:
                client.Actuate(val.ActuateRequest(signal_id=types.SignalID(path=spec.path), value=value))
            except grpc.RpcError as error:
                return error.code(), error.details()
            return None

        refused = answered(session, attempt)
        assert refused is not None, f"{spec.path} took {str(value)[:80]}"
        status, message = refused
        assert status is grpc.StatusCode.INVALID_ARGUMENT, (status, message)
        assert spec.path in message and len(message) <= LONGEST_ERROR, message
        assert actuators(session) == before

    with caplog.at_level(logging.INFO):
        run(4 * budget, cases, check)  # 56 actuators of 4 types: a few of each even when quick
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_text_signals_refuse_what_no_screen_can_show() -> None:
    """The string rules themselves, one line each (the generated suites above cover every producer)."""
    name = sig.CATALOGUE[sig.DEST_NAME]
    assert name.validate("Café Größenwahn, 東京") == "Café Größenwahn, 東京"
    assert name.validate("x" * sig.MAX_TEXT) == "x" * sig.MAX_TEXT
    for bad in ("x" * (sig.MAX_TEXT + 1), "line\nbreak", "nul\x00", "tab\t", "\u2028"):
        with pytest.raises(InvalidValue, match=sig.DEST_NAME):
            name.validate(bad)
    colour = sig.CATALOGUE[sig.AMBIENT_COLOR]
    assert colour.validate("e4572e") == "e4572e"
    with pytest.raises(InvalidValue, match="expected RGB colour as six hex digits, got 'zz'"):
        colour.validate("zz")
    assert set(string.hexdigits) >= set(str(colour.default))


@pytest.mark.parametrize("setting", ["tls", "viss-tls", "jwt"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_key_or_certificate_that_is_no_file_is_refused_at_once(tmp_path: Path, certificate: Certificate,
                                                                 setting: str, kind: str) -> None:
    odd = tmp_path / "odd.pem"
    if kind == "fifo":
        os.mkfifo(odd)  # opening it for reading used to wait for a writer that never comes
    else:
        odd.symlink_to("/dev/zero")  # read_bytes() read it until memory ran out
    options: dict[str, Any] = {
        "tls": {"tls_cert": odd, "tls_key": certificate.key},
        "viss-tls": {"tls_cert": certificate.cert, "tls_key": odd, "viss": ("127.0.0.1", 0)},
        "jwt": {"jwt_public_key": odd}}[setting]
    with pytest.raises(InvalidInput, match=f"{odd}: cannot read the .*: not a regular file"):
        serve(ApiSettings(port=0, **options), state_dir=tmp_path / "state").close()
