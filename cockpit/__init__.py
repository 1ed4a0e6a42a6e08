"""SmartCockpit Sim: an offline in-car cockpit simulator and personalisation engine."""

__version__ = "0.1.0"
