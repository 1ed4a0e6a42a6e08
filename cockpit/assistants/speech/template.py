"""Sentence templates (see `cockpit.assistants.grammar.sentences`) as trees: parsed once, then
pruned to the words the recogniser can pronounce, written out as JSGF, or expanded into sentences.

Pure Python, no speech libraries: the grammar's own tests use it too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from cockpit.core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Word:
    text: str


@dataclass(frozen=True, slots=True)
class Slot:
    name: str


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Opt:
    body: Node


Node = Word | Slot | Seq | Alt | Opt
_TOKEN = re.compile(r"\s*(?:(?P<punct>[()\[\]|])|\{(?P<slot>[a-z_]+)\}|(?P<word>[a-z0-9']+))")


def parse(template: str) -> Node:
    """The tree of one template; raises InvalidInput naming the template and the position."""
    tokens = _tokens(template)
    node, index = _alternatives(tokens, 0, template)
    if index != len(tokens):
        raise InvalidInput(f"sentence template {template!r}: unexpected {tokens[index][1]!r}")
    return node


def _tokens(template: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = template.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise InvalidInput(f"sentence template {template!r}: cannot read {text[position:]!r}")
        kind = match.lastgroup or "word"
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _alternatives(tokens: list[tuple[str, str]], index: int, template: str) -> tuple[Node, int]:
    options: list[Node] = []
    while True:
        sequence, index = _sequence(tokens, index, template)
        options.append(sequence)
        if index < len(tokens) and tokens[index] == ("punct", "|"):
            index += 1
            continue
        return (options[0] if len(options) == 1 else Alt(tuple(options))), index


def _sequence(tokens: list[tuple[str, str]], index: int, template: str) -> tuple[Node, int]:
    items: list[Node] = []
    while index < len(tokens):
        kind, value = tokens[index]
        if kind == "word":
            items.append(Word(value))
        elif kind == "slot":
            items.append(Slot(value))
        elif value in "([":
            inner, index = _alternatives(tokens, index + 1, template)
            closing = ")" if value == "(" else "]"
            if index >= len(tokens) or tokens[index][1] != closing:
                raise InvalidInput(f"sentence template {template!r}: {value!r} is never closed")
            items.append(inner if value == "(" else Opt(inner))
        else:
            break
        index += 1
    if not items:
        raise InvalidInput(f"sentence template {template!r}: an empty alternative")
    return (items[0] if len(items) == 1 else Seq(tuple(items))), index


def prune(node: Node, keep: Callable[[str], bool], slots: Mapping[str, Sequence[str]]) -> Node | None:
    """The tree without the words `keep` refuses (and whatever needs them); None if nothing is left.

    A slot survives when at least one of its phrases does; the caller prunes the phrases themselves.
    """
    if isinstance(node, Word):
        return node if keep(node.text) else None
    if isinstance(node, Slot):
        spoken = any(all(keep(w) for w in phrase.split()) for phrase in slots.get(node.name, ()))
        return node if spoken else None
    if isinstance(node, Opt):
        body = prune(node.body, keep, slots)
        return Opt(body) if body is not None else None
    if isinstance(node, Alt):
        options = [p for p in (prune(o, keep, slots) for o in node.options) if p is not None]
        return (options[0] if len(options) == 1 else Alt(tuple(options))) if options else None
    items = []
    for item in node.items:
        pruned = prune(item, keep, slots)
        if pruned is None and not isinstance(item, Opt):
            return None
        if pruned is not None:
            items.append(pruned)
    return Seq(tuple(items))


def expand(node: Node, slots: Mapping[str, Sequence[str]]) -> Iterator[str]:
    """Every sentence the tree stands for, slots filled with each of their phrases."""
    for words in _expand(node, slots):
        yield " ".join(w for w in words if w)


def _expand(node: Node, slots: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, ...]]:
    if isinstance(node, Word):
        yield (node.text,)
    elif isinstance(node, Slot):
        for phrase in slots[node.name]:
            yield (phrase,)
    elif isinstance(node, Opt):
        yield ()
        yield from _expand(node.body, slots)
    elif isinstance(node, Alt):
        for option in node.options:
            yield from _expand(option, slots)
    else:
        for parts in itertools.product(*(list(_expand(item, slots)) for item in node.items)):
            yield tuple(itertools.chain.from_iterable(parts))


def slots_used(node: Node) -> set[str]:
    """The names of the slots a tree refers to."""
    if isinstance(node, Slot):
        return {node.name}
    if isinstance(node, Word):
        return set()
    if isinstance(node, Opt):
        return slots_used(node.body)
    children = node.options if isinstance(node, Alt) else node.items
    return set().union(*(slots_used(child) for child in children))


def jsgf(node: Node) -> str:
    """The tree as a JSGF rule expansion; slots become rule references `<slot_name>`."""
    if isinstance(node, Word):
        return node.text
    if isinstance(node, Slot):
        return f"<slot_{node.name}>"
    if isinstance(node, Opt):
        return f"[ {jsgf(node.body)} ]"
    if isinstance(node, Alt):
        return "( " + " | ".join(jsgf(o) for o in node.options) + " )"
    return " ".join(jsgf(item) for item in node.items)
