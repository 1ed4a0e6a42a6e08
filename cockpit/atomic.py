"""Writing files so that nothing a person owns is ever half-written, replaced by mistake or lost.

`write_atomic` writes beside the target and renames over it, so a reader sees the old file or
the new one; its temporary name carries the writer's process id, so `sweep_temporaries` can remove
what a killed writer (kill -9, power loss) left behind without touching a running writer's file.
`keep_aside` moves a file the cockpit cannot use out of the way under a new name - never over
another file - so a fresh one can be written while the old one stays for the person to look at.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")


def write_atomic(path: Path, data: bytes | str, *, durable: bool = False, mode: int = 0o644) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    `durable` also flushes the file and its folder to disk before returning (state that must
    survive a power cut); reports and generated files skip that cost. Raises OSError.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    prefix = f".{path.name}.{os.getpid()}."  # the pid tells sweep_temporaries whose file it is
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def sweep_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files of writers that are no longer running; returns what was removed."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in directory.iterdir():
            match = TEMPORARY.match(entry.name)
            if match is None or _running(int(match["pid"])):
                continue
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def keep_aside(path: Path, reason: str) -> Path:
    """Rename `path` to `<name>.<reason>-<time>[-n]` beside it, never over an existing file;
    returns the new path. Raises OSError when it cannot be moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(100):
        target = path.with_name(f"{path.name}.{reason}-{stamp}" + (f"-{attempt}" if attempt else ""))
        try:
            os.link(path, target, follow_symlinks=False)  # fails if the target exists: nothing replaced
        except FileExistsError:
            continue
        except OSError:  # no hard links here (a folder, FAT): rename, having checked the name is free
            if os.path.lexists(target):
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise FileExistsError(f"no free name beside {path} to keep it aside")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
