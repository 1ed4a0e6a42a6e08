"""The Alexa-style adapter and the car-control configuration it is generated from."""

from cockpit.assistants.alexa.adapter import AlexaAdapter, AlexaSettings

__all__ = ["AlexaAdapter", "AlexaSettings"]
