"""Colour arithmetic for checking the entity palette (no Textual, no index):
WCAG contrast, simulated colour-vision deficiencies and CIEDE2000 distances.

The simulation uses the matrices of Machado, Oliveira and Fernandes (2009),
"A Physiologically-based Model for Simulation of Color Vision Deficiency",
at severity 1.0 (dichromacy, the hardest case), applied in linear RGB.
Distances are CIEDE2000 (Sharma, Wu and Dalal 2005) in CIELAB under D65.

Run `python -m tui.colour_check` for the table of contrasts and the
smallest distance between any two kinds, per theme variant and per vision.
"""

from __future__ import annotations

import math
from itertools import combinations

RGB = tuple[float, float, float]
"""Red, green, blue in 0..1."""
Matrix = tuple[RGB, RGB, RGB]

# Machado et al. 2009, table for severity 1.0 (linear RGB in, linear RGB out).
DEFICIENCIES: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("normal", *DEFICIENCIES)


def parse_hex(colour: str) -> RGB:
    """`#rrggbb` to sRGB components in 0..1."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def to_linear(rgb: RGB) -> RGB:
    return (_linear(rgb[0]), _linear(rgb[1]), _linear(rgb[2]))


def from_linear(rgb: RGB) -> RGB:
    return (_gamma(rgb[0]), _gamma(rgb[1]), _gamma(rgb[2]))


def simulate(colour: str, vision: str) -> RGB:
    """How `colour` looks with `vision` ("normal" or a key of DEFICIENCIES), as sRGB."""
    rgb = parse_hex(colour)
    if vision == "normal":
        return rgb
    matrix = DEFICIENCIES[vision]
    lin = to_linear(rgb)
    seen = tuple(sum(row[i] * lin[i] for i in range(3)) for row in matrix)
    return from_linear((seen[0], seen[1], seen[2]))


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""
    r, g, b = to_linear(rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1..21 (4.5 is the minimum for body text, AA)."""
    a, b = luminance(parse_hex(foreground)), luminance(parse_hex(background))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def to_lab(rgb: RGB) -> RGB:
    """sRGB to CIELAB (D65 white)."""
    r, g, b = to_linear(rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp = l2 - l1
    dcp = c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    else:
        dhp = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dHp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lbp = (l1 + l2) / 2
    cbp = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    d_theta = 30 * math.exp(-(((hbp - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cbp**7 / (cbp**7 + 25**7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc = 1 + 0.045 * cbp
    sh = 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dcp / sc) * (dHp / sh)
    )


def distance(colour1: str, colour2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two colours as someone with `vision` sees them."""
    return delta_e2000(to_lab(simulate(colour1, vision)), to_lab(simulate(colour2, vision)))


def closest_pair(colours: dict[str, str], vision: str) -> tuple[float, str, str]:
    """The two kinds that look most alike with `vision`, and their distance."""
    return min((distance(colours[a], colours[b], vision), a, b) for a, b in combinations(colours, 2))


def main() -> None:
    from .palette import VARIANTS

    for variant in VARIANTS:
        print(f"{variant.name}: background {variant.background}, text {variant.text}")
        for kind, colour in variant.kinds.items():
            print(
                f"  {kind:<7} {colour}  contrast {contrast(colour, variant.background):4.1f}"
                f" (in a quote {contrast(colour, variant.quote_background):4.1f})"
                f"  from the text ΔE {distance(colour, variant.text):4.1f}"
            )
        for vision in VISIONS:
            gap, a, b = closest_pair(variant.kinds, vision)
            print(f"  {vision:<13} closest: {a} / {b}  ΔE2000 {gap:4.1f}")


if __name__ == "__main__":
    main()
