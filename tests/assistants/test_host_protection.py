"""The template method protects the host: an exception from any adapter hook becomes an
AdapterError naming the adapter and the hook, logged once, and the driver hears "the X assistant
had a problem"; the dashboard loop goes on. An adapter that fails in __init__ is reported with its
name and the reason. The plugins here are installed through real distribution metadata."""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.assistants import registry
from cockpit.assistants.base import HookFailed
from cockpit.core.commands import AskAssistant
from cockpit.core.errors import AdapterError
from cockpit.session import Session, Settings
from tests.assistants.conftest import fake_distribution

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

BROKEN = '''
from cockpit.assistants.base import AssistantAdapter, Decoded, passthrough
from cockpit.assistants.style import ReplyStyle


class _Plugin(AssistantAdapter):
    api_version = 1

    def _render(self, intent):
        return passthrough(intent)


class Renders(_Plugin):
    name, display_name, wake_words = "renders", "Renderbot", ("Renderbot",)

    def _render(self, intent):
        raise KeyError("no such directive table")


class Decodes(_Plugin):
    name, wake_words = "decodes", ("Decoder",)

    def _decode(self, message):
        return {}["prop"]


class Phrases(_Plugin):
    name, wake_words = "phrases", ("Phrasebot",)
    reply_style = ReplyStyle(confirm="{no_such_field}")


class Starts(_Plugin):
    name, wake_words = "starts", ("Startbot",)

    def __init__(self, cockpit, settings=None):
        raise RuntimeError("the licence server is unreachable")


class Stops(_Plugin):
    name, wake_words = "stops", ("Stopbot",)

    def _shutdown(self):
        raise OSError("socket already closed")
'''


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    fake_distribution(tmp_path, "brokenbots", "0.1", textwrap.dedent("""\
        [cockpit.assistants]
        renders = brokenbots:Renders
        decodes = brokenbots:Decodes
        phrases = brokenbots:Phrases
        starts = brokenbots:Starts
        stops = brokenbots:Stops
        """), {"brokenbots": BROKEN})
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path


def _errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(("name", "hook", "turn"), [
    ("renders", "_render", lambda a: a.respond("turn on the AC")),
    ("phrases", "reply_style", lambda a: a.respond("turn on the AC")),
    ("decodes", "_decode", lambda a: a.handle_message({"prop": 1})),
    ("stops", "_shutdown", lambda a: a.shutdown()),
])
def test_any_hook_s_exception_becomes_an_adapter_error_naming_adapter_and_hook(broken, cockpit, caplog, name,
                                                                               hook, turn):
    adapter = registry.create(name, cockpit)
    with pytest.raises(HookFailed) as failure:
        turn(adapter)
    assert failure.value.adapter == name and failure.value.hook == hook
    assert str(failure.value).startswith(f"assistant {name!r}: {hook} failed: ")
    (record,) = _errors(caplog)  # logged once, with the traceback
    assert record.exc_info is not None and hook in record.getMessage()


def test_an_adapter_that_fails_to_start_is_reported_with_its_name_and_reason(broken, cockpit, caplog):
    with pytest.raises(AdapterError, match=r"^assistant 'starts' failed to start: RuntimeError: the licence "
                                           r"server is unreachable$"):
        registry.create("starts", cockpit)
    assert len(_errors(caplog)) == 1


def test_a_broken_driver_assistant_leaves_the_cockpit_running_and_says_so(broken, tmp_path, caplog):
    profile = tmp_path / "profiles" / "robo.yaml"
    profile.parent.mkdir()
    profile.write_text("schema_version: 1\nidentity: {id: robo, display_name: Robo}\n"
                       "assistant: {adapter: starts}\n", encoding="utf-8")
    with Session(Settings(profiles_dir=profile.parent, profile="robo", use_broker=False)) as session:
        assert session.assistant is None
        assert "The starts assistant could not start" in [n.text for n in session.view.notices]
        refused = session.cockpit.submit(AskAssistant("turn on the AC"))
        assert refused.rejected and refused.reason == "No assistant is running"


def test_the_dashboard_loop_goes_on_when_the_assistant_fails(broken, caplog):
    from cockpit.ui.dashboard import Dashboard

    with Session(Settings(assistant="renders", use_broker=False)) as session:
        dashboard = Dashboard(session.view, (1280, 480))
        try:
            dashboard.frame()
            dashboard.handle_key("space")
            dashboard.type_text("turn off the AC")
            dashboard.handle_key("return")  # push-to-talk: the broken adapter answers
            session.step(0.1)
            dashboard.frame()
            bubbles = session.view.conversation.bubbles
            assert bubbles[-1].text == "Sorry, the Renderbot assistant had a problem."
            assert session.cockpit.value("Vehicle.Cabin.HVAC.IsAirConditioningActive") is True  # not done
            session.cockpit.submit(AskAssistant("turn off the AC"))
            dashboard.frame()
        finally:
            dashboard.close()
    assert len(_errors(caplog)) == 2  # one per failed turn, never one per layer
