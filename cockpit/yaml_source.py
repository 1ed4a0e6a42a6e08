"""Reading hand-written YAML files (profiles, scenarios, homes) with positions, so every problem
can name `file:line:col`.

A file is parsed once into both its node tree (for positions) and its data. Problems are
collected, never raised, so a `check` command can report all of them at once. Shared by the
parts that read such files; it knows YAML and pydantic, nothing of the cockpit.
"""

from __future__ import annotations

import difflib
import re
import typing
import weakref
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from cockpit.core.errors import brief
from cockpit.reading import ReadError, decode_text, line_col, read_limited

MAX_BYTES = 1 << 20
MAX_DEPTH = 32  # what we ship nests 6 levels; deeper is a mistake or an attack
MAX_VALUES = 100_000  # values after alias expansion; a large scenario has a few thousand
MAX_INT_DIGITS = 4000  # Python refuses to read integers of more than 4300 digits
_LONG_INT = re.compile(r"^[-+]?[0-9_]+$")
_STR_TAG = "tag:yaml.org,2002:str"
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNIT_ERRORS = {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}


class FieldError(ValueError):
    """Raised by a model validator to put its message at one field (relative to the model) rather
    than at the model's first line: `FieldError("extends", "profile 'a' cannot extend itself")`."""

    def __init__(self, field: str | Sequence[str | int], message: str) -> None:
        super().__init__(message)
        self.loc: tuple[str | int, ...] = (field,) if isinstance(field, str) else tuple(field)


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
    Special files, oversized files, nesting deeper than MAX_DEPTH, recursive aliases and aliases
    that expand past MAX_VALUES are refused before the YAML is composed.
    """
    try:
        text = decode_text(read_limited(path, MAX_BYTES, kind))
        root, data = _parse(text)
    except ReadError as error:
        return None, [Problem(label, error.line, error.col, error.field, error.message)]
    if root is None:
        return None, [Problem(label, 1, 1, "file", f"empty {kind}; expected a mapping with {expected}")]
    document = Document(label, data, root)
    problems = sorted(_duplicate_keys(document, root), key=lambda p: (p.line, p.col))
    if not isinstance(data, dict):
        problems.append(document.problem((), f"expected a mapping of {kind} fields, got "
                                              f"{_kind(data)}"))
    return (None, problems) if problems else (document, [])


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree and the data of `text`; raises ReadError (field "yaml") with its position."""
    try:
        _check_events(text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            return root, loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        message = error.problem or "invalid YAML"
        if error.context and context is not None and context is not mark:
            message += f" ({error.context} at line {context.line + 1}, column {context.column + 1})"
        raise ReadError(message, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                        "yaml") from None
    except yaml.reader.ReaderError as error:
        line, col = line_col(text, error.position)
        raise ReadError(f"character #x{error.character:04x} is not allowed: {error.reason}", line, col,
                        "yaml") from None
    except yaml.YAMLError as error:
        raise ReadError(str(error), field="yaml") from None
    except ValueError:  # an integer beyond Python's digit limit that _check_events did not see
        raise ReadError("a number has too many digits to be read", field="yaml") from None


def _check_events(text: str) -> None:
    """Refuse what would make composing or walking the file explode, from the parser's events alone.

    Counts every value as the aliases expand it (a "billion laughs" file is 500 bytes), tracks
    nesting, and spots an alias to a node that is still open (a recursive structure).
    """
    depth, total = 0, 0
    sizes: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, total when the node started)
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in open_nodes):
                raise ReadError(f"alias *{event.anchor} refers to a node that contains it (a recursive "
                                "alias)", line, col, "yaml")
            total += sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.implicit[0] and len(event.value) > MAX_INT_DIGITS and _LONG_INT.match(event.value):
                raise ReadError(f"a number with {len(event.value):,} digits cannot be read", line, col,
                                "yaml")
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            total += 1
            depth += 1
            if depth > MAX_DEPTH:
                raise ReadError(f"nesting deeper than {MAX_DEPTH} levels", line, col, "yaml")
            open_nodes.append((event.anchor, total))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            anchor, began = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = total - began + 1
        if total > MAX_VALUES:
            raise ReadError(f"aliases expand this file to more than {MAX_VALUES:,} values; refusing "
                            "to read it (an alias bomb?)", line, col, "yaml")


def _duplicate_keys(document: Document, root: yaml.Node) -> Iterator[Problem]:
    """Every repeated key, each node visited once (aliases share nodes), without recursion."""
    seen_nodes: set[int] = set()
    pending: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    while pending:
        node, loc = pending.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    line, col = key.start_mark.line + 1, key.start_mark.column + 1
                    yield Problem(document.label, line, col, dotted((*loc, name)),
                                  f"duplicate key {brief(name)} (first at line {seen[name]})")
                else:
                    seen[name] = key.start_mark.line + 1
                pending.append((value, (*loc, name)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, (*loc, index)) for index, item in enumerate(node.value))


