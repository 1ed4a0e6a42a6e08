"""What the v1 and v2 services share: permissions per call, actuation through the policy, and refusals.

A `Problem` names a path, a `Refusal` and a message for a person; v1 turns it into the entry error of
its responses (HTTP-like codes), v2 into a gRPC status. An actuation is checked here first (known
path, an actuator, the token's scope, the value's type and range), so that nothing of a request with a
bad entry reaches the cockpit; then the commands go to the main loop and the policy decides. Its
deferral ("waits until the car is parked") and its refusals come back as problems with its reason.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, NoReturn, TypeVar

import grpc

from cockpit.core.commands import SetSignal, Source
from cockpit.core.errors import InvalidValue
from cockpit.core.outcome import Outcome
from cockpit.core.signals import Kind, Value
from cockpit.vss import values
from cockpit.vss.access import Access, AuthError, Permissions
from cockpit.vss.hub import HubFull, HubUnavailable, VssHub
from cockpit.vss.tree import MAX_PATH_LENGTH, Leaf, Tree

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


class Refusal(Enum):
    """Why a path was refused: (v1 code, v1 reason, v2 status, VISS number, VISS reason)."""

    NOT_FOUND = (404, "not_found", grpc.StatusCode.NOT_FOUND, 404, "invalid_path")
    BAD_REQUEST = (400, "bad_request", grpc.StatusCode.INVALID_ARGUMENT, 400, "bad_request")
    READ_ONLY = (400, "bad_request", grpc.StatusCode.INVALID_ARGUMENT, 401, "read_only")
    TYPE_MISMATCH = (400, "type mismatch", grpc.StatusCode.INVALID_ARGUMENT, 400, "invalid_value")
    OUT_OF_BOUNDS = (400, "value out of bounds", grpc.StatusCode.INVALID_ARGUMENT, 400, "invalid_value")
    FORBIDDEN = (403, "forbidden", grpc.StatusCode.PERMISSION_DENIED, 403, "user_forbidden")
    DEFERRED = (409, "deferred", grpc.StatusCode.FAILED_PRECONDITION, 409, "deferred")
    REJECTED = (409, "rejected", grpc.StatusCode.FAILED_PRECONDITION, 409, "rejected")
    UNAVAILABLE = (503, "unavailable", grpc.StatusCode.UNAVAILABLE, 503, "service_unavailable")

    @property
    def code(self) -> int:
        return int(self.value[0])

    @property
    def reason(self) -> str:
        return str(self.value[1])

    @property
    def status(self) -> grpc.StatusCode:
        return self.value[2]  # type: ignore[no-any-return]

    @property
    def viss(self) -> tuple[int, str]:
        return int(self.value[3]), str(self.value[4])


class Problem(Exception):
    """One refused path and why, in words a person can act on."""

    def __init__(self, path: str, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.refusal = refusal
        self.message = message


PROVIDED_BY_COCKPIT: Final = ("the cockpit's simulation provides every signal itself; ask an actuator "
                              "for a value with its target value (v1 Set actuator_target, v2 Actuate)")


@dataclass(frozen=True, slots=True)
class Api:
    """The parts every call needs."""

    tree: Tree
    hub: VssHub
    access: Access
    answer_timeout_s: float = 5.0

    def permissions(self, context: grpc.ServicerContext) -> Permissions:
        """Raises AuthError when the call lacks a valid token (only with a public key configured)."""
        return self.access.permissions(context.invocation_metadata())  # type: ignore[arg-type]

    def leaf(self, path: str) -> Leaf:
        """The signal at `path`; raises Problem (bad request or not found)."""
        if not path:
            raise Problem(path, Refusal.BAD_REQUEST, "no path given")
        if len(path) > MAX_PATH_LENGTH:
            raise Problem(path[:80], Refusal.BAD_REQUEST, f"path is longer than {MAX_PATH_LENGTH} characters")
        leaf = self.tree.leaf(path)
        if leaf is None:
            hint = " (a branch: name a signal below it)" if path in self.tree.branches else ""
            raise Problem(path, Refusal.NOT_FOUND, f"{path} is not a signal of this cockpit{hint}")
        return leaf

    def readable(self, leaf: Leaf, permissions: Permissions) -> Leaf:
        if not permissions.can_read(leaf.path):
            raise Problem(leaf.path, Refusal.FORBIDDEN, f"the token does not allow reading {leaf.path}")
        return leaf

    def command(self, permissions: Permissions, path: str, sent: Any,
                read: Callable[[Leaf, Any], Value] = values.received) -> SetSignal:
        """A checked request to actuate `path` with the value `read` finds in `sent`.

        `sent` is a v1 Datapoint or a v2 Value unless `read` says otherwise (VISS sends text).
        """
        leaf = self.leaf(path)
        if leaf.spec.kind is not Kind.ACTUATOR:
            raise Problem(path, Refusal.READ_ONLY,
                          f"{path} is a sensor; only actuators take a target value")
        if not permissions.can_actuate(path):
            raise Problem(path, Refusal.FORBIDDEN, f"the token does not allow actuating {path}")
        try:
            value = leaf.spec.validate(read(leaf, sent))
        except values.WrongType as error:
            raise Problem(path, Refusal.TYPE_MISMATCH, str(error)) from None
        except InvalidValue as error:
            raise Problem(path, Refusal.OUT_OF_BOUNDS, str(error)) from None
        return SetSignal(path, value, source=Source.VSS)

    def actuate(self, commands: Sequence[SetSignal]) -> list[Problem]:
        """Hand `commands` to the main loop; the problems are what the policy deferred or refused."""
        if not commands:
            return []
        try:
            outcomes = self.hub.actuate(commands, self.answer_timeout_s)
        except HubUnavailable as error:
            return [Problem(command.path, Refusal.UNAVAILABLE, str(error)) for command in commands]
        return [problem for problem in map(_policy_problem, outcomes) if problem is not None]


def _policy_problem(outcome: Outcome) -> Problem | None:
    command = outcome.command
    assert isinstance(command, SetSignal)
    if outcome.deferred:
        return Problem(command.path, Refusal.DEFERRED, f"{command.path}: deferred, {outcome.reason}")
    if outcome.rejected:
        return Problem(command.path, Refusal.REJECTED, f"{command.path}: {outcome.reason}")
    return None


def fail(context: grpc.ServicerContext, status: grpc.StatusCode, message: str) -> NoReturn:
    """End the call with `status` (context.abort raises)."""
    context.abort(status, message)
    raise AssertionError("unreachable: context.abort raises")  # pragma: no cover


def guarded(handler: F) -> F:
    """End a call that raised a Problem, an AuthError or HubUnavailable (or HubFull) with its status."""

    def refuse(context: grpc.ServicerContext, error: Exception) -> NoReturn:
        if isinstance(error, HubFull):
            fail(context, grpc.StatusCode.RESOURCE_EXHAUSTED, str(error))
        if isinstance(error, Problem):
            fail(context, error.refusal.status, error.message)
        if isinstance(error, AuthError):
            fail(context, grpc.StatusCode.UNAUTHENTICATED, str(error))
        fail(context, grpc.StatusCode.UNAVAILABLE, str(error))

    known = (Problem, AuthError, HubUnavailable)
    if inspect.isgeneratorfunction(handler):
        @functools.wraps(handler)
        def stream(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
            try:
                yield from handler(self, request, context)
            except known as error:
                refuse(context, error)
        return stream  # type: ignore[return-value]

    @functools.wraps(handler)
    def unary(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return handler(self, request, context)
        except known as error:
            refuse(context, error)
    return unary  # type: ignore[return-value]
