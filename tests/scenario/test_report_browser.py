"""The reports in a real browser (Debian's headless Chromium): no console errors, nothing wider than
a 1280 px window, every image loads; skipped, with the reason, where Chromium is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, Chromium
from tests.scenario.conftest import ROOT, cockpit

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
BROKEN_IMAGES = "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """Two shipped scenarios, each run by Alice and by Bernd side by side, with the index over them."""
    folder = tmp_path_factory.mktemp("browser")
    files = [str(ROOT / "scenarios" / name) for name in ("driver_change.yaml", "voice_climate_media.yaml")]
    result = cockpit("scenario", "run", *files, "--profiles", "alice,bernd", "--report", str(folder))
    assert (folder / "index.html").is_file(), result.stdout + result.stderr
    return folder


@pytest.mark.parametrize(
    "page", ["index.html", "driver_change/report.html", "voice_climate_media/report.html"]
)
def test_the_page_loads_cleanly_and_fits_1280_px(reports, page):
    with Chromium() as browser:
        browser.open((reports / page).as_uri(), width=1280)
        assert browser.evaluate("document.images.length") > 0
        assert browser.evaluate(BROKEN_IMAGES) == []
        assert browser.evaluate(OVERFLOW) <= 0
        assert browser.problems() == []


def test_a_broken_image_and_a_console_error_are_caught(tmp_path):
    """The checks above can fail: a missing picture and a script error are both reported."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><img src='missing.png'><div style='width:2000px'>wide</div>"
        "<script>console.error('boom')</script>",
        encoding="utf-8",
    )
    with Chromium() as browser:
        browser.open(page.as_uri(), width=1280)
        assert browser.evaluate(BROKEN_IMAGES) == [(tmp_path / "missing.png").as_uri()]
        assert browser.evaluate(OVERFLOW) > 0
        problems = browser.problems()
        assert any("boom" in problem for problem in problems) and any(
            "missing" in p or "load" in p for p in problems
        ), problems
