"""The checks of chapter 5, Bias correction."""

from __future__ import annotations

import numpy as np

from ._core import ATOL, PASSED, RTOL, CheckResult, _call, compare_arrays, exercise, first_hint

__all__ = ["check_bias_corrected"]



def _hint(actual, avg, beta, t) -> str:
    """Name the typical mistake that the returned array matches, if any."""
    mistakes = [
        (avg * (1 - beta**t), "you multiplied by (1 - beta**t); the correction divides by it, "
                              "to undo the shrinking toward zero."),
        (avg / (1 - beta**(t + 1)), "off by one in the exponent: after t steps the weights sum to "
                                    "1 - beta**t (the sum runs from i = 1 to t: t terms, of ages 0 "
                                    "to t - 1), not 1 - beta**(t+1)."),
        *([(avg / (1 - beta**(t - 1)),
            "off by one in the exponent: after t steps the weights sum to 1 - beta**t, not "
            "1 - beta**(t-1).")] if t > 1 else []),
        (avg / (1 - beta), "the correction depends on t: divide by 1 - beta**t, not 1 - beta."),
        (avg / (1 - beta)**t, "the power applies to beta alone: 1 - beta**t, not (1 - beta)**t."),
        (avg / np.sqrt(1 - beta**t), "no square root here: the average itself is divided by "
                                     "1 - beta**t (Adam's square root acts on v-hat afterwards)."),
        (avg / beta**t, "divide by 1 - beta**t, the total weight of the t gradients, not by beta**t."),
    ]
    return first_hint(actual, mistakes,
                      "divide the average by the total weight its t terms carry: avg / (1 - beta**t).")


@exercise(chapter=5, number=1, name="bias_corrected")
def check_bias_corrected(bias_corrected, exercise) -> CheckResult:
    """``bias_corrected(avg, beta, t)`` returns avg / (1 − βᵗ) without changing avg."""
    cases = [
        {"avg": np.array([0.1, -0.2]), "beta": 0.9, "t": 1},
        {"avg": np.array([[0.3, 0.0], [-1.0, 2.5]]), "beta": 0.999, "t": 10},
        {"avg": np.array([4.0]), "beta": 0.5, "t": 3},
    ]
    for inputs in cases:
        actual = _call(exercise, bias_corrected, inputs)
        if isinstance(actual, CheckResult):
            return actual
        avg, beta, t = inputs["avg"], inputs["beta"], inputs["t"]
        expected = avg / (1 - beta**t)
        failure = compare_arrays(exercise, inputs, expected, actual, _hint(actual, avg, beta, t))
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match avg / (1 - beta**t) "
                       f"(rtol={RTOL:g}, atol={ATOL:g}), and avg is left unchanged.")
