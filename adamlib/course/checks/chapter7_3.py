"""Checks of the exercises of chapter 7, section 3 (sparse gradients and a tiny GAN)."""

from __future__ import annotations

import numpy as np

from ...layers import sigmoid
from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, as_number,
                    close, compare_arrays, exercise, expect_tuple)

__all__ = ["check_bce_with_logits"]


def _expected(logits, targets):
    loss = np.mean(np.logaddexp(0.0, logits) - targets * logits)
    return float(loss), (sigmoid(logits) - targets) / logits.size


def _loss_hint(loss, logits, targets) -> str:
    n = logits.size
    right, _ = _expected(logits, targets)
    with np.errstate(all="ignore"):
        if not np.isfinite(loss):
            return ("the loss is not finite: log(sigmoid(ℓ)) underflows to log(0) for large |ℓ| "
                    "(ℓ a logit). Write each term as log(1 + e^ℓ) - t*ℓ and compute log(1 + e^ℓ) "
                    "with np.logaddexp(0, logits).")
        if np.isclose(loss, right * n, rtol=1e-6):
            return "that is the sum over the examples; the loss is the mean (divide by n)."
        if np.isclose(loss, -right, rtol=1e-6):
            return "the sign is flipped: the cross-entropy is -[t log p + (1 - t) log(1 - p)] >= 0."
        flipped, _ = _expected(logits, 1 - targets)
        if np.isclose(loss, flipped, rtol=1e-6):
            return "you swapped t and 1 - t: a target of 1 should reward a large logit."
    return ("compare with eq. (7.8): check each logit's term, and that the loss is the mean "
            "over the logits.")


def _grad_hint(grad, logits, targets) -> str:
    n = logits.size
    _, right = _expected(logits, targets)
    if close(grad, right * n):
        return "the gradient of the mean carries a factor 1/n: (sigmoid(ℓ) - t) / n."
    if close(grad, -right):
        return "the sign is flipped: the gradient is (sigmoid(ℓ) - t) / n, predicted minus true."
    if close(grad, -right * n):
        return "the sign is flipped and the 1/n is missing: (sigmoid(ℓ) - t) / n."
    if isinstance(grad, np.ndarray) and grad.shape == logits.shape and not np.all(np.isfinite(grad)):
        return ("the gradient is not finite: np.exp(-logits) overflows for very negative logits; "
                "use adamlib.layers.sigmoid, which is written to avoid it.")
    if close(grad, sigmoid(logits) / n):
        return "the target is missing: each logit's gradient is the prediction minus the target."
    return ("differentiate eq. (7.8) term by term: one entry per logit, and the mean brings a "
            "factor 1/n.")


@exercise(chapter=7, number=7, name="bce_with_logits", section=3)
def check_bce_with_logits(bce_with_logits, exercise) -> CheckResult:
    """``bce_with_logits(logits, targets)`` returns (mean BCE, its gradient in the logits)."""
    cases = [
        {"logits": np.array([0.0, 2.0, -1.0]), "targets": np.array([1.0, 0.0, 1.0])},
        {"logits": np.array([0.5, -0.3, 1.5, -2.0]), "targets": np.array([0.3, 1.0, 0.0, 0.5])},
        {"logits": np.array([1000.0, -1000.0, 40.0, -40.0]),
         "targets": np.array([0.0, 1.0, 1.0, 1.0])},
    ]
    for inputs in cases:
        actual = _call(exercise, bce_with_logits, inputs)
        if isinstance(actual, CheckResult):
            return actual
        failure = expect_tuple(exercise, inputs, actual, ("loss", "grad"))
        if failure is not None:
            return failure
        logits, targets = inputs["logits"], inputs["targets"]
        loss, grad = _expected(logits, targets)
        got = as_number(actual[0])
        where = f"Called with {_describe(inputs)}"
        if got is None:
            return CheckResult(exercise, FAILED,
                               f"loss is wrong. {where}, your function returned the loss "
                               f"{type(actual[0]).__name__} {actual[0]!r}; expected one number "
                               f"like {loss!r}.\nHint: return float(np.mean(...)).")
        if not (np.isfinite(got) and abs(got - loss) <= ATOL + RTOL * abs(loss)):
            return CheckResult(exercise, FAILED,
                               f"loss is wrong. {where}:\nExpected: {loss!r}\nGot:      {got!r}\n"
                               f"(compared with rtol={RTOL:g}, atol={ATOL:g})\n"
                               f"Hint: {_loss_hint(got, logits, targets)}")
        failure = compare_arrays(exercise, inputs, grad, actual[1],
                                 _grad_hint(actual[1], logits, targets), name="grad")
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match the mean of log(1 + e^ℓ) - t*ℓ and\n"
                       f"its gradient (sigmoid(ℓ) - t)/n, logits of ±1000 included\n"
                       f"(rtol={RTOL:g}, atol={ATOL:g}).")
