"""Catalogue entries and values to and from the kuksa.val v1 and v2 protobuf messages.

The wire has fewer fields than VSS has types: int8..int32 travel as `int32`, uint8..uint32 as
`uint32`. A client may send any integer field for an integer signal and `float` or `double` for a
number; anything else is a type mismatch. A 32-bit `float` is read back to the shortest decimal that
round-trips (21.3, not 21.299999237...), as the client meant it.
"""

from __future__ import annotations

import contextlib
import math
import struct
from typing import Any, Final

from google.protobuf.timestamp_pb2 import Timestamp
from kuksa.val.v1 import types_pb2 as v1
from kuksa.val.v2 import types_pb2 as v2

from cockpit.core.errors import InvalidValue
from cockpit.core.signals import Value
from cockpit.vss.hub import Sample
from cockpit.vss.tree import Leaf

WIRE_FIELD: Final = {"boolean": "bool", "string": "string", "float": "float", "double": "double",
                     "int8": "int32", "int16": "int32", "int32": "int32", "int64": "int64",
                     "uint8": "uint32", "uint16": "uint32", "uint32": "uint32", "uint64": "uint64"}
_INTEGERS: Final = frozenset({"int32", "int64", "uint32", "uint64"})
_NUMBERS: Final = frozenset({"float", "double"})


class WrongType(InvalidValue):
    """A client sent a value in a field that does not fit the signal's datatype."""


def data_type(leaf: Leaf) -> int:
    """The DataType enum number (the same in v1 and v2)."""
    return int(v1.DataType.Value(f"DATA_TYPE_{leaf.datatype.upper()}"))


def entry_type(leaf: Leaf) -> int:
    return int(v1.EntryType.Value(f"ENTRY_TYPE_{leaf.entry_type.upper()}"))


def timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1e9))
    return stamp


def _fill(message: Any, leaf: Leaf, value: Value) -> None:
    """Set the wire field of `leaf`'s type on a v1 Datapoint or v2 Value."""
    name = WIRE_FIELD[leaf.datatype]
    if name == "bool":
        message.bool = bool(value)
    elif name == "string":
        message.string = str(value)
    elif name in _NUMBERS:
        setattr(message, name, float(value))
    else:
        setattr(message, name, round(float(value)))


def v1_datapoint(leaf: Leaf, sample: Sample) -> v1.Datapoint:
    point = v1.Datapoint(timestamp=timestamp(sample.timestamp))
    _fill(point, leaf, sample.value)
    return point


def v2_value(leaf: Leaf, value: Value) -> v2.Value:
    message = v2.Value()
    _fill(message, leaf, value)
    return message


def v2_datapoint(leaf: Leaf, sample: Sample) -> v2.Datapoint:
    return v2.Datapoint(timestamp=timestamp(sample.timestamp), value=v2_value(leaf, sample.value))


def received(leaf: Leaf, message: v1.Datapoint | v2.Value) -> Value:
    """The Python value a client sent in a v1 Datapoint or v2 Value; raises WrongType.

    The value is not yet checked against the signal's range: the cockpit does that (and the policy).
    """
    oneof = "value" if isinstance(message, v1.Datapoint) else "typed_value"
    sent = message.WhichOneof(oneof)
    expected = WIRE_FIELD[leaf.datatype]
    if sent is None:
        raise WrongType(f"{leaf.path}: no value given")
    fits = (sent == expected or (expected in _INTEGERS and sent in _INTEGERS)
            or (expected in _NUMBERS and sent in _NUMBERS))
    if not fits:
        raise WrongType(f"{leaf.path} is {leaf.datatype}; a {sent} value does not fit")
    value: Value = getattr(message, sent)
    return shortest_float32(value) if sent == "float" else value  # type: ignore[arg-type]


def shortest_float32(number: float) -> float:
    """The shortest decimal that a 32-bit float reads back as `number` (nan and inf stay as they are)."""
    if not math.isfinite(number):
        return number
    for digits in range(1, 10):
        candidate = float(f"{number:.{digits}g}")
        with contextlib.suppress(OverflowError):  # rounded past the largest float32
            if struct.unpack("f", struct.pack("f", candidate))[0] == number:
                return candidate
    return number


def v1_metadata(leaf: Leaf, fields: frozenset[int]) -> v1.Metadata:
    """The v1 metadata of `leaf` with the requested fields (FIELD_METADATA: all of them)."""
    every = v1.FIELD_METADATA in fields
    spec = leaf.spec
    meta = v1.Metadata()
    if every or v1.FIELD_METADATA_DATA_TYPE in fields:
        meta.data_type = data_type(leaf)  # type: ignore[assignment]
    if every or v1.FIELD_METADATA_ENTRY_TYPE in fields:
        meta.entry_type = entry_type(leaf)  # type: ignore[assignment]
    if every or v1.FIELD_METADATA_DESCRIPTION in fields:
        meta.description = leaf.description
    if (every or v1.FIELD_METADATA_UNIT in fields) and spec.unit:
        meta.unit = spec.unit
    if every or v1.FIELD_METADATA_VALUE_RESTRICTION in fields:
        _restrict(meta.value_restriction, leaf)
    if every or {v1.FIELD_METADATA_ACTUATOR, v1.FIELD_METADATA_SENSOR} & fields:
        (meta.actuator if leaf.entry_type == "actuator" else meta.sensor).SetInParent()
    return meta


def _restrict(restriction: v1.ValueRestriction, leaf: Leaf) -> None:
    spec = leaf.spec
    if spec.allowed is not None:
        restriction.string.allowed_values.extend(spec.allowed)
        return
    if spec.minimum is None and spec.maximum is None:
        return
    wire = WIRE_FIELD[leaf.datatype]
    bounds: Any = (restriction.floating_point if wire in _NUMBERS
                   else restriction.unsigned if wire.startswith("uint") else restriction.signed)
    cast = float if wire in _NUMBERS else int
    if spec.minimum is not None:
        bounds.min = cast(spec.minimum)
    if spec.maximum is not None:
        bounds.max = cast(spec.maximum)


def v2_metadata(leaf: Leaf) -> v2.Metadata:
    spec = leaf.spec
    meta = v2.Metadata(path=leaf.path, id=leaf.id, data_type=data_type(leaf),  # type: ignore[arg-type]
                       entry_type=entry_type(leaf), description=leaf.description,  # type: ignore[arg-type]
                       unit=spec.unit or "")
    if spec.allowed is not None:
        meta.allowed_values.string_array.values.extend(spec.allowed)
    if spec.minimum is not None:
        meta.min.CopyFrom(v2_value(leaf, spec.minimum))
    if spec.maximum is not None:
        meta.max.CopyFrom(v2_value(leaf, spec.maximum))
    return meta
