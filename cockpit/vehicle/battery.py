"""The traction battery: energy in and out, state of charge, and range from recent consumption."""

from __future__ import annotations

from cockpit.vehicle.params import EVParams

SEGMENT_M = 100.0  # consumption is sampled over every 100 m driven
WINDOW_KM = 25.0  # and averaged over roughly the last 25 km
MIN_CONSUMPTION_WH_PER_KM = 80.0  # a long descent must not promise an absurd range


class Battery:
    """Usable energy in watt-hours; state of charge is that energy as a percentage of capacity."""

    __slots__ = ("capacity_wh", "energy_wh")

    def __init__(self, params: EVParams, soc: float) -> None:
        self.capacity_wh = params.battery_wh
        self.energy_wh = self.capacity_wh * soc / 100.0

    @property
    def soc(self) -> float:
        return 100.0 * self.energy_wh / self.capacity_wh

    @soc.setter
    def soc(self, percent: float) -> None:
        self.energy_wh = self.capacity_wh * min(100.0, max(0.0, percent)) / 100.0

    @property
    def full(self) -> bool:
        return self.energy_wh >= self.capacity_wh

    def draw(self, power_w: float, h: float) -> float:
        """Take `power_w` for `h` seconds (negative returns energy); returns the watt-hours moved."""
        wh = power_w * h / 3600.0
        self.energy_wh = min(self.capacity_wh, max(0.0, self.energy_wh - wh))
        return wh


class RangeEstimator:
    """Range = energy left / recent consumption per km, where 'recent' is a moving average by distance."""

    __slots__ = ("_segment_m", "_segment_wh", "wh_per_km")

    def __init__(self, default_wh_per_km: float) -> None:
        self.wh_per_km = default_wh_per_km
        self._segment_m = 0.0
        self._segment_wh = 0.0

    def record(self, wh: float, metres: float) -> None:
        """Count energy used and distance driven; every 100 m updates the average."""
        self._segment_wh += wh
        self._segment_m += metres
        if self._segment_m >= SEGMENT_M:
            km = self._segment_m / 1000.0
            sample = max(MIN_CONSUMPTION_WH_PER_KM, self._segment_wh / km)
            self.wh_per_km += (sample - self.wh_per_km) * min(1.0, km / WINDOW_KM)
            self._segment_m = self._segment_wh = 0.0

    def range_m(self, energy_wh: float) -> float:
        return 1000.0 * energy_wh / self.wh_per_km
