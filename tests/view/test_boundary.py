"""What reads the cockpit only through its read model: the dashboard, the scenario steps and probes,
and the assistant CLI. An AST scan of their modules fails on an import of the parts or the session,
or on an attribute read that reaches into them (`view.session.home.bridge`, `engine.store`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cockpit

PACKAGE = Path(cockpit.__file__).resolve().parent
SCANNED = sorted([*PACKAGE.glob("ui/**/*.py"), *PACKAGE.glob("scenario/**/*.py"),
                  PACKAGE / "assistants" / "cli.py", PACKAGE / "assistants" / "commands.py"])
# Builds the session, then hands each part what it needs (the home link, the vehicle, the view).
COMPOSITION_ROOT = "scenario/runner.py"
# Build a session for one command (`cockpit run`, `bench render`, `scenario replay`, `say`) and
# may import it for that, but read only its view and its own methods.
BUILD_A_SESSION = frozenset({"ui/app.py", "ui/bench.py", "scenario/replay.py", "assistants/commands.py"})
PARTS = ("cockpit.home.bridge", "cockpit.home.geofence", "cockpit.home.service",
         "cockpit.personalisation.store", "cockpit.personalisation.engine",
         "cockpit.personalisation.identity", "cockpit.driver_home", "cockpit.driver_assistant",
         "cockpit.media", "cockpit.driver_media")
PART_ATTRIBUTES = frozenset({"bridge", "geofence", "store"})
SESSION_PARTS = frozenset({"home", "profiles"})


def _modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _is_session(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "session") or (
        isinstance(node, ast.Attribute) and node.attr == "session")


def offences(source: str, builds_a_session: bool = False) -> list[str]:
    """Each reach past the read model in `source`, as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bad = [module for module in _modules(node) if module.startswith(PARTS)
                   or (module == "cockpit.session" and not builds_a_session)]
            if bad:
                found.append(f"{node.lineno}: imports {bad[0]}")
        elif isinstance(node, ast.Attribute):
            if node.attr in PART_ATTRIBUTES:
                found.append(f"{node.lineno}: reads .{node.attr}")
            elif node.attr in SESSION_PARTS and _is_session(node.value):
                found.append(f"{node.lineno}: reads the session's .{node.attr}")
            elif node.attr == "session" and not builds_a_session:
                found.append(f"{node.lineno}: reads .session")
    return found


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", [p for p in SCANNED if _name(p) != COMPOSITION_ROOT], ids=_name)
def test_reads_the_cockpit_only_through_its_read_model(path: Path):
    assert offences(path.read_text(encoding="utf-8"), _name(path) in BUILD_A_SESSION) == []


def test_the_scan_covers_the_dashboard_the_scenarios_and_the_assistant_cli():
    names = {_name(path) for path in SCANNED}
    assert {"ui/widgets/status.py", "ui/panels/home.py", "ui/widgets/overlays.py", "ui/keys.py",
            "scenario/actions.py", "scenario/expectations.py", "assistants/commands.py"} <= names
    assert COMPOSITION_ROOT in names and names >= BUILD_A_SESSION


@pytest.mark.parametrize(("source", "expected"), [
    ("home = view.session.home\nonline = home.bridge.online",
     ["1: reads .session", "1: reads the session's .home", "2: reads .bridge"]),
    ("inside = session.home.geofence.inside", ["1: reads .geofence", "1: reads the session's .home"]),
    ("problems = session.profiles.store.problems", ["1: reads .store", "1: reads the session's .profiles"]),
    ("from cockpit.session import Session", ["1: imports cockpit.session"]),
    ("from cockpit.home.geofence import distance_m", ["1: imports cockpit.home.geofence"]),
    ("import cockpit.personalisation.store", ["1: imports cockpit.personalisation.store"]),
    ("from cockpit import driver_home", ["1: imports cockpit.driver_home"]),
], ids=["session-home-bridge", "geofence", "profile-store", "session-import", "geofence-import",
        "store-import", "wiring-import"])
def test_the_scan_finds_each_way_past_the_read_model(source, expected):
    assert sorted(offences(source)) == sorted(expected)


def test_a_module_that_builds_a_session_may_import_it_but_not_reach_into_its_parts():
    source = "from cockpit.session import Session\nsession = Session()\nsession.view\nsession.home.link\n"
    assert offences(source, builds_a_session=True) == ["4: reads the session's .home"]
