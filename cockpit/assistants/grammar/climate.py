"""Climate: temperature (absolute and relative, units, zones), fan, AC, auto, defrost, recirculation,
seat and steering-wheel heating."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cockpit.assistants.grammar import units as u
from cockpit.assistants.grammar.intent import Context, Intent
from cockpit.assistants.grammar.rules import Capability, GrammarPlugin, Order, rule
from cockpit.core import signals as sig
from cockpit.core import units
from cockpit.core.commands import AdjustSignal, Command, SetSignal, Source
from cockpit.core.outcome import Outcome
from cockpit.core.text import Text
from cockpit.i18n import N_

A = Source.ASSISTANT
FAN_STEP = 10
_UP = re.compile(r"\b(?:up|higher|faster|increase|more|stronger|raise|warmer|hotter|louder|turn up)\b")
_DOWN = re.compile(r"\b(?:down|lower|slower|decrease|less|reduce|weaker|cooler|colder|quieter)\b")
_MAX = re.compile(r"\b(?:max|maximum|full|highest|high)\b")
_MIN = re.compile(r"\b(?:min|minimum|lowest|low)\b")
_MEDIUM = re.compile(r"\b(?:medium|mid|middle)\b")
_COOL = re.compile(r"\b(?:cool|cooling|ventilat\w*|cold)\b")
_MUCH = re.compile(r"\b(?:a lot|lots|much|way)\b")
_BY = re.compile(r"\bby (\d+(?:\.\d+)?)")
_TO_A_VALUE = re.compile(r"\b(?:to|at) (?:minus )?\d")  # "turn the heat up to 25" is absolute


def _sets(paths: tuple[str, ...], value: float | int | bool) -> tuple[Command, ...]:
    return tuple(SetSignal(path, value, source=A) for path in paths)


def _toggle(name: str, path: str, words: str, text: str) -> Intent:
    on = not u.switched_off(text)
    said = (Text("Turning {words} on.", words=Text(words)) if on
            else Text("Turning {words} off.", words=Text(words)))
    return Intent(name, {"on": on}, _sets((path,), on), said)


SPOKEN = (N_("seat heating"), N_("seat cooling"), N_("up"), N_("down"))  # words the replies put in
SEAT_MOVES = {"recline": N_("Reclining your seat."), "upright": N_("Bringing your seat upright."),
              "up": N_("Moving your seat up."), "down": N_("Moving your seat down."),
              "forward": N_("Moving your seat forward."), "back": N_("Moving your seat back.")}


def _level(text: str) -> int:
    """Heater level 0..3 from words; negative levels cool."""
    if u.switched_off(text):
        return 0
    value = u.number(text)
    sign = -1 if _COOL.search(text) else 1
    if value is not None:  # "level 9999" too: the policy refuses it and says why
        return sign * int(value)
    if _MAX.search(text):
        return sign * 3
    if _MIN.search(text):
        return sign * 1
    return sign * 2


@rule(
    r"\bseat\b.*\b(?:heat\w*|warm\w*|cool\w*|ventilat\w*)\b|\b(?:heat\w*|warm\w*|cool\w*|ventilat\w*)"
    r"\b.*\bseats?\b|\bseat (?:warmer|heater)\b"
)
def seat_heat(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    zone = u.zone(text)
    level = _level(text)
    percent = u.level_to_percent(level)
    words = "seat heating" if level >= 0 else "seat cooling"
    reply = (
        Text("Setting {words} on {zone} to level {level}.", words=Text(words), zone=u.zone_words(zone),
             level=abs(level))
        if level
        else Text('Turning seat heating off on {zone}.', zone=u.zone_words(zone))
    )
    return Intent(
        "climate.seat_heat",
        {"zone": zone, "level": level},
        _sets(u.paths_for(zone, sig.SEAT_HEAT), percent),
        reply,
    )


@rule(r"\bsteering wheel\b|\bwheel heat")
def steering_heat(match: re.Match[str], context: Context) -> Intent | None:
    text = match.string
    if not re.search(r"heat|warm|cool|off|on\b|level|\d", text):
        return None
    level = _level(text)
    reply = (Text("Steering wheel heating to level {level}.", level=level) if level
             else Text("Turning steering wheel heating off."))
    return Intent(
        "climate.steering_heat",
        {"level": level},
        _sets((sig.STEERING_HEAT,), u.level_to_percent(level)),
        reply,
    )


@rule(
    r"\bseat\b.*\b(?:back|backward|backwards|forward|forwards|up|down|higher|lower|recline|upright)\b"
    r"|\b(?:recline|slide|move)\b.*\bseat\b"
)
def seat_move(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    if re.search(r"\b(?:recline|lean back)\b", text):
        path, delta, direction = sig.SEAT_RECLINE, 5.0, "recline"
    elif re.search(r"\bupright\b", text):
        path, delta, direction = sig.SEAT_RECLINE, -5.0, "upright"
    elif re.search(r"\b(?:up|higher|raise)\b", text):
        path, delta, direction = sig.SEAT_HEIGHT, 10.0, "up"
    elif re.search(r"\b(?:down|lower)\b", text):
        path, delta, direction = sig.SEAT_HEIGHT, -10.0, "down"
    elif re.search(r"\bforwards?\b", text):
        path, delta, direction = sig.SEAT_POSITION, -30.0, "forward"
    else:
        path, delta, direction = sig.SEAT_POSITION, 30.0, "back"
    return Intent(
        "seat.move",
        {"direction": direction},
        (AdjustSignal(path, delta, source=A),),
        Text(SEAT_MOVES[direction]),
    )


@rule(r"\b(?:fan|fans|blower|airflow|air flow|ventilation)\b")
def fan(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    zone = u.zone(text)
    paths = u.paths_for(zone, sig.DRIVER_FAN)
    value = u.number(text)
    if _MAX.search(text):
        percent = 100
    elif u.switched_off(text) and value is None:
        percent = 0
    elif _MIN.search(text) and value is None:
        percent = FAN_STEP  # the lowest step, not off
    elif value is not None:
        percent = int(value) if value > 10 or "percent" in text else int(value) * 10
    elif _UP.search(text) or _DOWN.search(text):
        delta = FAN_STEP * (1 if _UP.search(text) else -1) * (2 if _MUCH.search(text) else 1)
        way, where = ("up" if delta > 0 else "down"), u.zone_words(zone)

        def done(outcomes: Sequence[Outcome]) -> str:
            reached = u.reached(outcomes)
            if reached is None:
                return Text("Fan {way} on {where}.", way=Text(way), where=where)
            return Text("Fan {way} to {reached:g} % on {where}.", way=Text(way), reached=reached, where=where)

        return Intent(
            "climate.fan",
            {"zone": zone, "delta": delta},
            tuple(AdjustSignal(p, delta, source=A) for p in paths),
            Text("Fan {way} on {where}.", way=Text(way), where=where),
            done=done,
        )
    else:
        percent = 30

    def fan_at(value: float) -> str:
        if not value:
            return Text("Turning the fan off.")
        return Text("Fan on {zone} to {percent} %.", zone=u.zone_words(zone), percent=round(value))

    def applied(outcomes: Sequence[Outcome]) -> str:  # an adapter's fan has steps: 45 % is written as 40 %
        reached = u.reached(outcomes)
        return fan_at(percent if reached is None else reached)

    return Intent("climate.fan", {"zone": zone, "percent": percent}, _sets(paths, percent), fan_at(percent),
                  done=applied)


@rule(r"\b(?:defrost|defog|demist|de ice|deice)\b|\bwindshield\b")
def defrost(match: re.Match[str], context: Context) -> Intent:
    return _toggle("climate.defrost", sig.DEFROST, "the front defroster", match.string)


@rule(r"\brecirculation\b|\b(?:outside|fresh) air\b|\brecycle (?:the )?air\b")
def recirculation(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    on = not u.switched_off(text) and not re.search(r"\b(?:outside|fresh) air\b", text)
    return Intent(
        "climate.recirculation",
        {"on": on},
        _sets((sig.RECIRCULATION,), on),
        Text("Turning recirculation on.") if on else Text("Turning recirculation off."),
    )


@rule(
    r"\b(?:auto|automatic) (?:mode|climate|ac|hvac)\b|\bclimate (?:to )?auto(?:matic)?\b"
    r"|\b(?:turn|switch|set|put) (?:on |off )?(?:the )?auto\b|\bauto (?:on|off)\b"
)
def auto(match: re.Match[str], context: Context) -> Intent:
    return _toggle("climate.auto", sig.HVAC_AUTO, "automatic climate", match.string)


@rule(r"\b(?:ac|air conditioning|air conditioner|air con|aircondition\w*|cooling)\b")
def air_conditioning(match: re.Match[str], context: Context) -> Intent | None:
    if u.number(match.string) is not None:
        return None
    return _toggle("climate.ac", sig.AC, "the air conditioning", match.string)


_WARMER = (
    r"warmer|hotter|warm (?:it |me |things |the car )?up|heat (?:it |the car |things )?up"
    r"|turn up the (?:heat|temperature)|(?:raise|increase|bump up|bump|crank up|up|turn up) (?:the )?"
    r"(?:temperature|heat)|temperature up|i'm (?:a bit |a little |so |really )?(?:cold|freezing|chilly)"
    r"|it's (?:a bit |a little |so |really |too )?(?:cold|freezing|chilly)"
)
_COOLER = (
    r"cooler|colder|cool (?:it |me |things |the car )?down|turn down the (?:heat|temperature)"
    r"|(?:lower|decrease|reduce|drop|turn down|down) (?:the )?(?:temperature|heat)|temperature down"
    r"|i'm (?:a bit |a little |so |really |too )?(?:hot|warm|boiling|sweating)"
    r"|it's (?:a bit |a little |so |really |too )?(?:hot|warm|stuffy|boiling)"
)


@rule(rf"\b(?P<up>{_WARMER})\b|\b(?P<down>{_COOLER})\b")
def adjust_temperature(match: re.Match[str], context: Context) -> Intent | None:
    text = match.string
    if _TO_A_VALUE.search(text):
        return None  # "turn the heat up to 25": a setpoint, for set_temperature
    zone = u.zone(text)
    by = _BY.search(text)
    amount = float(by.group(1)) if by else None
    fahrenheit = u.stated_fahrenheit(text, None, context) if amount is not None else context.fahrenheit
    step = amount if amount is not None else (2.0 if fahrenheit else 1.0) * (2 if _MUCH.search(text) else 1)
    sign = 1 if match.group("up") else -1
    delta_c = round(sign * units.celsius_step(step, fahrenheit), 3)
    unit = "°F" if fahrenheit else "°C"
    doing = "Warming" if sign > 0 else "Cooling"
    where = u.zone_words(zone)

    def done(outcomes: Sequence[Outcome]) -> str:
        reached = u.reached(outcomes)
        if reached is None:
            return f"{doing} {where} by {step:g} {unit}."
        return f"{doing} {where} to {units.setpoint_text(reached, context.fahrenheit)}."

    return Intent(
        "climate.adjust_temperature",
        {"zone": zone, "delta": sign * step, "unit": unit[-1]},
        tuple(AdjustSignal(p, delta_c, source=A) for p in u.paths_for(zone, sig.DRIVER_TEMP)),
        f"{doing} {where} by {step:g} {unit}.",
        done=done,
    )


_NUM = r"((?:minus )?\d+(?:\.\d+)?)"  # "minus 20" must not become 20


@rule(
    rf"\btemperature\b.*?\b{_NUM}|\b{_NUM} degrees\b|\b(?:heat|heating|climate|cabin|it|side|zone|driver"
    rf"|passenger|heater)\b(?: (?:all the way |right )?(?:up|down|back))? (?:to|at) {_NUM}\b"
    rf"|\b(?:make|keep|put|have) it (?:at )?{_NUM}\b"
)
def set_temperature(match: re.Match[str], context: Context) -> Intent:
    text = match.string
    # Any plain number: "99 degrees" or "minus 20" reach the cockpit, which refuses them with the
    # range in the reply, instead of a puzzled fallback (NaN, 1e308 never get here: see numbers.py).
    value = float(next(group for group in match.groups() if group is not None).replace("minus ", "-"))
    fahrenheit = u.stated_fahrenheit(text, value, context)
    celsius = u.to_celsius(value, fahrenheit)
    zone = u.zone(text)
    return Intent(
        "climate.set_temperature",
        {"zone": zone, "value": value, "unit": "F" if fahrenheit else "C"},
        _sets(u.paths_for(zone, sig.DRIVER_TEMP), celsius),
        Text("Setting {zone} to {temperature}.", zone=u.zone_words(zone),
             temperature=units.setpoint_text(celsius, context.fahrenheit)),
    )


PLUGIN = GrammarPlugin(
    "climate",
    rules=(seat_heat, steering_heat, seat_move, fan, defrost, recirculation, auto, adjust_temperature,
           set_temperature, air_conditioning),
    capabilities=(
        Capability("climate", N_('the climate'),
                   (N_('Set the temperature to 21'), N_('A bit warmer'), N_('Turn the heat up to 23'),
                    N_('Fan to 3'),
                    N_('Turn the fan down'), N_('Turn on the seat heating'), N_('Heat the steering wheel'),
                    N_('Turn on the AC'), N_('Defrost the windshield'), N_('Turn on recirculation'))),
        Capability("seat", N_('your seat'), (N_('Move my seat back'), N_('Recline my seat'))),
    ),
    order=Order.CAR,
)
