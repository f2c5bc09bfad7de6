"""Finite-difference checks of hand-written gradients."""

from __future__ import annotations

import numpy as np


def numerical_grad(f, x, h: float = 1e-6) -> np.ndarray:
    """Central differences: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, error O(h²)."""
    x = np.array(x, dtype=float)
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def relative_error(analytic, numeric) -> float:
    """The largest entrywise ``|a − n| / max(|a|, |n|, 1e-8)`` of two gradients.

    Of order 1 when a hand-written gradient is wrong; small when it is right: below 10⁻⁶ on the
    examples of the math refreshers, a few 10⁻⁶ at entries with tiny gradients (below 10⁻³) in
    chapter 7, where the rounding error of the finite difference is no longer small next to them.
    """
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), 1e-8)
    return float(np.max(np.abs(analytic - numeric) / scale))
