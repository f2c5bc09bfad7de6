"""The checks of chapter 3, Per-parameter learning rates: AdaGrad and RMSprop."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, PASSED, RTOL, CheckResult, _call, close, compare_arrays, exercise,
                    expect_tuple, first_hint)

__all__ = ["check_rmsprop_step"]



@exercise(chapter=3, number=1, name="rmsprop_step")
def check_rmsprop_step(rmsprop_step, exercise) -> CheckResult:
    """``rmsprop_step(p, v, g, lr, alpha, eps)`` returns the pair (new_p, new_v) of one RMSprop
    step: new_v = α·v + (1 − α)·g², new_p = p − lr·g / (√new_v + ε), without changing p or v."""
    cases = [
        {"p": np.array([1.0, -2.0]), "v": np.array([0.5, 0.01]), "g": np.array([0.3, -4.0]),
         "lr": 0.1, "alpha": 0.9, "eps": 1e-8},
        {"p": np.array([0.5, -0.5]), "v": np.array([0.04, 0.0]), "g": np.array([0.2, -0.1]),
         "lr": 0.001, "alpha": 0.5, "eps": 0.1},
        {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "v": np.array([[1.0, 0.2], [0.0, 4.0]]),
         "g": np.array([[1.0, -2.0], [0.5, 3.0]]), "lr": 0.01, "alpha": 0.99, "eps": 1e-8},
    ]
    for inputs in cases:
        actual = _call(exercise, rmsprop_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        p, v, g = inputs["p"], inputs["v"], inputs["g"]
        lr, alpha, eps = inputs["lr"], inputs["alpha"], inputs["eps"]
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_v"))
        if failure is not None:
            return failure
        new_p, new_v = actual
        v_expected = alpha * v + (1 - alpha) * g**2

        # The second moment first: a wrong new_v explains a wrong new_p.
        hint = "new_v = alpha * v + (1 - alpha) * g**2: keep alpha of the old average, add (1 - alpha) of g²."
        if close(new_v, (1 - alpha) * v + alpha * g**2):
            hint = "(1 - alpha) is on the wrong term: the old average v keeps the weight alpha, the new g² gets (1 - alpha)."
        elif close(new_v, v):
            hint = "you returned the old v: return the updated average alpha * v + (1 - alpha) * g**2."
        elif close(new_v, alpha * v + (1 - alpha) * g):
            hint = "square the gradient: the average is of g**2, not of g."
        elif close(new_v, alpha * v + g**2):
            hint = "the new g² is weighted by (1 - alpha), so that v stays an average."
        failure = compare_arrays(exercise, inputs, v_expected, new_v, "(new_v, the second value returned) " + hint)
        if failure is not None:
            return failure

        p_expected = p - lr * g / (np.sqrt(v_expected) + eps)
        hint = "new_p = p - lr * g / (np.sqrt(new_v) + eps), with the new average new_v."
        with np.errstate(divide="ignore", invalid="ignore"):
            mistakes = [
                (p - lr * g / (v_expected + eps),
                 "the square root is missing: divide by np.sqrt(new_v) + eps, not by new_v + eps."),
                (p - lr * g / np.sqrt(v_expected + eps),
                 "eps is inside the square root: divide by np.sqrt(new_v) + eps."),
                (p - lr * g / (np.sqrt(v) + eps),
                 "you divided by the old v: update v first, then divide by np.sqrt(new_v) + eps."),
                (p + lr * g / (np.sqrt(v_expected) + eps),
                 "you stepped uphill: subtract the scaled gradient instead of adding it."),
                (p - g / (np.sqrt(v_expected) + eps),
                 "the step ignores lr: multiply the scaled gradient by the learning rate."),
            ]
        hint = first_hint(new_p, mistakes, hint)
        failure = compare_arrays(exercise, inputs, p_expected, new_p, "(new_p, the first value returned) " + hint)
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  new_v = alpha*v + (1-alpha)*g**2\n"
                       f"  new_p = p - lr*g/(sqrt(new_v) + eps)\n"
                       f"and p and v are left unchanged.")
