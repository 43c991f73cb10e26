"""The colours of the six entity kinds, one variant for dark themes and one
for light ones, and the CSS that applies them.

Textual themes are free to choose their own primary, secondary and accent
colours, and several built-in themes make two of them near neighbours, so
theme variables cannot keep six kinds apart. These are fixed colours
instead, picked by the App's `-dark-mode` / `-light-mode` class (Textual
sets one of the two from the theme's `dark` flag).

They were chosen by searching sRGB for the six colours whose closest pair
is as far apart as possible as seen with protanopia, deuteranopia and
tritanopia (tui/colour_check.py), keeping 4.5:1 contrast on the background
and in a quote, a clear difference from the body text, and one hue family
per kind in both variants: person pink, organisation blue, place green,
date orange-brown, number violet, money yellow. tests/test_palette.py holds
the thresholds; `python -m tui.colour_check` prints the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("person", "org", "place", "date", "number", "money")
"""Entity kinds, as the analysis labels them (lower-cased)."""

LEGEND_LABELS = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date",
    "number": "number",
    "money": "money",
}

BOLD_KINDS = ("person", "org", "place", "money")
"""Names and sums are bold; dates and numbers are coloured only, so the
commonest kinds in news prose don't shout."""


@dataclass(frozen=True)
class Variant:
    name: str
    mode: str
    """The App class that selects it: `-dark-mode` or `-light-mode`."""
    background: str
    """The background the colours were checked on (textual-dark's or textual-light's)."""
    text: str
    """The body text colour they must stand out from."""
    quote_background: str
    """The tint behind a quotation (entities inside a quote sit on it)."""
    kinds: dict[str, str] = field(default_factory=dict)


DARK = Variant(
    name="dark",
    mode="-dark-mode",
    background="#121212",
    text="#e0e0e0",
    quote_background="#1e2430",
    kinds={
        "person": "#fc3c9c",
        "org": "#48ccf0",
        "place": "#00a800",
        "date": "#fc9c84",
        "number": "#9078fc",
        "money": "#f0d800",
    },
)

LIGHT = Variant(
    name="light",
    mode="-light-mode",
    background="#e0e0e0",
    text="#1f1f1f",
    quote_background="#eef0f4",
    kinds={
        "person": "#c00c60",
        "org": "#002460",
        "place": "#006054",
        "date": "#601800",
        "number": "#8400fc",
        "money": "#786000",
    },
)

VARIANTS = (DARK, LIGHT)


def entity_css(selector: str, kinds: tuple[str, ...] = KINDS) -> str:
    """Colour rules for `selector` with `{kind}` in it, per variant, e.g.
    `entity_css("ArticleView > .article-view--{kind}")`."""
    rules = []
    for variant in VARIANTS:
        for kind in kinds:
            rules.append(f"App.{variant.mode} {selector.format(kind=kind)} {{ color: {variant.kinds[kind]}; }}")
    for kind in kinds:
        if kind in BOLD_KINDS:
            rules.append(f"{selector.format(kind=kind)} {{ text-style: bold; }}")
    return "\n".join(rules) + "\n"


def quote_css(selector: str) -> str:
    """The quotation tint for `selector`, per variant."""
    return "".join(
        f"App.{variant.mode} {selector} {{ background: {variant.quote_background}; }}\n" for variant in VARIANTS
    )
