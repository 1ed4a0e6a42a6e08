"""Navigation (home, work, a saved place or an address) and phone calls (simulated)."""

from __future__ import annotations

import re

from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source, Speak
from cockpit.core.places import destination_commands, find_place, go_to
from cockpit.core.text import Text
from cockpit.i18n import N_

A = Source.ASSISTANT
_ARTICLE = re.compile(r"^(?:the|my|our|a) ")
_TRAILING = re.compile(r" (?:please|now|quickly|place)$")
_CALL_TO = re.compile(r"^(?:a )?(?:phone |video )?(?:call )?to ")


def place_name(raw: str) -> str:
    """A spoken destination without articles, possessives and politeness."""
    name = _TRAILING.sub("", _ARTICLE.sub("", raw.strip()))
    return name[:-2] if name.endswith("'s") else name


def navigate_to(spoken: str, context: Context) -> Intent:
    """Route to a saved place when the words name one (or its kind: home, work), else to the words
    as an address."""
    name = place_name(spoken)
    place = find_place(context.places, name)
    if place is None:
        return Intent("navigation.to", {"place": name, "saved": False, "address": name},
                      destination_commands(name.title(), source=A),
                      Text("Starting navigation to {place}.", place=name.title()))
    return Intent("navigation.to", {"place": name, "saved": True, "address": place.name}, go_to(place, A),
                  Text("Starting navigation to {place}.", place=place.name))


@rule(
    r"\b(?:cancel|stop|end|quit|exit)\b (?:the )?"
    r"(?:navigation|navigating|route|routing|guidance|directions)\b"
)
def cancel_route(match: re.Match[str], context: Context) -> Intent:
    return Intent("navigation.cancel", {}, (SetSignal(sig.DEST_NAME, "", source=A),),
                  Text("Navigation cancelled."))


@rule(
    r"\b(?:navigate|navigation|take me|drive me|drive|directions|route|get me|bring me|guide me|go|head)"
    r"(?: back)?(?: (?:to|towards|over to|for))? (?P<place>home|work|the office|office)\b"
)
def known_place(match: re.Match[str], context: Context) -> Intent:
    place = match.group("place")
    return navigate_to("work" if "office" in place else place, context)


@rule(
    r"\b(?:navigate|navigation|take me|drive me|directions|route|get me|bring me|guide me|how do i get"
    r"|find a route|show me the way)(?: (?:to|towards|over to|for))? (?P<place>.+)$"
)
def destination(match: re.Match[str], context: Context) -> Intent:
    return navigate_to(match.group("place"), context)


@rule(
    r"\b(?:call|phone|ring|dial|give|facetime)\b (?P<who>.+?)(?: a (?:call|ring))?(?: on (?:the )?"
    r"(?:mobile|cell|phone))?$"
)
def call(match: re.Match[str], context: Context) -> Intent:
    who = place_name(_CALL_TO.sub("", match.group("who")))  # "make a phone call to mum"
    number = context.contacts.get(who)
    if number is None and re.fullmatch(r"[\d ]{3,}", who):
        number = who.replace(" ", "")
    if number is None:
        return Intent(
            "phone.call",
            {"contact": who, "number": None},
            (),
            Text("I couldn't find {name} in your contacts.", name=who.title()),
            answer=True,
        )
    text = Text('Calling {name}.', name=who.title())
    return Intent(
        "phone.call", {"contact": who, "number": number}, (Speak(text, source=A),), text, answer=True
    )


PLUGIN = GrammarPlugin(
    "places",
    rules=(cancel_route, known_place, destination, call),
    capabilities=(Capability("navigation", N_('navigation'), (N_('Navigate home'), N_('Take me to work'),
                                                           N_('Cancel the route'))),
                  Capability("phone", N_('calls'), (N_('Call Alice'),))),
    order=Order.PLACES,
)
