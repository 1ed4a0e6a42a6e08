"""The simulated electric car: dynamics, battery, gears, cabin climate, motors and drive cycles.

`VehicleModel` (cockpit.vehicle.model) is the part a Session installs; `CycleDriver`
(cockpit.vehicle.driver) follows a standard drive cycle loaded by `cockpit.vehicle.cycles.load`.
"""
