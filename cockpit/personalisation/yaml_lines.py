"""Writing an effective profile as YAML with a comment on every value saying where it came from.

Values are written as JSON scalars and flow collections, which YAML reads back unchanged, so the
output is itself a valid profile (tests load it again). A secret (a PIN hash, a pydantic SecretStr)
is only said to be set, in a comment.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import SecretStr

COMMENT_COLUMN = 48


def annotated_lines(data: Mapping[str, Any], origins: Mapping[str, str], prefix: str = "",
                    indent: int = 0) -> Iterator[str]:
    """YAML lines for `data`; `origins` maps dotted leaf paths to 'default', 'file', ..."""
    pad = "  " * indent
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        name = json.dumps(key) if not str(key).replace("_", "").isalnum() else str(key)
        if isinstance(value, dict) and value:
            yield f"{pad}{name}:"
            yield from annotated_lines(value, origins, path, indent + 1)
            continue
        if isinstance(value, SecretStr):
            hidden = f"{pad}# {name}: set, not shown"
            yield f"{hidden.ljust(COMMENT_COLUMN)}  # {origins.get(path, 'default')}"
            continue
        text = f"{pad}{name}: {json.dumps(value, ensure_ascii=False)}"
        yield f"{text.ljust(COMMENT_COLUMN)}  # {origins.get(path, 'default')}"
