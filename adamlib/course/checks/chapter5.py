"""The checks of chapter 5, Bias correction."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, compare_arrays,
                    exercise, first_hint)

__all__ = ["check_bias_corrected", "check_corrected_estimates"]


def _finite(mistakes):
    """The mistakes whose result is finite: a division by zero names no mistake by its value."""
    with np.errstate(all="ignore"):
        return [(wrong, why) for wrong, why in mistakes if np.all(np.isfinite(wrong))]


def _not_finite(actual) -> bool:
    return (isinstance(actual, np.ndarray) and actual.dtype.kind in "fc"
            and not np.all(np.isfinite(actual)))


def _hint(actual, avg, beta, t) -> str:
    """Name the typical mistake that the returned array matches, if any."""
    if _not_finite(actual) and t == 1:
        return ("your result is not finite at t = 1, where the correction 1 - beta**t is "
                "1 - beta, never 0: did you use beta**(t - 1), or take the arguments in another "
                "order than (avg, beta, t)?")
    with np.errstate(all="ignore"):
        mistakes = [
            (avg, "you returned avg unchanged: the corrected average is larger, since the zero "
                  "start still holds part of the weight."),
            (avg * (1 - beta**t), "you multiplied by (1 - beta**t); the correction divides by "
                                  "it, to undo the shrinking toward zero."),
            (avg / (1 - beta**(t + 1)), "off by one in the exponent: after t steps the weights "
                                        "sum to 1 - beta**t (the sum runs from i = 1 to t: t "
                                        "terms, of ages 0 to t - 1), not 1 - beta**(t+1)."),
            (avg / (1 - beta**(t - 1)),
             "off by one in the exponent: after t steps the weights sum to 1 - beta**t, not "
             "1 - beta**(t-1)."),
            (avg / (1 - beta), "the correction depends on t: divide by 1 - beta**t, not 1 - beta."),
            (avg / (1 - beta)**t, "the power applies to beta alone: 1 - beta**t, not "
                                  "(1 - beta)**t."),
            (avg / np.sqrt(1 - beta**t), "no square root here: the average itself is divided by "
                                         "1 - beta**t (Adam's square root acts on v-hat "
                                         "afterwards)."),
            (avg / beta**t, "divide by 1 - beta**t, the total weight of the t gradients, not by "
                            "beta**t."),
            (avg / (1 - float(t)**beta), "your function takes its arguments in another order: "
                                         "it is called as bias_corrected(avg, beta, t)."),
        ]
    return first_hint(actual, _finite(mistakes),
                      "the corrected average divides avg by the total weight that its t real "
                      "terms carry, eq. (5.2): check that weight at this beta and t.")


@exercise(chapter=5, number=1, name="bias_corrected")
def check_bias_corrected(bias_corrected, exercise) -> CheckResult:
    """``bias_corrected(avg, beta, t)`` returns the bias-corrected average after t steps, eq.
    (5.4) of the chapter, in a new array of avg's shape, without changing avg."""
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


def _estimates(gs, beta, *, keeps=None, gain=None, keep=None, power=lambda t: t,
               start_at_g1=False):
    """Row t − 1: the corrected estimate after g_1..g_t, from an average m = keeps·m + gain·g
    (keeps β and gain 1 − β unless given) corrected by 1 − β^power(t); ``keep(m_hat, m)`` is
    what the loop carries to the next step (the raw m unless given)."""
    keeps = beta if keeps is None else keeps
    gain = 1 - beta if gain is None else gain
    m, out = np.zeros_like(gs[0]), np.empty_like(gs)
    with np.errstate(all="ignore"):
        for t, g in enumerate(gs, start=1):
            m = g if start_at_g1 and t == 1 else keeps * m + gain * g
            out[t - 1] = m / (1 - beta**power(t))
            if keep is not None:
                m = keep(out[t - 1], m)
    return out


