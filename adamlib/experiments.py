"""What the chapters' experiments share: a sweep over learning rates and a settling time.

Chapter 6 introduces both (its comparison of the four methods on the ravine and Rosenbrock's
function); chapter 2 measures how many steps the heavy ball needs with the same settling time.
"""

from __future__ import annotations

import numpy as np


def sweep(grad, x0, make, lrs, steps):
    """Run ``make(lr)`` from x0 for every lr in lrs at once; returns ``paths[step, i]`` for lrs[i].

    Each row of one array is one run. ``make(1.0)`` stepping from the origin returns minus the
    step's direction for every row (descend(0, d, 1) = −d); row i then moves by lrs[i] times it,
    as descend(x, d, lrs[i]) would. A run that blows up (a non-finite gradient, or a coordinate
    beyond 1e6 in size) stops there and is NaN from then on.
    """
    lrs = np.asarray(lrs, dtype=float)[:, None]
    opt = make(1.0)
    x = np.tile(x0, (len(lrs), 1))
    state, alive = opt.init(x), np.ones(len(lrs), dtype=bool)
    paths = np.full((steps + 1, *x.shape), np.nan)
    paths[0] = x
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = grad(x)
            alive &= np.isfinite(g).all(axis=1) & (np.abs(x).max(axis=1) < 1e6)
            g = np.where(alive[:, None], g, 0.0)
            minus_direction, state = opt.step(np.zeros_like(x), g, state)
            x = np.where(alive[:, None], x + lrs * minus_direction, x0)
            paths[t, alive] = x[alive]
    return paths


def settled(values, below):
    """The number of steps after which ``values[t]`` stays below ``below``: the first t from
    which every later value is below it (0 if all are; inf if the last one is not)."""
    above = np.flatnonzero(~(np.asarray(values) < below))
    if above.size and above[-1] == len(values) - 1:
        return np.inf
    return int(above[-1]) + 1 if above.size else 0
