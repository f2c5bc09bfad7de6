"""The checks of chapter 8, Beyond Adam: AdamW's step (section 1), the cosine schedule and
AMSGrad's step (section 2).

The step checks compare every returned array, but a wrong new_p is explained first when it is one
of the typical mistakes of the step itself; otherwise a wrong average (new_m, new_v, new_v_max)
is named before the step it spoils. Their cases are built so that each mistake shows far above
the tolerance: gradients near ε = 1e-8 (where ε's place decides the step), nonzero buffers,
t > 1 and β₁ ≠ β₂.
"""

from __future__ import annotations

import math

import numpy as np

from ...optimizers import Adam, without_bias_correction
from ...rules import decay_weights, l2_gradient
from ...schedules import CosineDecay
from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, as_number,
                    close, compare_arrays, exercise, expect_tuple, first_hint, mismatch,
                    most_visible, reference_adam)

__all__ = ["check_adamw_step", "check_cosine_lr", "check_amsgrad_step"]

#: The hyperparameters that exercises 8.1 and 8.4 fix: PyTorch's defaults.
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def _finite_guesses(guesses):
    """The (value, hint) pairs whose value is finite: a mistake that divides by zero on one case
    is named on another."""
    with np.errstate(all="ignore"):
        return [(value, why) for value, why in guesses if np.all(np.isfinite(value))]


def _moment_hint(name, got, old, g, t, beta, other_beta, extra=()):
    """The hint for a wrong average new_m or new_v (name "m" or "v"): the typical mistake it
    matches, or what to check."""
    g_term = g if name == "m" else g * g
    which = "beta1" if name == "m" else "beta2"
    other = "beta2" if name == "m" else "beta1"
    averages = "g" if name == "m" else "g**2"
    guesses = [
        (*pair,) for pair in extra] + [
        ((1 - beta) * old + beta * g_term,
         f"(1 - {which}) is on the wrong term: the old {name} keeps the weight {which}."),
        (beta * old + g_term,
         f"the factor (1 - {which}) on the new term is missing: {name} is an average, not a "
         f"sum."),
        (old, f"you returned the old {name}: return the updated average."),
        (other_beta * old + (1 - other_beta) * g_term,
         f"{which} and {other} are swapped: {name} averages with {which}."),
        ((beta * old + (1 - beta) * g_term) / (1 - beta**t),
         f"you returned the bias-corrected {name}; return the raw average (the next step "
         f"needs it) and correct only inside the step."),
    ]
    if name == "v":
        guesses.append((beta * old + (1 - beta) * g, "square the gradient: v averages g**2."))
    else:
        guesses.append((beta * old + (1 - beta) * g * g,
                        "m averages the gradient itself, not its square."))
    return first_hint(got, _finite_guesses(guesses),
                      f"new_{name} is not the moving average of {averages} with {which} "
                      f"(chapter 6): check its two weights and what it averages.")


def _compare_step(exercise, inputs, step_guesses, fallback, arrays):
    """The failure of a step's returned values, or None if all match.

    ``arrays`` lists (name, expected, got, moment hint) with new_p first. A new_p that matches a
    named mistake of the step is reported first; otherwise the first wrong average, since a
    wrong average spoils the step too; otherwise new_p with the fallback hint.
    """
    (_, p_expected, p_got, _), *moments = arrays
    if not close(p_got, p_expected):
        hint = first_hint(p_got, _finite_guesses(step_guesses), None)
        if (hint is None and inputs["t"] == 1 and isinstance(p_got, np.ndarray)
                and p_got.dtype.kind == "f" and not np.all(np.isfinite(p_got))):
            hint = ("your step is not finite at t = 1: t is already the number of this step, "
                    "so correct with beta**t, not beta**(t - 1), which divides by zero.")
        if hint is not None:
            return compare_arrays(exercise, inputs, p_expected, p_got, hint, name="new_p")
    for name, expected, got, hint in moments:
        failure = compare_arrays(exercise, inputs, expected, got, hint, name=name)
        if failure is not None:
            return failure
    return compare_arrays(exercise, inputs, p_expected, p_got, fallback, name="new_p")


