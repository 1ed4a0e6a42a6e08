"""report.html as a UX researcher reads it: steps in words, drivers by name and colour, screenshots as
full-resolution files in time order, plots of the chosen signals with the moments marked, runs side
by side with their differences marked, everything a user wrote escaped; the index and JUnit XML."""

from __future__ import annotations

import os
import struct
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.scenario.conftest import ROOT, cockpit

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ALICE, BERND = "#E4572E", "#2E86AB"  # their avatar colours (profiles/*.yaml)


class ReportParser(HTMLParser):
    """What the tests look for: rows, images and their links, plots and markers, swatches, text."""

    def __init__(self) -> None:
        super().__init__()
        self.expectations: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.plots: dict[str, int] = {}
        self.markers: list[str] = []
        self.swatches: list[str] = []
        self.scripts = 0
        self.external: list[str] = []
        self.differs: list[str] = []
        self.marked: list[str] = []
        self.raw: list[str] = []
        self.text: list[str] = []
        self._plot: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "expectation" in classes:
            self.expectations.append("passed" if "passed" in classes else "failed")
        if tag == "img":
            self.images.append(a.get("src") or "")
        if tag == "a":
            self.links.append(a.get("href") or "")
        if tag == "svg" and "plot" in classes:
            self._plot = a.get("data-signal") or "?"
            self.plots[self._plot] = 0
        if tag == "polyline" and self._plot is not None:
            self.plots[self._plot] += 1
        if "marker" in classes and self._plot == "Vehicle.Speed":
            self.markers.append(a.get("data-kind") or "")
        if "swatch" in classes:
            self.swatches.append(a.get("style") or "")
        if tag == "tr" and "differs" in classes:
            self.differs.append(a.get("id") or "")
        if tag in ("mark", "code", "script"):
            self._in = tag
        self.scripts += tag == "script"
        for name in ("href", "src"):
            if (a.get(name) or "").startswith(("http:", "https:", "//", "data:text")):
                self.external.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._plot = None
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in == "mark":
            self.marked.append(data)
        if self._in == "code":
            self.raw.append(data)


def parse(path: Path) -> ReportParser:
    parser = ReportParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    return struct.unpack(">II", data[16:24])


