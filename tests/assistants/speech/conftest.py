"""Speech tests: skipped, with the reason, when the voice extra or espeak-ng is missing.

The speech model is built once per run into a shared cache folder; synthesised audio is cached in
memory by `synthetic.speak`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cockpit.assistants import speech

MISSING = speech.missing()
if MISSING:
    pytest.skip(f"the voice extra is not installed ({speech.INSTALL}): missing {', '.join(MISSING)}",
                allow_module_level=True)


@pytest.fixture(autouse=True)
def shared_speech_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One model cache for the whole run, never the user's ~/.cache."""
    folder = tmp_path_factory.getbasetemp() / "speech-cache"
    monkeypatch.setenv("COCKPIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def espeak() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
