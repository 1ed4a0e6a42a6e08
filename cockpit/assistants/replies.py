"""Every sentence the built-in assistants say, in one place: the grammar's confirmations and
answers, and the words they are built from.

Each is a message id (English, `str.format` fields in braces); the grammar fills it into a Text
(cockpit.core.text), which the dashboard, the speech and `cockpit say` put into the driver's
language. Values come already in the driver's units (cockpit.core.units). To reword a reply,
change it here; `make i18n` carries the change into the catalogues, where it waits for its
translations. The adapters' own phrasings (Alexa's "OK.", Android's "Sure.") are in their
`ReplyStyle`, also message ids.
"""

from __future__ import annotations

from typing import Final

from cockpit.core.text import Text
from cockpit.i18n import N_

# --- shared words --------------------------------------------------------------------------------
ZONES: Final = {"driver": N_("the driver side"), "passenger": N_("the passenger side"),
                "both": N_("both sides")}
LIST_AND: Final = N_("{first} and {last}")
# Rooms and colours as the driver says them ("the kitchen lights"): said back in their language.
SPOKEN_WORDS: Final = (N_("all"), N_("living room"), N_("lounge"), N_("kitchen"), N_("bedroom"),
                       N_("hallway"), N_("hall"), N_("office"), N_("study"), N_("bathroom"), N_("garden"),
                       N_("dining room"), N_("kids room"), N_("porch"), N_("every"), N_("whole house"),
                       N_("warm white"), N_("cyan"))


def zone_words(zone: str) -> Text:
    return Text(ZONES[zone])


def listed(parts: list[Text]) -> Text:
    """ "a", "a and b", "a, b and c" in the driver's language."""
    if len(parts) == 1:
        return parts[0]
    return Text(LIST_AND, first=Text.join(parts[:-1], ", "), last=parts[-1])


# --- climate -------------------------------------------------------------------------------------
TURNING_ON: Final = N_("Turning {what} on.")
TURNING_OFF: Final = N_("Turning {what} off.")
FRONT_DEFROSTER: Final = N_("the front defroster")
AUTO_CLIMATE: Final = N_("automatic climate")
AIR_CONDITIONING: Final = N_("the air conditioning")
RECIRCULATION: Final = N_("recirculation")
SEAT_HEATING_LEVEL: Final = N_("Setting seat heating on {zone} to level {level}.")
SEAT_COOLING_LEVEL: Final = N_("Setting seat cooling on {zone} to level {level}.")
SEAT_HEATING_OFF: Final = N_("Turning seat heating off on {zone}.")
STEERING_HEATING_LEVEL: Final = N_("Steering wheel heating to level {level}.")
STEERING_HEATING_OFF: Final = N_("Turning steering wheel heating off.")
SEAT_MOVES: Final = {"recline": N_("Reclining your seat."), "upright": N_("Bringing your seat upright."),
                     "up": N_("Moving your seat up."), "down": N_("Moving your seat down."),
                     "forward": N_("Moving your seat forward."), "back": N_("Moving your seat back.")}
FAN_UP: Final = N_("Fan up on {zone}.")
FAN_DOWN: Final = N_("Fan down on {zone}.")
FAN_TO: Final = N_("Fan on {zone} to {percent} %.")
FAN_OFF: Final = N_("Turning the fan off.")
WARMING: Final = N_("Warming {zone} by {step}.")
COOLING: Final = N_("Cooling {zone} by {step}.")
SETTING_TEMPERATURE: Final = N_("Setting {zone} to {temperature}.")
A_BIT_MORE: Final = N_("A bit more.")
A_BIT_LESS: Final = N_("A bit less.")
ZONE_TOO: Final = N_("And {zone} too.")

# --- media ---------------------------------------------------------------------------------------
SWITCHING_TO_SOURCE: Final = N_("Switching to {source}.")
SOUND_BACK_ON: Final = N_("Sound back on.")
MUTED: Final = N_("Muted.")
VOLUME_TO: Final = N_("Volume {level}.")
TURNING_IT_UP: Final = N_("Turning it up.")
TURNING_IT_DOWN: Final = N_("Turning it down.")
NEXT_TRACK: Final = N_("Next track.")
PREVIOUS_TRACK: Final = N_("Previous track.")
PAUSED: Final = N_("Paused.")
PLAYING_PLAYLIST: Final = N_("Playing the playlist {name}.")
TUNING_TO: Final = N_("Tuning to {name}.")
PLAYING: Final = N_("Playing.")
PLAYING_QUERY: Final = N_("Playing {name}.")
SHUFFLE_ON: Final = N_("Shuffle on.")
SHUFFLE_OFF: Final = N_("Shuffle off.")
REPEAT: Final = {"OFF": N_("Repeat off."), "ONE": N_("Repeating this track."),
                 "ALL": N_("Repeating everything.")}