SCENARIO = """
    name: Report check
    start: {fob: fob-1}
    plot: [Vehicle.Speed, Vehicle.Powertrain.Transmission.SelectedGear]
    steps:
      - at: 1
        speed: 40
      - at: 20
        expect:
          - {signal: Vehicle.Speed, approx: 40, tolerance: 2}
          - {signal: Vehicle.Speed, equals: 200}
          - {text: Seat heating levels}
      - at: 22
        screenshot: driving
      - speed: 0
      - at: 40
        say: set the temperature to 22
      - fob: fob-2
      - at: 42
        screenshot: later
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report_check.yaml"
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    result = cockpit("scenario", "run", str(path), "--report", str(folder / "out"))
    assert result.returncode == 1, result.stdout + result.stderr
    return folder / "out" / "report.html"


def test_steps_are_in_words_with_the_raw_form_one_click_away(report):
    page = parse(report)
    text = " ".join(page.text)
    # Alice (imperial) drives: her units; the fob step names Bernd; the raw step is in <details><code>
    for words in (
        "Drive at 24.9 mph",
        "Speed is about 24.9 mph (± 1.2 mph)",
        "Bernd presents key fob 2",
        "Say “set the temperature to 22”",
        "Stop and hold the brake",
    ):
        assert words in text, words
    assert "{fob: fob-2}" in page.raw and "{at: 1.0, speed: 40.0}" in page.raw
    assert "Vehicle.Speed ==" not in text and "fob fob-2" not in text


def test_the_run_is_named_by_its_driver_in_her_colour(report):
    page = parse(report)
    assert "Alice" in page.text and "fob-1" not in " ".join(page.text)
    assert any(ALICE in style for style in page.swatches)
    assert f"stroke='{ALICE}'" in report.read_text(encoding="utf-8")  # her line on the plots


def test_screenshots_are_full_resolution_files_that_thumbnails_open(report):
    page = parse(report)
    assert page.images[:2] == ["driving.png", "later.png"]  # the filmstrip, in time order
    for src in set(page.images):
        assert png_size(report.parent / src) == (1920, 720)
        assert src in page.links  # the thumbnail opens the full picture
    assert page.scripts == 0 and page.external == []


def test_plots_are_the_chosen_signals_with_the_moments_marked(report):
    page = parse(report)
    assert page.plots == {"Vehicle.Speed": 1, "Vehicle.Powertrain.Transmission.SelectedGear": 1}
    assert {"driver", "reply"} <= set(page.markers)
    html = report.read_text(encoding="utf-8")
    gear = html[html.index("data-signal='Vehicle.Powertrain.Transmission.SelectedGear'") :]
    gear = gear[: gear.index("</svg>")]
    assert ">P</text>" in gear and ">D</text>" in gear and ">126<" not in gear


def test_a_text_not_found_shows_the_closest_strings_not_the_whole_screen(report):
    html = report.read_text(encoding="utf-8")
    failure = html[html.index("✗ The screen shows “Seat heating levels”") :]
    failure = failure[: failure.index("</div></div>")]
    closest = failure.split("closest on screen: ")[1]
    assert closest.count("&#x27;") == 6 and "&#x27;Seat heating&#x27;" in closest  # three, the nearest first


def test_a_driver_change_shows_what_changed(report):
    text = " ".join(parse(report).text)
    assert "What changed for Bernd" in text
    assert "Sitz in die Position von Bernd" in text  # as his (German) drawer says it
    # grouped as the drawer groups them: the car was not parked, so the seat waits for P
    applied, after = text.index("Applied now"), text.index("After parking")
    assert applied < after < text.index("Sitz in die Position von Bernd")


@pytest.fixture(scope="module")
def side_by_side(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ab")
    scenario = ROOT / "scenarios" / "driver_change.yaml"
    result = cockpit("scenario", "run", str(scenario), "--profiles", "alice,bernd", "--report", str(folder))
    assert "[Alice]: passed" in result.stdout and "[Bernd]: FAILED" in result.stdout, result.stdout
    return folder / "report.html"


def test_side_by_side_runs_have_their_drivers_colours_and_differences_marked(side_by_side):
    page = parse(side_by_side)
    assert page.plots == {
        "Vehicle.Speed": 2,
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": 2,
        "Vehicle.Cabin.HVAC.AmbientAirTemperature": 2,
    }
    assert any(BERND in style for style in page.swatches) and any(ALICE in style for style in page.swatches)
    assert "step-1" in page.differs  # Bernd's seat was never at Alice's 120 mm
    assert "120 mm" in page.marked and "200 mm" in page.marked  # the numbers that differ
    for profile in ("alice", "bernd"):
        assert f"{profile}/seat_waits.png" in page.images


def test_a_message_by_id_passes_in_any_language(write_scenario):
    path = write_scenario("""
        name: Message in any language
        start: {profile: alice}
        steps:
          - at: 6
            profile: bernd  # parked: his language at once (while moving it waits until P)
          - after: 1
            expect:
              - {message: What changed}
              - {message: "Welcome back, {name}", args: {name: Bernd}}
              - {text: What changed, visible: false}
              - {message: Range, visible: false}
    """)
    result = cockpit("scenario", "run", str(path))
    assert result.returncode == 1, result.stdout  # only the last: "Reichweite" is on Bernd's screen
    assert "3/4 expectations passed" in result.stdout
    assert "message 'Range', in de-DE: 'Reichweite' not on screen" in result.stdout


def test_an_unknown_message_id_is_refused_with_the_closest_ids(write_scenario):
    path = write_scenario("""
        name: Typo
        steps:
          - at: 1
            expect: {message: What chnged}
    """)
    result = cockpit("scenario", "check", str(path))
    assert result.returncode == 2
    assert (
        "no message 'What chnged' in the cockpit's catalogue; did you mean 'What changed'" in result.stdout
    )


def test_what_a_user_wrote_is_escaped(write_scenario, tmp_path):
    path = write_scenario("""
        name: "<script>alert(1)</script> & co"
        description: "<img src=x onerror=alert(2)>"
        start: {profile: alice}
        steps:
          - at: 1
            say: "<b>hello</b> <script>x()</script>"
          - screenshot: shot
    """)
    cockpit("scenario", "run", str(path), "--report", str(tmp_path / "out"))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    page = parse(tmp_path / "out" / "report.html")
    assert page.scripts == 0 and "x" not in page.images and "<b>hello" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_several_files_write_an_index_junit_and_open_it(tmp_path):
    files = [ROOT / "scenarios" / name for name in ("teen_speed_cap.yaml", "driver_change.yaml")]
    opened = tmp_path / "opened.txt"
    browser = f"{sys.executable} -c \"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])\" %s"
    result = cockpit(
        "scenario",
        "run",
        *map(str, files),
        "--report",
        str(tmp_path / "out"),
        "--junit",
        str(tmp_path / "junit.xml"),
        "--open",
        "--language",
        "de",
        env={**os.environ, "BROWSER": browser},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    index = tmp_path / "out" / "index.html"
    page = parse(index)
    text = " ".join(page.text)
    assert "2 Szenarien: 2 bestanden, 0 fehlgeschlagen" in text
    assert {"teen_speed_cap/report.html", "driver_change/report.html"} <= set(page.links)
    for src in page.images:
        assert png_size(index.parent / src) == (1920, 720)
    assert "Alice" in text and "Tom" in text
    assert opened.read_text() == index.resolve().as_uri()
    suites = ElementTree.parse(tmp_path / "junit.xml").getroot()
    assert [suite.get("name") for suite in suites] == [
        "Teen driver at the speed cap",
        "Driver change at a stop",
    ]
    assert [case.get("name") for case in suites.iter("testcase")] == ["Tom", "Alice"]
    german = " ".join(parse(tmp_path / "out" / "driver_change" / "report.html").text)
    assert "Bernd hält Schlüssel 2 ans Auto" in german and "Fahrstufe P wählen" in german


def test_junit_lists_each_failure_with_expected_and_actual(tmp_path, write_scenario):
    path = write_scenario("""
        name: Fails
        start: {profile: bernd}
        steps:
          - at: 1
            expect: {signal: Vehicle.Speed, equals: 10}
    """)
    result = cockpit("scenario", "run", str(path), "--junit", str(tmp_path / "j.xml"))
    assert result.returncode == 1
    failure = ElementTree.parse(tmp_path / "j.xml").getroot().find("testsuite/testcase/failure")
    assert failure is not None and "Speed is 10 km/h: expected is 10 km/h, actual 0 km/h" in (
        failure.text or ""
    )
