"""The checks of chapter 3, Per-parameter learning rates: AdaGrad and RMSprop."""

from __future__ import annotations

import numpy as np

from ._core import (ATOL, FAILED, PASSED, RTOL, CheckResult, _call, _describe, _show, close,
                    compare_arrays, exercise, expect_tuple, first_hint, mismatch)
from ...optimizers import AdaGrad
from ...train import minimize

__all__ = ["check_rmsprop_step", "check_adagrad_path"]


#: The inputs the check calls the student's function with, in order.
RMSPROP_STEP_CASES = [
    {"p": np.array([1.0, -2.0]), "v": np.array([0.5, 0.01]), "g": np.array([0.3, -4.0]),
     "lr": 0.1, "alpha": 0.9, "eps": 1e-8},
    {"p": np.array([0.2, -0.4]), "v": np.array([1e-16, 4e-16]), "g": np.array([1e-8, -3e-8]),
     "lr": 0.01, "alpha": 0.8, "eps": 1e-8},
    {"p": np.array([0.5, -0.5]), "v": np.array([0.04, 0.0]), "g": np.array([0.2, -0.1]),
     "lr": 0.001, "alpha": 0.5, "eps": 0.1},
    {"p": np.array([[0.3, 0.0], [-1.0, 2.5]]), "v": np.array([[1.0, 0.2], [0.0, 4.0]]),
     "g": np.array([[1.0, -2.0], [0.5, 3.0]]), "lr": 0.01, "alpha": 0.99, "eps": 1e-8},
]


@exercise(chapter=3, number=1, name="rmsprop_step")
def check_rmsprop_step(rmsprop_step, exercise) -> CheckResult:
    """``rmsprop_step(p, v, g, lr, alpha, eps)`` returns the pair (new_p, new_v) of one RMSprop
    step: new_v = α·v + (1 − α)·g², new_p = p − lr·g / (√new_v + ε), without changing p or v.

    ε is added outside the square root only: ε inside it (Dive into Deep Learning's form) fails.
    The cases make every typical mistake visible far above the tolerance: ε = 0.1 against
    gradients of 0.1, gradients of 1e-8 against ε = 1e-8, α far from 1/2, nonzero averages.
    """
    for inputs in RMSPROP_STEP_CASES:
        actual = _call(exercise, rmsprop_step, inputs)
        if isinstance(actual, CheckResult):
            return actual
        p, v, g = inputs["p"], inputs["v"], inputs["g"]
        lr, alpha, eps = inputs["lr"], inputs["alpha"], inputs["eps"]
        failure = expect_tuple(exercise, inputs, actual, ("new_p", "new_v"))
        if failure is not None:
            return failure
        new_p, new_v = actual
        v_expected = alpha * v + (1 - alpha) * g**2
        p_expected = p - lr * g / (np.sqrt(v_expected) + eps)
        if close(new_p, v_expected) and close(new_v, p_expected):
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function returned the "
                               f"right arrays in the order (new_v, new_p).\nHint: return them "
                               f"in the order (new_p, new_v).")

        # The second moment first: a wrong new_v explains a wrong new_p.
        hint = ("new_v is not the moving average of the squared gradients: compare with the "
                "first line of RMSprop's rule in the section 'RMSprop: an average that forgets'.")
        with np.errstate(all="ignore"):
            mistakes = [
                ((1 - alpha) * v + alpha * g**2,
                 "(1 - alpha) is on the wrong term: the old average v keeps the weight alpha, "
                 "the new g² gets (1 - alpha)."),
                (v, "you returned the old v: return the updated average."),
                (alpha * v + (1 - alpha) * g,
                 "square the gradient: the average is of g**2, not of g."),
                (alpha * v + g**2,
                 "the new g² is weighted by (1 - alpha), so that v stays an average."),
                (v + g**2,
                 "that is AdaGrad's sum of the squares; RMSprop keeps a moving average, which "
                 "forgets old gradients with the factor alpha."),
                (alpha * g + (1 - alpha) * v**2,
                 "you used v as the gradient and g as the average: the arguments come in the "
                 "order (p, v, g, lr, alpha, eps)."),
            ]
        failure = compare_arrays(exercise, inputs, v_expected, new_v,
                                 first_hint(new_v, mistakes, hint), name="new_v")
        if failure is not None:
            return failure

        hint = ("new_p is not RMSprop's step from the new average: compare with the second line "
                "of RMSprop's rule (where eps goes, which v, which sign).")
        with np.errstate(divide="ignore", invalid="ignore"):
            mistakes = [
                (p - lr * g / (v_expected + eps),
                 "the square root is missing: divide by np.sqrt(new_v) + eps, not by new_v + eps."),
                (p - lr * g / np.sqrt(v_expected + eps),
                 "eps is inside the square root: add it to np.sqrt(new_v)."),
                (p - lr * g / np.sqrt(v_expected),
                 "eps is missing: it keeps the step finite where the average is tiny, and it "
                 "changes the step wherever sqrt(new_v) is not far above eps."),
                (p - lr * g / (np.sqrt(v) + eps),
                 "you divided by the old v: update v first, then divide by the root of the new "
                 "average."),
                (p + lr * g / (np.sqrt(v_expected) + eps),
                 "you stepped uphill: subtract the scaled gradient instead of adding it."),
                (p - g / (np.sqrt(v_expected) + eps),
                 "the step ignores lr: multiply the scaled gradient by the learning rate."),
            ]
        failure = compare_arrays(exercise, inputs, p_expected, new_p,
                                 first_hint(new_p, mistakes, hint), name="new_p")
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(RMSPROP_STEP_CASES)} cases match "
                       f"(rtol={RTOL:g}, atol={ATOL:g}):\n"
                       f"  new_v = alpha*v + (1-alpha)*g**2\n"
                       f"  new_p = p - lr*g/(sqrt(new_v) + eps)\n"
                       f"and p and v are left unchanged.")


