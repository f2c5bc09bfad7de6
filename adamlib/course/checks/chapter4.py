"""The checks of chapter 4, Moments."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, _show, close,
                    compare_arrays, exercise, first_hint, most_visible)
from ...streams import ema_trace

__all__ = ["check_ema_estimate", "check_snr_trace"]


def _trace(gs, beta, initial=None, gain=None):
    """m_t = beta*m_{t-1} + gain*g_t for every t, from m_0 = initial (0 unless given)."""
    gain = 1 - beta if gain is None else gain
    m = np.zeros_like(gs[0]) if initial is None else initial
    out = np.empty_like(gs)
    for t, g in enumerate(gs):
        m = beta * m + gain * g
        out[t] = m
    return out


def _hint(actual, gs, beta) -> str:
    """Name the typical mistake that the returned array matches, if any."""
    right = _trace(gs, beta)
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))
    started_at_g1 = np.empty_like(gs)
    started_at_g1[0] = gs[0]
    started_at_g1[1:] = _trace(gs[1:], beta, initial=gs[0])
    shifted = np.concatenate([np.zeros_like(gs[:1]), right[:-1]])
    # m changed in place and the same array stored at every step: every row is the last m_T.
    aliased = np.broadcast_to(right[-1], gs.shape)
    mistakes = [
        (_trace(gs, beta, gain=1.0),
         "you added the whole gradient, m = beta*m + g (Momentum's sum). The average weights the "
         "new gradient by (1 - beta): m = beta*m + (1 - beta)*g."),
        (_trace(gs, 1 - beta, gain=beta),
         "beta and (1 - beta) are swapped: the old estimate keeps the weight beta, the new "
         "gradient gets (1 - beta)."),
        (right / (1 - beta**t),
         "you divided by (1 - beta**t): that is the bias correction of chapter 5. Here return the "
         "raw averages, started at m_0 = 0."),
        (started_at_g1,
         "you started from m_1 = g_1; start from m_0 = 0, so that m_1 = (1 - beta)*g_1."),
        (shifted,
         "each estimate is one step behind: store m after adding g_t, so that the first row is "
         "m_1 = (1 - beta)*g_1, not m_0 = 0."),
        (_trace(gs**2, beta),
         "you averaged g**2: that is the second moment v. The first moment m averages the "
         "gradients themselves."),
        (np.cumsum(gs, axis=0) / t,
         "that is the plain running mean, with equal weights 1/t; the EMA weights the newest "
         "gradient by (1 - beta) and each older one by beta more."),
        (aliased,
         "every row holds the last estimate: you stored the same array at every step and then "
         "changed it in place (m *= ...). Build a new m at each step (m = ...)."),
    ]
    return first_hint(actual, mistakes, "the estimates differ from the average of the section "
                      "'The idea: a moving average estimates a moment': check the first row, "
                      "m_1, then how each row follows from the one before.")


#: The inputs the check calls the student's function with, in order.
EMA_ESTIMATE_CASES = [
    {"gs": np.array([1.0, 2.0, 3.0, 4.0]), "beta": 0.5},
    {"gs": np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0], [-1.0, 2.0], [0.0, 4.0]]),
     "beta": 0.9},
    {"gs": np.array([0.3, -1.2, 2.5]), "beta": 0.0},
    {"gs": np.array([2.0, 2.0, 2.0, 2.0, 2.0, 2.0]), "beta": 0.99},
]


@exercise(chapter=4, number=1, name="ema_estimate")
def check_ema_estimate(ema_estimate, exercise) -> CheckResult:
    """``ema_estimate(gs, beta)`` returns every m_t = β·m_{t−1} + (1 − β)·g_t, t = 1..T, from
    m_0 = 0, along the first axis of gs, in an array of gs's shape, without changing gs."""
    for inputs in EMA_ESTIMATE_CASES:
        actual = _call(exercise, ema_estimate, inputs)
        if isinstance(actual, CheckResult):
            return actual
        gs, beta = inputs["gs"], inputs["beta"]
        expected = _trace(gs, beta)
        where = f"Called with {_describe(inputs)}"
        if isinstance(actual, (float, np.floating)):
            actual = np.asarray(actual)       # a single number: perhaps only the last m_T
        if isinstance(actual, np.ndarray) and actual.dtype.kind in "biufc":
            if actual.shape == (len(gs) + 1,) + gs.shape[1:] and close(actual[1:], expected):
                return CheckResult(exercise, FAILED,
                                   f"{where}, your function returned shape {actual.shape}; "
                                   f"expected shape {expected.shape}.\nExpected: "
                                   f"{_show(expected)}\nGot:      {_show(actual)}\nHint: you "
                                   f"included m_0 = 0; return m_1, ..., m_T only (one row per "
                                   f"gradient).")
            if actual.shape == expected.shape[1:] and close(actual, expected[-1]):
                return CheckResult(exercise, FAILED,
                                   f"{where}, your function returned shape {actual.shape}; "
                                   f"expected shape {expected.shape}.\nExpected: "
                                   f"{_show(expected)}\nGot:      {_show(actual)}\nHint: that "
                                   f"is only the last estimate m_T; return every m_t, one row "
                                   f"per step.")
        failure = compare_arrays(exercise, inputs, expected, actual,
                                 _hint(actual, gs, beta) if isinstance(actual, np.ndarray)
                                 and actual.shape == expected.shape else "")
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(EMA_ESTIMATE_CASES)} cases match "
                       f"(rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  m_t = beta*m_(t-1) + (1 - beta)*g_t, from m_0 = 0,\n"
                       f"and gs is left unchanged.")


