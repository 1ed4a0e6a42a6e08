"""What a driver can say to the cockpit, as sentence templates: the speech recogniser's source.

The rules in the domain modules decide what words mean; they match far more than anyone says, so a
recogniser cannot be built from them. These templates list the spoken forms per intent, and the
speech front end (`cockpit.assistants.speech`) turns them into its grammar and language model. A
test expands every template and checks that each sentence parses to the intent it is filed
under, so the two cannot drift apart.

Template syntax (a subset of JSGF): words, `(a | b)` alternatives, `[optional words]`, and
`{slot}` for a list of phrases from `slot_values()`; numbers are spoken as words ("twenty two"),
which `normalise()` turns back into digits. Adapters add their own sentences with the class
attribute `sentences` (see `AssistantAdapter`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cockpit.assistants.grammar.home import COLORS, ROOMS
from cockpit.assistants.grammar.intent import Context


@dataclass(frozen=True, slots=True)
class Sentences:
    """The templates of one intent."""

    intent: str
    templates: tuple[str, ...]


_UNITS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen")
_TENS: Final = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def spoken_number(value: int) -> str:
    """0..100 as words: 22 -> 'twenty two' (the inverse of the grammar's number reading)."""
    if not 0 <= value <= 100:
        raise ValueError(f"{value} is outside 0..100")
    if value == 100:
        return "one hundred"
    if value < 20:
        return _UNITS[value]
    tens, units = divmod(value, 10)
    return _TENS[tens] + (f" {_UNITS[units]}" if units else "")


def _numbers(values: range) -> tuple[str, ...]:
    return tuple(spoken_number(v) for v in values)


# Spoken names the recogniser knows for media; the grammar takes any name, speech needs a list.
STATIONS: Final = ("bbc radio one", "bbc radio two", "bbc radio four", "radio bob", "classic fm", "jazz fm")
PLAYLISTS: Final = ("road trip", "chill", "workout", "focus")
ARTISTS: Final = ("taylor swift", "the beatles", "queen", "adele", "coldplay", "miles davis")
DESTINATIONS: Final = ("the airport", "the gym", "the central station", "the nearest charging station",
                       "the supermarket", "the zoo")

BUILT_IN: Final[tuple[Sentences, ...]] = (
    Sentences("climate.set_temperature", (
        "set the [driver | passenger] temperature to {celsius} [degrees]",
        "(set | change | turn) the temperature to {celsius} degrees celsius",
        "make it {celsius} degrees",
        "set (my | the passenger) side to {celsius} degrees",
        "set (both sides | the whole car) to {celsius} degrees",
        "set the temperature to {fahrenheit} [degrees] fahrenheit",
        "temperature {celsius}",
    )),
    Sentences("climate.adjust_temperature", (
        "make it [a bit | a little] (warmer | cooler)",
        "[a bit] (warmer | cooler) please",
        "make the passenger side (warmer | cooler)",
        "(turn up | turn down) the heat",
        "(raise | lower | increase | decrease) the temperature [by {small} degrees]",
        "i'm (cold | freezing | hot)",
        "it's too (warm | cold)",
        "(warm it up | cool it down)",
    )),
    Sentences("climate.fan", (
        "(set the | turn the) fan (to | speed to) {level}",
        "fan to {level}",
        "fan to (max | maximum)",
        "set the fan to {percent} percent",
        "(turn | switch) (on | off) the fan",
        "(turn | switch) the fan (up | down | off)",
        "fan (up | down | off)",
        "set the passenger fan to {level}",
    )),
    Sentences("climate.ac", (
        "(turn | switch) (on | off) the (air conditioning | ac)",
        "(turn | switch) the (air conditioning | ac) (on | off)",
        "(air conditioning | ac) (on | off)",
    )),
    Sentences("climate.auto", (
        "(turn | switch) (on | off) (auto | automatic) climate",
        "auto mode (on | off)",
        "set the climate to auto",
    )),
    Sentences("climate.defrost", (
        "defrost the (windshield | windscreen)",
        "(turn | switch) (on | off) the (defroster | defrost)",
        "defrost (on | off)",
    )),
    Sentences("climate.recirculation", (
        "(turn | switch) (on | off) recirculation",
        "recirculation (on | off)",
        "recirculate the air",
        "use outside air",
    )),
    Sentences("climate.seat_heat", (
        "(turn | switch) (on | off) (the | my | the passenger) seat heating",
        "heat (my | the passenger) seat",
        "seat heating (on | off | to max)",
        "set my seat heating to {heater}",
        "cool my seat",
    )),
    Sentences("climate.steering_heat", (
        "(turn | switch) (on | off) the steering wheel heating",
        "heat the steering wheel",
        "steering wheel heating (on | off)",
    )),
    Sentences("seat.move", (
        "move (my | the) seat (back | forward | up | down)",
        "recline my seat",
    )),
    Sentences("media.play", ("play [some] music", "resume [the music]", "continue playing")),
    Sentences("media.pause", ("pause [the music]", "stop the music")),
    Sentences("media.next", ("next (song | track)", "skip [this] song", "play the next song")),
    Sentences("media.previous", ("previous (song | track)", "go back a song", "play the previous song")),
    Sentences("media.station", ("(play | tune to | switch to) {station}", "play the jazz station")),
    Sentences("media.playlist", ("play (my | the) {playlist} playlist", "shuffle my {playlist} playlist")),
    Sentences("media.search", ("play [some] {artist}", "put on {artist}")),
    Sentences("media.volume_up", ("volume up", "turn (it | the volume | the music) up", "louder [please]")),
    Sentences("media.volume_down", ("volume down", "turn (it | the volume | the music) down",
                                    "quieter [please]")),
    Sentences("media.volume_set", ("set the volume to {percent}", "volume [to] {percent} [percent]")),
    Sentences("media.mute", ("mute [the (sound | radio)]",)),
    Sentences("media.unmute", ("unmute [the (sound | radio)]",)),
    Sentences("media.video", ("watch (tv | a movie)", "play a video")),
    Sentences("navigation.to", (
        "(navigate | drive me | take me | directions) [to] {place}",
        "(navigate | take me | directions) to {destination}",
        "how do i get to {place}",
    )),
    Sentences("navigation.cancel", ("(cancel | stop | end) [the] navigation", "end the route")),
    Sentences("phone.call", ("(call | phone | ring) {contact}", "give {contact} a call")),
    Sentences("home.garage", ("(open | close | shut) the garage [door]",)),
    Sentences("home.lights", (
        "(turn | switch) (on | off) the {room} lights",
        "{room} lights (on | off)",
        "(turn | switch) (on | off) all the lights",
        "dim the {room} lights [to {percent} percent]",
        "(set | make) the {room} lights {color}",
    )),
    Sentences("home.lock", ("(lock | unlock) the (front door | house)",)),
    Sentences("vehicle.lock", ("(lock | unlock) the (car | doors)",)),
    Sentences("home.thermostat", (
        "set the [home] thermostat to {celsius} [degrees]",
        "set the heating at home to {celsius} [degrees]",
        "(warm up | heat) the house",
    )),
    Sentences("home.alarm", ("(arm | disarm | turn on | turn off) the alarm",
                             "(arm | disarm) the security system")),
    Sentences("routine.heading_home", ("i'm (heading | on my way) home", "we're going home")),
    Sentences("routine.leaving_home", ("i'm leaving [home]", "we're leaving the house")),
    Sentences("routine.arrived_home", ("(i'm | we're) [back] home", "arrived home")),
    Sentences("profile.switch", ("(switch to | load | use) {owner} profile", "switch profile to {profile}")),
    Sentences("vehicle.range", ("what's my range", "how far can i go", "how much range do i have [left]")),
    Sentences("vehicle.battery", ("how much battery do i have [left]", "what's the battery level")),
    Sentences("vehicle.tire_pressure", ("what's the tire pressure", "check the tire pressures")),
    Sentences("vehicle.outside_temperature", ("what's the temperature outside", "how cold is it outside")),
    Sentences("help", ("help", "what can you do", "what can i say")),
    Sentences("cancel", ("never mind", "cancel", "forget it")),
)


def slot_values(context: Context | None = None) -> dict[str, tuple[str, ...]]:
    """The phrases each `{slot}` stands for; the driver's places, contacts and profiles when known."""
    places: tuple[str, ...] = ("home", "work")
    contacts: tuple[str, ...] = ("mom", "dad", "alice", "bob")
    profiles: tuple[str, ...] = ("alice", "bob")
    if context is not None:
        places = tuple(sorted({*places, *(place.name.lower() for place in context.places)}))
        contacts = tuple(sorted(context.contacts))
        profiles = tuple(sorted(context.profiles)) or profiles
    return {
        "celsius": (*_numbers(range(16, 29)), "nineteen point five", "twenty point five",
                    "twenty one point five", "twenty two point five"),
        "fahrenheit": _numbers(range(60, 85)),
        "small": _numbers(range(1, 6)),
        "level": _numbers(range(1, 11)),
        "heater": _numbers(range(1, 4)),
        "percent": _numbers(range(10, 101, 10)),
        "room": tuple(sorted(name for name, device in ROOMS.items() if device != "all")),
        "color": tuple(sorted(COLORS)),
        "station": STATIONS,
        "playlist": PLAYLISTS,
        "artist": ARTISTS,
        "destination": DESTINATIONS,
        "place": places,
        "contact": contacts,
        "profile": profiles,
        "owner": tuple(f"{name}'s" for name in profiles),
    }


def all_sentences(extra: Mapping[str, tuple[str, ...]] | None = None) -> tuple[Sentences, ...]:
    """The built-in templates plus `extra` ({intent: templates}, e.g. from installed adapters)."""
    added = tuple(Sentences(intent, templates) for intent, templates in sorted((extra or {}).items()))
    return (*BUILT_IN, *added)
