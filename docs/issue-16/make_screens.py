"""Full-page pictures of the scenario index and of one A/B report, as headless Chromium shows them
at 1280 px: `.venv/bin/python docs/issue-16/make_screens.py` (writes docs/issue-16/*.png)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser import Chromium  # noqa: E402


def main() -> None:
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="cockpit-screens-") as folder:
        out = Path(folder)
        scenarios = sorted(str(path) for path in (ROOT / "scenarios").glob("*.yaml"))
        subprocess.run([sys.executable, "-m", "cockpit", "scenario", "run", *scenarios, "--report",
                        str(out / "all")], cwd=ROOT, check=False, capture_output=True)
        subprocess.run([sys.executable, "-m", "cockpit", "scenario", "run",
                        str(ROOT / "scenarios" / "driver_change.yaml"), "--profiles", "alice,bernd",
                        "--report", str(out / "ab")], cwd=ROOT, check=False, capture_output=True)
        with Chromium() as browser:
            pages = ((out / "all" / "index.html", "index"), (out / "ab" / "report.html", "ab-report"))
            for page, name in pages:
                browser.open(page.as_uri(), width=1280)
                print(browser.screenshot(here / f"{name}-1280.png"))


if __name__ == "__main__":
    main()
