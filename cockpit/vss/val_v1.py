"""The kuksa.val.v1 service: Get, Set, Subscribe and GetServerInfo, as the KUKSA databroker answers them.

Paths may carry wildcards (see cockpit.vss.tree). Problems with single paths come back as entry
errors with HTTP-like codes (404 not_found, 400 bad_request / type mismatch / value out of bounds,
403 forbidden, 409 deferred / rejected by the policy, 503 unavailable); a request without entries or a
token problem ends the call with a gRPC status. A Set with a bad entry applies none of its entries.
Setting a current value (the provider role) or metadata is refused: the cockpit provides everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

import grpc
from kuksa.val.v1 import types_pb2 as types
from kuksa.val.v1 import val_pb2 as val
from kuksa.val.v1 import val_pb2_grpc as val_grpc

from cockpit import __version__
from cockpit.vss import values
from cockpit.vss.calls import PROVIDED_BY_COCKPIT, Api, Problem, Refusal, fail, guarded
from cockpit.vss.hub import Field, Update
from cockpit.vss.tree import BadPattern, Leaf

POLL_S: Final = 0.5  # how often an idle subscription checks that its token is still valid
SERVER_NAME: Final = "smartcockpit-sim"
_METADATA_FIELDS: Final = frozenset({
    types.FIELD_METADATA, types.FIELD_METADATA_DATA_TYPE, types.FIELD_METADATA_DESCRIPTION,
    types.FIELD_METADATA_ENTRY_TYPE, types.FIELD_METADATA_COMMENT, types.FIELD_METADATA_DEPRECATION,
    types.FIELD_METADATA_UNIT, types.FIELD_METADATA_VALUE_RESTRICTION, types.FIELD_METADATA_ACTUATOR,
    types.FIELD_METADATA_SENSOR, types.FIELD_METADATA_ATTRIBUTE})
_VIEW_FIELDS: Final = {
    types.VIEW_CURRENT_VALUE: (types.FIELD_PATH, types.FIELD_VALUE),
    types.VIEW_TARGET_VALUE: (types.FIELD_PATH, types.FIELD_ACTUATOR_TARGET),
    types.VIEW_METADATA: (types.FIELD_PATH, types.FIELD_METADATA),
    types.VIEW_ALL: (types.FIELD_PATH, types.FIELD_VALUE, types.FIELD_ACTUATOR_TARGET, types.FIELD_METADATA),
    types.VIEW_FIELDS: (),
}
_UPDATE_FIELD: Final = {Field.VALUE: types.FIELD_VALUE, Field.TARGET: types.FIELD_ACTUATOR_TARGET}


def requested_fields(view: int, fields: Iterable[int]) -> frozenset[int]:
    """The fields a view and an explicit field list ask for together (unspecified: the current value)."""
    combined = set(fields)
    if view == types.VIEW_UNSPECIFIED:
        return frozenset(combined or {types.FIELD_PATH, types.FIELD_VALUE})
    return frozenset(combined | set(_VIEW_FIELDS.get(view, ())))


def entry_error(problem: Problem) -> types.DataEntryError:
    refusal = problem.refusal
    return types.DataEntryError(path=problem.path, error=types.Error(code=refusal.code, reason=refusal.reason,
                                                                      message=problem.message))


class ValV1(val_grpc.VALServicer):
    """kuksa.val.v1 on the cockpit's catalogue and state."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def _leaves(self, pattern: str) -> list[Leaf]:
        """The signals a path or pattern names; raises Problem (bad pattern, nothing found)."""
        exact = self.api.tree.leaf(pattern)
        if exact is not None:
            return [exact]
        try:
            found = list(self.api.tree.matching(pattern))
        except BadPattern as error:
            raise Problem(pattern[:200], Refusal.BAD_REQUEST, str(error)) from None
        if not found:
            raise Problem(pattern, Refusal.NOT_FOUND, f"no signal of this cockpit matches {pattern!r}")
        return found

    def _entry(self, leaf: Leaf, fields: frozenset[int]) -> types.DataEntry:
        hub = self.api.hub
        entry = types.DataEntry(path=leaf.path)
        if types.FIELD_VALUE in fields:
            entry.value.CopyFrom(values.v1_datapoint(leaf, hub.value(leaf.path)))
        target = hub.target(leaf.path) if types.FIELD_ACTUATOR_TARGET in fields else None
        if target is not None:
            entry.actuator_target.CopyFrom(values.v1_datapoint(leaf, target))
        if fields & _METADATA_FIELDS:
            entry.metadata.CopyFrom(values.v1_metadata(leaf, fields))
        return entry

    @guarded
    def Get(self, request: val.GetRequest, context: grpc.ServicerContext) -> val.GetResponse:
        permissions = self.api.permissions(context)
        if not request.entries:
            fail(context, grpc.StatusCode.INVALID_ARGUMENT, "No datapoints requested")
        entries: list[types.DataEntry] = []
        problems: list[Problem] = []
        for wanted in request.entries:
            fields = requested_fields(wanted.view, wanted.fields)
            try:
                leaves = [self.api.readable(leaf, permissions) for leaf in self._leaves(wanted.path)]
            except Problem as problem:
                problems.append(problem)
                continue
            entries.extend(self._entry(leaf, fields) for leaf in leaves)
        if any(problem.refusal is Refusal.FORBIDDEN for problem in problems):
            entries.clear()  # as the databroker: no partial answer when access was denied
        errors = [entry_error(problem) for problem in problems]
        return val.GetResponse(entries=entries, errors=errors, error=errors[0].error if errors else None)

    @guarded
    def Set(self, request: val.SetRequest, context: grpc.ServicerContext) -> val.SetResponse:
        permissions = self.api.permissions(context)
        commands, problems = [], []
        for update in request.updates:
            path, fields = update.entry.path, set(update.fields)
            try:
                if types.FIELD_ACTUATOR_TARGET in fields:
                    commands.append(self.api.command(permissions, path, update.entry.actuator_target))
                elif types.FIELD_VALUE in fields:
                    raise Problem(self.api.leaf(path).path, Refusal.FORBIDDEN,
                                  f"{path}: {PROVIDED_BY_COCKPIT}")
                elif fields & _METADATA_FIELDS:
                    raise Problem(self.api.leaf(path).path, Refusal.FORBIDDEN,
                                  f"{path}: the cockpit's catalogue is fixed; its metadata cannot be changed")
                else:
                    raise Problem(path, Refusal.BAD_REQUEST,
                                  f"{path}: no field to set (give FIELD_ACTUATOR_TARGET)")
            except Problem as problem:
                problems.append(problem)
        if not problems:
            problems = self.api.actuate(commands)
        return val.SetResponse(errors=[entry_error(problem) for problem in problems])

    @guarded
    def Subscribe(self, request: val.SubscribeRequest,
                  context: grpc.ServicerContext) -> Iterator[val.SubscribeResponse]:
        permissions = self.api.permissions(context)
        if not request.entries:
            fail(context, grpc.StatusCode.INVALID_ARGUMENT,
                 "Subscription request must contain at least one entry.")
        wanted: dict[str, set[int]] = {}
        for entry in request.entries:
            fields = requested_fields(entry.view, entry.fields)
            for leaf in self._leaves(entry.path):
                wanted.setdefault(self.api.readable(leaf, permissions).path, set()).update(fields)
        kinds = {kind for kind, field in _UPDATE_FIELD.items() if any(field in f for f in wanted.values())}
        feed = self.api.hub.subscribe(wanted, kinds)
        if not context.add_callback(feed.close):
            feed.close()
        try:
            first = True
            while (updates := feed.take(POLL_S)) is not None:
                permissions.check_current()
                if updates or first:
                    yield self._response(updates, wanted, initial=first)
                    first = False
        finally:
            self.api.hub.unsubscribe(feed)

    def _response(self, updates: list[Update], wanted: dict[str, set[int]], *,
                  initial: bool) -> val.SubscribeResponse:
        """One response with an entry per path: its newest value and target (and metadata at first)."""
        latest: dict[str, dict[Field, Update]] = {path: {} for path in wanted} if initial else {}
        for update in updates:
            if _UPDATE_FIELD[update.field] in wanted[update.path]:
                latest.setdefault(update.path, {})[update.field] = update
        response = val.SubscribeResponse()
        for path, by_field in latest.items():
            leaf = self.api.tree.leaf(path)
            assert leaf is not None
            item = response.updates.add()
            item.entry.path = path
            for kind, update in by_field.items():
                target = item.entry.value if kind is Field.VALUE else item.entry.actuator_target
                target.CopyFrom(values.v1_datapoint(leaf, update.sample))
                item.fields.append(_UPDATE_FIELD[kind])
            metadata = wanted[path] & _METADATA_FIELDS if initial else frozenset()
            if metadata:
                item.entry.metadata.CopyFrom(values.v1_metadata(leaf, frozenset(metadata)))
                item.fields.append(types.FIELD_METADATA)
        return response

    @guarded
    def GetServerInfo(self, request: val.GetServerInfoRequest,
                      context: grpc.ServicerContext) -> val.GetServerInfoResponse:
        self.api.access.check_if_given(context.invocation_metadata())  # type: ignore[arg-type]
        return val.GetServerInfoResponse(name=SERVER_NAME, version=__version__)