class _Gradient:
    """The gradient of ½·Σ curvature·(x − centre)², shown in a message as its formula."""

    def __init__(self, curvature, centre):
        self.curvature, self.centre = np.asarray(curvature, float), np.asarray(centre, float)

    def __call__(self, x):
        return self.curvature * (np.asarray(x, dtype=float) - self.centre)

    def __repr__(self):
        curvature, centre = (np.array2string(a, separator=", ")
                             for a in (self.curvature, self.centre))
        return f"grad(x) = {curvature} * (x - {centre})"


def _adagrad_mistakes(grad, x0, lr, eps, steps):
    """(path, hint) of the typical mistakes of adagrad_path, each run on the same inputs."""

    def run(step, add=lambda s, g: s + g * g, at_start=False):
        x, s, path = x0.copy(), np.zeros_like(x0), [x0.copy()]
        with np.errstate(all="ignore"):
            for t in range(1, steps + 1):
                g = grad(x0 if at_start else x)
                old_s, s = s, add(s, g)
                x = x - step(g, s, old_s, t)
                path.append(x)
        return np.array(path)

    return [
        (run(lambda g, s, old, t: lr * g / (np.sqrt(s / t) + eps)),
         "you averaged the squares (RMSprop's way, or divided the sum by t): AdaGrad divides by "
         "the root of their sum, so its steps keep shrinking."),
        (run(lambda g, s, old, t: lr * g / (s + eps)),
         "the square root is missing: divide by the root of the sum, plus eps."),
        (run(lambda g, s, old, t: lr * g / np.sqrt(s + eps)),
         "eps is inside the square root: add it to the root of the sum."),
        (run(lambda g, s, old, t: lr * g / np.sqrt(s)),
         "eps is missing: it changes the step wherever the root of the sum is not far above "
         "eps (here the gradients are about 1e-8)."),
        (run(lambda g, s, old, t: lr * g / (np.sqrt(old) + eps)),
         "you divided by the sum before adding the new g**2: add it first, then step."),
        (run(lambda g, s, old, t: lr * g / (np.sqrt(s) + eps), add=lambda s, g: g * g),
         "the sum starts again at every step: keep s from one step to the next (then every "
         "step is lr times the sign of g)."),
        (run(lambda g, s, old, t: lr * g / (np.sqrt(s) + eps), add=lambda s, g: s + np.abs(g)),
         "add the squared gradient g**2 to the sum, not |g|."),
        (run(lambda g, s, old, t: -lr * g / (np.sqrt(s) + eps)),
         "you stepped uphill: subtract the scaled gradient instead of adding it."),
        (run(lambda g, s, old, t: g / (np.sqrt(s) + eps)),
         "the step ignores lr: multiply the scaled gradient by the learning rate."),
        (run(lambda g, s, old, t: lr * g / (np.sqrt(s) + eps), at_start=True),
         "you evaluated the gradient at x0 at every step: call grad at the current point."),
    ]


