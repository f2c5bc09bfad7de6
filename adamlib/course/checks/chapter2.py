"""The checks of chapter 2, Momentum."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, PASSED, RTOL, CheckResult, _call, close, compare_named, exercise,
                    expect_tuple)

__all__ = ["check_momentum_step"]



def _hint(new_p, new_b, p, b, g, lr, mu) -> str:
    """Name the typical mistake that the returned pair matches, if any."""
    b_right = mu * b + g
    b_ema = mu * b + (1 - mu) * g
    if close(new_b, b_ema) or close(new_p, p - lr * b_ema):
        return ("you used the average convention b = mu*b + (1 - mu)*g (Adam's m). This chapter's "
                "buffer, like adamlib's and PyTorch's, adds the whole gradient: b = mu*b + g.")
    if close(new_b, b_right):
        if close(new_p, p - lr * b):
            return "you stepped with the old b: update b first, then step with the new b."
        if close(new_p, p + lr * b_right):
            return "you stepped uphill: subtract lr * b from p instead of adding it."
        if close(new_p, p - b_right):
            return "the step ignores lr: the new point is p - lr * b."
        if close(new_p, p - lr * g):
            return "that is a plain gradient step; step with the new buffer b, not with g."
    if close(new_p, b_right) and close(new_b, p - lr * b_right):
        return "you returned (new_b, new_p); return the pair in the order (new_p, new_b)."
    if close(new_b, b + g) or close(new_b, mu * (b + g)):
        return "the buffer decays the old b by mu and adds g: b = mu*b + g."
    return "first b = mu*b + g, then p = p - lr*b with that new b; return (p, b)."


@exercise(chapter=2, number=1, name="momentum_step")
def check_momentum_step(momentum_step, exercise) -> CheckResult:
    """``momentum_step(p, b, g, lr, mu)`` returns (p − lr·(μb + g), μb + g) without changing p or b."""
    cases = [
        {"p": np.array([1.0, -2.0]), "b": np.array([0.5, -1.0]), "g": np.array([2.0, 1.0]),
         "lr": 0.1, "mu": 0.9},
        {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "b": np.array([[1.0, 0.0], [-2.0, 0.5]]),
         "g": np.array([[1.0, -2.0], [0.0, 3.0]]), "lr": 0.5, "mu": 0.5},
        {"p": np.array([3.0]), "b": np.array([0.0]), "g": np.array([-6.0]), "lr": 1e-2, "mu": 0.99},
    ]
    for inputs in cases:
        actual = _call(exercise, momentum_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        p, b, g, lr, mu = (inputs[k] for k in ("p", "b", "g", "lr", "mu"))
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_b"))
        if failure is not None:
            return failure
        new_b = mu * b + g
        new_p = p - lr * new_b
        hint = _hint(actual[0], actual[1], p, b, g, lr, mu)
        failure = compare_named(exercise, inputs, [("new_p", new_p, actual[0], hint),
                                                   ("new_b", new_b, actual[1], hint)])
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match b = mu*b + g, p = p - lr*b "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and p and b are left unchanged.")
