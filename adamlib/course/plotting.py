"""The book's figure style, in one place: a colour-blind-safe palette and the few plot helpers
every chapter uses (a loss surface's contours, an optimizer's path, a loss curve).

Call :func:`use` once at the top of a notebook; explorers apply the same style themselves.

Figures are designed for the page's text column: 672 px wide on a desktop (1280 px screen),
720 px on a tablet, 342 px on a phone. A figure at most :data:`MAX_FIGURE_WIDTH` inches wide
at 100 dpi (900 px) is shown at 672/900 of its size or more on a desktop, so text of
:data:`MIN_FONT_SIZE` points (13.9 px in the image) is still 10 px or more on the screen.
On a phone a figure shrinks to ~40 % of its size; the page's script (``_static_book/figures.js``)
opens it at full size with one tap. A legend sits off the data: outside the axes
(``fig.legend(loc="outside lower center", ncols=...)`` with the style's constrained layout),
or in a corner that the figure shows empty.
"""

from __future__ import annotations

import functools

import contourpy
import numpy as np
from cycler import cycler
from matplotlib.collections import LineCollection
from matplotlib.ticker import FuncFormatter, NullLocator

#: Okabe & Ito's palette (2008), distinguishable with the common kinds of colour blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: One colour per optimizer, the same in every chapter.
OPTIMIZER_COLORS = {
    "SGD": PALETTE["blue"],
    "Momentum": PALETTE["orange"],
    "Nesterov": PALETTE["sky"],
    "AdaGrad": PALETTE["green"],
    "RMSprop": PALETTE["purple"],
    "Adam": PALETTE["vermillion"],
    "AdamW": PALETTE["black"],
    # Yellow is too pale for lines on white: it is left for fills.
    "AMSGrad": "#999999",
}

#: Line styles of the optimizers whose colour shares its hue with another's: Okabe & Ito's blue
#: and sky blue differ only in lightness, which thin lines do not show (SGD and Nesterov meet
#: in chapter 2's figures). :func:`path` and :func:`loss_curve` apply them by label.
OPTIMIZER_LINESTYLES = {"Nesterov": "--"}

#: The widest figure, in inches at the style's 100 dpi, whose text stays 10 px high in the
#: desktop column (see the module's docstring).
MAX_FIGURE_WIDTH = 9.0

#: The smallest font size, in points, of any text in a figure.
MIN_FONT_SIZE = 10

STYLE = {
    "axes.prop_cycle": cycler(color=[PALETTE[k] for k in
                                     ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]),
    "figure.figsize": (7.0, 3.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    # Every text size explicit (the values matplotlib's relative defaults gave), none below
    # MIN_FONT_SIZE, so a smaller font.size cannot shrink ticks or legends with it.
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.title_fontsize": 10,
    "figure.titlesize": 12,
    "figure.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "lines.linewidth": 1.6,
    "image.cmap": "viridis",
}


def use() -> None:
    """Apply the book's style to every figure drawn after this call."""
    import matplotlib as mpl

    mpl.rcParams.update(STYLE)


def _optimizer_linestyle(label, kwargs) -> None:
    if label in OPTIMIZER_LINESTYLES and "linestyle" not in kwargs and "ls" not in kwargs:
        kwargs["linestyle"] = OPTIMIZER_LINESTYLES[label]


@functools.lru_cache(maxsize=32)
def contour_lines(problem, levels: int = 20, resolution: int = 200, log: bool = True):
    """The contour lines of a 2-D problem's loss over its bounds, computed once per problem.

    Levels are evenly spaced in log10(f − min f) when ``log`` (a valley's floor and walls both
    get lines). Cached because explorers redraw the same landscape at every slider move.
    """
    (x0, x1), (y0, y1) = problem.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    Z = problem.f(np.stack([X, Y], axis=-1))
    if log:
        Z = np.log10(Z - Z.min() + 1e-3)
    generator = contourpy.contour_generator(X, Y, Z)
    return [line for level in np.linspace(Z.min(), Z.max(), levels + 2)[1:-1]
            for line in generator.lines(level)]


def contours(ax, problem, levels: int = 20, resolution: int = 200, log: bool = True):
    """Contour lines of a 2-D problem's loss over its plotting bounds, and its minimum (star)."""
    lines = contour_lines(problem, levels, resolution, log)
    ax.add_collection(LineCollection(lines, colors="0.75", linewidths=0.7))
    ax.plot(*problem.x_star, marker="*", color="0.2", markersize=9, linestyle="none")
    (x0, x1), (y0, y1) = problem.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def path(ax, trajectory, label: str | None = None, color: str | None = None, **kwargs):
    """An optimizer's trajectory: its iterates joined by lines, the start marked."""
    trajectory = np.asarray(trajectory)
    color = color or OPTIMIZER_COLORS.get(label)
    _optimizer_linestyle(label, kwargs)
    (line,) = ax.plot(trajectory[:, 0], trajectory[:, 1], marker="o", markersize=2.5,
                      label=label, color=color, **kwargs)
    ax.plot(*trajectory[0], marker="s", color=line.get_color(), markersize=5)
    return line


def loss_curve(ax, losses, label: str | None = None, color: str | None = None, **kwargs):
    """Loss against step on a log scale, where linear convergence is a straight line."""
    color = color or OPTIMIZER_COLORS.get(label)
    _optimizer_linestyle(label, kwargs)
    (line,) = ax.semilogy(np.arange(len(losses)), losses, label=label, color=color, **kwargs)
    # Plain-text labels (0.001, 1e+04) and no minor ticks: mathtext labels and minor ticks
    # are most of the cost of redrawing a log axis, which explorers do at every slider move.
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("step $t$")
    ax.set_ylabel("loss")
    return line


def smooth(values, window: int):
    """The moving average of ``window`` consecutive values (len(values) − window + 1 of them):
    minibatch losses are noisy from step to step, and their trend is what a figure shows."""
    return np.convolve(values, np.ones(window) / window, mode="valid")


def fixed_ticks(ax, x=None, y=None):
    """Fixed ticks with plain labels (and no minor ticks): cheaper to draw than automatic ones,
    which matters in an explorer's frames."""
    for axis, ticks in [(ax.xaxis, x), (ax.yaxis, y)]:
        if ticks is not None:
            axis.set_ticks(ticks, labels=[f"{v:g}" for v in ticks])
            axis.set_minor_locator(NullLocator())
