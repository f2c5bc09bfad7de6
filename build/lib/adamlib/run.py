"""Running an optimizer for a number of steps."""

from __future__ import annotations

import numpy as np

from . import _validate


def minimize(grad_fn, x0, opt, steps: int) -> np.ndarray:
    """Run ``steps`` updates of ``opt`` from ``x0``; return the trajectory.

    ``grad_fn(x)`` returns the gradient at x (a minibatch gradient is fine). The result has
    shape ``(steps + 1, *x0.shape)``; row 0 is x0 and row t the params after step t.
    """
    steps = _validate.positive_int("steps", steps, minimum=0)
    x = _validate.float_array("x0", x0)
    state = opt.init(x)
    path = np.empty((steps + 1, *x.shape), dtype=x.dtype)
    path[0] = x
    for t in range(1, steps + 1):
        x, state = opt.step(x, grad_fn(x), state)
        path[t] = x
    return path
