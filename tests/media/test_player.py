"""The player on a real session: voice, keys' signals and KUKSA-style writes all play, skip and
seek through the policy; what plays reaches the VSS signals and MediaChanged; the clock moves it."""

from __future__ import annotations

from cockpit.core import signals as sig
from cockpit.core.commands import SetSignal, Source
from cockpit.core.events import MediaChanged
from tests.media.conftest import press, run, say


def test_alexa_plays_bbc_radio_4_and_says_so(session):
    assert say(session, "Alexa, play BBC Radio 4") == "Playing BBC Radio 4."
    c = session.cockpit
    assert c.value(sig.MEDIA_SOURCE) == "INTERNET"
    assert c.value(sig.MEDIA_URI) == "station:bbc-radio-4"
    assert c.value(sig.MEDIA_ALBUM) == "BBC Radio 4"
    assert c.value(sig.MEDIA_ACTION) == "PLAY"
    assert c.value(sig.MEDIA_TRACK) and c.value(sig.MEDIA_ARTIST) == "BBC Radio 4"
    assert session.view.media is not None and session.view.media.playing


def test_next_says_what_comes_and_leaves_play_not_skip_forward(session):
    say(session, "Alexa, play jazz")
    first = session.cockpit.value(sig.MEDIA_TRACK)
    reply = say(session, "Alexa, next song")
    second = session.cockpit.value(sig.MEDIA_TRACK)
    assert second != first
    assert reply == f"Next: {second} by {session.cockpit.value(sig.MEDIA_ARTIST)}."
    assert session.cockpit.value(sig.MEDIA_ACTION) == "PLAY"


def test_an_unknown_station_is_answered_with_names_and_changes_nothing(session):
    say(session, "Alexa, play BBC Radio 4")
    before = session.cockpit.snapshot()
    reply = say(session, "Alexa, play radio fantasia")
    assert reply.startswith("I couldn't find Radio Fantasia — did you mean ") and reply.endswith("?")
    assert session.cockpit.snapshot() == before


def test_the_track_advances_with_the_clock_and_the_next_one_follows(session):
    say(session, "Alexa, play the road trip playlist")
    c = session.cockpit
    assert c.value(sig.MEDIA_URI) == "playlist:road-trip/1"
    run(session, 30)
    assert c.value(sig.MEDIA_POSITION) == 30
    duration = int(c.value(sig.MEDIA_DURATION))
    run(session, duration - 30 + 5)
    assert c.value(sig.MEDIA_URI) == "playlist:road-trip/2"
    assert 3 <= int(c.value(sig.MEDIA_POSITION)) <= 6


def test_pause_holds_the_position_and_play_resumes_it(session):
    say(session, "Alexa, play the road trip playlist")
    run(session, 20)
    assert say(session, "Alexa, pause") == "Paused."
    run(session, 60)
    assert session.cockpit.value(sig.MEDIA_POSITION) == 20
    assert session.cockpit.value(sig.MEDIA_ACTION) == "PAUSE"
    press(session, sig.MEDIA_ACTION, "PLAY")
    run(session, 5)
    assert session.cockpit.value(sig.MEDIA_POSITION) == 25


def test_repeat_one_plays_the_track_again_and_the_end_of_a_collection_stops(session):
    c = session.cockpit
    press(session, sig.MEDIA_URI, "album:glass-heart/4")
    assert say(session, "Alexa, repeat this song") == "Repeating this track."
    run(session, 221 + 10)
    assert c.value(sig.MEDIA_URI) == "album:glass-heart/4" and c.value(sig.MEDIA_ACTION) == "PLAY"
    press(session, sig.MEDIA_REPEAT, "OFF")
    run(session, 221)
    assert c.value(sig.MEDIA_ACTION) == "STOP"
    assert c.value(sig.MEDIA_URI) == "album:glass-heart/1" and c.value(sig.MEDIA_POSITION) == 0


def test_shuffle_plays_every_track_once_in_another_order(session):
    c = session.cockpit
    press(session, sig.MEDIA_URI, "playlist:road-trip/1")
    press(session, sig.MEDIA_SHUFFLE, True)
    played = [c.value(sig.MEDIA_URI)]
    for _ in range(7):
        press(session, sig.MEDIA_ACTION, "SKIP_FORWARD")
        played.append(c.value(sig.MEDIA_URI))
    assert played[0] == "playlist:road-trip/1"
    assert sorted(played) == sorted(f"playlist:road-trip/{n}" for n in range(1, 9))
    assert played != [f"playlist:road-trip/{n}" for n in range(1, 9)]


def test_seeking_works_on_a_track_and_is_refused_on_live_radio(session):
    c = session.cockpit
    press(session, sig.MEDIA_URI, "album:blue-tram/1")
    outcome = press(session, sig.MEDIA_POSITION, 120, Source.VSS)
    assert outcome.applied and outcome.reply == "At 2:00."
    assert c.value(sig.MEDIA_POSITION) == 120
    press(session, sig.MEDIA_URI, "station:jazz-fm")
    refused = press(session, sig.MEDIA_POSITION, 10, Source.VSS)
    assert refused.rejected and "live radio" in refused.reason


def test_the_song_on_air_changes_as_time_passes(session):
    seen: list[str] = []
    session.cockpit.bus.subscribe(lambda e: seen.append(e.now_playing.title), MediaChanged)
    press(session, sig.MEDIA_URI, "station:ylex")
    run(session, 400, step=1.0)
    assert len(set(seen)) >= 2
    assert session.cockpit.value(sig.MEDIA_TRACK) == seen[-1]


def test_a_vss_client_skips_stations_like_the_driver(session):
    press(session, sig.MEDIA_URI, "station:yle-radio-suomi")
    outcome = session.cockpit.submit(SetSignal(sig.MEDIA_ACTION, "SKIP_FORWARD", source=Source.VSS))
    assert outcome.reply == "Next: Radio Gong."  # the next one up the FM dial
    assert session.cockpit.value(sig.MEDIA_ACTION) == "PLAY"


def test_video_is_still_refused_while_driving(session):
    c = session.cockpit
    c.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    c.update(sig.SPEED, 50.0)
    assert press(session, sig.MEDIA_SOURCE, "TV").rejected
    assert c.value(sig.MEDIA_SOURCE) != "TV"


def test_a_driver_gets_their_default_source_and_favourite_first(make_session):
    bernd = make_session("bernd")
    assert bernd.cockpit.value(sig.MEDIA_SOURCE) == "FM"
    assert bernd.cockpit.value(sig.MEDIA_URI) == "station:bayern-3"  # his first favourite
    assert bernd.view.media_library.favourites == ("station:bayern-3", "station:radio-gong")
    assert bernd.cockpit.value(sig.MEDIA_ACTION) == "STOP"  # the car was silent: it stays silent


def test_the_last_station_is_learned_per_driver(make_session):
    first = make_session("alice")
    say(first, "Alexa, play Jazz FM")
    first.close()
    again = make_session("alice")
    assert again.cockpit.value(sig.MEDIA_URI) == "station:jazz-fm"
    other = make_session("bernd")
    assert other.cockpit.value(sig.MEDIA_URI) == "station:bayern-3"
