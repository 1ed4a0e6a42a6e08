"""The sentence templates the recogniser is built from say exactly what the grammar understands."""

from __future__ import annotations

import pytest

from cockpit.assistants.grammar import Context, Grammar
from cockpit.assistants.grammar.sentences import BUILT_IN, slot_values, spoken_number
from cockpit.assistants.speech import template
from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import InvalidInput


@pytest.mark.parametrize("group", BUILT_IN, ids=lambda group: group.intent)
def test_every_sentence_parses_to_the_intent_it_is_filed_under(group):
    slots = slot_values()
    wrong = []
    for text in group.templates:
        for sentence in template.expand(template.parse(text), slots):
            intent = Grammar(Context(Cockpit())).parse(sentence)
            if intent.name != group.intent:
                wrong.append(f"{sentence!r} -> {intent.name}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("value", "words"), [(0, "zero"), (7, "seven"), (19, "nineteen"), (20, "twenty"),
                                              (22, "twenty two"), (100, "one hundred")])
def test_numbers_are_spoken_as_the_grammar_reads_them(value, words):
    assert spoken_number(value) == words
    assert Grammar(Context(Cockpit())).parse(f"set the volume to {words}").slots["value"] == value


def test_templates_expand_alternatives_options_and_slots():
    tree = template.parse("(turn | switch) [the] {thing} on")
    assert sorted(template.expand(tree, {"thing": ("fan", "ac")})) == sorted(
        f"{verb} {article}{thing} on" for verb in ("turn", "switch") for article in ("", "the ")
        for thing in ("fan", "ac"))
    assert template.jsgf(tree) == "( turn | switch ) [ the ] <slot_thing> on"


def test_pruning_drops_what_needs_an_unknown_word():
    tree = template.parse("(open | frobnicate) the garage [please]")
    pruned = template.prune(tree, lambda word: word != "frobnicate", {})
    assert pruned is not None and sorted(template.expand(pruned, {})) == [
        "open the garage", "open the garage please"]
    assert template.prune(template.parse("frobnicate it"), lambda word: word != "frobnicate", {}) is None


@pytest.mark.parametrize("bad", ["(open | close the garage", "open the [garage", "open | | close",
                                 "open, close"])
def test_a_broken_template_is_an_error_naming_it(bad):
    with pytest.raises(InvalidInput, match="sentence template"):
        template.parse(bad)
