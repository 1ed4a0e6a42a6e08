"""Grammar plugins: rules and capabilities from the entry-point group `cockpit.intents` (read from
real distribution metadata), or declared by an adapter; help, fallback and suggestions list every
installed capability; a broken plugin is left out with a problem that names it."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.base import Rendering, passthrough
from cockpit.assistants.grammar import (
    Capability,
    Context,
    Grammar,
    GrammarPlugin,
    Intent,
    Order,
    RuleSet,
    rule,
)
from cockpit.assistants.grammar.catalogue import BUILTIN, builtin, installed
from cockpit.core.cockpit import Cockpit
from cockpit.core.commands import Source, Speak
from tests.assistants.conftest import fake_distribution

PLUGIN_MODULE = '''
from cockpit.assistants.grammar import Capability, GrammarPlugin, Intent, rule
from cockpit.core.commands import Source, Speak


@rule(r"\\btea\\b")
def tea(match, context):
    return Intent("butler.tea", {}, (Speak("Tea is served.", source=Source.ASSISTANT),), "Tea is served.")


PLUGIN = GrammarPlugin("butler", rules=(tea,), api_version=1,
                       capabilities=(Capability("tea", "tea", ("Make me a cup of tea",)),))
OLD = GrammarPlugin("old", rules=(tea,), api_version=99)
UNDECLARED = GrammarPlugin("undeclared", rules=(tea,))
NOT_A_PLUGIN = {"rules": []}
'''


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A distribution 'butlerplug 1.0' with one good grammar plugin and four broken ones."""
    fake_distribution(tmp_path, "butlerplug", "1.0", textwrap.dedent("""\
        [cockpit.intents]
        butler = butlerplug:PLUGIN
        old = butlerplug:OLD
        undeclared = butlerplug:UNDECLARED
        notaplugin = butlerplug:NOT_A_PLUGIN
        missing = butlerplug_gone:PLUGIN
        """), {"butlerplug": PLUGIN_MODULE})
    monkeypatch.syspath_prepend(str(tmp_path))
    installed.cache_clear()
    yield tmp_path
    installed.cache_clear()


def test_an_installed_plugin_s_rules_are_heard(plugins):
    intent = Grammar(Context(Cockpit())).parse("could you make me a cup of tea")
    assert intent.name == "butler.tea" and intent.reply == "Tea is served."


def test_help_fallback_and_suggestions_list_every_installed_capability(plugins):
    rules = installed()
    grammar = Grammar(Context(Cockpit()), rules)
    assert "“Make me a cup of tea”" in grammar.parse("help").reply
    fallback = grammar.parse("recite the lost poems of Sappho")
    titles = [c.title for c in rules.capabilities]
    assert "tea" in titles and all(title in fallback.reply for title in titles)
    assert "Make me a cup of tea" in rules.suggestions()
    with AlexaAdapter(Cockpit()) as alexa:  # in the adapter's own words, listing the same
        assert "tea" in alexa.respond("Alexa, recite the lost poems of Sappho").reply


def test_a_broken_plugin_is_left_out_with_a_problem_that_names_it(plugins):
    problems = installed().problems
    assert len(problems) == 4, problems
    assert any(re.search(r"entry point 'old' \(butlerplug:OLD\) from butlerplug 1\.0 has the wrong shape: "
                         r"it was written for plugin API 99; this cockpit speaks 1", p) for p in problems)
    assert any("'undeclared'" in p and "declares no plugin API version" in p for p in problems)
    assert any("'notaplugin'" in p and "is not a GrammarPlugin: dict" in p for p in problems)
    assert any("'missing'" in p and "failed to import: ModuleNotFoundError" in p for p in problems)
    assert [p.name for p in installed().plugins if p not in BUILTIN] == ["butler"]


def test_without_plugins_the_grammar_is_the_built_in_one():
    assert [p.name for p in builtin().plugins] == [p.name for p in BUILTIN]
    assert {r.name for r in builtin().rules} <= {r.name for r in installed().rules}


@rule(r"\bwarp speed\b")
def warp(match: re.Match[str], context: Context) -> Intent:
    return Intent("jarvis.warp", {}, (Speak("Engaging.", source=Source.ASSISTANT),), "Engaging.")


class Engineer(AlexaAdapter):
    """An Alexa with an intent of its own (a plugin adapter would declare it the same way)."""

    intents: ClassVar[tuple[GrammarPlugin, ...]] = (
        GrammarPlugin("engineering", (warp,), (Capability("warp", "warp drive", ("Warp speed",)),),
                      api_version=1),)

    def _render(self, intent: Intent) -> Rendering:
        return passthrough(intent)


def test_an_adapter_s_own_intents_are_heard_by_it_alone(cockpit):
    with Engineer(cockpit) as engineer, AlexaAdapter(cockpit) as alexa:
        assert engineer.respond("Alexa, warp speed").intent.name == "jarvis.warp"
        assert "warp drive" in engineer.respond("Alexa, sing").reply
        assert alexa.respond("Alexa, warp speed").intent.name != "jarvis.warp"


def test_rules_run_in_their_plugin_s_order_first_match_wins():
    @rule(r"\bgarage\b")
    def early(match: re.Match[str], context: Context) -> Intent:
        return Intent("early.garage")

    late = GrammarPlugin("late", (early,), order=Order.MEDIA + 1)
    first = GrammarPlugin("first", (early,), order=Order.CONVERSATION - 1)
    for plugins, heard in (((*BUILTIN, late), "home.garage"), ((*BUILTIN, first), "early.garage")):
        assert Grammar(Context(Cockpit()), RuleSet(plugins)).parse("open the garage").name == heard


def test_a_capability_needs_an_example():
    with pytest.raises(ValueError, match="at least one example"):
        Capability("nothing", "nothing", ())
