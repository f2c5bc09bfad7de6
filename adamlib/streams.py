"""Streams of noisy gradients, and the running averages of chapter 4 ("Moments") over them.

A *stream* is an array whose first axis is the step t = 1, 2, ..., T; any further axes are
coordinates, or independent repetitions (seeds) of the same experiment. The moment helpers run
:func:`adamlib.rules.ema` along that first axis and return every estimate, so that a chapter can
plot m_t and v_t against the truth and measure their mean and variance over many streams at once.
"""

from __future__ import annotations

import numpy as np

from ._validate import in_unit_interval, positive_int
from .rules import ema


def gaussian(mean, std, steps: int, seed=None) -> np.ndarray:
    """A stream g_1, ..., g_T of i.i.d. Gaussian gradients, g_t = mean + std·ξ_t, ξ_t ~ N(0, 1).

    ``mean`` and ``std`` are numbers or arrays of one shape (the coordinates, or one column per
    repetition). The result has shape ``(steps, *shape)``. ``seed`` seeds numpy's default
    generator. (For a mean that moves with t, add it to a stream of mean 0.)
    """
    positive_int("steps", steps)
    mean = np.asarray(mean, dtype=float)
    std = np.asarray(std, dtype=float)
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(std))):
        raise ValueError("mean and std must be finite")
    if np.any(std < 0):
        raise ValueError(f"std must be >= 0, got {std!r}")
    shape = np.broadcast_shapes(mean.shape, std.shape)
    noise = np.random.default_rng(seed).standard_normal((steps, *shape))
    return mean + std * noise


def ema_trace(xs, decay: float, initial=0.0) -> np.ndarray:
    """Every estimate of an exponential moving average along the first axis of ``xs``.

    Row t − 1 of the result is avg_t = β·avg_{t−1} + (1 − β)·x_t (:func:`adamlib.rules.ema`),
    starting from avg_0 = ``initial`` (0, as in Adam). With xs = g it gives m_1, ..., m_T; with
    xs = g² it gives v_1, ..., v_T. The result has the shape of ``xs``.
    """
    xs = np.asarray(xs, dtype=float)
    if xs.ndim == 0 or len(xs) == 0:
        raise ValueError(f"xs must be an array with at least one step, got shape {xs.shape}")
    in_unit_interval("decay", decay)
    averages = np.empty_like(xs)
    avg = np.broadcast_to(np.asarray(initial, dtype=float), xs.shape[1:])
    for t, x in enumerate(xs):
        avg = ema(avg, x, decay)
        averages[t] = avg
    return averages
