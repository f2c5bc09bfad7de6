"""The checks of chapter 8, Beyond Adam: AdamW's step (section 1) and the cosine schedule
(section 2)."""

from __future__ import annotations

import math
import numbers

import numpy as np

from ...rules import decay_weights, l2_gradient
from ...schedules import CosineDecay
from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, compare_named,
                    exercise, expect_tuple, first_hint, mismatch, reference_adam)

__all__ = ["check_adamw_step", "check_cosine_lr"]



def _adamw_hint(new_p, p, g, m, v, t, lr, wd, beta1, beta2, eps) -> str:
    """Name the typical mistake that the returned p matches, if any."""
    guesses = [
        (reference_adam(p, l2_gradient(g, p, wd), m, v, t, lr, beta1, beta2, eps)[0],
         "that is Adam with L2 (g + wd*p goes through m and v, so the decay is divided by "
         "sqrt(v_hat)). Decoupled decay shrinks p directly: p * (1 - lr*wd), outside m and v."),
        (reference_adam(p * (1 - wd), g, m, v, t, lr, beta1, beta2, eps)[0],
         "the decay ignores lr: PyTorch's (and adamlib's) AdamW multiplies p by (1 - lr*wd)."),
        (reference_adam(p, g, m, v, t, lr, beta1, beta2, eps)[0],
         "there is no weight decay in your step: first p = p * (1 - lr*wd)."),
        (reference_adam(p, g, m, v, t, lr, beta1, beta2, eps)[0] * (1 - lr * wd),
         "you decayed after the Adam step; decay the old p first, p * (1 - lr*wd), then step."),
        (reference_adam(decay_weights(p, lr, wd), g, m, v, t, lr, beta1, beta2, eps,
                        correct=False)[0],
         "you forgot the bias correction: m_hat = m/(1 - beta1**t), v_hat = v/(1 - beta2**t)."),
        (2 * decay_weights(p, lr, wd) - reference_adam(decay_weights(p, lr, wd), g, m, v, t, lr,
                                                       beta1, beta2, eps)[0],
         "you stepped uphill: subtract lr * m_hat / (sqrt(v_hat) + eps)."),
    ]
    return first_hint(new_p, guesses,
                      "decay first, p = p * (1 - lr*wd); then m and v from the raw g, bias-correct "
                      "both, and p = p - lr * m_hat / (sqrt(v_hat) + eps); return (p, m, v).")


@exercise(chapter=8, number=1, name="adamw_step", section=1)
def check_adamw_step(adamw_step, exercise) -> CheckResult:
    """``adamw_step(p, g, m, v, t, lr, weight_decay)`` (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) returns
    the new (p, m, v) of torch.optim.AdamW, without changing its inputs."""
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    cases = [
        {"p": np.array([1.0, -2.0, 0.5]), "g": np.array([0.2, 0.1, -0.4]),
         "m": np.array([0.0, 0.0, 0.0]), "v": np.array([0.0, 0.0, 0.0]), "t": 1,
         "lr": 0.1, "weight_decay": 0.5},
        {"p": np.array([[0.3, -1.0], [2.0, 0.0]]), "g": np.array([[1.0, -2.0], [0.5, 3.0]]),
         "m": np.array([[0.1, -0.2], [0.0, 0.3]]), "v": np.array([[0.01, 0.04], [0.02, 0.09]]),
         "t": 5, "lr": 0.01, "weight_decay": 0.1},
        {"p": np.array([4.0]), "g": np.array([-1e-3]), "m": np.array([-2e-3]),
         "v": np.array([1e-5]), "t": 100, "lr": 1e-3, "weight_decay": 1.0},
    ]
    for inputs in cases:
        actual = _call(exercise, adamw_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_m", "new_v"))
        if failure is not None:
            return failure
        p, g, m, v, t, lr, wd = inputs.values()
        new_p, new_m, new_v = reference_adam(decay_weights(p, lr, wd), g, m, v, t, lr, beta1, beta2, eps)
        raw = ("is an average of the raw gradient g (not of g + wd*p): "
               "m = beta1*m + (1 - beta1)*g, v = beta2*v + (1 - beta2)*g**2.")
        failure = compare_named(exercise, inputs, [
            ("new_p", new_p, actual[0],
             _adamw_hint(actual[0], p, g, m, v, t, lr, wd, beta1, beta2, eps)),
            ("new_m", new_m, actual[1], f"m {raw}"), ("new_v", new_v, actual[2], f"v {raw}")])
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match torch.optim.AdamW's step: p*(1 - lr*wd), "
                       f"then Adam with the raw g (rtol={RTOL:g}, atol={ATOL:g}).")


