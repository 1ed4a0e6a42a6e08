"""Scenarios for UX testers: scripted runs of the cockpit with expectations, an event log,
screenshots and an HTML report; recordings of `cockpit run` replayed exactly."""
