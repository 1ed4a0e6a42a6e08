"""Navigation (home, work, a saved place or an address) and phone calls (simulated)."""

from __future__ import annotations

import re

from cockpit.assistants.grammar.intent import Context, Intent, Place, Rule, rule
from cockpit.core import signals as sig
from cockpit.core.commands import Command, SetSignal, Source, Speak

A = Source.ASSISTANT
_ARTICLE = re.compile(r"^(?:the|my|our|a) ")
_TRAILING = re.compile(r" (?:please|now|quickly|place)$")


def place_name(raw: str) -> str:
    """A spoken destination without articles, possessives and politeness."""
    name = _TRAILING.sub("", _ARTICLE.sub("", raw.strip()))
    return name[:-2] if name.endswith("'s") else name


def navigate_commands(place: Place) -> tuple[Command, ...]:
    commands: list[Command] = [SetSignal(sig.DEST_NAME, place.name, source=A)]
    if place.latitude is not None and place.longitude is not None:
        commands += [
            SetSignal(sig.DEST_LATITUDE, place.latitude, source=A),
            SetSignal(sig.DEST_LONGITUDE, place.longitude, source=A),
        ]
    return tuple(commands)


def navigate_to(spoken: str, context: Context) -> Intent:
    """Route to a saved place when the name is one, else to the words as an address."""
    name = place_name(spoken)
    place = context.places.get(name)
    saved = place is not None
    if place is None:
        place = Place(name.title(), name)
    return Intent(
        "navigation.to",
        {"place": name, "saved": saved, "address": place.address},
        navigate_commands(place),
        f"Starting navigation to {place.name}.",
    )


@rule(
    r"\b(?:cancel|stop|end|quit|exit)\b (?:the )?"
    r"(?:navigation|navigating|route|routing|guidance|directions)\b"
)
def cancel_route(match: re.Match[str], context: Context) -> Intent:
    return Intent("navigation.cancel", {}, (SetSignal(sig.DEST_NAME, "", source=A),), "Navigation cancelled.")


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
    who = place_name(match.group("who"))
    number = context.contacts.get(who)
    if number is None and re.fullmatch(r"[\d ]{3,}", who):
        number = who.replace(" ", "")
    if number is None:
        return Intent(
            "phone.call",
            {"contact": who, "number": None},
            (),
            f"I couldn't find {who.title()} in your contacts.",
            answer=True,
        )
    text = f"Calling {who.title()}."
    return Intent(
        "phone.call", {"contact": who, "number": number}, (Speak(text, source=A),), text, answer=True
    )


RULES: tuple[Rule, ...] = (cancel_route, known_place, destination, call)
