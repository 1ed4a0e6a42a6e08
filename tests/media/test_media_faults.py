"""Whatever a producer sets as the media URI or position is played or refused with a reason: never
an exception out of the policy (a `playlist:ID/²` raised ValueError: `'²'.isdigit()` is true)."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.outcome import Status
from cockpit.media.catalogue import load
from cockpit.session import Session
from tests.fuzzing import BUDGETS, run

CATALOGUE = load()
PREFIXES = sorted({item.uri for item in (*CATALOGUE.library, *CATALOGUE.stations)}
                  | {"search:", "radio:", "playlist:", "album:", "station:", ""})
SUFFIXES = st.sampled_from(["", "/1", "/0", "/²", "/٢", "/-1", "/99999999999999999999", "/1.5", "/ 2",
                            "/1/2"])


@pytest.mark.parametrize("budget", BUDGETS)
def test_any_uri_is_played_or_refused_with_a_reason(session: Session, budget: int) -> None:
    uris = st.tuples(st.sampled_from(PREFIXES), SUFFIXES | st.text(max_size=12)).map("".join)

    def check(uri: str) -> None:
        outcome = session.cockpit.submit(SetSignal(sig.MEDIA_URI, uri, source=Source.VSS))
        assert outcome.status in (Status.APPLIED, Status.REJECTED), outcome
        assert outcome.applied or outcome.reason, outcome

    run(4 * budget, uris, check)


@pytest.mark.parametrize("uri", ["playlist:road-trip/²", "playlist:road-trip/٢", "playlist:road-trip/0"])
def test_a_track_number_is_ascii_digits_within_the_playlist(session: Session, uri: str) -> None:
    """Not a track number: the playlist plays from where it would without one."""
    assert session.cockpit.submit(SetSignal(sig.MEDIA_URI, "playlist:road-trip", source=Source.VSS)).applied
    without_number = session.cockpit.value(sig.MEDIA_URI)
    session.cockpit.submit(SetSignal(sig.MEDIA_URI, "station:radio-helsinki", source=Source.VSS))
    outcome = session.cockpit.submit(SetSignal(sig.MEDIA_URI, uri, source=Source.VSS))
    assert outcome.applied and session.cockpit.value(sig.MEDIA_URI) == without_number