def _cosine_hint(values: dict, lr_max, lr_min, total) -> str:
    ts = np.array(list(values))
    got = np.array([values[t] for t in ts])
    progress = np.minimum(ts - 1, total) / total
    guesses = [
        (lr_min + 0.5 * (lr_max - lr_min) * (1 + np.cos(np.pi * np.minimum(ts, total) / total)),
         "off by one: the first step (t = 1) must get lr_max, so use (t - 1)/total_steps."),
        (lr_min + (lr_max - lr_min) * (1 + np.cos(np.pi * progress)),
         "the factor 1/2 is missing: (1 + cos) runs from 2 to 0, so halve it."),
        (0.5 * lr_max * (1 + np.cos(np.pi * progress)),
         "lr_min is ignored: lr = lr_min + (lr_max - lr_min) * (1 + cos(...)) / 2."),
        (lr_min + 0.5 * (lr_max - lr_min) * (1 + np.cos(np.pi * (ts - 1) / total)),
         "after total_steps the rate must stay at lr_min: use min(t - 1, total_steps)."),
        (lr_min + 0.5 * (lr_max - lr_min) * (1 + np.cos(progress)),
         "the angle runs from 0 to pi: cos(pi * (t - 1) / total_steps)."),
    ]
    return first_hint(got, guesses, "lr(t) = lr_min + (lr_max - lr_min) * (1 + cos(pi * "
                      "min(t - 1, T) / T)) / 2, with T = total_steps.")


@exercise(chapter=8, number=3, name="cosine_lr", section=2)
def check_cosine_lr(cosine_lr, exercise) -> CheckResult:
    """``cosine_lr(t, lr_max, lr_min, total_steps)`` equals adamlib's CosineDecay at every t."""
    cases = [(0.1, 0.0, 10), (3e-3, 1e-4, 100)]
    for lr_max, lr_min, total in cases:
        schedule = CosineDecay(lr_max, total, lr_min)
        ts = sorted({1, 2, total // 2, total // 2 + 1, total, total + 1, total + 5})
        values = {}
        for t in ts:
            inputs = {"t": t, "lr_max": lr_max, "lr_min": lr_min, "total_steps": total}
            actual = _call(exercise, cosine_lr, inputs)
            if isinstance(actual, CheckResult):
                return actual
            if isinstance(actual, np.ndarray) and actual.size == 1 and actual.dtype.kind in "iuf":
                actual = float(actual.reshape(-1)[0])
            if not isinstance(actual, numbers.Real) or isinstance(actual, bool):
                return CheckResult(exercise, FAILED,
                                   f"Called with {_describe(inputs)}, your function returned "
                                   f"{type(actual).__name__} {actual!r}; expected a number like "
                                   f"{schedule(t)!r}.\nHint: return the learning rate of step t.")
            values[t] = float(actual)
        for t in ts:
            expected = schedule(t)
            if not math.isclose(values[t], expected, rel_tol=RTOL, abs_tol=ATOL):
                inputs = {"t": t, "lr_max": lr_max, "lr_min": lr_min, "total_steps": total}
                return mismatch(exercise, f"Called with {_describe(inputs)}", repr(expected),
                                repr(values[t]), _cosine_hint(values, lr_max, lr_min, total))
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} schedules match CosineDecay at every step checked, "
                       f"including t = 1 (lr_max) and after total_steps (lr_min).")
