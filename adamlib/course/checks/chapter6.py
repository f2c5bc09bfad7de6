"""The checks of chapter 6, Adam."""

from __future__ import annotations

import numpy as np

from ...optimizers import Adam
from ...train import minimize
from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, close,
                    compare_arrays, exercise, expect_tuple, first_hint, most_visible,
                    reference_adam)

__all__ = ["check_adam_step", "check_adam_path"]


def _adam(p, g, m, v, t, lr, beta1, beta2, eps, *, keep1=None, gain1=None, keep2=None,
          gain2=None, square=True, correction=lambda beta, t: 1 - beta**t,
          corrected=(True, True), denominator="outside",
          eps_hat=None, old=False, sign=-1, use_lr=True, sqrt=True, returns_hat=False):
    """One Adam step, (new_p, new_m, new_v), with one of the students' mistakes switched on by a
    keyword: the weights of each average (keep, gain), g for g² (square=False), another
    correction(beta, t) than 1 − βᵗ, a correction left out, ε inside the square root or left out
    (denominator "inside" or "none"), the efficient form with the given ε̂, the old averages in
    the step, the sign, lr, the square root, or the corrected averages returned."""
    new_m = (beta1 if keep1 is None else keep1) * m + (1 - beta1 if gain1 is None else gain1) * g
    new_v = ((beta2 if keep2 is None else keep2) * v
             + (1 - beta2 if gain2 is None else gain2) * (g * g if square else g))
    with np.errstate(all="ignore"):
        c1, c2 = correction(beta1, t), correction(beta2, t)
        use_m, use_v = (m, v) if old else (new_m, new_v)
        m_hat = use_m / c1 if corrected[0] else use_m
        v_hat = use_v / c2 if corrected[1] else use_v
        root = np.sqrt(v_hat) if sqrt else v_hat
        if eps_hat is not None:
            direction = np.sqrt(c2) / c1 * use_m / (np.sqrt(use_v) + eps_hat)
        elif denominator == "inside":
            direction = m_hat / np.sqrt(v_hat + eps)
        elif denominator == "none":
            direction = m_hat / root
        else:
            direction = m_hat / (root + eps)
        new_p = p + sign * (lr if use_lr else 1.0) * direction
    if returns_hat:
        return new_p, new_m / (1 - beta1**t), new_v / (1 - beta2**t)
    return new_p, new_m, new_v


def _step_mistakes(p, g, m, v, t, lr, beta1, beta2, eps):
    """The typical mistakes of one Adam step: (what it returns, the hint that names it)."""
    args = (p, g, m, v, t, lr, beta1, beta2, eps)
    return [
        (_adam(p, v, g, m, t, lr, beta1, beta2, eps),
         "your function reads its arguments in the order (p, m, v, g, ...): the order is "
         "(p, g, m, v, t, lr, beta1, beta2, eps), as in step(params, grads, state)."),
        (_adam(*args, corrected=(False, False)),
         "no bias correction: divide new_m and new_v by their corrections before the step."),
        (_adam(*args, corrected=(True, False)),
         "only m is corrected: correct new_v as well."),
        (_adam(*args, corrected=(False, True)),
         "only v is corrected: correct new_m as well."),
        (_adam(*args, denominator="inside"),
         "eps is inside the square root: add eps after taking the root of v_hat."),
        (_adam(*args, denominator="none"),
         "eps is missing: it is added to the root of v_hat, and it matters where v_hat is "
         "small."),
        (_adam(*args, eps_hat=eps),
         "this is the paper's efficient form, eq. (6.2), with eps_hat = eps: another optimizer. "
         "Its eps_hat must be eps * sqrt(1 - beta2**t) to match eq. (6.1)."),
        (_adam(*args, correction=lambda beta, t: beta**t),
         "you corrected with beta**t; the correction divides by 1 - beta**t (an average "
         "started at zero holds a fraction 1 - beta**t of the signal)."),
        (_adam(*args, correction=lambda beta, t: 1 - beta**(t + 1)),
         "t counts steps from 1: the first step has t = 1 and its correction is "
         "1 - beta**1. Use beta**t, not beta**(t + 1)."),
        (_adam(*args, correction=lambda beta, t: 1 - beta**(t - 1)),
         "t counts steps from 1 and is already the number of this step: use beta**t, "
         "not beta**(t - 1) (at t = 1 that divides by zero)."),
        (_adam(*args, old=True),
         "you used the old m and v: update both averages with g first, then correct "
         "and step with the new ones."),
        (_adam(*args, sign=1), "you stepped uphill: subtract the scaled step instead of adding it."),
        (_adam(*args, sqrt=False), "the square root is missing: divide by the root of v_hat."),
        (_adam(*args, use_lr=False), "the step ignores lr: multiply it by the learning rate."),
        (_adam(*args, returns_hat=True),
         "you returned the bias-corrected m and v; return the raw averages new_m and new_v and "
         "correct them only inside the step (the next step needs the raw averages)."),
        (_adam(*args, keep1=1 - beta1, gain1=beta1),
         "(1 - beta1) is on the wrong term of new_m: the old m keeps the weight beta1."),
        (_adam(*args, keep2=1 - beta2, gain2=beta2),
         "(1 - beta2) is on the wrong term of new_v: the old v keeps the weight beta2."),
        (_adam(*args, square=False), "square the gradient: v averages g**2, not g."),
        (_adam(p, g, m, v, t, lr, beta2, beta1, eps),
         "beta1 and beta2 are swapped: beta1 is m's decay, beta2 is v's."),
        (_adam(*args, gain1=1.0),
         "you added the whole gradient to m (Momentum's sum, chapter 2): Adam's m is the "
         "average, with the weight (1 - beta1) on g."),
        ((reference_adam(*args)[0], m, v),
         "you returned the old m and v: return the updated averages new_m and new_v."),
    ]


