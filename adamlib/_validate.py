"""Refusals of bad input, each with a message that names the parameter, the value and what is allowed.

Every check of adamlib lives here. A class declares each hyperparameter with its allowed range
next to the field, ``lr: float = hyperparameter(learning_rate, 1e-3)``, and :class:`Checked`
applies the checks when an instance is made; functions and ``step`` call the same checks on
their arguments. A mistake surfaces where it was made instead of as a NaN many steps later.
"""

from __future__ import annotations

import dataclasses
import math
import numbers

import numpy as np


class NotFloatError(TypeError, ValueError):
    """Raised for integer (or other non-float) params: an optimizer needs floats.

    It is both a ``TypeError`` (the kind of mistake) and a ``ValueError`` (what the rest of
    adamlib raises for bad input), so either ``except`` clause catches it.
    """


# Declaring a checked field ---------------------------------------------------------------------


def hyperparameter(check, default=dataclasses.MISSING, *, needs=None, **options):
    """A dataclass field whose value must pass ``check(name, value, **options)``.

    ``needs=(other, allowed, holds)``: when the value is true, the field ``other`` must satisfy
    ``holds`` (``allowed`` says how, in the message), e.g. Nesterov needs a momentum > 0.
    """
    return dataclasses.field(default=default,
                             metadata={"check": check, "options": options, "needs": needs})


class Checked:
    """A dataclass whose :func:`hyperparameter` fields are checked when it is made.

    Each field keeps the value its check returns (a float for a number, a bool for a flag). A
    flag that needs another field is declared with ``needs``; any other rule that ties fields
    together goes in the class's ``__post_init__``, after ``super().__post_init__()``.
    """

    def __post_init__(self):
        declared = [f for f in dataclasses.fields(self) if "check" in f.metadata]
        for f in declared:
            value = f.metadata["check"](f.name, getattr(self, f.name), **f.metadata["options"])
            object.__setattr__(self, f.name, value)  # a frozen dataclass is still being made
        for f in declared:
            if f.metadata["needs"] and getattr(self, f.name):
                other, allowed, holds = f.metadata["needs"]
                if not holds(getattr(self, other)):
                    raise ValueError(f"{f.name}={getattr(self, f.name)!r} needs {other} {allowed}, "
                                     f"got {other}={getattr(self, other)!r}")


# Numbers -----------------------------------------------------------------------------------------


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


def positive(name: str, value) -> float:
    if not _is_real_number(value) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def at_least(name: str, value, minimum: float) -> float:
    if not _is_real_number(value) or not math.isfinite(value) or value < minimum:
        raise ValueError(f"{name} must be a finite number >= {minimum:g}, got {value!r}")
    return float(value)


def non_negative(name: str, value) -> float:
    return at_least(name, value, 0)


def finite(name: str, value) -> float:
    if not _is_real_number(value) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def fraction(name: str, value, low_open: bool = False) -> float:
    """A number in [0, 1], or in (0, 1] with ``low_open`` (a factor that may not reach 0)."""
    if not _is_real_number(value) or not (0 < value <= 1 if low_open else 0 <= value <= 1):
        raise ValueError(f"{name} must be a number in {'(' if low_open else '['}0, 1], got {value!r}")
    return float(value)


def flag(name: str, value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def positive_int(name: str, value, minimum: int = 1) -> int:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def numbers_list(name: str, values, above_zero: bool = False) -> tuple:
    """A non-empty list of finite numbers (each > 0 with ``above_zero``), as a tuple of floats."""
    values = tuple(values)
    if not values or not all(_is_real_number(v) and math.isfinite(v) and (v > 0 or not above_zero)
                             for v in values):
        allowed = "finite numbers > 0" if above_zero else "finite numbers"
        raise ValueError(f"{name} must be a non-empty list of {allowed}, got {values!r}")
    return tuple(float(v) for v in values)


def random_generator(name: str, value) -> np.random.Generator:
    if not isinstance(value, np.random.Generator):
        raise ValueError(f"{name} must be a numpy Generator (np.random.default_rng(seed)), got {value!r}")
    return value


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


# Arrays ------------------------------------------------------------------------------------------


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


def model_params(params, shapes: dict) -> dict:
    """A model's params: a dict with exactly the keys of ``shapes``, each array of its shape."""
    if not isinstance(params, dict) or set(params) != set(shapes):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"params must be a dict with keys {sorted(shapes)}, got {got}")
    arrays = {}
    for name, shape in shapes.items():
        arrays[name] = np.asarray(params[name])
        if arrays[name].shape != shape:
            raise ValueError(f"params[{name!r}] must have shape {shape}, got {arrays[name].shape}")
    return arrays


def examples(X, d: int, name: str = "X") -> np.ndarray:
    """n >= 1 examples of d features, one per row, finite real numbers (returned as floats)."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != d or X.shape[0] == 0:
        raise ValueError(f"{name} must have shape (n, {d}) with n >= 1, got {X.shape}")
    if X.dtype.kind not in "biuf" or not np.all(np.isfinite(X)):
        raise ValueError(f"{name} must hold finite real numbers")
    return X.astype(float)


def labels(y, n: int, k: int) -> np.ndarray:
    """One integer class label in 0..k−1 per row of X."""
    y = np.asarray(y)
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},), one label per row of X, got {y.shape}")
    if y.dtype.kind not in "iu":
        raise ValueError(f"y must hold integer class labels, got dtype {y.dtype}")
    if y.min() < 0 or y.max() >= k:
        raise ValueError(f"y must hold labels in 0..{k - 1}, got values from {y.min()} to {y.max()}")
    return y