def _snr(gs, beta1, beta2, first=None, second=None):
    """m_t / sqrt(v_t) for every t, with the moments' estimates replaced where given."""
    m = ema_trace(gs, beta1) if first is None else first
    v = ema_trace(gs**2, beta2) if second is None else second
    with np.errstate(all="ignore"):
        return m / np.sqrt(v)


#: The inputs the check calls the student's function with, in order.
SNR_TRACE_CASES = [
    {"gs": np.array([1.0, -0.5, 2.0, 0.3, -1.0, 0.8]), "beta1": 0.9, "beta2": 0.99},
    {"gs": np.array([[0.5, -2.0, 1.0], [0.4, 1.0, 1.0], [0.6, -1.5, 1.0], [0.5, 0.5, 1.0],
                     [0.3, -1.0, 1.0]]), "beta1": 0.5, "beta2": 0.8},
    {"gs": np.array([2.0, 1.0, -0.5, 1.5]), "beta1": 0.8, "beta2": 0.3},
    # gradients of the size of a usual eps: an eps added to the ratio shows
    {"gs": np.array([[3e-8, -1e-8], [2e-8, 4e-8], [-1e-8, 2e-8], [5e-8, -3e-8]]),
     "beta1": 0.9, "beta2": 0.99},
]


@exercise(chapter=4, number=4, name="snr_trace")
def check_snr_trace(snr_trace, exercise) -> CheckResult:
    """``snr_trace(gs, beta1, beta2)`` returns every ratio m_t / √v_t, t = 1..T, of the two
    averages of a gradient stream gs (m of g with β₁, v of g² with β₂, both from 0, not
    bias-corrected), along the first axis of gs, in an array of gs's shape, without changing gs.

    The expected values are ``adamlib.streams.ema_trace``'s. The cases make every typical
    mistake visible: β₁ ≠ β₂ on both sides of each other, streams whose sign changes, and a
    stream of vectors.
    """
    failures = []
    for inputs in SNR_TRACE_CASES:
        actual = _call(exercise, snr_trace, inputs)
        if isinstance(actual, CheckResult):
            return actual
        gs, beta1, beta2 = inputs["gs"], inputs["beta1"], inputs["beta2"]
        expected = _snr(gs, beta1, beta2)
        if close(actual, expected[-1]):
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function returned "
                               f"{_show(actual)}; expected shape {expected.shape}.\nHint: that is "
                               f"only the last ratio; return every ratio, one row per step.")
        hint = ""
        if (isinstance(actual, np.ndarray) and actual.shape == expected.shape
                and actual.dtype.kind in "biufc"):
            t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))
            m, v = ema_trace(gs, beta1), ema_trace(gs**2, beta2)
            mistakes = [
                (_snr(gs, beta1, beta1),
                 "v averages with beta2, not beta1: each moment has its own decay rate."),
                (_snr(gs, beta2, beta1),
                 "beta1 and beta2 are swapped: m averages g with beta1, v averages g**2 with "
                 "beta2."),
                (_snr(gs, beta1, beta2, second=ema_trace(np.abs(gs), beta2) ** 2),
                 "v averages the squares g**2, not |g|."),
                (_snr(gs, beta1, beta2, second=v**2),
                 "the square root is missing: divide m by the root of v."),
                (_snr(gs, beta1, beta2, second=v - m**2),
                 "v is the uncentered second moment, the mean of g**2: do not subtract m**2 "
                 "(that would be the variance)."),
                (_snr(gs, beta1, beta2, first=m / (1 - beta1**t), second=v / (1 - beta2**t)),
                 "you corrected the bias, dividing by (1 - beta**t): that is chapter 5. Here "
                 "return the ratio of the raw averages."),
                (_snr(gs, beta1, beta2, first=ema_trace(gs, beta1) / (1 - beta1)),
                 "m is Momentum's sum (m = beta1*m + g): the average weights the new gradient "
                 "by (1 - beta1)."),
                (_snr(gs, beta1, beta2, second=ema_trace(gs, beta2) ** 2),
                 "you squared the average of g: v is the average of the squares g**2."),
                (gs / np.sqrt(v),
                 "that is RMSprop's scaled gradient g_t / sqrt(v_t): divide the average m_t, "
                 "not the newest gradient."),
                *[(wrong, f"leave eps out: the exercise asks for m_t / sqrt(v_t) exactly, and "
                          f"with gradients as small as these your eps ({eps:g}) changes it.")
                  for eps in (1e-8, 1e-7, 1e-6)
                  for wrong in (m / (np.sqrt(v) + eps), m / np.sqrt(v + eps))],
            ]
            # A wrong ratio may divide by zero where the right one does not (v - m² is 0 at
            # t = 1 when (1 - beta2) = (1 - beta1)²): a mistake matches with its inf and nan.
            hint = next((why for wrong, why in mistakes
                         if np.allclose(actual, wrong, rtol=RTOL, atol=ATOL, equal_nan=True)),
                        "the ratios differ from m_t / sqrt(v_t) of the averages of the section "
                        "'The idea: a moving average estimates a moment': check m_t and v_t on "
                        "their own first.")
        failure = compare_arrays(exercise, inputs, expected, actual, hint)
        if failure is not None:
            failures.append(failure)
    if failures:
        return most_visible(failures)
    return CheckResult(exercise, PASSED,
                       f"All {len(SNR_TRACE_CASES)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  m_t / sqrt(v_t), m of g with beta1, v of g**2 with beta2,\n"
                       f"from m_0 = v_0 = 0, and gs is left unchanged.")
