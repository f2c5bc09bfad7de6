"""Refusals of bad input, each with a message that names the parameter, the value and what is allowed.

Optimizers check their hyperparameters once, when they are built, and their inputs at every step,
so that a mistake surfaces where it was made instead of as a NaN many steps later.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


class NotFloatError(TypeError, ValueError):
    """Raised for integer (or other non-float) params: an optimizer needs floats.

    It is both a ``TypeError`` (the kind of mistake) and a ``ValueError`` (what the rest of
    adamlib raises for bad input), so either ``except`` clause catches it.
    """


def _is_real_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def learning_rate(name: str, value):
    """A learning rate is a finite number > 0, or a schedule: a callable of the step number t."""
    if callable(value):
        return value
    if not _is_real_number(value) or not math.isfinite(value) or value <= 0:
        raise ValueError(
            f"{name} must be a finite number > 0 or a schedule (a callable of t), got {value!r}"
        )
    return float(value)


def in_unit_interval(name: str, value) -> float:
    """Decay rates (betas, alpha, momentum) live in [0, 1): 1 would never forget, and never learn."""
    if not _is_real_number(value) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


def non_negative(name: str, value) -> float:
    if not _is_real_number(value) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def flag(name: str, value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def positive_int(name: str, value, minimum: int = 1) -> int:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def lr_at(lr, t: int) -> float:
    """The learning rate of step t: the constant itself, or the schedule's value, checked."""
    if not callable(lr):
        return lr
    value = lr(t)
    if not _is_real_number(value) or not math.isfinite(value) or value < 0:
        raise ValueError(
            f"the lr schedule returned {value!r} at step t={t}; "
            "a learning rate must be a finite number >= 0"
        )
    return float(value)


def float_array(name: str, value) -> np.ndarray:
    """A params array: floats of any shape. Integers are refused rather than silently rounded."""
    array = np.asarray(value)
    if array.dtype.kind != "f":
        raise NotFloatError(
            f"{name} has dtype {array.dtype}; an optimizer needs floating-point params "
            f"(use np.asarray(..., dtype=float))"
        )
    return array


def gradient(name: str, g, p: np.ndarray) -> np.ndarray:
    """A gradient matching its params in shape, finite, in the params' dtype."""
    g = np.asarray(g)
    if g.shape != p.shape:
        raise ValueError(f"grads for {name} have shape {g.shape}, but params have shape {p.shape}")
    if g.dtype.kind not in "fiu":
        raise ValueError(f"grads for {name} have dtype {g.dtype}; expected real numbers")
    if g.dtype != p.dtype:
        with np.errstate(over="ignore"):  # a float64 gradient beyond float32's range: refused below
            g = g.astype(p.dtype)
    # A finite sum proves every entry finite (NaN and inf propagate) at a fraction of the cost
    # of the elementwise test, which runs only when the sum is not finite.
    if not np.isfinite(g.sum()) and not np.isfinite(g).all():
        bad = np.argwhere(~np.isfinite(g))[0]
        where = f" at index {tuple(int(i) for i in bad)}" if g.ndim else ""
        count = int(np.size(g) - np.count_nonzero(np.isfinite(g)))
        raise ValueError(
            f"grads for {name} hold {count} NaN or infinite value(s){where} "
            f"(value {g[tuple(bad)]!r}); refusing a step that would poison the state"
        )
    return g
