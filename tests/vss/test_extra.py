"""Without the `vss` extra the cockpit runs as before; asking for the API then says what to install."""

from __future__ import annotations

import sys

import pytest

from cockpit.core.cockpit import Cockpit
from cockpit.core.errors import VssApiError
from cockpit.vss import start_api
from cockpit.vss.settings import ApiSettings, parse_listen

NEEDS_GRPC = ("cockpit.vss.calls", "cockpit.vss.values", "cockpit.vss.val_v1", "cockpit.vss.val_v2",
              "cockpit.vss.server", "cockpit.vss.service")


def test_the_api_without_grpc_names_the_extra(monkeypatch: pytest.MonkeyPatch, cockpit: Cockpit) -> None:
    for name in NEEDS_GRPC:
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "grpc", None)
    with pytest.raises(VssApiError, match=r"needs the vss extra \(grpc is not installed\): pip install "
                                          r"'smartcockpit-sim\[vss\]'"):
        start_api(cockpit, ApiSettings(port=0))


@pytest.mark.parametrize(("text", "parsed"), [
    ("55555", ("127.0.0.1", 55555)), ("0.0.0.0:1", ("0.0.0.0", 1)), ("[::1]:0", ("::1", 0)),
    ("localhost:55555", ("localhost", 55555))])
def test_listen_addresses(text: str, parsed: tuple[str, int]) -> None:
    assert parse_listen(text) == parsed


@pytest.mark.parametrize("text", ["", "port", "::1:55555", ":55555", "host:-1", "host:65536", "host:1.5"])
def test_bad_listen_addresses_say_why(text: str) -> None:
    with pytest.raises(ValueError, match=r"\[HOST:\]PORT|port must"):
        parse_listen(text)


def test_run_options_become_api_settings() -> None:
    from cockpit.cli import build_parser
    from cockpit.core.errors import InvalidInput
    from cockpit.vss.cli import api_settings

    parser = build_parser()
    assert api_settings(parser.parse_args(["run"])) is None
    settings = api_settings(parser.parse_args(["run", "--vss-api", "0.0.0.0:55556", "--vss-viss"]))
    assert settings == ApiSettings("0.0.0.0", 55556, viss=("127.0.0.1", 8090))
    with pytest.raises(InvalidInput, match="give --vss-api too"):
        api_settings(parser.parse_args(["run", "--vss-viss", "9000"]))
