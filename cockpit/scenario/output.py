"""The `--report DIR` folder: claimed before anything runs, so nothing a person owns is replaced.

A report folder holds report.html, events.jsonl and the screenshots (in sub-folders per scenario
and per profile when there are several). `claim` refuses a DIR that is a file, and a run whose
report would replace a file the cockpit did not write there; the folder it claims is marked, so
running again into it replaces the previous report, as one expects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cockpit.core.errors import InvalidInput

MARKER = ".cockpit-report"


def claim(folder: Path, files: Iterable[Path]) -> None:
    """Make `folder` ready for `files` (paths relative to it); raises InvalidInput, before anything
    is written, when a file stands where a folder must be or a file there is not an earlier report."""
    for path in (folder, *folder.parents):
        if path.exists() and not path.is_dir():
            where = "is a file" if path == folder else f"{path} is a file"
            raise InvalidInput(f"--report {folder}: {where}, not a folder; nothing was run")
    ours = (folder / MARKER).is_file()
    for relative in files:
        for parent in reversed(relative.parents[:-1]):  # the sub-folders on the way, outermost first
            if (folder / parent).exists() and not (folder / parent).is_dir():
                raise InvalidInput(f"--report {folder}: {folder / parent} is a file, not a folder; "
                                   "nothing was run")
        if os.path.lexists(folder / relative) and not ours:
            raise InvalidInput(f"--report {folder}: the report would replace {folder / relative}, which is "
                               "not an earlier report; choose a new or empty folder. Nothing was run")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text("written by `cockpit scenario`: its reports here may be replaced\n",
                                     encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"--report {folder}: cannot write there ({error.strerror or error}); "
                           "nothing was run") from None
