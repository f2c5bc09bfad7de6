"""The checks of chapter 1, Gradient descent and SGD."""

from __future__ import annotations

import numpy as np

from ._core import ATOL, PASSED, RTOL, CheckResult, _call, compare_arrays, exercise

__all__ = ["check_sgd_step"]


@exercise(chapter=1, number=1, name="sgd_step")
def check_sgd_step(sgd_step, exercise) -> CheckResult:
    """``sgd_step(x, g, lr)`` returns x − lr·g without changing x."""
    cases = [
        {"x": np.array([1.0, -2.0]), "g": np.array([0.5, 4.0]), "lr": 0.1},
        {"x": np.array([[0.3, 0.0], [-1.0, 2.5]]), "g": np.array([[1.0, -2.0], [0.0, 3.0]]), "lr": 0.5},
        {"x": np.array([3.0]), "g": np.array([-6.0]), "lr": 1e-3},
    ]
    for inputs in cases:
        actual = _call(exercise, sgd_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        x, g, lr = inputs["x"], inputs["g"], inputs["lr"]
        expected = x - lr * g
        hint = "the step is x - lr * g: against the gradient, scaled by the learning rate."
        if isinstance(actual, np.ndarray) and actual.shape == x.shape and actual.dtype.kind in "biufc":
            if np.allclose(actual, x + lr * g):
                hint = "you stepped along the gradient (uphill); subtract lr * g instead of adding it."
            elif np.allclose(actual, x - g):
                hint = "the step ignores lr: scale the gradient by the learning rate."
            elif np.allclose(actual, -lr * g):
                hint = "you returned the step itself; return the new point x - lr * g."
        failure = compare_arrays(exercise, inputs, expected, actual, hint)
        if failure is not None:  # a CheckResult is falsy when it failed: test for None
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match x - lr * g "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and x is left unchanged.")
