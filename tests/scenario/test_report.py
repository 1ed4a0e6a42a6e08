"""report.html: expectations, inline screenshots and SVG plots, one run or runs side by side."""

from __future__ import annotations

import base64
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.scenario.conftest import cockpit

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ReportParser(HTMLParser):
    """Collects what the tests look for: expectation rows, images, SVG plots and their lines."""

    def __init__(self) -> None:
        super().__init__()
        self.expectations: list[str] = []
        self.images: list[str] = []
        self.plots: dict[str, int] = {}
        self.scripts = 0
        self.external: list[str] = []
        self._plot: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "expectation" in classes:
            self.expectations.append("passed" if "passed" in classes else "failed")
        if tag == "img":
            self.images.append(a.get("src") or "")
        if tag == "svg" and "plot" in classes:
            self._plot = a.get("data-signal") or "?"
            self.plots[self._plot] = 0
        if tag == "polyline" and self._plot is not None:
            self.plots[self._plot] += 1
        if tag == "script":
            self.scripts += 1
        for name in ("href", "src"):
            if (a.get(name) or "").startswith(("http:", "https:", "//")):
                self.external.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._plot = None


def parse(path: Path) -> ReportParser:
    parser = ReportParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def failing_report(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("report")
    path = tmp_path / "report_check.yaml"
    path.write_text(textwrap.dedent("""
        name: Report check
        start: {profile: alice}
        steps:
          - at: 1
            speed: 40
          - at: 20
            expect:
              - {signal: Vehicle.Speed, approx: 40, tolerance: 2}
              - {signal: Vehicle.Speed, equals: 200}
          - screenshot: driving
          - at: 30
            screenshot: later
    """), encoding="utf-8")
    result = cockpit("scenario", "run", str(path), "--report", str(tmp_path / "out"))
    assert result.returncode == 1
    return tmp_path / "out" / "report.html"


def test_report_holds_expectations_screenshots_and_plots(failing_report):
    report = parse(failing_report)
    assert report.expectations == ["passed", "failed"]
    assert len(report.images) == 2
    for src in report.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == PNG_MAGIC
    assert report.plots == {"speed": 1, "battery": 1, "cabin": 1}
    assert report.scripts == 0 and report.external == []
    text = failing_report.read_text(encoding="utf-8")
    assert "<h2>What happened</h2>" in text and "driver Alice (alice)" in text


def test_the_speed_plot_follows_the_sampled_speed(failing_report):
    text = failing_report.read_text(encoding="utf-8")
    speed_svg = text[text.index("data-signal='speed'"):]
    points = speed_svg[speed_svg.index("points='") + 8:].split("'", 1)[0].split()
    assert len(points) == 31  # one sample a simulated second, 0..30 s
    ys = [float(point.split(",")[1]) for point in points]
    assert ys[0] > ys[-1]  # standing at first, then faster (SVG y grows downwards)


def test_profiles_make_one_side_by_side_report(tmp_path):
    scenario = Path(__file__).resolve().parents[2] / "scenarios" / "voice_climate_media.yaml"
    result = cockpit("scenario", "run", str(scenario), "--profiles", "alice,bernd", "--report", str(tmp_path))
    assert "[alice]: passed" in result.stdout and "[bernd]: " in result.stdout
    report = parse(tmp_path / "report.html")
    assert report.plots == {"speed": 2, "battery": 2, "cabin": 2}  # one line per run on each plot
    assert len(report.images) == 4  # two screenshots, side by side per step
    for profile in ("alice", "bernd"):
        assert (tmp_path / profile / "events.jsonl").is_file()
        assert (tmp_path / profile / "alexa.png").is_file()
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<th>alice</th><th>bernd</th>" in html
