"""Every screen at every size, theme and language, audited from the rectangles the widgets report
and the pixels they drew (tests/ui/matrix.py builds the screens, cockpit.ui.audit judges them).

The default run covers every size, theme and language with the cluster layouts taken in turn;
`-m matrix` (which .ci/run also runs) covers every cluster layout with each of them.
Run them together: `pytest -k "collision or contrast or text_size" -m "not fuzz"`.
"""

from __future__ import annotations

import math

import pytest

from cockpit.core import signals as sig
from cockpit.ui import contrast
from cockpit.ui.fonts import MIN_TEXT_PX
from cockpit.ui.layout import CLUSTER_LAYOUTS
from cockpit.ui.theme import COMPONENT_ROLES, SURFACES, TEXT_ROLES, THEMES, Theme
from tests.ui import matrix
from tests.ui.matrix import Combination

SLICE = matrix.default_slice()
REST = [combo for combo in matrix.full_matrix() if combo not in SLICE]
default = pytest.mark.parametrize("combo", SLICE, ids=lambda combo: combo.id)
full = pytest.mark.parametrize("combo", [pytest.param(combo, marks=pytest.mark.matrix) for combo in REST],
                               ids=lambda combo: combo.id)


def _problems(combo: Combination, *kinds: str) -> list[str]:
    return [f"{screen}: {problem}" for screen, found in matrix.audit_combination(combo).items()
            for kind in kinds for problem in getattr(found, kind)]


def check_collisions(combo: Combination) -> None:
    problems = _problems(combo, "collisions", "escapes", "cuts")
    assert not problems, "\n".join(problems)


def check_contrast(combo: Combination) -> None:
    problems = _problems(combo, "text_contrast", "edge_contrast")
    assert not problems, "\n".join(problems)


def check_text_size(combo: Combination) -> None:
    problems = _problems(combo, "small")
    assert not problems, "\n".join(problems)
    sizes = [box.px for found in matrix.audit_combination(combo).values() for box in found.boxes]
    assert sizes and min(sizes) >= MIN_TEXT_PX


@default
def test_no_collision_escape_or_needless_cut_on_any_screen(combo):
    check_collisions(combo)


@default
def test_contrast_of_every_string_and_card_edge_on_any_screen(combo):
    check_contrast(combo)


@default
def test_text_size_never_below_12_px_on_any_screen(combo):
    check_text_size(combo)


@full
def test_no_collision_escape_or_needless_cut_full_matrix(combo):
    check_collisions(combo)


@full
def test_contrast_of_every_string_and_card_edge_full_matrix(combo):
    check_contrast(combo)


@full
def test_text_size_never_below_12_px_full_matrix(combo):
    check_text_size(combo)


def test_the_default_slice_shows_every_cluster_layout_at_every_size():
    assert {(combo.size, combo.cluster) for combo in SLICE} == {
        (size, cluster) for size in matrix.SIZES for cluster in CLUSTER_LAYOUTS}


def test_every_overlay_the_dashboard_builds_has_a_scene_in_the_matrix():
    assert matrix.overlays_built() <= set(matrix.OVERLAY_SCENES)
    assert {f"tab:{tab}" for tab, _ in matrix.TABS} <= set(matrix.scenes())
    assert matrix.screens_that_are_not_tabs() <= set(matrix.SCREEN_SCENES)


def test_the_audits_see_every_screen_they_claim_to():
    """The matrix is not empty talk: each screen has texts, the help and the toasts theirs."""
    found = matrix.audit_combination(SLICE[0])
    assert all(len(screen.boxes) > 30 for name, screen in found.items() if name not in matrix.DIALOG_SCENES)
    # a dialog hides the dimmed screen beneath it, as the help does: its own card is what is seen
    assert all(len(found[name].boxes) >= 4 for name in matrix.DIALOG_SCENES)
    help_texts = {box.text for box in found["help"].boxes}
    assert "Keys" in help_texts and "Clock" not in help_texts  # the help hides what is beneath
    assert any("broker is offline" in box.text for box in found["toasts"].boxes)


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_contrast_of_every_theme_role_on_every_surface(theme: Theme):
    text_needed = contrast.ENHANCED if theme.high_contrast else contrast.BODY
    component_needed = contrast.component_minimum(theme.high_contrast)
    failures = []
    for surface in SURFACES:
        behind = getattr(theme, surface)
        for role in TEXT_ROLES:
            if (ratio := contrast.ratio(getattr(theme, role), behind)) < text_needed:
                failures.append(f"text {role} on {surface}: {ratio:.2f}:1 < {text_needed}:1")
        for role in COMPONENT_ROLES:
            if (ratio := contrast.ratio(getattr(theme, role), behind)) < component_needed:
                failures.append(f"{role} on {surface}: {ratio:.2f}:1 < {component_needed}:1")
    if (ratio := contrast.ratio(theme.on_accent, theme.accent_fill)) < text_needed:
        failures.append(f"on_accent on accent_fill: {ratio:.2f}:1")
    assert not failures, "\n".join(failures)


def test_contrast_high_contrast_cards_keep_their_edges_as_outlines():
    for theme in THEMES:
        if theme.high_contrast:
            assert theme.card == theme.background  # no fills to tell cards apart ...
            assert theme.edge_px >= 2  # ... so a bold outline does
            assert contrast.ratio(theme.edge, theme.background) >= contrast.ENHANCED


# A 12.3-inch 8:3 cluster display is 109.7 mm tall at 720 px; the layout keeps that pixel size on
# bigger screens (they are bigger displays) and shrinks the grid on smaller ones (the same display).
MM_PER_REFERENCE_PX = 109.7 / 720
VIEWING_MM = 750


@pytest.mark.parametrize("size", matrix.SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("cluster", CLUSTER_LAYOUTS)
def test_text_size_of_the_speed_reads_at_a_glance(size, cluster):
    """ISO 15008 style: the speed is the largest figure on screen and its figures are at least
    40 arcminutes tall seen from 750 mm."""
    for dashboard in matrix.dashboard_for(Combination(size, "night", "en-GB", cluster)):
        boxes = dashboard.text_boxes()
        speed = next(box for box in boxes if box.widget == "Speedometer" and box.text == "87")
        assert speed.px == max(box.px for box in boxes)
        height_mm = speed.rect.height * MM_PER_REFERENCE_PX / dashboard.layout.scale
        assert math.degrees(math.atan(height_mm / VIEWING_MM)) * 60 >= 40


def test_text_size_scales_up_instead_of_shrinking_below_the_floor():
    for dashboard in matrix.dashboard_for(Combination((1280, 480), "night", "de-DE", "CLASSIC")):
        assert dashboard.skin.type.px(13) == MIN_TEXT_PX  # 13 design px would be 8.7 px here
        labels = [box for box in dashboard.text_boxes() if box.widget == "Toggle"]
        assert labels and all(box.px >= MIN_TEXT_PX for box in labels)
        assert dashboard.cockpit.value(sig.LANGUAGE) == "de-DE"
