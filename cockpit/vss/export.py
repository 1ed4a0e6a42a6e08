"""The catalogue as VSS JSON, the format vss-tools' JSON exporter writes and the KUKSA databroker loads.

Every node has `type` and `description` (the databroker requires both); branches hold `children`,
signals their `datatype`, `unit`, `min`, `max` and `allowed`. Signals the cockpit adds to the standard
carry `"x-smartcockpit-extension": true` (VSS tools keep `x-` keys as extended attributes).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from cockpit.core.errors import InvalidInput
from cockpit.vss.tree import Leaf, Tree

EXTENSION_KEY: Final = "x-smartcockpit-extension"


def vss_json(tree: Tree | None = None, leaves: Iterable[Leaf] | None = None) -> dict[str, Any]:
    """The tree as nested VSS JSON, rooted at `Vehicle`: every signal, or only `leaves` and their branches."""
    root: dict[str, Any] = {}
    for leaf in (tree or Tree()).leaves if leaves is None else leaves:
        *branches, name = leaf.path.split(".")
        children = root
        for depth, branch in enumerate(branches):
            node = children.setdefault(branch, _branch(".".join(branches[:depth + 1])))
            children = node["children"]
        children[name] = _signal(leaf)
    return root


def _branch(path: str) -> dict[str, Any]:
    return {"type": "branch", "description": f"Branch {path}.", "children": {}}


def _signal(leaf: Leaf) -> dict[str, Any]:
    spec = leaf.spec
    node: dict[str, Any] = {"type": leaf.entry_type, "datatype": leaf.datatype,
                            "description": leaf.description}
    if spec.unit:
        node["unit"] = spec.unit
    number = float if leaf.datatype in ("float", "double") else int
    if spec.minimum is not None:
        node["min"] = number(spec.minimum)
    if spec.maximum is not None:
        node["max"] = number(spec.maximum)
    if spec.allowed is not None:
        node["allowed"] = list(spec.allowed)
    if not spec.standard:
        node[EXTENSION_KEY] = True
    return node


def write(path: Path | None, tree: Tree | None = None) -> str:
    """Write the VSS JSON to `path` (atomically, never over an existing file) or return it for stdout.

    Raises InvalidInput when `path` exists or its folder does not.
    """
    text = json.dumps(vss_json(tree), indent=2) + "\n"
    if path is None:
        return text
    if path.exists():
        raise InvalidInput(f"{path}: exists; the export never replaces a file, choose a new name")
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a VSS tree is for sharing
        os.link(temporary, path)  # fails if someone created `path` meanwhile: still never replaced
    except FileExistsError:
        raise InvalidInput(f"{path}: exists; the export never replaces a file, choose a new name") from None
    finally:
        os.unlink(temporary)
    return ""