def _matches(actual, triple) -> bool:
    """Whether the answer returned the mistake's values; a value the mistake cannot compute (a
    square root of a negative v read from the wrong argument) is not compared."""
    return all(close(a, w) for a, w in zip(actual, triple) if np.all(np.isfinite(w)))


def _moment_hint(name, actual, old, g, beta):
    """A hint for a wrong new_m or new_v that matches no whole mistake."""
    g_term = g if name == "m" else g**2
    if close(actual, (1 - beta) * old + beta * g_term):
        return f"(1 - beta) is on the wrong term: the old {name} keeps the weight beta."
    if close(actual, old):
        return f"you returned the old {name}: return the updated average."
    if name == "v" and close(actual, beta * old + (1 - beta) * g):
        return "square the gradient: v averages g**2, not g."
    if name == "m" and close(actual, beta * old + (1 - beta) * g**2):
        return "m averages the gradient itself, not its square."
    which = "m_t, the average of g with decay beta1" if name == "m" else \
        "v_t, the average of g**2 with decay beta2"
    return f"new_{name} is {which}: check it against eq. (6.1)."


def _find_step_hint(inputs, actual) -> str | None:
    """The hint of the whole mistake (all three values) that the answer matches, if any."""
    with np.errstate(all="ignore"):
        mistakes = _step_mistakes(*inputs.values())
    return next((why for triple, why in mistakes if _matches(actual, triple)), None)


