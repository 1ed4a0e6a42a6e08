"""Alexa Smart Home message envelopes (payload version 3): directives, Response and ErrorResponse
events, and the checks an incoming directive must pass before anyone reads its payload."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from cockpit.core.clock import SimClock
from cockpit.core.errors import brief

PAYLOAD_VERSION: Final = "3"
SIM_EPOCH: Final = datetime(2026, 1, 1, tzinfo=UTC)
_TOKENS = itertools.count(1)


class DirectiveError(Exception):
    """A directive that cannot be carried out; `kind` is the Alexa ErrorResponse type."""

    def __init__(self, kind: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.kind = kind
        self.extra = extra


def directive(
    namespace: str, name: str, endpoint_id: str, payload: dict[str, Any], instance: str | None = None
) -> dict[str, Any]:
    """A directive as the Alexa service would send it to a skill or the car."""
    header: dict[str, Any] = {
        "namespace": namespace,
        "name": name,
        "payloadVersion": PAYLOAD_VERSION,
        "messageId": str(uuid.uuid4()),
        "correlationToken": f"cockpit-{next(_TOKENS)}",
    }
    if instance is not None:
        header["instance"] = instance
    return {
        "directive": {
            "header": header,
            "endpoint": {
                "scope": {"type": "BearerToken", "token": "cockpit-local"},
                "endpointId": endpoint_id,
                "cookie": {},
            },
            "payload": payload,
        }
    }


NAME = re.compile(r"[A-Za-z][A-Za-z0-9.]{0,63}")  # Alexa.ThermostatController, SetTargetTemperature
MESSAGE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")  # a UUID in practice; printable, no spaces
ENDPOINT_ID = re.compile(r"[A-Za-z0-9._:-]{1,256}")
MAX_TOKEN = 8192  # a correlation token is an opaque string we echo; Alexa's are about 1 KB


def unpack(message: Mapping[str, Any]) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """(header, endpoint id, payload) of a directive; raises DirectiveError INVALID_DIRECTIVE.

    Every header field we read or echo is checked here, so nothing later meets a list where a
    string belongs: namespace, name, messageId, payloadVersion, and instance and correlationToken
    when present.
    """
    body = message.get("directive")
    if not isinstance(body, Mapping):
        raise DirectiveError("INVALID_DIRECTIVE", "the message has no 'directive' object")
    header = body.get("header")
    if not isinstance(header, Mapping):
        raise DirectiveError("INVALID_DIRECTIVE", "directive.header is missing")
    for key in ("namespace", "name", "messageId"):
        if not isinstance(header.get(key), str) or not header[key]:
            raise DirectiveError("INVALID_DIRECTIVE", f"directive.header.{key} is missing or not a string")
    for key, pattern in (("namespace", NAME), ("name", NAME), ("messageId", MESSAGE_ID)):
        if not pattern.fullmatch(header[key]):
            raise DirectiveError("INVALID_DIRECTIVE", f"directive.header.{key} {brief(header[key])} is not "
                                                      f"a {'message id' if key == 'messageId' else key}")
    if header.get("payloadVersion") != PAYLOAD_VERSION:
        raise DirectiveError(
            "INVALID_DIRECTIVE",
            f"directive.header.payloadVersion must be '3', not {brief(header.get('payloadVersion'))}",
        )
    for key, limit in (("instance", 128), ("correlationToken", MAX_TOKEN)):
        value = header.get(key)
        if key in header and (not isinstance(value, str) or not 0 < len(value) <= limit):
            raise DirectiveError("INVALID_DIRECTIVE", f"directive.header.{key} must be a string of at most "
                                                      f"{limit} characters, not {brief(value)}")
    endpoint = body.get("endpoint")
    endpoint_id = endpoint.get("endpointId") if isinstance(endpoint, Mapping) else None
    if not isinstance(endpoint_id, str) or not ENDPOINT_ID.fullmatch(endpoint_id):
        raise DirectiveError("INVALID_DIRECTIVE", f"directive.endpoint.endpointId is missing or not an "
                                                  f"endpoint id: {brief(endpoint_id)}")
    payload = body.get("payload", {})
    if not isinstance(payload, Mapping):
        raise DirectiveError("INVALID_DIRECTIVE", "directive.payload must be an object")
    return dict(header), endpoint_id, dict(payload)


def time_of_sample(clock: SimClock) -> str:
    """ISO 8601 UTC time of the simulated clock (day one of the simulation is 2026-01-01)."""
    moment = SIM_EPOCH + timedelta(seconds=clock.start_time_of_day + clock.now)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 10_000:02d}Z"


def _event_header(name: str, request: Mapping[str, Any] | None) -> dict[str, Any]:
    header: dict[str, Any] = {
        "namespace": "Alexa",
        "name": name,
        "payloadVersion": PAYLOAD_VERSION,
        "messageId": str(uuid.uuid4()),
    }
    token = request.get("correlationToken") if request else None
    if token is not None:
        header["correlationToken"] = token
    return header


def response(
    request: Mapping[str, Any], endpoint_id: str, properties: list[dict[str, Any]]
) -> dict[str, Any]:
    """An `Alexa.Response` event echoing the request's correlation token."""
    return {
        "event": {
            "header": _event_header("Response", request),
            "endpoint": {"endpointId": endpoint_id},
            "payload": {},
        },
        "context": {"properties": properties},
    }


def error_response(
    request: Mapping[str, Any] | None, endpoint_id: str | None, error: DirectiveError
) -> dict[str, Any]:
    """An `Alexa.ErrorResponse` event with the error type, a message and the type's extra fields."""
    event: dict[str, Any] = {
        "header": _event_header("ErrorResponse", request),
        "payload": {"type": error.kind, "message": str(error), **error.extra},
    }
    if endpoint_id is not None:
        event["endpoint"] = {"endpointId": endpoint_id}
    return {"event": event}


def challenge_response(request: Mapping[str, Any], endpoint_id: str) -> dict[str, Any]:
    """An `Alexa.AuthorizationController.ChallengeResponse` (payload version 1.0): before it carries
    the directive out, the skill asks Alexa to obtain the user's PIN."""
    header = _event_header("ChallengeResponse", request)
    header.update(namespace="Alexa.AuthorizationController", payloadVersion="1.0")
    return {"event": {"header": header, "endpoint": {"endpointId": endpoint_id}, "payload": {}}}