def locate(root: yaml.Node, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node at `loc`; the deepest existing parent if it is missing."""
    node = _deepest(root, loc, at_key=at_key)
    return node.start_mark.line + 1, node.start_mark.column + 1


def _deepest(root: yaml.Node, loc: Sequence[str | int], *, at_key: bool = False) -> yaml.Node:
    node = root
    for index, part in enumerate(loc):
        child = _child(node, part, key=at_key and index == len(loc) - 1)
        if child is None:
            if isinstance(part, str) and not isinstance(node, yaml.MappingNode):
                continue  # a union member's label ("bool", "list[...]"): the file has no such key
            break
        node = child
    return node


def _child(node: yaml.Node, part: str | int, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        pair = _keys_of(node).get(str(part))
        if pair is not None:
            return pair[0] if key else pair[1]
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: yaml.Node = node.value[part]
        return item
    if isinstance(node, yaml.MappingNode) and part == 0 and not isinstance(part, bool):
        return node  # one mapping written where a list of them is allowed (`expect: {...}`)
    return None


_KEY_INDEX: weakref.WeakKeyDictionary[yaml.Node, dict[str, tuple[yaml.Node, yaml.Node]]] = (
    weakref.WeakKeyDictionary())


def _keys_of(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's (key node, value node) by key text, the first of duplicates; built once, so
    positioning 40,000 problems in one mapping is not quadratic."""
    index = _KEY_INDEX.get(node)
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            index.setdefault(str(key_node.value), (key_node, value_node))
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _STR_TAG:  # `yes:`, `null:`, `1:`
                index.setdefault(str(_key_value(key_node)), (key_node, value_node))
        _KEY_INDEX[node] = index
    return index


def _key_value(node: yaml.ScalarNode) -> Any:
    """What YAML made of a plain key (True for `yes`, None for `~`), as pydantic names it in errors."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value


def dotted(loc: Sequence[str | int]) -> str:
    """`media.favourite_stations[0].name` from a pydantic location; `(root)` for the whole file."""
    text = ""
    for part in loc:
        index = isinstance(part, int) and not isinstance(part, bool)
        text += f"[{part}]" if index else (f".{part}" if text else str(part))
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
        loc: tuple[Any, ...] = tuple(part for part in item["loc"]
                                     if not (isinstance(part, str) and part in union_tags))
        cause = item.get("ctx", {}).get("error")
        if isinstance(cause, FieldError):
            loc = (*loc, *cause.loc)
        if item["type"] == "union_tag_invalid":  # point at the tag itself, not the whole entry
            loc = (*loc, item["ctx"]["discriminator"].strip("'"))
        bad_key = _bad_key(item, loc)
        if bad_key is not None:
            mapping, name = bad_key
            key = _deepest(document.root, (*mapping, name), at_key=True)
            loc = (*mapping, key.value if isinstance(key, yaml.ScalarNode) else name)
            message, at_key = _key_message(name), True
        else:
            message, at_key = _message(item, model), item["type"] == "extra_forbidden"
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
        owners = _models_at(model, loc[:-1])
        known = list(dict.fromkeys(key for owner in owners for key in owner.model_fields))
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; expected one of: {', '.join(known)}" if known else "")
        return f"unknown key {brief(loc[-1])}{hint}"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind in _UNIT_ERRORS:
        unit = _unit(model, loc)
        got = brief(item["input"])
        return f"{message} {unit} (got {got})" if unit else f"{message} (got {got})"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        tags = str(item["ctx"]["expected_tags"]).replace("'", "")
        return f"{brief(item['ctx']['tag'])} is not one of: {tags}"
    if kind == "union_tag_not_found":
        return f"required field {item['ctx']['discriminator']} is missing"
    if kind.endswith("_type"):
        return f"{message} (got {_kind(item['input'])} {brief(item['input'])})"
    return message


def _bad_key(item: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any] | None:
    """(where the mapping is, the key) when an error is about a key YAML did not read as a name.

    pydantic names the key `yes` (True) 1 in a model, "None" in a dict, and reports a union's tag
    key spelled `null:` as a missing tag.
    """
    if item["type"] == "invalid_key" and loc:
        return loc[:-1], item["input"]
    if loc[-1:] == ("[key]",):
        return loc[:-2], item["input"]
    data = item["input"]
    if item["type"] == "union_tag_not_found" and isinstance(data, dict):
        odd = [key for key in data if not isinstance(key, str)]
        if odd:
            return loc, odd[0]
    return None


def _key_message(key: object) -> str:
    return (f"key {brief(key)} is not a name; quote it (YAML reads on, off, yes, no as booleans and "
            "null, ~ as nothing)")


def _models_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[type[BaseModel]]:
    """The models that may own the fields at `loc` (several for a union); a discriminated union's
    tag in `loc` picks its member."""
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
    return candidates


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
    owners = _models_at(model, loc[:-1]) if loc else []
    field = next((owner.model_fields[str(loc[-1])] for owner in owners if str(loc[-1]) in owner.model_fields),
                 None)
    description = (field.description or "") if field else ""
    start, end = description.find("["), description.find("]")
    return description[start:end + 1] if 0 <= start < end else ""


def _kind(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "an integer",
             float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)