@exercise(chapter=6, number=1, name="adam_step")
def check_adam_step(adam_step, exercise) -> CheckResult:
    """``adam_step(p, g, m, v, t, lr, beta1, beta2, eps)`` returns (new_p, new_m, new_v) of the
    t-th Adam step, eq. (6.1) (t = 1 for the first step), without changing p, g, m or v: the
    raw averages new_m, new_v, and new_p as adamlib.Adam (and torch.optim.Adam) computes it.
    Any algebraic form of that step passes, among them the paper's efficient form with
    ε̂ = ε·√(1 − β₂ᵗ); with ε̂ = ε it is another optimizer and fails where √v̂ is near ε."""
    cases = [
        {"p": np.array([1.0, -2.0]), "g": np.array([0.4, -1.5]), "m": np.array([0.2, -0.5]),
         "v": np.array([0.05, 0.3]), "t": 3, "lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        {"p": np.array([0.5, -0.5, 2.0]), "g": np.array([0.02, -0.01, 3.0]), "m": np.zeros(3),
         "v": np.zeros(3), "t": 1, "lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 0.1},
        {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "g": np.array([[1.0, -2.0], [0.5, 0.0]]),
         "m": np.array([[0.1, -0.2], [0.0, 0.5]]), "v": np.array([[0.02, 0.1], [0.0, 0.4]]),
         "t": 10, "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        # gradients the size of eps, several steps in: where eps sits shows
        {"p": np.array([1.0, -1.0]), "g": np.array([2e-8, -1e-8]), "m": np.array([1e-8, -3e-8]),
         "v": np.array([4e-16, 2e-16]), "t": 4, "lr": 0.01, "beta1": 0.8, "beta2": 0.95,
         "eps": 1e-8},
        {"p": np.array([0.2, 0.4, -0.6]), "g": np.array([1e-3, -2e-3, 5e-4]),
         "m": np.array([5e-4, 1e-3, -1e-3]), "v": np.array([1e-6, 3e-6, 2e-6]), "t": 7,
         "lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3},
    ]
    for inputs in cases:
        actual = _call(exercise, adam_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_m", "new_v"))
        if failure is not None:
            return failure
        new_p, new_m, new_v = actual
        p, g, m, v, t, lr, beta1, beta2, eps = inputs.values()
        p_expected, m_expected, v_expected = reference_adam(p, g, m, v, t, lr, beta1, beta2, eps)
        named = _find_step_hint(inputs, actual)

        # The moments first: a wrong average explains a wrong step.
        for name, got, expected, old, beta, place in [
                ("m", new_m, m_expected, m, beta1, "second"),
                ("v", new_v, v_expected, v, beta2, "third")]:
            hint = named or _moment_hint(name, got, old, g, beta)
            failure = compare_arrays(exercise, inputs, expected, got,
                                     f"(new_{name}, the {place} value returned) {hint}")
            if failure is not None:
                return failure

        hint = named
        if hint is None:
            with np.errstate(all="ignore"):
                mistakes = [(triple[0], why) for triple, why in _step_mistakes(*inputs.values())
                            if np.all(np.isfinite(triple[0]))]
            hint = first_hint(new_p, mistakes,
                              "new_p is wrong while new_m and new_v are right: check the "
                              "last two lines of eq. (6.1), the corrections, the root, eps "
                              "and lr.")
        if (isinstance(new_p, np.ndarray) and new_p.dtype.kind in "fc"
                and not np.all(np.isfinite(new_p)) and t == 1):
            hint = ("your step is not finite at t = 1: t counts steps from 1, so the first "
                    "correction is 1 - beta**1; not beta**(t - 1), which divides by zero.")
        failure = compare_arrays(exercise, inputs, p_expected, new_p,
                                 "(new_p, the first value returned) " + hint)
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} cases match (rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  new_m = beta1*m + (1-beta1)*g,  new_v = beta2*v + (1-beta2)*g**2\n"
                       f"  new_p = p - lr*m_hat/(sqrt(v_hat) + eps),\n"
                       f"  m_hat = new_m/(1-beta1**t),  v_hat = new_v/(1-beta2**t)\n"
                       f"and p, g, m and v are left unchanged.")


class _Quadratic:
    """The gradient of ½·scale·Σ cᵢxᵢ², shown by its formula in a check's message."""

    def __init__(self, curvatures, scale=1.0):
        self.curvatures, self.scale = np.asarray(curvatures, dtype=float), scale

    def __call__(self, x):
        return self.scale * self.curvatures * x

    def __repr__(self):
        c = ", ".join(f"{c:g}" for c in self.curvatures)
        return f"grad_of(x -> {self.scale:g} * [{c}] * x)"


def _path(grad, x0, steps, lr, beta1, beta2, eps, *, t_of=lambda k: k, reset=False,
          feed_back=False, at_x0=False, **mistake):
    """Adam's path, x0 and the steps after it, one row each, with one of the students' mistakes
    switched on: the step number each step uses (t_of), averages reset at every step, the
    corrected averages carried to the next step, the gradient always taken at x0, or any
    mistake of a single step (the keywords of _adam)."""
    x, m, v, rows = x0, np.zeros_like(x0), np.zeros_like(x0), [x0]
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            if reset:
                m, v = np.zeros_like(x0), np.zeros_like(x0)
            t = t_of(k)
            x, m, v = _adam(x, grad(x0 if at_x0 else x), m, v, t, lr, beta1, beta2, eps,
                            returns_hat=feed_back, **mistake)
            rows.append(x)
    return np.array(rows)


def _path_mistakes(grad, x0, steps, lr, beta1, beta2, eps):
    """The typical mistakes of a run of Adam: (the path it returns, the hint that names it)."""
    args = (grad, x0, steps, lr, beta1, beta2, eps)
    return [
        (_path(*args, t_of=lambda k: 1),
         "t stays 1: the step number grows by one at every step, and each correction uses it."),
        (_path(*args, t_of=lambda k: k + 1),
         "t is one ahead: the first step has t = 1, so its correction is 1 - beta**1."),
        (_path(*args, reset=True),
         "m and v start at zero once, before the first step: you reset them at every step."),
        (_path(*args, feed_back=True),
         "you carried the corrected averages to the next step: carry the raw m and v, and "
         "correct them anew at every step."),
        (_path(*args, eps_hat=eps),
         "this is the paper's efficient form, eq. (6.2), with eps_hat = eps: another optimizer "
         "where the gradients are near eps. Use eps_hat = eps * sqrt(1 - beta2**t)."),
        (_path(*args, corrected=(False, False)),
         "no bias correction: divide m and v by their corrections at every step."),
        (_path(*args, at_x0=True),
         "you took every gradient at x0: take it at the current point."),
        (_path(*args, denominator="inside"),
         "eps is inside the square root: add it after taking the root of v_hat."),
        (_path(*args, sign=1), "you stepped uphill: subtract the step instead of adding it."),
        (_path(*args, use_lr=False), "the steps ignore lr: multiply each by the learning rate."),
        (_path(grad, x0, steps, lr, beta2, beta1, eps),
         "beta1 and beta2 are swapped: beta1 is m's decay, beta2 is v's."),
    ]


@exercise(chapter=6, number=4, name="adam_path")
def check_adam_path(adam_path, exercise) -> CheckResult:
    """``adam_path(grad, x0, steps, lr, beta1, beta2, eps)`` returns Adam's path from x0, eq.
    (6.1) with m_0 = v_0 = 0 and t = 1 at the first step: an array of shape
    ``(steps + 1, *x0.shape)`` whose row 0 is x0 and row t the parameters after step t, as
    adamlib.minimize(grad, x0, adamlib.Adam(...), steps) returns it, without changing x0. Any
    algebraic form of eq. (6.1) passes (the efficient form with ε̂ = ε·√(1 − β₂ᵗ) too)."""
    cases = [
        {"grad": _Quadratic([1.0, 20.0]), "x0": np.array([1.0, -0.5]), "steps": 5, "lr": 0.1,
         "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        # gradients the size of eps: where eps sits shows
        {"grad": _Quadratic([1.0, 3.0], scale=1e-8), "x0": np.array([2.0, -1.0]), "steps": 5,
         "lr": 0.05, "beta1": 0.8, "beta2": 0.95, "eps": 1e-8},
        {"grad": _Quadratic([0.5, 2.0, 5.0], scale=1e-3), "x0": np.array([1.0, 1.0, -1.0]),
         "steps": 4, "lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 1e-3},
    ]
    failures = []
    for inputs in cases:
        actual = _call(exercise, adam_path, inputs)
        if isinstance(actual, CheckResult):
            return actual
        grad, x0, steps, lr, beta1, beta2, eps = inputs.values()
        expected = minimize(grad, x0, Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps), steps)
        where = f"Called with {_describe(inputs)}"
        if isinstance(actual, np.ndarray) and actual.shape in {(steps,) + x0.shape, x0.shape}:
            what = ("the last point only" if actual.shape == x0.shape
                    else "one row per step, without x0")
            return CheckResult(exercise, FAILED,
                               f"{where}, your function returned shape {actual.shape} "
                               f"({what}); expected shape {expected.shape}.\nHint: return "
                               f"the whole path: x0 in row 0, then one row per step.")
        hint = "find the first row that differs: check that step of eq. (6.1) and its t."
        if isinstance(actual, np.ndarray) and actual.shape == expected.shape:
            if (actual.dtype.kind in "fc" and not np.all(np.isfinite(actual[1]))):
                hint = ("the first step is not finite: t counts steps from 1, so the first "
                        "correction is 1 - beta**1; with t = 0 it divides by zero.")
            else:
                hint = first_hint(actual, _path_mistakes(*inputs.values()), hint)
        failure = compare_arrays(exercise, inputs, expected, actual, hint)
        if failure is not None:
            failures.append(failure)
    if failures:
        return most_visible(failures)
    return CheckResult(exercise, PASSED,
                       f"All {len(cases)} paths match adamlib.minimize with adamlib.Adam "
                       f"(rtol={RTOL:g}, atol={ATOL:g}): m and v start at zero, t counts "
                       f"from 1, and x0 is left unchanged.")
