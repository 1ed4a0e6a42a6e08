"""Reading hand-written YAML files (profiles, scenarios, homes) with positions, so every problem
can name `file:line:col`.

A file is parsed once into both its node tree (for positions) and its data. Problems are
collected, never raised, so a `check` command can report all of them at once. Shared by the
parts that read such files; it knows YAML and pydantic, nothing of the cockpit.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

MAX_BYTES = 1 << 20
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNIT_ERRORS = {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a profile file, printed as `file:line:col: field: message`."""

    file: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed YAML file: its data and the node tree the data came from."""

    label: str
    data: Any
    root: yaml.Node

    def problem(self, loc: Sequence[str | int], message: str, *, at_key: bool = False) -> Problem:
        """A problem positioned at `loc` (or the closest existing parent of it)."""
        line, col = locate(self.root, loc, at_key=at_key)
        return Problem(self.label, line, col, dotted(loc), message)


def read_document(path: Path, label: str, kind: str = "profile",
                  expected: str = "schema_version and identity") -> tuple[Document | None, list[Problem]]:
    """Parse `path`; returns the document, or None and the problems that stopped it.

    `kind` names the file in messages (a profile, a scenario), `expected` its required top-level keys.
    """
    def fail(line: int, col: int, field: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(label, line, col, field, message)]

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return fail(1, 1, "file", f"file is {size / 2**20:.1f} MiB; a {kind} may be at most "
                                      f"{MAX_BYTES // 1024} KiB, so it was not read")
        raw = path.read_bytes()
    except OSError as error:
        return fail(1, 1, "file", f"cannot read: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _line_col(raw, error.start)
        return fail(line, col, "file", f"not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                                       "is this a binary file?")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        message = error.problem or "invalid YAML"
        if error.context and context is not None and context is not mark:
            message += f" ({error.context} at line {context.line + 1}, column {context.column + 1})"
        return fail(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml", message)
    except yaml.reader.ReaderError as error:
        line, col = _line_col(text, error.position)
        return fail(line, col, "yaml", f"character #x{error.character:04x} is not allowed: {error.reason}")
    except yaml.YAMLError as error:
        return fail(1, 1, "yaml", str(error))
    finally:
        loader.dispose()
    if root is None:
        return fail(1, 1, "file", f"empty {kind}; expected a mapping with {expected}")
    document = Document(label, data, root)
    problems = list(_duplicate_keys(document, root, ()))
    if not isinstance(data, dict):
        problems.append(document.problem((), f"expected a mapping of {kind} fields, got "
                                              f"{_kind(data)}"))
    return (None, problems) if problems else (document, [])


def _line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]


def _duplicate_keys(document: Document, node: yaml.Node,
                    loc: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                line, col = key.start_mark.line + 1, key.start_mark.column + 1
                yield Problem(document.label, line, col, dotted((*loc, name)),
                              f"duplicate key {name!r} (first at line {seen[name]})")
            else:
                seen[name] = key.start_mark.line + 1
            yield from _duplicate_keys(document, value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(document, item, (*loc, index))


def locate(root: yaml.Node, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node at `loc`; the deepest existing parent if it is missing."""
    node = root
    for index, part in enumerate(loc):
        child = _child(node, part, key=at_key and index == len(loc) - 1)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, part: str | int, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return key_node if key else value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: yaml.Node = node.value[part]
        return item
    return None


def dotted(loc: Sequence[str | int]) -> str:
    """`media.favourite_stations[0].name` from a pydantic location; `(root)` for the whole file."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(root)"


def validation_problems(document: Document, error: ValidationError, model: type[BaseModel],
                        fallback: Sequence[str | int] | None = None,
                        union_tags: Collection[str] = ()) -> list[Problem]:
    """Turn pydantic errors into positioned problems, with friendlier messages for common ones.

    `fallback` positions errors whose location does not exist in this file (values it inherited);
    `union_tags` are the tags of discriminated unions, which pydantic puts in locations but the
    file does not spell as keys.
    """
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part in union_tags))
        message = _message(item, model)
        at_key = item["type"] == "extra_forbidden"
        if fallback is not None and not exists(document.root, loc):
            line, col = locate(document.root, fallback)
            problems.append(Problem(document.label, line, col, dotted(loc), message))
            continue
        problems.append(document.problem(loc, message, at_key=at_key))
    return sorted(problems, key=lambda p: (p.line, p.col))


def exists(root: yaml.Node, loc: Sequence[str | int]) -> bool:
    """Whether the file itself spells out `loc` (rather than inheriting it)."""
    node: yaml.Node | None = root
    for part in loc:
        node = _child(node, part, key=False) if node is not None else None
    return node is not None


def _message(item: Any, model: type[BaseModel]) -> str:
    kind, loc, message = item["type"], tuple(item["loc"]), str(item["msg"])
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; expected one of: {', '.join(known)}" if known else "")
        return f"unknown key {loc[-1]!r}{hint}"
    if kind == "invalid_key":
        return f"key {item['input']!r} is not a name; quote it (YAML reads on, off, yes, no as booleans)"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind in _UNIT_ERRORS:
        unit = _unit(model, loc)
        return f"{message} {unit} (got {item['input']!r})" if unit else f"{message} (got {item['input']!r})"
    if kind == "missing":
        return "required field is missing"
    return f"{message} (got {_kind(item['input'])} {item['input']!r})" if kind.endswith("_type") else message


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model that owns the field at `loc`; a discriminated union's tag in `loc` picks its member."""
    candidates = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        tagged = [candidate for candidate in candidates if _tagged(candidate, part)]
        if tagged:
            candidates = tagged
            continue
        field = next((c.model_fields[part] for c in candidates if part in c.model_fields), None)
        candidates = _models_in(field.annotation) if field else []
    return candidates[0] if candidates else None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]


def _tagged(model: type[BaseModel], tag: str) -> bool:
    """Whether `model` is the member of a discriminated union whose tag is `tag`."""
    literals = [field.annotation for field in model.model_fields.values()
                if typing.get_origin(field.annotation) is typing.Literal]
    return any(tag in typing.get_args(literal) for literal in literals)


def _unit(model: type[BaseModel], loc: Sequence[str | int]) -> str:
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    description = (field.description or "") if field else ""
    start, end = description.find("["), description.find("]")
    return description[start:end + 1] if 0 <= start < end else ""


def _kind(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "an integer",
             float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)