def _adamw_guesses(p, g, m, v, t, lr, wd):
    """What the typical mistakes of Exercise 8.1 return as new_p, each with its hint."""
    decayed = decay_weights(p, lr, wd)
    m_new = BETA1 * m + (1 - BETA1) * g
    v_new = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    with np.errstate(all="ignore"):
        return [
            (reference_adam(p, l2_gradient(g, p, wd), m, v, t, lr, BETA1, BETA2, EPS)[0],
             "that is Adam with L2: g + wd*p goes through m and v, so the decay is divided by "
             "sqrt(v_hat). Decoupled decay shrinks p itself, outside m and v."),
            (reference_adam(p * (1 - wd), g, m, v, t, lr, BETA1, BETA2, EPS)[0],
             "the decay ignores lr: PyTorch's (and adamlib's) AdamW multiplies p by "
             "(1 - lr*wd)."),
            (reference_adam(p, g, m, v, t, lr, BETA1, BETA2, EPS)[0],
             "there is no weight decay in your step: shrink p first."),
            (reference_adam(p, g, m, v, t, lr, BETA1, BETA2, EPS)[0] * (1 - lr * wd),
             "you decayed after the Adam step; decay the old p first, then step."),
            (reference_adam(decayed, g, m, v, t, lr, BETA1, BETA2, EPS, correct=False)[0],
             "you forgot the bias correction of m and v (eq. (8.4) uses m_hat and v_hat)."),
            (decayed - lr * (m_new / c1) / np.sqrt(v_new / c2 + EPS),
             "eps is inside the square root: PyTorch adds eps to sqrt(v_hat), and near "
             "|g| ~ eps the two differ."),
            (decayed - lr * (m_new / c1) / np.sqrt(v_new / c2),
             "there is no eps in your step: add eps to sqrt(v_hat) (it matters where |g| is "
             "near eps)."),
            (decayed - lr * math.sqrt(c2) / c1 * m_new / (np.sqrt(v_new) + EPS),
             "that is Kingma and Ba's efficient form with the same eps; it equals PyTorch's "
             "only with eps * sqrt(1 - beta2**t) in place of eps."),
            (decayed - lr * (m_new / (1 - BETA1**(t + 1))) / (np.sqrt(v_new / (1 - BETA2**(t + 1)))
                                                             + EPS),
             "t is already the number of this step: correct with beta**t, not beta**(t + 1)."),
            (decayed - lr * (m_new / (1 - BETA1**(t - 1))) / (np.sqrt(v_new / (1 - BETA2**(t - 1)))
                                                             + EPS),
             "t is already the number of this step: correct with beta**t, not beta**(t - 1)."),
            (decayed - lr * (m / c1) / (np.sqrt(v / c2) + EPS),
             "you stepped with the old m and v: update both averages with g first."),
            (decayed - (m_new / c1) / (np.sqrt(v_new / c2) + EPS),
             "the Adam step ignores lr: multiply it by the learning rate."),
            (2 * decayed - reference_adam(decayed, g, m, v, t, lr, BETA1, BETA2, EPS)[0],
             "you stepped uphill: subtract the Adam step."),
            # (p, m, v, g, ...): chapter 6's old order, so g arrives as m, m as v and v as g.
            (reference_adam(decayed, v, g, m, t, lr, BETA1, BETA2, EPS)[0],
             "your arguments are in the order (p, m, v, g, ...); this exercise, like "
             "step(params, grads, state), takes (p, g, m, v, t, lr, weight_decay)."),
        ]