def _estimates_hint(actual, gs, beta) -> str:
    """Name the typical mistake that the returned estimates match, if any."""
    if _not_finite(actual) and np.all(np.isfinite(actual[1:])) and not np.all(np.isfinite(actual[0])):
        return ("the first estimate is not finite: the first gradient has t = 1, so its "
                "correction is 1 - beta**1, not 1 - beta**0 = 0 (t counts from 1, not 0).")
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))
    raw = _estimates(gs, beta, power=lambda t: np.inf)
    right = raw / (1 - beta**t)
    mistakes = [
        (raw, "these are the raw averages m_t: divide each by its own 1 - beta**t."),
        (_estimates(gs, beta, power=lambda t: t + 1),
         "off by one: the estimate after t gradients is divided by 1 - beta**t, not "
         "1 - beta**(t+1) (the first gradient has t = 1)."),
        (_estimates(gs, beta, keep=lambda m_hat, m: m_hat),
         "you kept the corrected estimate as the average's state: keep the raw m for the next "
         "step, and correct a copy of it for the output."),
        (_estimates(gs, beta, gain=1.0),
         "you added the whole gradient, m = beta*m + g (Momentum's sum): the average weights "
         "the new gradient by (1 - beta)."),
        (_estimates(gs, beta, keeps=1 - beta, gain=beta),
         "beta and (1 - beta) are swapped in the average: the old average keeps beta."),
        (_estimates(gs, beta, start_at_g1=True),
         "you started the average at m_1 = g_1; start from m_0 = 0 and let the correction undo "
         "its bias."),
        (np.cumsum(gs, axis=0) / t,
         "that is the running mean, with equal weights: the exponential average weights "
         "recent gradients more."),
        (raw / (1 - beta)**t, "the power applies to beta alone: 1 - beta**t, not (1 - beta)**t."),
        (raw / (1 - beta**len(gs)),
         "every estimate has its own t: divide row t by 1 - beta**t, not by the last step's "
         "1 - beta**T."),
        (np.concatenate([np.zeros_like(gs[:1]), right[:-1]]),
         "each estimate is one step behind: store the estimate after adding g_t, one row per "
         "gradient."),
    ]
    return first_hint(actual, _finite(mistakes),
                      "find the first row that differs from the expected one, then check the "
                      "average at that t (chapter 4) and its correction, eq. (5.4).")


@exercise(chapter=5, number=4, name="corrected_estimates")
def check_corrected_estimates(corrected_estimates, exercise) -> CheckResult:
    """``corrected_estimates(gs, beta)`` returns the bias-corrected estimates m̂_1, ..., m̂_T of
    chapter 4's average started at m_0 = 0, eq. (5.4), one row per gradient of gs, in an array
    of gs's shape, without changing gs. Any form of the same numbers passes: a loop, the
    weights of eq. (5.1) divided by their sum, adamlib's ema and bias_correction."""
    cases = [
        {"gs": np.array([1.0, -2.0, 3.0, 0.5, 4.0, -1.0]), "beta": 0.5},
        {"gs": np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0], [-1.0, 2.0], [0.0, 4.0]]),
         "beta": 0.9},
        {"gs": np.array([2.0, -1.0, 0.5, 3.0]), "beta": 0.999},
    ]
    for inputs in cases:
        actual = _call(exercise, corrected_estimates, inputs)
        if isinstance(actual, CheckResult):
            return actual
        gs, beta = inputs["gs"], inputs["beta"]
        expected = _estimates(gs, beta)
        if isinstance(actual, np.ndarray) and actual.shape == (len(gs) + 1,) + gs.shape[1:]:
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function returned "
                               f"shape {actual.shape}; expected shape {expected.shape}.\n"
                               f"Hint: return one row per gradient, m_hat_1 to m_hat_T, "
                               f"without the zero start m_0.")
        hint = (_estimates_hint(actual, gs, beta)
                if isinstance(actual, np.ndarray) and actual.shape == gs.shape else "")
        failure = compare_arrays(exercise, inputs, expected, actual, hint)
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  m_t = beta*m_(t-1) + (1 - beta)*g_t from m_0 = 0,\n"
                       f"  m_hat_t = m_t / (1 - beta**t),\nand gs is left unchanged.")
