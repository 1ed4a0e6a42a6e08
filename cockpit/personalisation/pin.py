"""The PIN that guards a restricted profile (teen, valet): hashing, checking, and the keypad lockout.

A profile keeps only a scrypt hash of its PIN (`restrictions.pin_hash`, made by `cockpit profiles
pin`); the PIN itself is never stored, logged or printed. Three wrong tries lock the keypad for a
minute of simulated time. A 4-digit PIN has 10,000 values: the hash keeps it out of sight in the
YAML, the lockout is what stops guessing at the keypad.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
HASH_PATTERN = r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[0-9a-f]{32}\$[0-9a-f]{64}$"
TRIES = 3
LOCKOUT_S = 60.0
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 16 MiB and a few tens of milliseconds per check


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The `pin_hash` text for a PIN of 4 to 8 digits; raises ValueError for anything else."""
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 4 to 8 digits")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, pin_hash: str) -> bool:
    """Whether `pin` is the one `pin_hash` was made from (compared in constant time)."""
    if not PIN_PATTERN.match(pin) or not re.match(HASH_PATTERN, pin_hash):
        return False
    _, n, r, p, salt, digest = pin_hash.split("$")
    tried = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                           dklen=32, maxmem=256 * 1024 * 1024)
    return hmac.compare_digest(tried, bytes.fromhex(digest))


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one try at the keypad came to."""

    accepted: bool
    tries_left: int
    locked_until: float | None = None


class PinLock:
    """Counts wrong tries at the keypad; three in a row lock it for LOCKOUT_S simulated seconds."""

    def __init__(self) -> None:
        self.tries_left = TRIES
        self.locked_until: float | None = None

    def locked(self, now: float) -> bool:
        """Whether the keypad is locked at `now` (a lock that ran out gives three new tries)."""
        if self.locked_until is not None and now >= self.locked_until:
            self.reset()
        return self.locked_until is not None

    def attempt(self, pin: str, pin_hash: str, now: float) -> Attempt:
        """Try `pin`; a try while locked is refused without looking at it."""
        if self.locked(now):
            return Attempt(False, 0, self.locked_until)
        if pin_matches(pin, pin_hash):
            self.reset()
            return Attempt(True, TRIES)
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.tries_left = 0
            self.locked_until = now + LOCKOUT_S
        return Attempt(False, self.tries_left, self.locked_until)

    def reset(self) -> None:
        self.tries_left = TRIES
        self.locked_until = None
