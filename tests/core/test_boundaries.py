"""core must not import pygame, paho, YAML or any other part: checked in a fresh interpreter."""

import json
import subprocess
import sys


def test_core_imports_no_io_or_ui_libraries():
    code = (
        "import sys, json, cockpit.core, cockpit.core.cockpit, cockpit.core.policy;"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                       text=True).stdout)
    forbidden = ("pygame", "paho", "yaml", "pydantic", "amqtt", "cockpit.ui", "cockpit.vehicle",
                 "cockpit.personalisation", "cockpit.assistants", "cockpit.home", "cockpit.scenario")
    offenders = [name for name in loaded if name.startswith(forbidden)]
    assert offenders == []
