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
    """Name the typical mistake that the returned array matches, if any; otherwise say what to
    check, without the formula."""
    n = len(x)
    if name == "dx":
        if close(got, (da @ W.T) / n):
            return "do not divide by n: the loss's 1/n is already inside da."
        if close(got, W @ da.T):
            return "that is dx transposed: dx has the shape of x, (n, d_in), one row per example."
        if close(got, -(da @ W.T)):
            return "the sign is flipped: dx carries the sign of da, no minus sign."
        return ("dx has the shape of x, (n, d_in): each input reaches every output through W, "
                "so check which of W's axes its gradient comes back along.")
    if name == "dW":
        if close(got, da.T @ x):
            return "that is dW transposed: dW has the shape of W, (d_in, d_out)."
        if close(got, (x.T @ da) / n):
            return "do not divide by n: the loss's 1/n is already inside da."
        if close(got, -(x.T @ da)):
            return "the sign is flipped: dW carries the sign of da, no minus sign."
        return ("dW has the shape of W, (d_in, d_out): W[i, j] multiplies input i into output "
                "j in every example, so its gradient adds up over the examples.")
    if close(got, da.sum(axis=1)) or close(got, da.sum()):
        return ("you summed over the wrong axis: b is added to every row (example), so "
                "db sums over the examples, one number per output unit, shape (d_out,).")
    if close(got, da.mean(axis=0)):
        return "sum over the examples, do not average: the 1/n is already inside da."
    if close(got, da):
        return "db has one entry per output unit, shape (d_out,): add up da over the examples."
    return ("db has the shape of b, (d_out,): b is added to every example's row, so check how "
            "the examples' gradients combine.")


@exercise(chapter=7, number=1, name="dense_backward", section=1)
def check_dense_backward(dense_backward, exercise) -> CheckResult:
    """``dense_backward(x, W, da)`` returns (da·Wᵀ, xᵀ·da, Σᵢ daᵢ) for a = xW + b: x is (n, d_in),
    W (d_in, d_out), b and db (d_out,), da (n, d_out)."""
    cases = _cases()
    names = ("dx", "dW", "db")
    for inputs in cases:
        actual = _call(exercise, dense_backward, inputs)
        if isinstance(actual, CheckResult):
            if actual.status == FAILED and ("matmul" in actual.message or "align" in actual.message
                                            or "shape" in actual.message):
                return CheckResult(exercise, FAILED, actual.message + "\nHint: a product's shapes "
                                   "do not fit, which usually means a missing transpose: with x "
                                   "(n, d_in), W (d_in, d_out) and da (n, d_out), write down the "
                                   "shapes each product needs to give (n, d_in) for dx and "
                                   "(d_in, d_out) for dW.")
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
