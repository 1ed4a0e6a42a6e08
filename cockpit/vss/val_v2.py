"""The kuksa.val.v2 service, answering with the gRPC status codes its proto documents.

Signals are named by path or by id (the catalogue's order). Subscribe takes signal paths only, not
branches: a branch gets NOT_FOUND, after which kuksa-client expands it through ListMetadata, as it
does with the databroker. The first response of a subscription holds every current value. Actuate and
BatchActuate go through the policy; a deferral or refusal is FAILED_PRECONDITION with its reason. A
BatchActuate with a bad entry applies none. The provider side (PublishValue, OpenProviderStream) is
refused: the cockpit's simulation provides every signal. Not served (UNIMPLEMENTED): ActuateStream.
Subscription filters (`min_sample_interval`) are accepted and not applied: every change is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import grpc
from kuksa.val.v2 import types_pb2 as types
from kuksa.val.v2 import val_pb2 as val
from kuksa.val.v2 import val_pb2_grpc as val_grpc

from cockpit import __version__
from cockpit.vss import values
from cockpit.vss.access import Permissions
from cockpit.vss.calls import PROVIDED_BY_COCKPIT, Api, Problem, Refusal, fail, guarded
from cockpit.vss.hub import Field, Update
from cockpit.vss.tree import BadPattern, Leaf
from cockpit.vss.val_v1 import POLL_S, SERVER_NAME

MAX_BUFFER_SIZE: Final = 1000


class ValV2(val_grpc.VALServicer):
    """kuksa.val.v2 on the cockpit's catalogue and state."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def _signal(self, signal: types.SignalID, permissions: Permissions) -> Leaf:
        kind = signal.WhichOneof("signal")
        if kind == "path":
            leaf = self.api.leaf(signal.path)
        elif kind == "id":
            found = self.api.tree.by_id(signal.id)
            if found is None:
                raise Problem(str(signal.id), Refusal.NOT_FOUND, f"no signal has the id {signal.id}")
            leaf = found
        else:
            raise Problem("", Refusal.BAD_REQUEST, "SignalID contains neither path or id")
        return self.api.readable(leaf, permissions)

    @guarded
    def GetValue(self, request: val.GetValueRequest, context: grpc.ServicerContext) -> val.GetValueResponse:
        leaf = self._signal(request.signal_id, self.api.permissions(context))
        return val.GetValueResponse(data_point=values.v2_datapoint(leaf, self.api.hub.value(leaf.path)))

    @guarded
    def GetValues(self, request: val.GetValuesRequest,
                  context: grpc.ServicerContext) -> val.GetValuesResponse:
        permissions = self.api.permissions(context)
        if not request.signal_ids:
            fail(context, grpc.StatusCode.INVALID_ARGUMENT, "no signal_ids given")
        leaves = [self._signal(signal, permissions) for signal in request.signal_ids]
        hub = self.api.hub
        return val.GetValuesResponse(data_points=[values.v2_datapoint(leaf, hub.value(leaf.path))
                                                  for leaf in leaves])

    @guarded
    def Subscribe(self, request: val.SubscribeRequest,
                  context: grpc.ServicerContext) -> Iterator[val.SubscribeResponse]:
        permissions = self.api.permissions(context)
        leaves = [self.api.readable(self.api.leaf(path), permissions) for path in request.signal_paths]
        yield from self._stream(leaves, request.buffer_size, permissions, context, val.SubscribeResponse,
                                lambda leaf: leaf.path)

    @guarded
    def SubscribeById(self, request: val.SubscribeByIdRequest,
                      context: grpc.ServicerContext) -> Iterator[val.SubscribeByIdResponse]:
        permissions = self.api.permissions(context)
        leaves = [self._signal(types.SignalID(id=number), permissions) for number in request.signal_ids]
        yield from self._stream(leaves, request.buffer_size, permissions, context, val.SubscribeByIdResponse,
                                lambda leaf: leaf.id)

    def _stream(self, leaves: list[Leaf], buffer_size: int, permissions: Permissions,
                context: grpc.ServicerContext, response_type: Any,
                key: Callable[[Leaf], Any]) -> Iterator[Any]:
        """Every current value at once, then each change, until the call ends or the server stops."""
        if not leaves:
            fail(context, grpc.StatusCode.INVALID_ARGUMENT, "no signals given")
        if buffer_size > MAX_BUFFER_SIZE:
            fail(context, grpc.StatusCode.INVALID_ARGUMENT,
                 f"Subscription buffer_size max allowed value is {MAX_BUFFER_SIZE}")
        by_path = {leaf.path: leaf for leaf in leaves}
        hub = self.api.hub
        feed = hub.subscribe(by_path, {Field.VALUE}, buffer_size or MAX_BUFFER_SIZE)
        if not context.add_callback(feed.close):
            feed.close()
        try:
            while (updates := feed.take(POLL_S)) is not None:
                permissions.check_current()
                if updates:
                    yield response_type(entries=_newest(updates, by_path, key))
        finally:
            hub.unsubscribe(feed)

    @guarded
    def Actuate(self, request: val.ActuateRequest, context: grpc.ServicerContext) -> val.ActuateResponse:
        self._actuate([request], self.api.permissions(context))
        return val.ActuateResponse()

    @guarded
    def BatchActuate(self, request: val.BatchActuateRequest,
                     context: grpc.ServicerContext) -> val.BatchActuateResponse:
        self._actuate(list(request.actuate_requests), self.api.permissions(context))
        return val.BatchActuateResponse()

    def _actuate(self, requests: list[val.ActuateRequest], permissions: Permissions) -> None:
        """Check every request, then let the policy decide; raises the first Problem."""
        if not requests:
            raise Problem("", Refusal.BAD_REQUEST, "no actuation requested")
        commands = []
        for request in requests:
            if not request.HasField("value"):
                raise Problem(request.signal_id.path, Refusal.BAD_REQUEST, "No value provided")
            leaf = self._signal(request.signal_id, permissions)
            commands.append(self.api.command(permissions, leaf.path, request.value))
        problems = self.api.actuate(commands)
        if problems:
            first = problems[0]
            raise Problem(first.path, first.refusal, "; ".join(problem.message for problem in problems))

    @guarded
    def ListMetadata(self, request: val.ListMetadataRequest,
                     context: grpc.ServicerContext) -> val.ListMetadataResponse:
        permissions = self.api.permissions(context)
        try:
            found = [leaf for leaf in self.api.tree.matching(request.root) if permissions.can_read(leaf.path)]
        except BadPattern as error:
            raise Problem(request.root[:200], Refusal.BAD_REQUEST, str(error)) from None
        if not found:
            raise Problem(request.root, Refusal.NOT_FOUND,
                          f"no signal of this cockpit matches {request.root!r}")
        return val.ListMetadataResponse(metadata=[values.v2_metadata(leaf) for leaf in found])

    @guarded
    def PublishValue(self, request: val.PublishValueRequest,
                     context: grpc.ServicerContext) -> val.PublishValueResponse:
        leaf = self._signal(request.signal_id, self.api.permissions(context))
        raise Problem(leaf.path, Refusal.FORBIDDEN, f"{leaf.path}: {PROVIDED_BY_COCKPIT}")

    @guarded
    def OpenProviderStream(self, request_iterator: Iterator[val.OpenProviderStreamRequest],
                           context: grpc.ServicerContext) -> Iterator[val.OpenProviderStreamResponse]:
        self.api.permissions(context)
        fail(context, grpc.StatusCode.ALREADY_EXISTS,
             "the cockpit's simulation already provides every signal and actuator of this tree")
        yield val.OpenProviderStreamResponse()  # a generator, as the streaming call needs

    @guarded
    def GetServerInfo(self, request: val.GetServerInfoRequest,
                      context: grpc.ServicerContext) -> val.GetServerInfoResponse:
        self.api.access.check_if_given(context.invocation_metadata())  # type: ignore[arg-type]
        return val.GetServerInfoResponse(name=SERVER_NAME, version=__version__, commit_hash="")


def _newest(updates: list[Update], by_path: dict[str, Leaf], key: Callable[[Leaf], Any]) -> dict[Any, Any]:
    """The newest datapoint of each path among `updates`."""
    newest: dict[str, Update] = {update.path: update for update in updates}
    return {key(by_path[path]): values.v2_datapoint(by_path[path], update.sample)
            for path, update in newest.items()}
