"""The checks of chapter 4, Moments."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, _show, close,
                    compare_arrays, exercise, first_hint)

__all__ = ["check_ema_estimate"]



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
    ]
    return first_hint(actual, mistakes, "loop over the steps: m = beta*m + (1 - beta)*g_t, and "
                      "store every m in a new array.")


@exercise(chapter=4, number=1, name="ema_estimate")
def check_ema_estimate(ema_estimate, exercise) -> CheckResult:
    """``ema_estimate(gs, beta)`` returns every m_t = β·m_{t−1} + (1 − β)·g_t, t = 1..T, from
    m_0 = 0, along the first axis of gs, in an array of gs's shape, without changing gs."""
    cases = [
        {"gs": np.array([1.0, 2.0, 3.0, 4.0]), "beta": 0.5},
        {"gs": np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0], [-1.0, 2.0], [0.0, 4.0]]),
         "beta": 0.9},
        {"gs": np.array([0.3, -1.2, 2.5]), "beta": 0.0},
        {"gs": np.array([2.0, 2.0, 2.0, 2.0, 2.0, 2.0]), "beta": 0.99},
    ]
    for inputs in cases:
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
                       f"All {len(cases)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  m_t = beta*m_(t-1) + (1 - beta)*g_t, from m_0 = 0,\n"
                       f"and gs is left unchanged.")
