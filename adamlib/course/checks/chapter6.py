"""The checks of chapter 6, Adam."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, PASSED, RTOL, CheckResult, _call, close, compare_arrays, exercise,
                    expect_tuple, first_hint, reference_adam)

__all__ = ["check_adam_step"]



def _moment_hint(name, actual, old, g, beta):
    """A hint for a wrong new_m or new_v."""
    g_term = g if name == "m" else g**2
    power = "g" if name == "m" else "g**2"
    right = f"new_{name} = beta * {name} + (1 - beta) * {power}"
    if close(actual, (1 - beta) * old + beta * g_term):
        return f"(1 - beta) is on the wrong term: {right} (the old {name} keeps the weight beta)."
    if close(actual, old):
        return f"you returned the old {name}: return the updated average {right}."
    if name == "v" and close(actual, beta * old + (1 - beta) * g):
        return f"square the gradient: v averages g**2, not g. {right}."
    if name == "m" and close(actual, beta * old + (1 - beta) * g**2):
        return f"m averages the gradient itself, not its square. {right}."
    return f"{right}, with beta = beta1 for m and beta2 for v."


@exercise(chapter=6, number=1, name="adam_step")
def check_adam_step(adam_step, exercise) -> CheckResult:
    """``adam_step(p, m, v, g, t, lr, beta1, beta2, eps)`` returns (new_p, new_m, new_v) of the
    t-th Adam step (t = 1 for the first step), without changing p, m or v::

        new_m = β₁·m + (1 − β₁)·g,  new_v = β₂·v + (1 − β₂)·g²,
        new_p = p − lr·m̂ / (√v̂ + ε),  m̂ = new_m / (1 − β₁ᵗ),  v̂ = new_v / (1 − β₂ᵗ).
    """
    cases = [
        {"p": np.array([1.0, -2.0]), "m": np.array([0.2, -0.5]), "v": np.array([0.05, 0.3]),
         "g": np.array([0.4, -1.5]), "t": 3, "lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        {"p": np.array([0.5, -0.5, 2.0]), "m": np.zeros(3), "v": np.zeros(3),
         "g": np.array([0.02, -0.01, 3.0]), "t": 1, "lr": 0.01, "beta1": 0.8, "beta2": 0.99,
         "eps": 0.1},
        {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "m": np.array([[0.1, -0.2], [0.0, 0.5]]),
         "v": np.array([[0.02, 0.1], [0.0, 0.4]]), "g": np.array([[1.0, -2.0], [0.5, 0.0]]),
         "t": 10, "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    ]
    for inputs in cases:
        actual = _call(exercise, adam_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        p, m, v, g, t = (inputs[k] for k in ("p", "m", "v", "g", "t"))
        lr, beta1, beta2, eps = (inputs[k] for k in ("lr", "beta1", "beta2", "eps"))
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_m", "new_v"))
        if failure is not None:
            return failure
        new_p, new_m, new_v = actual
        p_expected, m_expected, v_expected = reference_adam(p, g, m, v, t, lr, beta1, beta2, eps)

        # The moments first: a wrong average explains a wrong step.
        for name, got, expected, old, beta in [
                ("m", new_m, m_expected, m, beta1), ("v", new_v, v_expected, v, beta2)]:
            hint = _moment_hint(name, got, old, g, beta)
            correction = f"(1 - beta{1 if name == 'm' else 2}**t)"
            if close(got, expected / (1 - beta**t)) and t > 1:
                hint = (f"you returned the bias-corrected {name}; return the raw average new_{name} "
                        f"and divide by {correction} only inside the step (the next step needs "
                        f"the raw average).")
            failure = compare_arrays(exercise, inputs, expected, got,
                                     f"(new_{name}, the {'second' if name == 'm' else 'third'} "
                                     f"value returned) {hint}")
            if failure is not None:
                return failure

        def step(m_hat, v_hat, eps_inside=False):
            with np.errstate(all="ignore"):
                if eps_inside:
                    return p - lr * m_hat / np.sqrt(v_hat + eps)
                return p - lr * m_hat / (np.sqrt(v_hat) + eps)

        m_, v_ = m_expected, v_expected
        with np.errstate(all="ignore"):
            c1, c2 = 1 - beta1**t, 1 - beta2**t
            mistakes = [
                (step(m_, v_),
                 "no bias correction: divide new_m by (1 - beta1**t) and new_v by (1 - beta2**t) "
                 "before the step."),
                (step(m_ / c1, v_),
                 "only m is corrected: divide new_v by (1 - beta2**t) as well."),
                (step(m_, v_ / c2),
                 "only v is corrected: divide new_m by (1 - beta1**t) as well."),
                (step(m_ / c1, v_ / c2, eps_inside=True),
                 "eps is inside the square root: divide by np.sqrt(v_hat) + eps."),
                (step(m_ / beta1**t, v_ / beta2**t),
                 "you corrected with beta**t; the correction divides by 1 - beta**t "
                 "(an average started at zero holds a fraction 1 - beta**t of the signal)."),
                (step(m_ / (1 - beta1**(t + 1)), v_ / (1 - beta2**(t + 1))),
                 "t counts steps from 1: the first step has t = 1 and its correction is "
                 "1 - beta**1. Use beta**t, not beta**(t + 1)."),
                (step(m_ / (1 - beta1**(t - 1)), v_ / (1 - beta2**(t - 1))),
                 "t counts steps from 1 and is already the number of this step: use beta**t, "
                 "not beta**(t - 1) (at t = 1 that divides by zero)."),
                (step(m / c1, v / c2),
                 "you used the old m and v: update both averages with g first, then correct "
                 "and step with the new ones."),
                (p + lr * (m_ / c1) / (np.sqrt(v_ / c2) + eps),
                 "you stepped uphill: subtract the scaled step instead of adding it."),
                (step(m_ / c1, (v_ / c2) ** 2),
                 "the square root is missing: divide by np.sqrt(v_hat) + eps."),
                (p - (m_ / c1) / (np.sqrt(v_ / c2) + eps),
                 "the step ignores lr: multiply m_hat / (np.sqrt(v_hat) + eps) by the learning "
                 "rate."),
            ]
        hint = ("new_p = p - lr * m_hat / (np.sqrt(v_hat) + eps), with m_hat = new_m / "
                "(1 - beta1**t) and v_hat = new_v / (1 - beta2**t).")
        if (isinstance(new_p, np.ndarray) and new_p.dtype.kind in "fc"
                and not np.all(np.isfinite(new_p)) and t == 1):
            hint = "your step is not finite at t = 1: " + mistakes[6][1]
        if not close(new_p, p_expected):
            hint = first_hint(new_p, [m for m in mistakes if np.all(np.isfinite(m[0]))], hint)
        failure = compare_arrays(exercise, inputs, p_expected, new_p,
                                 "(new_p, the first value returned) " + hint)
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  new_m = beta1*m + (1-beta1)*g,  new_v = beta2*v + (1-beta2)*g**2\n"
                       f"  new_p = p - lr*m_hat/(sqrt(v_hat) + eps),  "
                       f"m_hat = new_m/(1-beta1**t), v_hat = new_v/(1-beta2**t)\n"
                       f"and p, m and v are left unchanged.")
