"""Figures are drawn for the column they sit in (issue 14): no text below
adamlib.plotting.MIN_FONT_SIZE points and no figure wider than plotting.MAX_FIGURE_WIDTH inches,
in the book's style and in every chapter's and adamlib's code.

The code is read, not run: a size the code computes (a variable, an expression of variables)
is not seen; a literal one, or arithmetic on literals, is."""

from __future__ import annotations

import ast
import json

import matplotlib as mpl
import pytest

import tools
from adamlib import plotting

NOTEBOOKS = sorted((tools.ROOT / "chapters").glob("*.ipynb"))
MODULES = sorted((tools.ROOT / "adamlib").rglob("*.py"))

# matplotlib's relative sizes, as factors of font.size (matplotlib.font_manager.font_scalings).
RELATIVE = {"xx-small": 0.579, "x-small": 0.694, "small": 0.833, "smaller": 0.833,
            "medium": 1.0, "large": 1.2, "x-large": 1.44, "xx-large": 1.728, "larger": 1.2}
FONT_KEYWORDS = {"fontsize", "labelsize", "titlesize", "title_fontsize"}
# Calls whose `size=` is a font size (elsewhere `size=` is an array's shape, a sample count...).
TEXT_CALLS = {"text", "annotate", "set_title", "set_xlabel", "set_ylabel", "suptitle",
              "supxlabel", "supylabel", "title", "xlabel", "ylabel", "figtext", "set_fontsize",
              "set_size", "clabel", "set_label_text"}
FONT_DICTS = {"fontdict", "prop", "title_fontproperties", "textprops"}


def value(node):
    """The value of a literal, or of arithmetic on literals; None for anything else."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        pass
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div, ast.Add, ast.Sub)):
        left, right = value(node.left), value(node.right)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return {ast.Mult: left * right, ast.Div: left / right if right else None,
                    ast.Add: left + right, ast.Sub: left - right}[type(node.op)]
    return None


def points(size):
    """A font size in points (a number, or one of matplotlib's relative names at font.size)."""
    if isinstance(size, str):
        return RELATIVE[size] * plotting.STYLE["font.size"] if size in RELATIVE else None
    return size if isinstance(size, (int, float)) else None


def problems(source: str) -> list[str]:
    """Text sizes under MIN_FONT_SIZE and figures wider than MAX_FIGURE_WIDTH in Python code."""
    tree = ast.parse("\n".join(line for line in source.splitlines()
                               if not line.lstrip().startswith(("%", "!"))))
    found = []

    def small(size, where):
        pt = points(size)
        if pt is not None and pt < plotting.MIN_FONT_SIZE:
            found.append(f"line {where.lineno}: font size {size!r} ({pt:.1f} pt)")

    def wide(figsize, where):
        if isinstance(figsize, (tuple, list)) and figsize and isinstance(figsize[0], (int, float)) \
                and figsize[0] > plotting.MAX_FIGURE_WIDTH:
            found.append(f"line {where.lineno}: figure {figsize[0]} in wide")

    def font_dict(mapping, where):
        for key, size in mapping.items():
            if isinstance(key, str) and (key in ("size", "fontsize") or key.endswith(
                    ("labelsize", "titlesize", "title_fontsize", "font.size", "legend.fontsize"))):
                small(size, where)
            if key == "figure.figsize":
                wide(size, where)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            for keyword in node.keywords:
                if keyword.arg in FONT_KEYWORDS or (keyword.arg == "size" and name in TEXT_CALLS):
                    small(value(keyword.value), node)
                elif keyword.arg == "figsize":
                    wide(value(keyword.value), node)
                elif keyword.arg in FONT_DICTS and isinstance(value(keyword.value), dict):
                    font_dict(value(keyword.value), node)
            if name in ("set_fontsize", "set_size") and node.args:
                small(value(node.args[0]), node)
            if name == "set_size_inches" and node.args:
                wide(value(node.args[0]) if len(node.args) == 1 else (value(node.args[0]),), node)
            if name in ("update", "rc_context", "rc") and node.args and isinstance(value(node.args[0]), dict):
                font_dict(value(node.args[0]), node)
        elif isinstance(node, ast.Dict) and isinstance(value(node), dict):
            # A style dict anywhere (STYLE itself, an rc_context's argument): its rcParams keys.
            font_dict({k: v for k, v in value(node).items() if isinstance(k, str) and "." in k}, node)
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            key = value(node.targets[0].slice)  # rcParams["font.size"] = 8
            if isinstance(key, str) and "." in key:
                font_dict({key: value(node.value)}, node)
    return found


def code_of(path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")


def test_the_style_sets_every_text_size_at_least_the_minimum():
    text_sizes = [key for key in mpl.rcParamsDefault
                  if key == "font.size" or key.endswith(("labelsize", "titlesize", "fontsize"))]
    assert len(text_sizes) >= 9  # ticks, labels, titles and legends of axes and figures
    assert set(text_sizes) <= set(plotting.STYLE), sorted(set(text_sizes) - set(plotting.STYLE))
    too_small = {key: plotting.STYLE[key] for key in text_sizes
                 if not isinstance(plotting.STYLE[key], (int, float))
                 or plotting.STYLE[key] < plotting.MIN_FONT_SIZE}
    assert not too_small, f"text sizes not given in points, or below {plotting.MIN_FONT_SIZE}: {too_small}"
    assert plotting.STYLE["figure.figsize"][0] <= plotting.MAX_FIGURE_WIDTH
    assert plotting.STYLE["figure.dpi"] == plotting.STYLE["savefig.dpi"] == 100


@pytest.mark.parametrize("path", NOTEBOOKS + MODULES, ids=lambda p: p.name)
def test_no_text_too_small_and_no_figure_too_wide(path):
    source = code_of(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    found = problems(source)
    assert not found, (f"{path.name}: text under {plotting.MIN_FONT_SIZE} pt or a figure wider than "
                       f"{plotting.MAX_FIGURE_WIDTH} in (see adamlib.plotting):\n" + "\n".join(found))


def test_the_reading_sees_the_usual_ways_of_sizing():
    assert problems('ax.legend(fontsize=9)') == ["line 1: font size 9 (9.0 pt)"]
    assert problems('ax.legend(fontsize="small")') == ["line 1: font size 'small' (8.3 pt)"]
    assert problems('ax.tick_params(labelsize=8)') and problems('ax.text(0, 0, "a", size=7)')
    assert problems('ax.legend(prop={"size": 8})') and problems('plt.rcParams["font.size"] = 8')
    assert problems('with mpl.rc_context({"legend.fontsize": 7}):\n    pass')
    assert problems("fig = plt.figure(figsize=(10, 6))") == ["line 1: figure 10 in wide"]
    assert problems("fig.set_size_inches(2 * 5, 3)") and problems('STYLE = {"figure.figsize": (12, 3)}')
    assert problems('%matplotlib inline\nfig, ax = plt.subplots(figsize=(9, 5.4))') == []
    assert problems('ax.legend(fontsize=10); x = rng.normal(size=3); ax.set_title("t", size=11)') == []
