"""The checks of chapter 1, Gradient descent and SGD."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, _show,
                    compare_arrays, exercise, first_hint)
from ...optimizers import SGD
from ...train import minimize

__all__ = ["check_sgd_step", "check_gd_trajectory"]

#: The fallback of a wrong step: what to compare, not the answer.
_RULE = ("compare your step with the chapter's update rule (the equation of the section "
         "'The rule'): its direction, and what multiplies the gradient.")


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
        hint = first_hint(actual, [
            (x + lr * g, "you stepped along the gradient (uphill); subtract the step instead "
                         "of adding it."),
            (x - g, "the step ignores lr: scale the gradient by the learning rate."),
            (-lr * g, "you returned the step itself; return the new point."),
            (x - g / lr, "you divided the gradient by lr; the learning rate multiplies it."),
            (x - lr * x, "you stepped along x, not along the gradient g."),
            (x, "you returned x unchanged: the step is missing."),
        ], _RULE)
        failure = compare_arrays(exercise, inputs, x - lr * g, actual, hint)
        if failure is not None:  # a CheckResult is falsy when it failed: test for None
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match x - lr * g "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and x is left unchanged.")


class _QuadraticGradient:
    """The gradient A x − b of f(x) = ½ xᵀAx − bᵀx, shown by its formula in the feedback."""

    def __init__(self, A, b):
        self.A, self.b = np.array(A, dtype=float), np.array(b, dtype=float)

    def __call__(self, x):
        return self.A @ x - self.b

    def __repr__(self) -> str:
        return f"(x -> A @ x - b with A={self.A.tolist()}, b={self.b.tolist()})"


def _trajectory_mistakes(grad, x0, lr, steps) -> list:
    """What the typical wrong trajectories return, each with the hint that names it."""
    right = minimize(grad, x0, SGD(lr), steps)
    rows = np.arange(steps + 1).reshape((-1,) + (1,) * x0.ndim)
    return [
        (right[1:], "row 0 must be the start x0: return steps + 1 rows, x0 first."),
        (right[:-1], "you took one step too few: the trajectory has `steps` steps after x0."),
        (right[-1], "that is only the last point; return every point, one row per step."),
        (np.broadcast_to(right[-1], right.shape),
         "every row is the last point: you stored the same array each time and changed it "
         "in place; store a new array (or a copy) at each step."),
        (x0 - rows * lr * grad(x0), "you used the gradient at x0 at every step; take the "
                                    "gradient at the current point."),
        (minimize(lambda x: -grad(x), x0, SGD(lr), steps),
         "you stepped along the gradient (uphill); step against it."),
        (minimize(grad, x0, SGD(1.0), steps), "the steps ignore lr: scale each gradient by "
                                              "the learning rate."),
    ]


_ROWS = ("row t is the point after t steps of the chapter's update rule (the section 'The "
         "rule'): look at the first row that differs.")


@exercise(chapter=1, number=4, name="gd_trajectory")
def check_gd_trajectory(gd_trajectory, exercise) -> CheckResult:
    """``gd_trajectory(grad, x0, lr, steps)`` returns the points x_0, …, x_steps of gradient
    descent, one row each, as ``adamlib.minimize`` with ``adamlib.SGD(lr)`` does."""
    cases = [
        {"grad": _QuadraticGradient([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0]),
         "x0": np.array([1.0, -2.0]), "lr": 0.1, "steps": 5},
        {"grad": _QuadraticGradient([[4.0]], [2.0]), "x0": np.array([3.0]), "lr": 0.3,
         "steps": 3},
    ]
    for inputs in cases:
        actual = _call(exercise, gd_trajectory, inputs)
        if isinstance(actual, CheckResult):
            return actual
        grad, x0, lr, steps = inputs.values()
        expected = minimize(grad, x0, SGD(lr), steps)
        hint = first_hint(actual, _trajectory_mistakes(grad, x0, lr, steps), _ROWS)
        if isinstance(actual, np.ndarray) and actual.shape != expected.shape and hint != _ROWS:
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function returned shape "
                               f"{actual.shape}; expected shape {expected.shape}.\nExpected: "
                               f"{_show(expected)}\nGot:      {_show(actual)}\nHint: {hint}")
        failure = compare_arrays(exercise, inputs, expected, actual, hint)
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match adamlib.minimize with SGD(lr): "
                       f"steps + 1 rows, x0 first (rtol={RTOL:g}, atol={ATOL:g}).")
