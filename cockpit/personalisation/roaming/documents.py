"""The learned-preferences document in the bucket, and its field-by-field merge.

    {"version": 1, "profile": "alice",
     "fields": {"climate.driver.setpoint_c": {"value": 21.5, "stamp": [1733090000000, 0, "car-7"]}}}

Each field carries the HLC stamp of the change that set it; merging two documents keeps, for each
field, the value with the later stamp, so two cars that changed different fields of one driver
both keep their change, and for one field the newer change wins. Forgetting writes `"value":
null` with a stamp (a tombstone), so a stale copy cannot bring a forgotten value back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cockpit.core.errors import brief
from cockpit.personalisation.roaming.hlc import Stamp
from cockpit.reading import ReadError, parse_json

FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Field:
    """One learned field: its value (None once forgotten) and the stamp of the change."""

    value: Any
    stamp: Stamp


Fields = dict[str, Field]


def merge(*documents: Mapping[str, Field]) -> Fields:
    """Field by field, the value with the latest stamp wins."""
    merged: Fields = {}
    for fields in documents:
        for name, field in fields.items():
            old = merged.get(name)
            if old is None or field.stamp > old.stamp:
                merged[name] = field
    return merged


def values(fields: Mapping[str, Field]) -> dict[str, Any]:
    """The live values (forgotten fields left out)."""
    return {name: field.value for name, field in fields.items() if field.value is not None}


def encode(profile_id: str, fields: Mapping[str, Field]) -> bytes:
    """The JSON bytes stored under `learned.<profile_id>`."""
    body = {name: {"value": entry.value, "stamp": entry.stamp.to_json()}
            for name, entry in sorted(fields.items())}
    return json.dumps({"version": FORMAT_VERSION, "profile": profile_id, "fields": body},
                      sort_keys=True, allow_nan=False).encode()


def decode(profile_id: str, raw: bytes) -> Fields:
    """Parse a learned document; raises ValueError saying what is wrong (never applies part of it).

    Read by the bounded JSON reader: no NaN, Infinity, 1e400 or 31-digit numbers, nesting at most
    cockpit.reading.MAX_DEPTH deep.
    """
    if len(raw) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // 1024} KiB")
    try:
        data = parse_json(raw)
    except ReadError as error:
        raise ValueError(f"not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ValueError(f"expected a learned-preferences document of version {FORMAT_VERSION}")
    if data.get("profile") != profile_id:
        raise ValueError(f"document is for profile {brief(data.get('profile'), 60)}, not {profile_id!r}")
    body = data.get("fields")
    if not isinstance(body, dict):
        raise ValueError("'fields' must be a mapping")
    fields: Fields = {}
    for name, entry in body.items():
        if not isinstance(entry, dict) or set(entry) != {"value", "stamp"}:
            raise ValueError(f"fields.{brief(name, 60)}: expected {{value, stamp}}")
        _check_value(name, entry["value"])
        fields[name] = Field(entry["value"], Stamp.from_json(entry["stamp"]))
    return fields


def _check_value(name: str, value: Any) -> None:
    """What a learned value may be; which values a field takes is the profile schema's to say."""
    if isinstance(value, (dict, list)):
        raise ValueError(f"fields.{brief(name, 60)}: a learned value is a number, text or true/false")