def _adamw_cases():
    """Inputs of Exercise 8.1: a first step, buffers in mid-run, a late step, and gradients
    near eps = 1e-8, where eps's place changes new_p by about 1 %."""
    return [
        {"p": np.array([1.0, -2.0, 0.5]), "g": np.array([0.2, 0.1, -0.4]),
         "m": np.array([0.0, 0.0, 0.0]), "v": np.array([0.0, 0.0, 0.0]), "t": 1,
         "lr": 0.1, "weight_decay": 0.5},
        {"p": np.array([[0.3, -1.0], [2.0, 0.0]]), "g": np.array([[1.0, -2.0], [0.5, 3.0]]),
         "m": np.array([[0.1, -0.2], [0.0, 0.3]]), "v": np.array([[0.01, 0.04], [0.02, 0.09]]),
         "t": 5, "lr": 0.01, "weight_decay": 0.1},
        {"p": np.array([4.0]), "g": np.array([-1e-3]), "m": np.array([-2e-3]),
         "v": np.array([1e-5]), "t": 100, "lr": 1e-3, "weight_decay": 1.0},
        {"p": np.array([0.5, -0.3, 0.2]), "g": np.array([1e-8, -3e-8, 2e-9]),
         "m": np.array([2e-9, -1e-8, 5e-10]), "v": np.array([1e-16, 4e-16, 1e-18]), "t": 3,
         "lr": 0.01, "weight_decay": 0.2},
    ]


@exercise(chapter=8, number=1, name="adamw_step", section=1)
def check_adamw_step(adamw_step, exercise) -> CheckResult:
    """``adamw_step(p, g, m, v, t, lr, weight_decay)`` (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) returns
    the new (p, m, v) of torch.optim.AdamW, without changing its inputs; Kingma and Ba's
    efficient form passes only with ε·√(1 − β₂ᵗ) in place of ε, which makes it the same step."""
    cases = _adamw_cases()
    failures = []
    for inputs in cases:
        actual = _call(exercise, adamw_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_m", "new_v"))
        if failure is not None:
            return failure
        p, g, m, v, t, lr, wd = inputs.values()
        new_p, new_m, new_v = reference_adam(decay_weights(p, lr, wd), g, m, v, t, lr,
                                             BETA1, BETA2, EPS)
        l2 = l2_gradient(g, p, wd)
        raw = "{} averages the raw gradient g, not g + wd*p: the decay stays outside m and v."
        failure = _compare_step(
            exercise, inputs, _adamw_guesses(p, g, m, v, t, lr, wd),
            "new_p does not match eq. (8.4): check the order (decay with lr, then Adam's step "
            "from the decayed p with the raw g), eps's place and the bias correction.",
            [("new_p", new_p, actual[0], None),
             ("new_m", new_m, actual[1],
              _moment_hint("m", actual[1], m, g, t, BETA1, BETA2,
                           [(BETA1 * m + (1 - BETA1) * l2, raw.format("m"))])),
             ("new_v", new_v, actual[2],
              _moment_hint("v", actual[2], v, g, t, BETA2, BETA1,
                           [(BETA2 * v + (1 - BETA2) * l2 * l2, raw.format("v"))]))])
        if failure is not None:
            failures.append(failure)
    if failures:
        return most_visible(failures)
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match torch.optim.AdamW's step, gradients near "
                       f"eps included: p*(1 - lr*wd), then Adam with the raw g (rtol={RTOL:g}, "
                       f"atol={ATOL:g}).")


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
         "lr_min is ignored: the cosine runs between lr_max and lr_min, not down to 0."),
        (lr_min + 0.5 * (lr_max - lr_min) * (1 + np.cos(np.pi * (ts - 1) / total)),
         "after total_steps the rate must stay at lr_min: use min(t - 1, total_steps)."),
        (lr_min + 0.5 * (lr_max - lr_min) * (1 + np.cos(progress)),
         "the angle runs from 0 to pi: multiply the progress by pi."),
        (lr_max + 0.5 * (lr_min - lr_max) * (1 + np.cos(np.pi * progress)),
         "lr_max and lr_min are swapped: your rate rises from lr_min to lr_max."),
        (lr_min + 0.5 * (lr_max - lr_min)
         * (1 + np.cos(np.pi * np.minimum(ts - 1, total - 1) / (total - 1))),
         "your rate reaches lr_min at t = total_steps; eq. (8.8) reaches it at "
         "t = total_steps + 1: divide by total_steps."),
    ]
    return first_hint(got, guesses, "compare with eq. (8.8) at t = 1 (lr_max), at the midpoint "
                      "t = total_steps/2 + 1 and after total_steps (lr_min).")


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
            number = as_number(actual)
            if number is None:
                return CheckResult(exercise, FAILED,
                                   f"Called with {_describe(inputs)}, your function returned "
                                   f"{type(actual).__name__} {actual!r}; expected a number like "
                                   f"{schedule(t)!r}.\nHint: return the learning rate of step t.")
            values[t] = number
        for t in ts:
            expected = schedule(t)
            if not math.isclose(values[t], expected, rel_tol=RTOL, abs_tol=ATOL):
                inputs = {"t": t, "lr_max": lr_max, "lr_min": lr_min, "total_steps": total}
                return mismatch(exercise, f"Called with {_describe(inputs)}", repr(expected),
                                repr(values[t]), _cosine_hint(values, lr_max, lr_min, total))
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} schedules match CosineDecay at every step checked, "
                       f"including t = 1 (lr_max) and after total_steps (lr_min).")


