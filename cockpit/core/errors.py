"""The exception tree. Callers catch `CockpitError`; the CLI maps it to exit codes.

    CockpitError
    ├── InvalidInput        bad data from a person or a file (exit 2)
    │   ├── UnknownSignal
    │   ├── InvalidValue
    │   ├── ProfileError
    │   └── ScenarioError
    ├── AdapterError        an assistant adapter is missing, broken or failed
    ├── PluginError         a grammar or signal plugin cannot be loaded (cockpit.plugins)
    ├── BridgeError         the MQTT bridge or broker failed
    ├── VssApiError         the KUKSA-compatible API cannot start or serve (cockpit.vss)
    └── SpeechError         speech input: the voice extra, the audio device or the recogniser
"""


class CockpitError(Exception):
    """Root of every error the cockpit raises on purpose."""

    exit_code = 1

    @property
    def message(self) -> str:
        """What the error says, as raised: a Text (cockpit.core.text) stays translatable."""
        first = self.args[0] if self.args else ""
        return first if isinstance(first, str) and len(self.args) == 1 else str(self)


class InvalidInput(CockpitError):
    """Input from a person or a file is wrong; the message says where and why."""

    exit_code = 2


class UnknownSignal(InvalidInput):
    """A signal path is not in the catalogue."""


class InvalidValue(InvalidInput):
    """A value has the wrong type or lies outside the signal's range."""


class ProfileError(InvalidInput):
    """A driver profile is invalid or cannot be found."""


class ScenarioError(InvalidInput):
    """A scenario file is invalid."""


class AdapterError(CockpitError):
    """An assistant adapter cannot be found, loaded or run."""


class PluginError(CockpitError):
    """A plugin (grammar rules, extension signals) cannot be loaded or has the wrong shape."""


class BridgeError(CockpitError):
    """The MQTT bridge or broker cannot do what was asked."""


class SpeechError(CockpitError):
    """Speech input cannot run: the voice extra is missing, or the audio device or recogniser failed."""


class VssApiError(CockpitError):
    """The KUKSA-compatible VSS API cannot do what was asked (a port in use, a bad key or certificate)."""


BRIEF_LIMIT = 200


def brief(value: object, limit: int = BRIEF_LIMIT) -> str:
    """`repr(value)` for an error message, cut to about `limit` characters with the length said.

    An error must stay readable when the offending value is 20,000 characters of garbage.
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    unit = "bytes" if isinstance(value, (bytes, bytearray)) else "characters"
    size = len(value) if isinstance(value, (str, bytes, bytearray)) else len(text)
    return f"{text[:limit]}… ({size:,} {unit})"
