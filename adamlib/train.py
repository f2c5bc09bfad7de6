"""Running an optimizer: a path on a surface (:func:`minimize`), or a model trained on data in
minibatches with the loss of every step recorded (:func:`train`).

For :func:`train`, any model with ``loss_and_grad(params, *data)`` (the models of
:mod:`adamlib.models`) and any optimizer of :mod:`adamlib.optimizers` will do: each step draws
a minibatch, computes the loss and the gradient on it by backpropagation, and lets the optimizer
update the params.
"""

from __future__ import annotations

import sys
import time
from typing import NamedTuple

import numpy as np

from ._validate import float_array, positive_int


class TrainResult(NamedTuple):
    params: dict       # the params after the last step
    losses: np.ndarray  # losses[t - 1] = the minibatch loss at step t, before its update
    state: tuple       # the optimizer's state after the last step


def minimize(grad_fn, x0, opt, steps: int) -> np.ndarray:
    """Run ``steps`` updates of ``opt`` from ``x0``; return the trajectory.

    ``grad_fn(x)`` returns the gradient at x (a minibatch gradient is fine). The result has
    shape ``(steps + 1, *x0.shape)``; row 0 is x0 and row t the params after step t.
    """
    steps = positive_int("steps", steps, minimum=0)
    x = float_array("x0", x0)
    state = opt.init(x)
    path = np.empty((steps + 1, *x.shape), dtype=x.dtype)
    path[0] = x
    for t in range(1, steps + 1):
        x, state = opt.step(x, grad_fn(x), state)
        path[t] = x
    return path


def minibatches(n: int, batch_size: int, rng):
    """Index arrays of ``batch_size`` examples out of n, forever: each pass over the data (an
    epoch) visits the examples in a fresh random order, without replacement, so every example is
    seen at most once per epoch. The final short batch (the last n mod batch_size examples of the
    order) is skipped, so every step averages the same number of examples; those examples sit
    that epoch out."""
    positive_int("batch_size", batch_size)
    if batch_size > n:
        raise ValueError(f"batch_size must be at most the number of examples ({n}), got {batch_size}")
    while True:
        order = rng.permutation(n)
        for start in range(0, n - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def train(model, params, opt, data, steps: int, batch_size: int | None = None, seed: int = 0,
          progress: bool | None = None) -> TrainResult:
    """Run ``steps`` minibatch steps of ``opt`` on ``model`` from ``params``.

    ``data`` is a tuple of arrays with one row per example, passed to the model's
    ``loss_and_grad`` row-aligned: ``(X, y)`` for a classifier, ``(X,)`` for an autoencoder.
    ``batch_size=None`` uses all the data at every step (full-batch gradient descent); the
    minibatches are drawn with ``np.random.default_rng(seed)``, so a run is reproducible.

    ``progress`` prints a one-line progress report (to stderr, overwritten in place): True
    always, False never, None (the default) only once a run has taken more than 3 seconds, so
    the quick runs of the book print nothing and a student's long run shows that it is alive.
    """
    steps = positive_int("steps", steps)
    if not isinstance(data, tuple) or not data:
        raise ValueError(f"data must be a non-empty tuple of arrays such as (X, y), got {type(data).__name__}")
    data = tuple(np.asarray(array) for array in data)
    n = len(data[0])
    if any(len(array) != n for array in data):
        raise ValueError(f"every array in data needs one row per example; got lengths {[len(a) for a in data]}")
    batches = minibatches(n, n if batch_size is None else batch_size, np.random.default_rng(seed))
    state = opt.init(params)
    losses = np.empty(steps)
    start = last_report = time.perf_counter()
    for t in range(1, steps + 1):
        batch = next(batches)
        losses[t - 1], grads = model.loss_and_grad(params, *(array[batch] for array in data))
        params, state = opt.step(params, grads, state)
        now = time.perf_counter()
        if progress is not False and now - last_report > 0.5 and (progress or now - start > 3):
            _report(t, steps, losses[t - 1], now - start)
            last_report = now
    if progress or (progress is None and time.perf_counter() - start > 3):
        _report(steps, steps, losses[-1], time.perf_counter() - start, end="\n")
    return TrainResult(params, losses, state)


def _report(t, steps, loss, elapsed, end=""):
    sys.stderr.write(f"\rstep {t}/{steps}  loss {loss:.4g}  {elapsed:.1f} s{end}")
    sys.stderr.flush()
