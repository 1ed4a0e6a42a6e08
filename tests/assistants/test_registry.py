"""Adapter lookup through real entry-point metadata, with a distinct error for each failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.assistants import registry
from cockpit.assistants.alexa import AlexaAdapter
from cockpit.assistants.android import AndroidAdapter
from cockpit.core.errors import AdapterError, ProfileError
from tests.assistants.conftest import fake_distribution

ENTRY_POINTS = """\
[cockpit.assistants]
missing = brokenplug_not_there:Adapter
wrongtype = json:JSONDecoder
misnamed = cockpit.assistants.alexa:AlexaAdapter
"""


@pytest.fixture
def broken_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A distribution 'brokenplug 1.0' whose entry points are broken in three different ways."""
    fake_distribution(tmp_path, "brokenplug", "1.0", ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_built_ins_come_from_our_own_entry_points():
    assert registry.adapter_class("alexa") is AlexaAdapter
    assert registry.adapter_class("android") is AndroidAdapter
    infos = {i.name: i for i in registry.installed()}
    assert infos["alexa"].distribution == "smartcockpit-sim"
    assert infos["android"].wake_words == ("Hey Google", "OK Google", "Okay Google")


def test_unknown_name_lists_the_installed_adapters():
    installed = ", ".join(registry.names())
    assert installed.startswith("alexa, android")
    with pytest.raises(AdapterError, match=rf"^assistant 'alxa' not found; installed: {installed}$"):
        registry.adapter_class("alxa")


def test_import_failure_names_the_entry_point_and_distribution(broken_plugins):
    with pytest.raises(AdapterError) as error:
        registry.adapter_class("missing")
    assert "entry point 'missing' (brokenplug_not_there:Adapter) from brokenplug 1.0" in str(error.value)
    assert "failed to import: ModuleNotFoundError" in str(error.value)


def test_a_class_that_is_no_adapter_is_refused(broken_plugins):
    with pytest.raises(AdapterError, match=r"from brokenplug 1\.0 is not an AssistantAdapter subclass"):
        registry.adapter_class("wrongtype")


def test_an_adapter_registered_under_another_name_has_the_wrong_shape(broken_plugins):
    with pytest.raises(AdapterError, match="has the wrong shape: its name is 'alexa', expected 'misnamed'"):
        registry.adapter_class("misnamed")


def test_listing_survives_broken_plugins(broken_plugins):
    infos = {i.name: i for i in registry.installed()}
    assert infos["missing"].distribution == "brokenplug"
    assert infos["missing"].wake_words[0].startswith("(broken")
    assert infos["alexa"].wake_words == ("Alexa",)


def test_settings_from_the_profile_are_validated_by_the_adapters_model(cockpit):
    with registry.create("alexa", cockpit, {"locale": "de-DE", "require_wake_word": True}) as adapter:
        assert adapter.settings.require_wake_word is True
    with pytest.raises(
        ProfileError, match=r"assistant 'android' settings: require_wake_word: Input should be"
    ):
        registry.create("android", cockpit, {"require_wake_word": "sometimes"})