def _amsgrad(p, g, m, v, v_max, t, lr, correct=True):
    """PyTorch's AMSGrad step (adamlib's ``Adam.amsgrad_update``), or with ``correct=False`` the
    paper's Algorithm 2: returns (new_p, new_m, new_v, new_v_max)."""
    step = Adam(lr=lr, beta1=BETA1, beta2=BETA2, eps=EPS, amsgrad=True).amsgrad_update
    if not correct:
        step = without_bias_correction(step)
    return step(p, g, m, v, v_max, t=t, lr=lr)


def _amsgrad_guesses(p, g, m, v, v_max, t, lr):
    """What the typical mistakes of Exercise 8.4 return as new_p, each with its hint."""
    m_new = BETA1 * m + (1 - BETA1) * g
    v_new = BETA2 * v + (1 - BETA2) * g * g
    c1, c2 = 1 - BETA1**t, 1 - BETA2**t
    top = np.maximum(v_max, v_new)

    def step(m_hat, denominator_squared):
        return p - lr * m_hat / (np.sqrt(denominator_squared) + EPS)

    with np.errstate(all="ignore"):
        return [
            (step(m_new / c1, np.maximum(v_max, v_new / c2)),
             "you took the maximum of the bias-corrected v_hat; PyTorch's form takes the "
             "maximum of the raw v and corrects that maximum."),
            (_amsgrad(p, g, m, v, v_max, t, lr, correct=False)[0],
             "that is the paper's Algorithm 2, eq. (8.6), without bias correction; this "
             "exercise asks for PyTorch's form, which corrects m and v_max."),
            (step(m_new / c1, v_new / c2),
             "that is Adam's step: divide by the corrected v_max, not by the current v."),
            (step(m_new / c1, np.maximum(v_max, v) / c2),
             "you took the maximum with the old v: update v with g first, then the maximum."),
            (step(m_new / c1, np.maximum(v_max, g * g) / c2),
             "v_max is the largest average v so far, not the largest g**2."),
            (step(m_new / c1, top),
             "only m is corrected: divide v_max by (1 - beta2**t) inside the step too."),
            (p - lr * (m_new / c1) / np.sqrt(top / c2 + EPS),
             "eps is inside the square root: PyTorch adds eps to the square root."),
            (step(m_new / (1 - BETA1**(t + 1)), top / (1 - BETA2**(t + 1))),
             "t is already the number of this step: correct with beta**t, not beta**(t + 1)."),
            (p + lr * (m_new / c1) / (np.sqrt(top / c2) + EPS),
             "you stepped uphill: subtract the step."),
        ]


