"""Who may do what through the API: the KUKSA databroker's JWT bearer tokens and their scopes.

Without a public key every call may read and actuate everything, as a databroker started without
`--jwt-public-key`. With one, each call must carry the metadata `authorization: Bearer <token>`: a JWT
signed with the matching private key (RS256/384/512 for RSA, ES256/384 for EC, EdDSA for Ed25519) with
the databroker's claims `sub`, `iss`, `aud` (holding "kuksa.val"), `iat`, `exp` and `scope`. The scope
is a space-separated list of `ACTION[:PATTERN]` with the actions `read`, `actuate`, `provide` and
`create`; `actuate` and `provide` include `read`, no pattern means every path, and a pattern follows the
wildcard rules of cockpit.vss.tree. The cockpit provides every signal itself, so `provide` and `create`
grant nothing beyond reading.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from cockpit.core.errors import InvalidInput, VssApiError
from cockpit.vss.tree import BadPattern, PathMatcher, compile_pattern

AUDIENCE: Final = "kuksa.val"
REQUIRED_CLAIMS: Final = ("sub", "iss", "aud", "iat", "exp", "scope")
ACTIONS: Final = ("read", "actuate", "provide", "create")
_CACHE_SIZE: Final = 128


class AuthError(VssApiError):
    """A call without a valid token; `reason` is token_missing, token_expired or token_invalid (VISS)."""

    def __init__(self, message: str, reason: str = "token_invalid") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Permissions:
    """What one token allows; None as a pattern list means every path."""

    read: tuple[PathMatcher, ...] | None = None
    actuate: tuple[PathMatcher, ...] | None = None
    expires_at: float | None = None

    def can_read(self, path: str) -> bool:
        return _allows(self.read, path) or _allows(self.actuate, path)

    def can_actuate(self, path: str) -> bool:
        return _allows(self.actuate, path)

    def check_current(self, now: float | None = None) -> None:
        """Raises AuthError once the token has expired (a long subscription outlives it)."""
        if self.expires_at is not None and (time.time() if now is None else now) >= self.expires_at:
            raise AuthError("the token has expired", "token_expired")


ALLOW_ALL: Final = Permissions()
_NOTHING: Final[tuple[PathMatcher, ...]] = ()


def _allows(patterns: tuple[PathMatcher, ...] | None, path: str) -> bool:
    return patterns is None or any(matches(path) for matches in patterns)


def parse_scope(scope: str, expires_at: float | None = None) -> Permissions:
    """The permissions a scope claim grants; raises AuthError for a scope the databroker would refuse."""
    grants: dict[str, list[PathMatcher] | None] = {"read": [], "actuate": []}
    for item in scope.split():
        action, _, pattern = item.partition(":")
        if action not in ACTIONS:
            raise AuthError(f"the token's scope {item!r} names no action of {', '.join(ACTIONS)}")
        kind = "actuate" if action == "actuate" else "read"
        try:
            matcher = compile_pattern(pattern) if pattern else None
        except BadPattern as error:
            raise AuthError(f"the token's scope {item!r}: {error}") from None
        patterns = grants[kind]
        if matcher is None:
            grants[kind] = None
        elif patterns is not None:
            patterns.append(matcher)
    read, actuate = grants["read"], grants["actuate"]
    return Permissions(read=None if read is None else tuple(read) or _NOTHING,
                       actuate=None if actuate is None else tuple(actuate) or _NOTHING,
                       expires_at=expires_at)


class TokenVerifier:
    """Checks bearer tokens against one public key; remembers the last tokens it accepted."""

    def __init__(self, public_key_pem: bytes, source: str = "public key") -> None:
        """Raises InvalidInput when `public_key_pem` is not a PEM public key of RSA, EC or Ed25519."""
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        try:
            self._key: Any = load_pem_public_key(public_key_pem)
        except ValueError as error:
            raise InvalidInput(f"{source}: not a PEM public key ({error})") from None
        if isinstance(self._key, rsa.RSAPublicKey):
            self._algorithms = ["RS256", "RS384", "RS512"]
        elif isinstance(self._key, ec.EllipticCurvePublicKey):
            self._algorithms = ["ES256", "ES384"]
        elif isinstance(self._key, ed25519.Ed25519PublicKey):
            self._algorithms = ["EdDSA"]
        else:
            raise InvalidInput(f"{source}: the key must be RSA, EC or Ed25519")
        self._accepted: OrderedDict[str, Permissions] = OrderedDict()
        self._lock = threading.Lock()  # calls arrive on several gRPC threads

    def verify(self, token: str) -> Permissions:
        """The permissions of a valid token; raises AuthError saying why a token is refused."""
        with self._lock:
            known = self._accepted.get(token)
        if known is None:
            known = self._decode(token)
            with self._lock:
                self._accepted[token] = known
                while len(self._accepted) > _CACHE_SIZE:
                    self._accepted.popitem(last=False)
        known.check_current()
        return known

    def _decode(self, token: str) -> Permissions:
        import jwt

        try:
            claims = jwt.decode(token, self._key, algorithms=self._algorithms, audience=AUDIENCE,
                                options={"require": list(REQUIRED_CLAIMS)})
        except jwt.ExpiredSignatureError:
            raise AuthError("the token has expired", "token_expired") from None
        except jwt.InvalidAudienceError:
            raise AuthError(f"the token is not for {AUDIENCE!r} (its aud claim)") from None
        except jwt.MissingRequiredClaimError as error:
            raise AuthError(f"the token lacks the {error.claim!r} claim") from None
        except jwt.InvalidSignatureError:
            raise AuthError("the token's signature does not match the server's key") from None
        except jwt.PyJWTError as error:
            raise AuthError(f"the token is not valid: {error}") from None
        scope = claims["scope"]
        if not isinstance(scope, str):
            raise AuthError("the token's scope claim must be a string")
        return parse_scope(scope, float(claims["exp"]))


class Access:
    """The permissions of one call, from its metadata; open to all without a verifier."""

    def __init__(self, verifier: TokenVerifier | None = None) -> None:
        self.verifier = verifier

    def permissions(self, metadata: Iterable[tuple[str, str | bytes]]) -> Permissions:
        """Raises AuthError (unauthenticated) when a token is required and missing or invalid."""
        if self.verifier is None:
            return ALLOW_ALL
        token = bearer_token(metadata)
        if token is None:
            raise AuthError("Unauthenticated: send 'authorization: Bearer <JWT>'", "token_missing")
        return self.verifier.verify(token)

    def check_if_given(self, metadata: Iterable[tuple[str, str | bytes]]) -> None:
        """Refuse an invalid token but let a call without one pass (server info, as the databroker)."""
        token = bearer_token(metadata)
        if self.verifier is not None and token is not None:
            self.verifier.verify(token)


def bearer_token(metadata: Iterable[tuple[str, str | bytes]]) -> str | None:
    """The token of an `authorization: Bearer <token>` header; None without one (or an empty one)."""
    header = next((value for key, value in metadata if key == "authorization"), None)
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    scheme, _, token = (header or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
