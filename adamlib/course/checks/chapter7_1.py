"""Checks of the exercises of chapter 7, section 1: backpropagation through a dense layer."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, close, compare_arrays,
                    exercise, expect_tuple)
from ...layers import dense_backward as _dense_backward

__all__ = ["check_dense_backward"]



def _cases():
    """Inputs (x, W, da) of several shapes: n examples, d_in inputs, d_out outputs."""
    rng = np.random.default_rng(71)
    shapes = [(4, 3, 2), (1, 5, 3), (6, 2, 4), (3, 3, 3)]
    return [{"x": np.round(rng.standard_normal((n, d_in)), 2),
             "W": np.round(rng.standard_normal((d_in, d_out)), 2),
             "da": np.round(rng.standard_normal((n, d_out)), 2)} for n, d_in, d_out in shapes]


def _hint(name, got, x, W, da) -> str:
    """Name the typical mistake that the returned array matches, if any."""
    n = len(x)
    if name == "dx":
        if close(got, (da @ W.T) / n):
            return "do not divide by n: the loss's 1/n is already inside da."
        return ("dx = da @ W.T: each input reaches every output through W, so its gradient "
                "comes back through W's transpose; dx has the shape of x, (n, d_in).")
    if name == "dW":
        if close(got, da.T @ x):
            return "that is dW transposed: dW = x.T @ da has the shape of W, (d_in, d_out)."
        if close(got, (x.T @ da) / n):
            return "do not divide by n: the loss's 1/n is already inside da."
        return ("dW = x.T @ da: the weight W[i, j] multiplies input i into output j, summed over "
                "the examples; dW has the shape of W, (d_in, d_out).")
    if close(got, da.sum(axis=1)) or close(got, da.sum()):
        return ("you summed over the wrong axis: b is added to every row (example), so "
                "db = da.sum(axis=0), one number per output unit, shape (d_out,).")
    if close(got, da.mean(axis=0)):
        return "sum over the examples, do not average: db = da.sum(axis=0) (the 1/n is inside da)."
    if close(got, da):
        return "db has one entry per output unit: sum da over the examples, db = da.sum(axis=0)."
    return "db = da.sum(axis=0): b is added to every example's row, so its gradient sums them."


@exercise(chapter=7, number=1, name="dense_backward", section=1)
def check_dense_backward(dense_backward, exercise) -> CheckResult:
    """``dense_backward(x, W, da)`` returns (da·Wᵀ, xᵀ·da, Σᵢ daᵢ) for a = xW + b."""
    cases = _cases()
    names = ("dx", "dW", "db")
    for inputs in cases:
        actual = _call(exercise, dense_backward, inputs)
        if isinstance(actual, CheckResult):
            if actual.status == FAILED and ("matmul" in actual.message or "align" in actual.message
                                            or "shape" in actual.message):
                return CheckResult(exercise, FAILED, actual.message + "\nHint: a product's shapes "
                                   "do not fit, which usually means a missing transpose: with x "
                                   "(n, d_in), W (d_in, d_out) and da (n, d_out), dx = da @ W.T "
                                   "and dW = x.T @ da.")
            return actual
        failure = expect_tuple(exercise, inputs, actual, names)
        if failure is not None:
            return failure
        x, W, da = inputs["x"], inputs["W"], inputs["da"]
        expected = _dense_backward(x, W, da)
        if not all(close(a, e) for a, e in zip(actual, expected)):
            for order in [(1, 0, 2), (0, 2, 1), (2, 1, 0), (1, 2, 0), (2, 0, 1)]:
                if all(close(actual[i], expected[j]) for i, j in zip(range(3), order)):
                    got = ", ".join(names[j] for j in order)
                    return CheckResult(exercise, FAILED,
                                       f"Called with x of shape {x.shape}, W of shape {W.shape} "
                                       f"and da of shape {da.shape}, your function returned the "
                                       f"right arrays in the order ({got}).\nHint: return them "
                                       f"in the order (dx, dW, db).")
        for name, want, got in zip(names, expected, actual):
            if isinstance(got, (float, int, np.generic)):
                got = np.asarray(got) if not isinstance(got, np.ndarray) else got
            hint = _hint(name, got, x, W, da)
            failure = compare_arrays(exercise, inputs, want, got, hint, name=name)
            if failure is not None:
                # A wrong shape or type says so without a hint; this exercise's hint helps there too.
                if "Hint:" in failure.message:
                    return failure
                return CheckResult(exercise, FAILED, f"{failure.message}\nHint: {hint}")
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases (shapes of x: "
                       f"{', '.join(str(c['x'].shape) for c in cases)}) match\ndx = da @ W.T, "
                       f"dW = x.T @ da, db = da.sum(axis=0)\n(rtol={RTOL:g}, atol={ATOL:g}), "
                       f"and the inputs are left unchanged.")
