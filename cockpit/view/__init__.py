"""The read model: one event-fed view of what a person sees in the cockpit (see `CockpitView`)."""

from cockpit.view.conversation import ASSISTANT, DRIVER, Bubble, Conversation
from cockpit.view.model import Broker, CockpitView, Driver, Indicator, Notice, PinRequest, Zone

__all__ = ["ASSISTANT", "DRIVER", "Broker", "Bubble", "CockpitView", "Conversation", "Driver", "Indicator",
           "Notice", "PinRequest", "Zone"]
