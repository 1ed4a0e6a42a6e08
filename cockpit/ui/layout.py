"""The layout grid: every rectangle on screen, derived from the screen size and one grid unit.

The reference design is 1920x720 with an 8 px unit. A smaller screen scales the unit down by the
smaller of the two ratios (text never below the 12 px floor, see cockpit.ui.fonts); a bigger one
keeps it (MAX_SCALE): a larger display shows more, not the same things bigger. The extra room goes
where it helps: extra height to a cluster that stacks its dial over the power and battery
readouts, extra width to the centre display, which shows two panels side by side once it is wide
enough (COLUMN_WIDTH). Widgets get their rectangles from here and nowhere else.

The cluster layout (sig.CLUSTER_LAYOUT) shares the cluster out differently: SPORT gives the dial
more room, MINIMAL shrinks the power meter to a slim bar and gives the battery the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pygame import Rect

REFERENCE = (1920, 720)
UNIT = 8  # px at the reference size
MAX_SCALE = 1.0
COLUMN_WIDTH = 600  # design px: the centre shows one panel per this much width (at most MAX_COLUMNS)
MAX_COLUMNS = 2

CLIMATE_SLOTS = ("driver_temp", "fan", "ac", "seat_heat", "steering_heat", "passenger_temp")
STATUS_LEFT = ("clock", "outside_temp", "help_hint")
STATUS_RIGHT = ("listening", "broker", "geofence", "theme_mode")
CLUSTER_LAYOUTS = ("CLASSIC", "MINIMAL", "SPORT")
DIAL_SHARE = {"CLASSIC": 0.62, "MINIMAL": 0.62, "SPORT": 0.68}  # of the cluster's width
STACKED = 1.15  # a cluster this much taller than wide puts its readouts under the dial


@dataclass(slots=True)
class Layout:
    """Rectangles by name for one screen size; `scale` multiplies every design pixel.

    `columns` are the centre display's panel rectangles, left to right: the active tab's panel
    first, then companions on a wide screen.
    """

    size: tuple[int, int]
    scale: float = 1.0
    unit: float = UNIT
    rects: dict[str, Rect] = field(default_factory=dict)
    regions: dict[str, Rect] = field(default_factory=dict)
    columns: list[Rect] = field(default_factory=list)
    stacked: bool = False  # the cluster's readouts sit under the dial, not beside it

    def px(self, units: float) -> int:
        """Grid units to screen pixels."""
        return round(units * self.unit)

    def __getitem__(self, name: str) -> Rect:
        return self.rects[name]


def build_layout(size: tuple[int, int], cluster_layout: str = "CLASSIC") -> Layout:
    """Compute every rectangle for a screen of `size` (width, height) and a cluster layout."""
    width, height = size
    scale = min(width / REFERENCE[0], height / REFERENCE[1], MAX_SCALE)
    layout = Layout(size, scale, UNIT * scale)
    px = layout.px
    margin, gap = px(2), px(2)
    status = Rect(margin, 0, width - 2 * margin, px(6))
    climate = Rect(margin, height - margin - px(11), width - 2 * margin, px(11))
    top = status.bottom + px(1)
    middle = Rect(margin, top, width - 2 * margin, climate.top - gap - top)
    usable = middle.width - 2 * gap
    # The reference shares, of at most the reference width: wider screens give the rest to the centre.
    shared = min(usable, round((REFERENCE[0] - 2 * UNIT * 2 - 2 * UNIT * 2) * scale))
    cluster_w, assistant_w = round(shared * 0.38), round(shared * 0.2)
    cluster = Rect(middle.left, middle.top, cluster_w, middle.height)
    assistant = Rect(middle.right - assistant_w, middle.top, assistant_w, middle.height)
    centre = Rect(cluster.right + gap, middle.top, assistant.left - gap - cluster.right - gap, middle.height)
    layout.regions.update(status=status, climate=climate, cluster=cluster, centre=centre,
                          assistant=assistant)
    _status(layout, status)
    _cluster(layout, cluster.inflate(-2 * px(2), -2 * px(2)), cluster_layout)
    _centre(layout, centre)
    _assistant(layout, assistant.inflate(-2 * px(2), -2 * px(2)))
    _climate(layout, climate)
    return layout


def _status(layout: Layout, area: Rect) -> None:
    px, slot = layout.px, layout.px(14)
    for index, name in enumerate(STATUS_LEFT):
        layout.rects[name] = Rect(area.left + index * slot, area.top, slot, area.height)
    badge_w = px(32)
    badge = Rect(area.centerx - badge_w // 2, area.top, badge_w, area.height)
    layout.rects["profile"] = badge
    # The indicators share what is right of the badge: "0.5 km von zu Hause" needs the room.
    step = (area.right - badge.right - px(2)) // len(STATUS_RIGHT)
    for index, name in enumerate(STATUS_RIGHT):
        layout.rects[name] = Rect(area.right - (index + 1) * step, area.top, step - px(1), area.height)


def _cluster(layout: Layout, area: Rect, cluster_layout: str) -> None:
    px = layout.px
    telltale_h, gap = px(6), px(2)
    turn_w = px(7)
    layout.rects["turn_left"] = Rect(area.left, area.top, turn_w, telltale_h)
    layout.rects["turn_right"] = Rect(area.right - turn_w, area.top, turn_w, telltale_h)
    between = area.width - 2 * (turn_w + gap)
    lamps_w = round(between * 0.5)  # the next turn of the route has the rest: a street name fits
    layout.rects["telltales"] = Rect(area.left + turn_w + gap, area.top, lamps_w, telltale_h)
    layout.rects["next_turn"] = Rect(area.left + turn_w + gap + lamps_w + gap, area.top,
                                     between - lamps_w - gap, telltale_h)
    body = Rect(area.left, area.top + telltale_h + gap, area.width, area.height - telltale_h - gap)
    layout.stacked = body.height >= STACKED * body.width
    media_h = px(4.5)  # the title playing now, small, at the foot of the readouts
    if layout.stacked:
        readouts_h = min(px(26), body.height // 3)
        side = min(body.width, body.height - readouts_h - media_h - 2 * gap)
        dial = Rect(body.centerx - side // 2, body.top, side, side)
        now_playing = Rect(body.left, body.bottom - media_h, body.width, media_h)
        row = Rect(body.left, now_playing.top - gap - readouts_h, body.width, readouts_h)
        half = (row.width - gap) // 2
        power = Rect(row.left, row.top, half, row.height)
        battery = Rect(power.right + gap, row.top, row.width - half - gap, row.height)
    else:
        side = min(body.height, round(body.width * DIAL_SHARE.get(cluster_layout, 0.62)))
        dial = Rect(body.left, body.top + (body.height - side) // 2, side, side)
        column = Rect(dial.right + gap, body.top, body.right - dial.right - gap, body.height)
        if cluster_layout == "MINIMAL":
            power_h = min(px(11), column.height // 3)
        else:
            power_h = min(round(column.width * 0.62), column.height // 2)
        power = Rect(column.left, column.top, column.width, power_h)
        now_playing = Rect(column.left, column.bottom - media_h, column.width, media_h)
        battery = Rect(column.left, power.bottom + gap, column.width,
                       now_playing.top - gap - power.bottom - gap)
    # The dial's arc leaves its bottom free: the gear selector lives there.
    gear_top = dial.top + round(side * 0.86)
    layout.rects["speedometer"] = Rect(dial.left, dial.top, side, gear_top - dial.top)
    layout.rects["gear"] = Rect(dial.left, gear_top, side, dial.bottom - gear_top)
    layout.regions["dial"] = dial
    layout.rects["power"] = power
    layout.rects["battery"] = battery
    layout.rects["now_playing"] = now_playing


def _centre(layout: Layout, area: Rect) -> None:
    px = layout.px
    tabs = Rect(area.left, area.top, area.width, px(6))
    layout.rects["tabs"] = tabs
    panel = Rect(area.left, tabs.bottom + px(1), area.width, area.bottom - tabs.bottom - px(1))
    layout.rects["panel"] = panel
    count = max(1, min(MAX_COLUMNS, round(panel.width / layout.scale) // COLUMN_WIDTH))
    gap = px(2)
    step = (panel.width + gap) / count
    layout.columns = [Rect(panel.left + round(index * step), panel.top, round(step) - gap, panel.height)
                      for index in range(count)]
    layout.columns[-1].width = panel.right - layout.columns[-1].left
    # Overlays (not part of the no-overlap grid): toasts stack up from the bottom of the first panel,
    # inside its edge (the stack's backdrop covers the panel's width).
    first = layout.columns[0]
    toast_h = min(px(34), first.height - px(8))
    inset = px(0.5)
    layout.regions["toast"] = Rect(first.left + inset, first.bottom - px(2) - toast_h,
                                   first.width - 2 * inset,
                                   toast_h)
    volume_w = min(px(40), first.width - px(4))  # the volume, briefly, over the top of the panel
    layout.regions["volume"] = Rect(first.centerx - volume_w // 2, first.top + px(1.5), volume_w, px(6))


def _assistant(layout: Layout, area: Rect) -> None:
    px = layout.px
    header = Rect(area.left, area.top, area.width, px(5))
    talk = Rect(area.left, area.bottom - px(22), area.width, px(22))
    layout.rects["assistant_header"] = header
    layout.rects["assistant_body"] = Rect(area.left, header.bottom + px(1), area.width,
                                          talk.top - px(1) - header.bottom - px(1))
    layout.rects["assistant_talk"] = talk


def _climate(layout: Layout, area: Rect) -> None:
    gap = layout.px(1)
    temp_w = round(area.width * 0.2)
    middle = Rect(area.left + temp_w + gap, area.top, area.width - 2 * (temp_w + gap), area.height)
    layout.rects["driver_temp"] = Rect(area.left, area.top, temp_w, area.height)
    layout.rects["passenger_temp"] = Rect(area.right - temp_w, area.top, temp_w, area.height)
    toggles = CLIMATE_SLOTS[1:-1]
    step = (middle.width + gap) / len(toggles)
    for index, name in enumerate(toggles):
        left = middle.left + round(index * step)
        layout.rects[name] = Rect(left, area.top, round(step) - gap, area.height)