#: The inputs the check calls the student's function with, in order.
ADAGRAD_PATH_CASES = [
    {"grad": _Gradient([1.0, 20.0], [0.0, 0.0]), "x0": np.array([3.0, 1.0]), "lr": 0.5,
     "eps": 1e-8, "steps": 5},
    {"grad": _Gradient([1.0, 3.0], [0.0, 0.0]), "x0": np.array([2e-8, -1e-8]), "lr": 1e-8,
     "eps": 1e-8, "steps": 4},
    {"grad": _Gradient([0.1, 2.0, 0.5], [1.0, -1.0, 0.0]), "x0": np.array([1.1, -0.99, 0.02]),
     "lr": 0.01, "eps": 1e-3, "steps": 6},
]


@exercise(chapter=3, number=4, name="adagrad_path")
def check_adagrad_path(adagrad_path, exercise) -> CheckResult:
    """``adagrad_path(grad, x0, lr, eps, steps)`` runs ``steps`` AdaGrad steps from x0 and s_0 = 0
    and returns the path, an array of shape ``(steps + 1, *x0.shape)``: row 0 is x0, row t the
    parameters after step t (s ← s + g², x ← x − lr·g / (√s + ε), with g = grad(x)).

    The expected path is ``adamlib.minimize`` with ``adamlib.AdaGrad``. The cases make every
    typical mistake visible: gradients of 1e-8 against ε = 1e-8, ε = 1e-3 against gradients of
    0.01, curvatures that differ by 20, and several steps.
    """
    for inputs in ADAGRAD_PATH_CASES:
        actual = _call(exercise, adagrad_path, inputs)
        if isinstance(actual, CheckResult):
            return actual
        grad, x0, lr, eps, steps = (inputs[k] for k in ("grad", "x0", "lr", "eps", "steps"))
        expected = minimize(grad, x0, AdaGrad(lr=lr, eps=eps), steps)
        where = f"Called with {_describe(inputs)}"
        if close(actual, expected):
            continue
        shape = np.shape(actual) if isinstance(actual, np.ndarray) else None
        if shape == (steps,) + x0.shape and close(actual, expected[1:]):
            return CheckResult(exercise, FAILED,
                               f"{where}, your function returned shape {shape}; expected shape "
                               f"{expected.shape}.\nHint: row 0 of the path is x0 itself; "
                               f"then one row per step.")
        if isinstance(actual, np.ndarray) and actual.shape == expected.shape:
            with np.errstate(all="ignore"):
                differs = ~np.isclose(actual, expected, rtol=RTOL, atol=ATOL)
            row = int(np.flatnonzero(differs.reshape(len(expected), -1).any(axis=1))[0])
            hint = (f"row {row} (the parameters after step {row}) is the first that differs: "
                    f"compare that step with AdaGrad's rule in the section 'The idea: divide "
                    f"by the size of past gradients'.")
            if row == 0:
                hint = "row 0 of the path is x0 itself, unchanged."
            hint = first_hint(actual, _adagrad_mistakes(grad, x0, lr, eps, steps), hint)
            if actual.dtype.kind in "biufc":
                return mismatch(exercise, where, _show(expected), _show(actual), hint)
        failure = compare_arrays(exercise, inputs, expected, actual, "")
        if failure is not None:
            return failure
    return CheckResult(exercise, PASSED,
                       f"All {len(ADAGRAD_PATH_CASES)} cases match adamlib.AdaGrad (rtol={RTOL:g}, "
                       f"atol={ATOL:g}):\n"
                       f"  s = s + g**2,  x = x - lr*g/(sqrt(s) + eps),\n"
                       f"from s = 0, and x0 is left unchanged.")
