"""The now-playing card, its controls by click and by key, the volume for a moment, the title in
the cluster, and cover art — on a real session's read model."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal
from cockpit.core.events import MediaChanged
from cockpit.core.media import MediaEntry, NowPlaying
from cockpit.ui import art
from cockpit.ui.actions import Action
from cockpit.ui.fonts import Typography
from cockpit.ui.media_view import ListSource, Play, PlayPause
from cockpit.ui.panels.base import PanelHost
from cockpit.ui.panels.media import MediaPanel, SeekBar
from cockpit.ui.widgets.cluster import NowPlayingLine
from cockpit.ui.widgets.overlays import VolumeOverlay
from cockpit.view import CockpitView
from tests.ui.conftest import pixels


def _media_panel(dashboard) -> MediaPanel:
    dashboard.model.tab = "media"
    dashboard.frame()
    host = next(w for w in dashboard.widgets if isinstance(w, PanelHost))
    panel = host.panel("media")
    assert isinstance(panel, MediaPanel)
    return panel


def _hit(panel: MediaPanel, action: Action) -> pygame.Rect:
    return next(rect for rect, named in panel.hits if named == action)


def test_clicking_play_plays_and_the_card_shows_what(dashboard, cockpit):
    panel = _media_panel(dashboard)
    dashboard.click(_hit(panel, PlayPause()).center)
    dashboard.frame()
    assert cockpit.value(sig.MEDIA_ACTION) == "PLAY"
    track = str(cockpit.value(sig.MEDIA_TRACK))
    texts = dashboard.visible_text()
    assert track in texts and "LIVE" in texts and "FM 88.6" in texts
    dashboard.click(_hit(panel, PlayPause()).center)
    assert cockpit.value(sig.MEDIA_ACTION) == "PAUSE"


def test_clicking_a_library_entry_plays_it_and_the_bar_seeks(dashboard, cockpit):
    panel = _media_panel(dashboard)
    dashboard.click(_hit(panel, ListSource("USB")).center)
    dashboard.frame()
    dashboard.click(_hit(panel, Play("album:blue-tram")).center)
    dashboard.frame()
    assert cockpit.value(sig.MEDIA_URI) == "album:blue-tram/1"
    assert {"Blue Tram", "The Kallio Quartet", "0:00 / 5:12"} <= set(dashboard.visible_text())
    bar = next(rect for rect, named in panel.hits if isinstance(named, SeekBar))
    dashboard.click((bar.centerx, bar.centery))
    assert abs(int(cockpit.value(sig.MEDIA_POSITION)) - 156) <= 6  # half of 5:12


def test_media_keys_work_from_any_tab(dashboard, cockpit):
    dashboard.model.tab = "car"
    dashboard.handle_key("k")
    assert cockpit.value(sig.MEDIA_ACTION) == "PLAY"
    first = cockpit.value(sig.MEDIA_URI)
    dashboard.handle_key(".")
    assert cockpit.value(sig.MEDIA_URI) != first
    dashboard.handle_key(",")
    assert cockpit.value(sig.MEDIA_URI) == first
    volume = int(cockpit.value(sig.VOLUME))
    dashboard.handle_key("=")
    assert cockpit.value(sig.VOLUME) == volume + 5
    dashboard.handle_key("m")
    assert cockpit.value(sig.MUTED) is True
    dashboard.handle_key("b")
    assert cockpit.value(sig.MEDIA_SOURCE) == "DAB"


def test_arrows_and_enter_on_the_media_tab_choose_a_source_and_play(dashboard, cockpit):
    _media_panel(dashboard)
    dashboard.handle_key("right")  # FM -> DAB
    dashboard.handle_key("down")
    dashboard.handle_key("return")
    dashboard.frame()
    assert cockpit.value(sig.MEDIA_SOURCE) == "DAB"
    assert cockpit.value(sig.MEDIA_URI) == "station:classic-fm"  # the second DAB station by name
    assert cockpit.value(sig.TURN_RIGHT) is False  # the panel took the arrow


def test_the_volume_shows_for_a_moment_when_it_changes(dashboard, session):
    overlay = next(o for o in dashboard.overlays if isinstance(o, VolumeOverlay))
    dashboard.frame()
    assert not overlay.visible
    dashboard.handle_key("=")
    dashboard.frame()
    assert overlay.visible and f"{int(session.cockpit.value(sig.VOLUME))} %" in dashboard.visible_text()
    session.step(2.5)
    dashboard.frame()
    assert not overlay.visible


def test_the_cluster_shows_the_title_small(dashboard, cockpit):
    line = next(w for w in dashboard.widgets if isinstance(w, NowPlayingLine))
    cockpit.submit(SetSignal(sig.MEDIA_URI, "album:glass-heart/2"))
    dashboard.frame()
    assert line.texts == ["Midnight Sun"]  # the artist does not fit beside it at 1920x720
    assert line.rect.colliderect(dashboard.layout.regions["cluster"])


def test_covers_are_drawn_in_each_entry_s_colours_and_kept():
    pygame.font.init()
    typography = Typography(1.0)
    jazz = MediaEntry("station:jazz-fm", "Jazz FM", "DAB", "DAB", "station", ("C9A227", "3B2F0A"), "JF")
    nova = MediaEntry(
        "station:radio-nova", "Radio Nova", "FM 106.2", "FM", "station", ("D7263D", "420B12"), "RN"
    )
    first = art.cover(jazz, 120, typography)
    assert art.cover(jazz, 120, typography) is first
    corner = pygame.Rect(10, 10, 6, 6)
    gold, red = pixels(first, corner), pixels(art.cover(nova, 120, typography), corner)
    assert gold.isdisjoint(red)
    assert first.get_at((0, 0)).a == 0  # rounded corners


def test_the_card_is_drawn_from_the_read_model_alone(bare_screen):
    cockpit, screen = bare_screen
    entry = MediaEntry("album:x", "Night Drive", "Nova Kid", "USB", "album", ("123456", "000000"), "ND", 9)
    cockpit.bus.publish(
        MediaChanged(
            time=0.0,
            now_playing=NowPlaying(
                "USB",
                entry,
                title="Neon Road",
                artist="Nova Kid",
                album="Night Drive",
                playing=True,
                position_s=65.0,
                duration_s=200.0,
                track_number=3,
                track_count=9,
            ),
        )
    )
    screen.model.tab = "media"
    cockpit.tick(10.0)
    screen.frame()
    assert {"Neon Road", "Nova Kid", "Night Drive", "1:15 / 3:20", "Track 3 of 9"} <= set(
        screen.visible_text()
    )


import pytest  # noqa: E402


@pytest.fixture
def bare_screen():
    from cockpit.core.cockpit import Cockpit
    from cockpit.ui.dashboard import Dashboard

    cockpit = Cockpit()
    view = CockpitView(cockpit)
    screen = Dashboard(view, (1920, 720))
    screen.frame()
    yield cockpit, screen
    screen.close()
    view.close()


def _row_texts(panel: MediaPanel) -> list[str]:
    rows = [rect for rect, action in panel.hits if isinstance(action, Play)]
    return [box.text for box in panel.boxes if any(row.contains(box.rect) for row in rows)]


def test_a_station_row_names_its_frequency_but_never_repeats_the_source_chip(dashboard):
    panel = _media_panel(dashboard)
    dashboard.click(_hit(panel, ListSource("FM")).center)
    dashboard.frame()
    assert any(text.startswith("FM ") for text in _row_texts(panel))  # "FM 88.6" beside each station
    for source in ("DAB", "INTERNET"):
        dashboard.click(_hit(panel, ListSource(source)).center)
        dashboard.frame()
        texts = _row_texts(panel)
        assert texts and source not in texts, f"a {source} row repeats its band: {texts}"
