"""Accessibility of the book: every image says what it shows, and every figure takes its hues
from adamlib.plotting's colour-blind-safe palette (Okabe & Ito) rather than from a literal.

Greys (matplotlib's "0.0" to "1.0", black, white) and grey or perceptually uniform colour maps
(gray, Greys, viridis, cividis) carry no hue, so any colour vision reads them; they may be
written as literals."""

from __future__ import annotations

import colorsys
import itertools
import json
import re

import pytest

import tools
from adamlib import plotting

NOTEBOOKS = sorted((tools.ROOT / "chapters").glob("*.ipynb"))
# A colour or colour map given as a literal string in a chapter's code: color="red",
# c='#ff0000', cmap="jet", colors=["k", ...]. Colours must come from adamlib.plotting.
LITERAL_COLOUR = re.compile(
    r"""\b(?:color|colors|c|cmap|facecolor|edgecolor|mfc|mec)\s*=\s*[\[(]?\s*["']([^"']+)["']""")
NEUTRAL = re.compile(r"(?:0(?:\.\d+)?|1(?:\.0+)?|black|white|k|w|none|gray|grey|gray_r|Greys|Greys_r"
                     r"|viridis|viridis_r|cividis|cividis_r)")
OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}


def code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def test_the_palette_is_okabe_and_itos():
    assert set(plotting.PALETTE.values()) == OKABE_ITO
    greys = {"#999999"}  # AMSGrad: a neutral grey, readable by every kind of colour vision
    assert set(plotting.OPTIMIZER_COLORS.values()) <= OKABE_ITO | greys
    cycle = plotting.STYLE["axes.prop_cycle"].by_key()["color"]
    assert set(cycle) <= OKABE_ITO and plotting.STYLE["image.cmap"] in ("viridis", "cividis")


def hue_and_lightness(colour):
    """A colour's hue in degrees (None for a grey) and its lightness in [0, 1]."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    return (hue * 360 if saturation > 0.15 else None), lightness


def told_apart(first, second):
    """Two line colours a reader tells apart: hues 10° apart or more, or a grey and a hue, or
    two greys far apart in lightness. Okabe & Ito's blue and sky blue share a hue (202°) and
    differ only in lightness, which a thin line does not show."""
    (hue1, light1), (hue2, light2) = hue_and_lightness(first), hue_and_lightness(second)
    if hue1 is None and hue2 is None:
        return abs(light1 - light2) >= 0.4
    if hue1 is None or hue2 is None:
        return True
    return min(abs(hue1 - hue2), 360 - abs(hue1 - hue2)) >= 10


def test_every_two_optimizers_differ_in_colour_or_line_style():
    """Any two optimizers may share a figure (SGD and Nesterov do in chapter 2): each pair
    differs in colour as told_apart says, or in line style."""
    def style(name):
        return plotting.OPTIMIZER_LINESTYLES.get(name, "-")

    alike = [(a, b) for a, b in itertools.combinations(plotting.OPTIMIZER_COLORS, 2)
             if not told_apart(plotting.OPTIMIZER_COLORS[a], plotting.OPTIMIZER_COLORS[b])
             and style(a) == style(b)]
    assert not alike, f"optimizers drawn alike (give one a line style in OPTIMIZER_LINESTYLES): {alike}"


def test_told_apart_separates_hues_not_lightnesses():
    assert not told_apart(plotting.PALETTE["blue"], plotting.PALETTE["sky"])
    assert told_apart(plotting.PALETTE["orange"], plotting.PALETTE["vermillion"])
    assert told_apart(plotting.PALETTE["black"], "#999999") and not told_apart("#999999", "#777777")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_take_their_colours_from_the_palette(path):
    found = [(i, m.group()) for i, source in enumerate(code_cells(path))
             for m in LITERAL_COLOUR.finditer(source) if not NEUTRAL.fullmatch(m.group(1))]
    assert not found, (f"{path.name}: colours given as literals (use adamlib.plotting.PALETTE, "
                       f"OPTIMIZER_COLORS or the style's colour map): {found}")


HEX = re.compile(r"""["'](#[0-9A-Fa-f]{6})["']""")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_hex_colour_is_the_palettes(path):
    """A hex colour anywhere in a chapter's code (in a list, a dict, a variable), not only after
    `color=`, is one of the palette's or AMSGrad's grey."""
    allowed = {c.lower() for c in (*plotting.PALETTE.values(), *plotting.OPTIMIZER_COLORS.values())}
    found = [(i, h) for i, source in enumerate(code_cells(path))
             for h in HEX.findall(source) if h.lower() not in allowed]
    assert not found, f"{path.name}: hex colours outside adamlib.plotting's palette: {found}"


def test_the_colour_check_catches_hues_and_lets_greys_pass():
    def flagged(source):
        return [m.group(1) for m in LITERAL_COLOUR.finditer(source) if not NEUTRAL.fullmatch(m.group(1))]

    assert flagged('ax.plot(x, y, color="red")') == ["red"]
    assert flagged("ax.scatter(x, y, c='#ff0000')") == ["#ff0000"]
    assert flagged('ax.imshow(z, cmap="jet")') == ["jet"]
    assert flagged('ax.plot(x, y, color=PALETTE["blue"])') == []
    assert flagged('ax.plot(x, y, color="0.6"); ax.imshow(z, cmap="gray_r")') == []


def test_every_image_of_the_book_says_what_it_shows(book_html):
    """An <img> in a page's article has alt text, or sits in a figure whose caption says it."""
    missing = []
    for page in sorted(book_html.glob("chapters/*.html")):
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article"):html.rfind("</article>")]
        for figure in re.findall(r"<figure\b.*?</figure>", article, re.S):
            caption = re.search(r"<figcaption\b.*?>(.*?)</figcaption>", figure, re.S)
            if caption and len(re.sub(r"<[^>]+>", "", caption.group(1)).strip()) > 40:
                article = article.replace(figure, "")
        for img in re.findall(r"<img\b[^>]*>", article):
            alt = re.search(r'\balt="([^"]*)"', img)
            if not alt or len(alt.group(1).strip()) < 10:
                missing.append(f"{page.name}: {img[:120]}")
    assert not missing, "images without alt text or caption:\n" + "\n".join(missing[:20])