# --- navigation and phone --------------------------------------------------------------------------
NAVIGATING_TO: Final = N_("Starting navigation to {place}.")
NAVIGATION_CANCELLED: Final = N_("Navigation cancelled.")
NO_CONTACT: Final = N_("I couldn't find {name} in your contacts.")
CALLING: Final = N_("Calling {name}.")

# --- home ----------------------------------------------------------------------------------------
NO_HOME: Final = N_("There's no home connected to this car.")
NO_SUCH_DEVICE: Final = N_("There's no {what} in this home.")
DEVICES: Final = {"garage door": N_("garage door"), "light": N_("light"), "door lock": N_("door lock"),
                  "thermostat": N_("thermostat"), "alarm": N_("alarm"),
                  "device for this routine": N_("device for this routine")}
LIGHT_IN_ROOM: Final = N_("light in the {room}")
OPENING_GARAGE: Final = N_("Opening the garage door.")
CLOSING_GARAGE: Final = N_("Closing the garage door.")
LIGHTS_COLOUR: Final = N_("Setting the {room} lights to {colour}.")
LIGHTS_BRIGHTNESS: Final = N_("Setting the {room} lights to {level} %.")
LIGHTS_ON: Final = N_("Turning on the {room} lights.")
LIGHTS_OFF: Final = N_("Turning off the {room} lights.")
LOCKING_CAR: Final = N_("Locking the car.")
UNLOCKING_CAR: Final = N_("Unlocking the car.")
LOCKING_DOOR: Final = N_("Locking the front door.")
UNLOCKING_DOOR: Final = N_("Unlocking the front door.")
THERMOSTAT_TO: Final = N_("Setting the home thermostat to {temperature}.")
ARMING: Final = N_("Arming the alarm.")
DISARMING: Final = N_("Disarming the alarm.")

# --- routines, profiles, questions -----------------------------------------------------------------
ROUTINE_STEPS: Final = N_("{opener}: {steps}.")
ROUTINE_NOTHING: Final = N_("{opener}. {reason}")
HEADING_HOME: Final = N_("Heading home")
LEAVING_HOME: Final = N_("Leaving home")
WELCOME_HOME: Final = N_("Welcome home")
NAVIGATION_STARTED: Final = N_("navigation started")
HEATING_HOUSE: Final = N_("heating the house to {temperature}")
HALL_LIGHT_IS_ON: Final = N_("the hall light is on")
CLOSING_THE_GARAGE: Final = N_("closing the garage")
LOCKING_THE_DOOR: Final = N_("locking the door")
ARMING_THE_ALARM: Final = N_("arming the alarm")
OPENING_THE_GARAGE: Final = N_("opening the garage")
HALL_LIGHT_ON: Final = N_("hall light on")
ALARM_OFF: Final = N_("alarm off")
SWITCHING_PROFILE: Final = N_("Switching to {name}'s profile.")
RANGE_KM: Final = N_("You have about {distance} kilometres of range left.")
RANGE_MILES: Final = N_("You have about {distance} miles of range left.")
BATTERY: Final = N_("The battery is at {percent} percent.")
TYRES: Final = N_("Tire pressures front left, front right, rear left, rear right: {pressures}.")
OUTSIDE: Final = N_("It's {temperature} outside.")
HELP: Final = N_("You can say things like: set the temperature to 21 degrees, a bit warmer, fan to 3, "
                 "play the radio, volume up, navigate home, call Alice, open the garage, "
                 "turn on the kitchen lights, what's my range, or switch to Bob's profile.")
NOT_A_NUMBER: Final = N_("Sorry, I can't use {number} as a number. Say a plain number, such as 21 or 21.5.")
TOO_MANY_DIGITS: Final = N_("Sorry, a number with {count} digits is more than any setting goes to.")
NOT_A_VALUE: Final = N_("Sorry, {word} is not a number I can set. Say a plain number, such as 21.")
NO_KELVIN: Final = N_("Sorry, I set temperatures in degrees Celsius or Fahrenheit, not kelvin.")
OK: Final = N_("OK.")
YES: Final = N_("Yes?")
FALLBACK: Final = N_("Sorry, I didn't catch that. Try 'set the temperature to 21', 'play the radio' "
                     "or 'navigate home', or say 'help'.")

# --- what an adapter says around them (its ReplyStyle), and the native layer -------------------------
DONE: Final = N_("Done.")
WITH_NOTE: Final = N_("{reply} ({note})")
