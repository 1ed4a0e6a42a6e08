"""Reading what people and other programs hand the cockpit, within limits, with positions.

Every file the cockpit reads (profiles, scenarios, homes, learned preferences, recordings, native
assistant messages) comes through `read_limited`: regular files only (a FIFO, /dev/zero or a
folder is refused at once instead of blocking or filling memory), and never more than a limit of
bytes. Every JSON document (those files' lines and MQTT payloads) is parsed by `parse_json`:
nesting is checked before the parser recurses, and NaN, Infinity and numbers too large to be
meant are refused. Failures are `ReadError`s that carry a 1-based line and column; each caller
adds the file name or topic. YAML files add their own checks in cockpit.yaml_source.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, NoReturn

MAX_DEPTH = 32  # the deepest file we ship nests 5 levels; a parser recurses once per level
MAX_DIGITS = 30  # longer numbers are noise (and Python refuses ints over 4300 digits)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class ReadError(Exception):
    """Why something could not be read, and where: `field` is "file", "json", "yaml" ..."""

    def __init__(self, message: str, line: int = 1, col: int = 1, field: str = "file") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.field = field

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.field}: {self.message}"


def read_limited(path: Path, limit: int, kind: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; raises ReadError.

    `kind` names the file in the size message ("a profile may be at most 1024 KiB").
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise ReadError(f"cannot read: {_reason(error)}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a pipe, socket or device cannot be read as a "
                            f"{kind})")
        if info.st_size > limit:
            raise ReadError(_too_big(info.st_size, limit, kind))
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise ReadError(f"cannot read: {_reason(error)}") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew while we read it
        raise ReadError(_too_big(len(data), limit, kind))
    return data


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped); raises ReadError at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = line_col(raw, error.start)
        raise ReadError(f"not UTF-8 text (byte 0x{raw[error.start]:02x}); is this a binary file?",
                        line, col) from None


def parse_json(text: str | bytes, *, max_depth: int = MAX_DEPTH, allow_nonfinite: bool = False) -> Any:
    """A JSON document; raises ReadError (field "json") with the line and column of the problem.

    Nesting deeper than `max_depth` is refused before parsing. NaN and ±Infinity (which Python's
    json module accepts but JSON does not have) and overlong numbers are refused unless
    `allow_nonfinite`, for messages whose receiver answers them itself (an Alexa directive's
    INVALID_VALUE).
    """
    if isinstance(text, bytes):
        text = decode_text(text)
    _check_depth(text, max_depth)
    hooks: dict[str, Any] = {} if allow_nonfinite else {
        "parse_constant": _refuse_constant, "parse_float": _finite_float, "parse_int": _short_int}
    try:
        return json.loads(text, **hooks)
    except json.JSONDecodeError as error:
        raise ReadError(f"invalid JSON: {error.msg}", error.lineno, error.colno, "json") from None
    except _Refused as refused:
        line, col = _position_of(text, refused.token)
        raise ReadError(refused.message, line, col, "json") from None
    except (ValueError, RecursionError) as error:  # an int beyond Python's digit limit, ...
        raise ReadError(f"invalid JSON: {error}", field="json") from None


def line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]


def _check_depth(text: str, max_depth: int) -> None:
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                line, col = line_col(text, match.start())
                raise ReadError(f"nesting deeper than {max_depth} levels", line, col, "json")
        elif token in "]}":
            depth -= 1


class _Refused(Exception):
    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


def _refuse_constant(token: str) -> NoReturn:
    raise _Refused(token, f"{token} is not a number (JSON has no NaN or Infinity)")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value) or len(token) > MAX_DIGITS + 10:
        raise _Refused(token, f"number {token[:40]} is too large")
    return value


def _short_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_DIGITS:
        raise _Refused(token, f"number {token[:40]}… has {len(token)} digits; at most {MAX_DIGITS} "
                              "are allowed")
    return int(token)


def _position_of(text: str, token: str) -> tuple[int, int]:
    offset = text.find(token)
    return line_col(text, offset) if offset >= 0 else (1, 1)


def _too_big(size: int, limit: int, kind: str) -> str:
    shown = f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size / 1024:.0f} KiB"
    return f"file is {shown}; a {kind} may be at most {limit // 1024} KiB, so it was not read"


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{reason} (a symlink loop?)" if error.errno == errno.ELOOP else reason
