"""Checks of the exercises of chapter 7, section 2 (autoencoders and noisy gradients)."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, as_number,
                    exercise, mismatch)

__all__ = ["check_gradient_variance"]


def _variance(G, B):
    """The expected squared distance between the mean of B rows of G drawn without replacement
    and the mean of all n rows: (1/B)·(n − B)/(n − 1)·σ², σ² the mean squared deviation."""
    n = len(G)
    sigma2 = np.sum((G - G.mean(axis=0)) ** 2) / n
    return sigma2 * (n - B) / (B * (n - 1))


def _hint(actual, G, B) -> str:
    """Name the typical mistake that the returned number matches, if any."""
    n = len(G)
    deviations = G - G.mean(axis=0)
    sigma2 = np.sum(deviations ** 2) / n
    right = _variance(G, B)

    def close(value):
        return np.isclose(actual, value, rtol=RTOL, atol=ATOL)

    if close(sigma2 / B):
        return ("that is sigma^2 / B, the variance when the batch is drawn WITH replacement; "
                "without replacement multiply by the finite-population factor (n - B)/(n - 1).")
    if close(right * n / (n - 1)):
        return ("your sigma^2 divides by n - 1 (np.var(..., ddof=1)); the formula's sigma^2 is the "
                "mean of ||g_i - g_bar||^2 over the n examples (divide by n).")
    if close(sigma2 * (n - B) / (n - 1)) or close(sigma2 * B * (n - B) / (n - 1)):
        return "the variance of a mean of B draws falls like 1/B: divide by B."
    if close(np.sum(G ** 2) / n * (n - B) / (B * (n - 1))):
        return "subtract the mean gradient g_bar before squaring: sigma^2 measures the spread around it."
    if close(np.sum(deviations ** 2) / n * (n - B) / (B * (n - 1)) / G.shape[1]):
        return ("you averaged over the coordinates; the total variance adds them up: "
                "sigma^2 = (1/n) sum_i ||g_i - g_bar||^2, a sum over every coordinate.")
    if close(sigma2 * (n - B) / (B * n)):
        return ("the finite-population factor divides by n - 1, not n: (n - B)/(n - 1), which "
                "is 1 for B = 1.")
    if close(np.sqrt(right)):
        return ("that is a standard deviation, the square root: the exercise asks for the "
                "expected squared distance itself.")
    return ("compare with eq. (7.6): check sigma^2, the mean squared distance of the rows from "
            "their mean, and the factor for drawing without replacement.")


@exercise(chapter=7, number=4, name="gradient_variance", section=2)
def check_gradient_variance(gradient_variance, exercise) -> CheckResult:
    """``gradient_variance(per_example_grads, batch_size)`` returns the expected squared error
    E‖ĝ_B − ḡ‖² of a minibatch gradient drawn without replacement: σ²(n − B)/(B(n − 1))."""
    rng = np.random.default_rng(72)
    cases = [
        {"per_example_grads": np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 1.0], [2.0, -3.0]]),
         "batch_size": 2},
        {"per_example_grads": np.round(rng.normal(size=(10, 3)), 2), "batch_size": 1},
        {"per_example_grads": np.round(rng.normal(size=(10, 3)), 2), "batch_size": 10},
        {"per_example_grads": np.round(rng.normal(2.0, 3.0, size=(25, 4)), 2), "batch_size": 5},
    ]
    for inputs in cases:
        actual = _call(exercise, gradient_variance, inputs)
        if isinstance(actual, CheckResult):
            return actual
        G, B = inputs["per_example_grads"], inputs["batch_size"]
        expected = float(_variance(G, B))
        where = f"Called with {_describe(inputs)}"
        number = as_number(actual)
        if number is None:
            shape = f" of shape {actual.shape}" if isinstance(actual, np.ndarray) else ""
            return CheckResult(exercise, FAILED,
                               f"{where}, your function returned {type(actual).__name__}{shape} "
                               f"{actual!r}; expected one number, {expected:.6g}.\nHint: the "
                               f"total variance adds up every coordinate's variance, so it is a "
                               f"single float (np.sum over all entries).")
        if not np.isclose(number, expected, rtol=RTOL, atol=ATOL):
            return mismatch(exercise, where, repr(float(expected)), repr(number),
                            _hint(number, G, B))
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match sigma^2 (n - B) / (B (n - 1)) "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), B = n included (no noise left).")
