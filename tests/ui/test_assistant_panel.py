"""The assistant column: push-to-talk, the text box, bubbles, the listening animation, spoken replies."""

from __future__ import annotations

import pygame

from cockpit.core import signals as sig
from cockpit.core.policy import Restrictions
from cockpit.session import Session, Settings
from cockpit.ui.dashboard import Dashboard
from cockpit.ui.widgets.assistant import AssistantHeader, Transcript


def widget(dashboard, kind):
    return next(w for w in dashboard.widgets if isinstance(w, kind))


def test_typing_an_utterance_and_enter_shows_both_bubbles_and_changes_the_cabin(ui, said, cockpit):
    assert cockpit.value(sig.DRIVER_TEMP) != 23.0
    ui.handle_key("space")
    for key in "set the":  # key presses while typing are text, not controls (t would warm the cabin)
        ui.handle_key(key)
    ui.type_text(" set the temperature to 23")  # the space that started listening is dropped
    ui.frame()
    assert "set the temperature to 23" in ui.visible_text()  # the text box
    assert cockpit.value(sig.DRIVER_TEMP) == 21.0
    ui.handle_key("return")
    ui.frame()
    assert cockpit.value(sig.DRIVER_TEMP) == 23.0
    bubbles = widget(ui, Transcript).current
    assert (bubbles[0].speaker, bubbles[0].text) == ("driver", "set the temperature to 23")
    reply = bubbles[1].text
    assert bubbles[1].speaker == "assistant" and reply
    shown = " ".join(widget(ui, Transcript).texts)  # bubbles wrap long lines
    assert "set the temperature to 23" in shown and reply in shown
    assert said == [reply]  # the guest profile asks for spoken replies
    assert not ui.talk.listening


def test_driver_bubbles_sit_on_the_right_and_replies_on_the_left(ui):
    ui.handle_key("space")
    ui.type_text("a bit warmer")
    ui.handle_key("return")
    ui.frame()
    transcript = widget(ui, Transcript)
    accent = ui.skin.theme.accent
    right = pygame.Rect(transcript.rect.right - 30, transcript.rect.top, 30, transcript.rect.height)
    left = pygame.Rect(transcript.rect.left, transcript.rect.top, 30, transcript.rect.height)
    colours = {tuple(ui.surface.get_at((x, y)))[:3] for x in range(right.left, right.right, 2)
               for y in range(right.top, right.bottom, 2)}
    assert accent in colours
    assert ui.skin.theme.card_raised in {tuple(ui.surface.get_at((x, y)))[:3]
                                         for x in range(left.left, left.right, 2)
                                         for y in range(left.top, left.bottom, 2)}


def test_the_listening_animation_changes_pixels_between_frames(ui, session):
    header = widget(ui, AssistantHeader)
    still = ui.surface.subsurface(header.rect).copy()
    session.step(0.3)
    ui.frame()
    unchanged = pygame.image.tobytes(ui.surface.subsurface(header.rect), "RGB")
    assert unchanged == pygame.image.tobytes(still, "RGB")  # idle: nothing moves
    ui.handle_key("space")
    pictures = []
    for _ in range(3):
        session.step(0.2)
        ui.frame()
        pictures.append(pygame.image.tobytes(ui.surface.subsurface(header.rect), "RGB"))
    assert len(set(pictures)) == 3
    assert "Listening…" in ui.visible_text()


def test_escape_cancels_listening_without_quitting(ui):
    ui.handle_key("space")
    ui.type_text("open the")
    ui.handle_key("escape")
    ui.frame()
    assert not ui.talk.listening and not ui.quit_requested
    assert widget(ui, Transcript).current == ()
    assert "Press Space to talk" in ui.visible_text()


def test_while_driving_with_typing_blocked_a_suggested_phrase_is_said(ui, cockpit):
    cockpit = cockpit
    cockpit.set_restrictions(Restrictions(blocked_while_driving=frozenset({"video", "keyboard"})))
    cockpit.update(sig.SELECTED_GEAR, sig.GEAR_DRIVE)
    cockpit.update(sig.SPEED, 50.0)
    ui.frame()
    assert "Voice only while driving" in ui.visible_text()
    ui.handle_key("space")
    ui.type_text("open the garage")  # typing is blocked: ignored
    ui.handle_key("down")  # picks the next phrase; the brake stays untouched
    ui.frame()
    assert cockpit.value(sig.BRAKE) == 0
    suggestions = ui.talk.suggestions
    assert suggestions[:2] == ("Set the temperature to 21", "A bit warmer")  # the assistant's own examples
    assert f"“{suggestions[1]}”" in ui.visible_text()
    before = cockpit.value(sig.DRIVER_TEMP)
    ui.handle_key("return")
    ui.frame()
    assert widget(ui, Transcript).current[0].text == suggestions[1]
    assert cockpit.value(sig.DRIVER_TEMP) == before + 1.0
    ui.handle_key("w")  # not listening any more: W drives again
    assert cockpit.value(sig.ACCELERATOR) > 0


def test_no_spoken_reply_when_the_driver_turned_them_off(tmp_path):
    (tmp_path / "quiet.yaml").write_text(
        "schema_version: 1\nidentity: {id: guest, display_name: Quiet}\nassistant: {spoken_replies: false}\n")
    said: list[str] = []
    with Session(Settings(profiles_dir=tmp_path, state_dir=tmp_path / "state", use_broker=False)) as session:
        dashboard = Dashboard(session.view, (1920, 720), speak=said.append)
        dashboard.handle_key("space")
        dashboard.type_text("a bit warmer")
        dashboard.handle_key("return")
        dashboard.frame()
        assert said == []
        assert len(widget(dashboard, Transcript).current) == 2  # the reply is still shown
        dashboard.close()
