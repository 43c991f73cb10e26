"""The entity colours: readable on dark and light themes, and the six kinds
told apart with normal vision and with each common colour-vision deficiency.

Thresholds, and why:
- Contrast 4.5:1 against the background and the quote tint: WCAG 2 AA for
  body text. Entities are words in running text, not large type.
- CIEDE2000 ≥ 14 between any two kinds as seen with protanopia, deuteranopia
  and tritanopia (Machado et al. 2009 at full severity, the hardest case).
  A difference of about 2 is just noticeable between large patches side by
  side; colour differences are much harder to see on thin, small marks such
  as text, which need several times that (Szafir 2017, "Modeling Color
  Difference for Visualization Design"), and a reader must recognise a kind
  on its own, not beside another. 14 is about six large-patch JNDs. It is
  the most the light variant can reach with 4.5:1 contrast on
  textual-light's mid-grey background: a search of sRGB for six colours in
  distinct hue families found 14.6 at best there (the dark variant reaches
  15.8). A second cue backs colour up: names and sums are bold, dates and
  numbers are not.
- ≥ 25 with normal vision, so each kind reads as a different hue, not a
  shade of another (the old person and organisation blues were 12 apart,
  and date, number and money shared one colour: 0).
- ≥ 14 from the body text in every vision, so an entity stands out at all.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from textual.theme import BUILTIN_THEMES

from tui.colour_check import (
    DEFICIENCIES,
    VISIONS,
    closest_pair,
    contrast,
    delta_e2000,
    distance,
    simulate,
    to_hex,
)
from tui.palette import DARK, KINDS, LIGHT, VARIANTS, entity_css

MIN_CONTRAST = 4.5
MIN_DEFICIENT = 14.0
MIN_NORMAL = 25.0
MIN_FROM_TEXT = 14.0


def theme_colours(name: str) -> dict[str, str]:
    variables = BUILTIN_THEMES[name].to_color_system().generate()
    return {key: variables[key].lower() for key in ("background", "foreground")}


def test_ciede2000_matches_the_published_test_pairs():
    """Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 17 and 25."""
    pairs = [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ]
    for lab1, lab2, expected in pairs:
        assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_the_simulations_confuse_what_each_deficiency_confuses():
    """A red and a green of equal lightness are far apart normally, close for
    protanopes and deuteranopes; blue and green stay apart for them but come
    together for tritanopes. Grey is unchanged by every simulation."""
    red, green = "#c86400", "#6e8c00"
    assert distance(red, green) > 20
    assert distance(red, green, "protanopia") < 10
    assert distance(red, green, "deuteranopia") < 10
    blue, teal = "#3c64c8", "#3c8c8c"
    assert distance(blue, teal, "deuteranopia") > distance(blue, teal, "tritanopia")
    for vision in DEFICIENCIES:
        assert to_hex(simulate("#808080", vision)) == "#808080"


def test_both_variants_were_checked_on_textuals_own_themes():
    assert theme_colours("textual-dark")["background"] == DARK.background
    assert theme_colours("textual-light")["background"] == LIGHT.background
    assert theme_colours("textual-dark")["foreground"] == DARK.text
    assert theme_colours("textual-light")["foreground"] == LIGHT.text


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_every_kind_is_readable(variant):
    assert set(variant.kinds) == set(KINDS)
    for kind, colour in variant.kinds.items():
        assert contrast(colour, variant.background) >= MIN_CONTRAST, kind
        assert contrast(colour, variant.quote_background) >= MIN_CONTRAST, f"{kind} in a quote"
    assert contrast(variant.text, variant.quote_background) >= MIN_CONTRAST


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
@pytest.mark.parametrize("vision", VISIONS)
def test_every_two_kinds_are_told_apart(variant, vision):
    least = MIN_NORMAL if vision == "normal" else MIN_DEFICIENT
    for a, b in combinations(KINDS, 2):
        gap = distance(variant.kinds[a], variant.kinds[b], vision)
        assert gap >= least, f"{variant.name}, {vision}: {a} and {b} are ΔE2000 {gap:.1f} apart"
    assert closest_pair(variant.kinds, vision)[0] >= least


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
@pytest.mark.parametrize("vision", VISIONS)
def test_every_kind_stands_out_from_the_text(variant, vision):
    for kind, colour in variant.kinds.items():
        assert distance(colour, variant.text, vision) >= MIN_FROM_TEXT, f"{kind} ({vision})"


@pytest.mark.parametrize("name", [n for n in BUILTIN_THEMES if not n.startswith("ansi")])
def test_every_builtin_theme_keeps_the_kinds_legible(name):
    """The variants were tuned on Textual's own themes; on every other built-in
    theme (lighter or darker backgrounds) they still meet WCAG's 3:1 floor."""
    theme = BUILTIN_THEMES[name]
    variant = DARK if theme.dark else LIGHT
    background = theme_colours(name)["background"]
    for kind, colour in variant.kinds.items():
        assert contrast(colour, background) >= 3.0, f"{kind} on {name}"


def test_the_css_gives_each_kind_its_colour_in_each_mode():
    css = entity_css("X > .x--{kind}")
    assert "App.-dark-mode X > .x--person { color: #fc3c9c; }" in css
    assert f"App.-light-mode X > .x--org {{ color: {LIGHT.kinds['org']}; }}" in css
