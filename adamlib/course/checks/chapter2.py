"""The checks of chapter 2, Momentum."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, PASSED, RTOL, CheckResult, _call, close, compare_named, exercise,
                    expect_tuple)
from ...optimizers import Momentum

__all__ = ["check_momentum_step", "check_nesterov_step"]

_AVERAGE = ("you used the average convention b = mu*b + (1 - mu)*g (Adam's m). This chapter's "
            "buffer, like adamlib's and PyTorch's, adds the whole gradient: b = mu*b + g.")


def _hint(new_p, new_b, p, b, g, lr, mu) -> str:
    """Name the typical mistake that the returned pair matches, if any."""
    b_right = mu * b + g
    b_ema = mu * b + (1 - mu) * g
    if close(new_b, b_ema) or close(new_p, p - lr * b_ema):
        return _AVERAGE
    if close(new_b, b_right):
        if close(new_p, p - lr * b):
            return "you stepped with the old b: update b first, then step with the new b."
        if close(new_p, p + lr * b_right):
            return "you stepped uphill: subtract lr * b from p instead of adding it."
        if close(new_p, p - b_right):
            return "the step ignores lr: the new point is p - lr * b."
        if close(new_p, p - lr * g):
            return "that is a plain gradient step; step with the new buffer b, not with g."
        if close(new_p, p - lr * (g + mu * b_right)):
            return ("that is Nesterov's step (PyTorch's nesterov=True); the heavy ball steps "
                    "along the new buffer alone.")
    if close(new_p, b_right) and close(new_b, p - lr * b_right):
        return "you returned (new_b, new_p); return the pair in the order (new_p, new_b)."
    if close(new_b, b + g):
        return "the old buffer is not decayed: mu multiplies the old b."
    if close(new_b, mu * (b + g)):
        return "mu multiplies the new gradient too; it decays only the old buffer."
    return ("compare with the heavy-ball update of the section 'The heavy ball', in the sum "
            "convention: first the new buffer, then the step with it.")


def _run(exercise, step, cases, hint, nesterov: bool):
    """The first failure of the student's step over the cases, or None: each returned pair
    against adamlib's own Momentum step, the heavy ball's or Nesterov's."""
    for inputs in cases:
        actual = _call(exercise, step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_b"))
        if failure is not None:
            return failure
        p, b, g, lr, mu = inputs.values()
        new_p, new_b = Momentum(lr=lr, momentum=mu, nesterov=nesterov).update(p, g, b, t=2, lr=lr)
        why = hint(actual[0], actual[1], p, b, g, lr, mu)
        failure = compare_named(exercise, inputs, [("new_p", new_p, actual[0], why),
                                                   ("new_b", new_b, actual[1], why)])
        if failure is not None:
            return failure
    return None


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
    failure = _run(exercise, momentum_step, cases, _hint, nesterov=False)
    if failure is not None:
        return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match b = mu*b + g, p = p - lr*b "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and p and b are left unchanged.")


def _nesterov_hint(new_p, new_b, p, b, g, lr, mu) -> str:
    """Name the typical mistake of a Nesterov step that the returned pair matches, if any."""
    b_right = mu * b + g
    if not close(new_b, b_right):
        if close(new_b, mu * b + (1 - mu) * g):
            return _AVERAGE
        if close(new_p, b_right) or close(new_b, p - lr * (g + mu * b_right)):
            return "you returned (new_b, new_p); return the pair in the order (new_p, new_b)."
        return "the buffer is the heavy ball's, b = mu*b + g: only the step changes."
    for wrong, why in [
        (p - lr * b_right, "that is the heavy ball's step; Nesterov's adds the look-ahead "
                           "gradient g to mu times the new buffer."),
        (p - lr * mu * b_right, "the step lacks the gradient g itself."),
        (p - lr * (b_right + mu * g), "mu multiplies the buffer in the step, not the gradient."),
        (p + lr * (g + mu * b_right), "you stepped uphill: subtract the step."),
        (p - (g + mu * b_right), "the step ignores lr."),
    ]:
        if close(new_p, wrong):
            return why
    return ("compare with the last line of PyTorch's form in the section 'Nesterov's "
            "look-ahead': what does the point step along?")


@exercise(chapter=2, number=4, name="nesterov_step")
def check_nesterov_step(nesterov_step, exercise) -> CheckResult:
    """``nesterov_step(p, b, g, lr, mu)`` returns (p − lr·(g + μb'), b') with b' = μb + g, PyTorch's
    ``SGD(momentum=mu, nesterov=True)``, without changing p or b."""
    cases = [
        {"p": np.array([1.0, -2.0]), "b": np.array([0.5, -1.0]), "g": np.array([2.0, 1.0]),
         "lr": 0.1, "mu": 0.9},
        {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "b": np.array([[1.0, 0.0], [-2.0, 0.5]]),
         "g": np.array([[1.0, -2.0], [0.0, 3.0]]), "lr": 0.5, "mu": 0.3},
    ]
    failure = _run(exercise, nesterov_step, cases, _nesterov_hint, nesterov=True)
    if failure is not None:
        return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match adamlib's Momentum(nesterov=True), "
                       f"PyTorch's form: b = mu*b + g, p = p - lr*(g + mu*b) "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and p and b are left unchanged.")