def _amsgrad_cases():
    """Inputs of Exercise 8.4. In the mid-run case the stored maximum is above the new v in
    some coordinates and below it in others, and below the corrected v_hat, so each form of
    the maximum gives another step; one gradient is near eps."""
    return [
        {"p": np.array([1.0, -0.5]), "g": np.array([0.3, -2.0]), "m": np.zeros(2),
         "v": np.zeros(2), "v_max": np.zeros(2), "t": 1, "lr": 0.1},
        {"p": np.array([1.0, -2.0, 0.5, 3.0]), "g": np.array([0.3, -0.1, 2e-8, 0.0]),
         "m": np.array([0.05, -0.02, 1e-8, 0.1]), "v": np.array([0.02, 0.01, 1e-16, 0.005]),
         "v_max": np.array([0.01, 0.03, 3e-16, 2.0]), "t": 4, "lr": 0.01},
        {"p": np.array([[0.3, -1.0], [2.0, 0.0]]), "g": np.array([[1.0, -2.0], [0.5, 0.1]]),
         "m": np.array([[0.1, -0.2], [0.0, 0.3]]), "v": np.array([[0.01, 0.5], [0.02, 0.09]]),
         "v_max": np.array([[0.03, 0.5], [0.5, 0.2]]), "t": 50, "lr": 1e-3},
    ]


@exercise(chapter=8, number=4, name="amsgrad_step", section=2)
def check_amsgrad_step(amsgrad_step, exercise) -> CheckResult:
    """``amsgrad_step(p, g, m, v, v_max, t, lr)`` (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) returns the
    new (p, m, v, v_max) of torch.optim.Adam(amsgrad=True): the maximum of the raw v, then the
    bias corrections; it changes none of its inputs."""
    cases = _amsgrad_cases()
    for inputs in cases:
        actual = _call(exercise, amsgrad_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        names = ("new_p", "new_m", "new_v", "new_v_max")
        failure = expect_tuple(exercise, inputs, actual, names)
        if failure is not None:
            return failure
        p, g, m, v, v_max, t, lr = inputs.values()
        expected = _amsgrad(p, g, m, v, v_max, t, lr)
        v_new = expected[2]
        max_hint = first_hint(actual[3], _finite_guesses([
            (np.maximum(v_max, v_new / (1 - BETA2**t)),
             "you stored the maximum of the bias-corrected v_hat; PyTorch's form stores the "
             "maximum of the raw v."),
            (np.maximum(v_max, v), "you took the maximum with the old v: update v first."),
            (np.maximum(v_max, g * g), "v_max is the largest average v so far, not the largest "
                                       "g**2."),
            (v_new, "v_max keeps the largest v so far: the maximum of the old v_max and the new "
                    "v."),
            (v_max, "you returned the old v_max: return the new maximum.")]),
            "new_v_max is not the running maximum of eq. (8.6): compare the stored maximum "
            "with the new v, elementwise.")
        v_hint = (_moment_hint("v", actual[2], v, g, t, BETA2, BETA1)
                  if not close(actual[2], expected[3]) or close(expected[3], v_new) else
                  "you returned v_max as new_v; v stays the plain moving average, and v_max is "
                  "kept beside it.")
        failure = _compare_step(
            exercise, inputs, _amsgrad_guesses(p, g, m, v, v_max, t, lr),
            "new_p does not match PyTorch's AMSGrad: check which maximum you divide by, its "
            "bias correction (eq. (8.7)) and eps's place.",
            [("new_p", expected[0], actual[0], None),
             ("new_m", expected[1], actual[1],
              _moment_hint("m", actual[1], m, g, t, BETA1, BETA2)),
             ("new_v", v_new, actual[2], v_hint),
             ("new_v_max", expected[3], actual[3], max_hint)])
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match torch.optim.Adam(amsgrad=True): the "
                       f"maximum of the raw v, then both bias corrections (rtol={RTOL:g}, "
                       f"atol={ATOL:g}).")
